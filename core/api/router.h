// The InfluxDB HTTP API as one function: every surface hands requests to Router::handle.
#pragma once

#include "core/api/database.h"
#include "core/api/http.h"

namespace tidewater::api {

class Router {
 public:
  explicit Router(Database& db) : db_(db) {}
  // Never throws: every failure, expected or not, becomes an InfluxDB-shaped error response.
  Response handle(const Request& req) noexcept;

 private:
  Response dispatch(const Request& req);
  Database& db_;
};

}  // namespace tidewater::api
