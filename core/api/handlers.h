// One handler per resource group; router.cpp maps methods and paths to them.
#pragma once

#include "core/api/database.h"
#include "core/api/http.h"

namespace tidewater::api {

Response handle_setup(Database& db, const Request& req);   // GET, POST /api/v2/setup
Response handle_write(Database& db, const Request& req);   // POST /api/v2/write
Response handle_query(Database& db, const Request& req);   // POST /api/v2/query
Response handle_health(Database& db, const Request& req);  // GET /health
Response handle_ping(Database& db, const Request& req);    // GET, HEAD /ping

// The version we answer to, in InfluxDB's X-Influxdb-Version header and /health.
inline constexpr const char* kInfluxVersion = "v2.7.12";

}  // namespace tidewater::api
