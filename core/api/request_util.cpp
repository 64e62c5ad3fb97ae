#include "core/api/request_util.h"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace tidewater::api {

using nlohmann::json;

Result<json> json_object_body(const Request& req) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: invalid JSON");
  if (!body.is_object()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: the body must be a JSON object");
  return body;
}

Result<std::optional<std::string>> optional_string(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return Status(ErrorCode::kInvalid, std::string("failed to unmarshal json: ") + key + " must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<bool>> optional_bool(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return Status(ErrorCode::kInvalid, std::string("failed to unmarshal json: ") + key + " must be a boolean");
  return std::optional<bool>(it->get<bool>());
}

Status check_active_status(const std::optional<std::string>& status, const char* what) {
  if (status && *status != "active" && *status != "inactive")
    return Status(ErrorCode::kInvalid, std::string("invalid ") + what + " status \"" + *status + "\"; must be active or inactive");
  return Status::Ok();
}

Status check_id(std::string_view id) {
  if (id.size() != 16) return Status(ErrorCode::kInvalid, "id must have a length of 16 bytes");
  bool all_zero = true;
  for (char c : id) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return Status(ErrorCode::kInvalid, "invalid ID");
    all_zero &= c == '0';
  }
  if (all_zero) return Status(ErrorCode::kInvalid, "invalid ID");
  return Status::Ok();
}

namespace {
bool parse_int(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

Result<Page> parse_page(const Request& req) {
  Page page;
  if (auto v = req.query_param("offset"); v && !v->empty()) {
    if (!parse_int(*v, &page.offset) || page.offset < 0) return Status(ErrorCode::kInvalid, "offset is invalid");
  }
  if (auto v = req.query_param("after"); v && !v->empty()) {
    if (Status s = check_id(*v); !s.ok()) return Status(ErrorCode::kInvalid, "decoding after: " + s.message());
    page.after = std::string(*v);
  }
  if (auto v = req.query_param("limit"); v && !v->empty()) {
    if (!parse_int(*v, &page.limit)) return Status(ErrorCode::kInvalid, "limit is invalid");
    if (page.limit < 1 || page.limit > 100) return Status(ErrorCode::kInvalid, "limit must be between 1 and 100");
  }
  if (auto v = req.query_param("descending"); v && !v->empty()) {
    if (*v == "true" || *v == "1" || *v == "t" || *v == "TRUE" || *v == "True" || *v == "T") page.descending = true;
    else if (*v == "false" || *v == "0" || *v == "f" || *v == "FALSE" || *v == "False" || *v == "F") page.descending = false;
    else return Status(ErrorCode::kInvalid, "descending is invalid");
  }
  return page;
}

std::string query_escape(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

json paging_links(std::string_view prefix, const Page& page, const std::vector<std::pair<std::string, std::string>>& filter,
                  size_t count) {
  std::vector<std::pair<std::string, std::string>> params = filter;
  params.emplace_back("descending", page.descending ? "true" : "false");
  params.emplace_back("limit", std::to_string(page.limit));
  if (!page.after.empty()) params.emplace_back("after", page.after);
  auto url = [&](int offset) {
    auto all = params;
    all.emplace_back("offset", std::to_string(offset));
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out(prefix);
    char sep = '?';
    for (const auto& [k, v] : all) {
      if (v.empty()) continue;
      out += sep + query_escape(k) + "=" + query_escape(v);
      sep = '&';
    }
    return out;
  };
  json links = {{"self", url(page.offset)}};
  if (count >= static_cast<size_t>(page.limit)) links["next"] = url(page.offset + page.limit);
  if (page.offset > 0) links["prev"] = url(std::max(0, page.offset - page.limit));
  return links;
}

namespace {
std::optional<std::string> base64_decode(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else if (c == '=') break;
    else return std::nullopt;
    acc = acc << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}
}  // namespace

std::optional<std::pair<std::string, std::string>> basic_credentials(const Request& req) {
  auto h = req.header("authorization");
  if (!h || h->size() < 6 || h->substr(0, 6) != "Basic ") return std::nullopt;
  auto decoded = base64_decode(h->substr(6));
  if (!decoded) return std::nullopt;
  const size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::make_pair(decoded->substr(0, colon), decoded->substr(colon + 1));
}

std::optional<std::string> cookie_value(const Request& req, std::string_view name) {
  auto h = req.header("cookie");
  if (!h) return std::nullopt;
  std::string_view rest = *h;
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

int64_t now_unix_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace tidewater::api
