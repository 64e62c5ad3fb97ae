#include "core/api/http.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tidewater::api {

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) << 4 | hex(s[i + 2])));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

Request Request::from_target(std::string method, std::string_view target) {
  Request r;
  std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
  r.method = std::move(method);
  const size_t q = target.find('?');
  r.path = percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) {
    std::string_view qs = target.substr(q + 1);
    while (!qs.empty()) {
      const size_t amp = qs.find('&');
      const std::string_view part = qs.substr(0, amp);
      if (!part.empty()) {
        const size_t eq = part.find('=');
        r.query.emplace_back(percent_decode(part.substr(0, eq), true),
                             eq == std::string_view::npos ? "" : percent_decode(part.substr(eq + 1), true));
      }
      if (amp == std::string_view::npos) break;
      qs.remove_prefix(amp + 1);
    }
  }
  return r;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return std::string_view(v);
  return std::nullopt;
}

void Request::set_header(std::string name, std::string value) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  headers.emplace_back(std::move(name), std::move(value));
}

Response Response::json(int status, std::string body) {
  Response r;
  r.status = status;
  r.headers.emplace_back("content-type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::error(const Status& status) {
  nlohmann::json j = {{"code", std::string(error_code_name(status.code()))}, {"message", status.message()}};
  return json(error_code_http_status(status.code()), j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace tidewater::api
