// HTTP requests and responses as plain values: the API is a pure function from one to the other,
// so every surface (worker, Service Worker, Node server, tests) calls the same router.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/status.h"

namespace tidewater::api {

struct Request {
  std::string method;  // upper case
  std::string path;    // decoded, without the query string
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  // Builds a request from a target such as "/api/v2/write?org=a&bucket=b".
  static Request from_target(std::string method, std::string_view target);

  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> header(std::string_view lower_name) const;
  void set_header(std::string name, std::string value);
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(int status, std::string body);
  static Response no_content();
  // InfluxDB's error shape: {"code": "...", "message": "..."} with the code's status.
  static Response error(const Status& status);
  static Response error(ErrorCode code, std::string message) { return error(Status(code, std::move(message))); }
};

std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace tidewater::api
