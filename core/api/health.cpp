// /health and /ping: liveness as InfluxDB answers it (clients check the version header).
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"

namespace tidewater::api {

Response handle_health(Call&) {
  nlohmann::json j = {{"name", "influxdb"}, {"message", "ready for queries and writes"}, {"status", "pass"},
                      {"checks", nlohmann::json::array()}, {"version", kInfluxVersion}, {"commit", "tidewater"}};
  return Response::json(200, j.dump());
}

Response handle_ping(Call&) {
  Response r = Response::no_content();
  r.headers.emplace_back("x-influxdb-build", "OSS");
  return r;
}

}  // namespace tidewater::api
