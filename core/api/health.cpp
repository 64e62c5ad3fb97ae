// /health, /ready and /ping: liveness as InfluxDB answers it (clients check the version header).
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/model/format.h"

namespace tidewater::api {

namespace {

// When this process started answering, for /ready's "started" and "up".
const int64_t kStartedNs = now_unix_ns();

// Go's time.Duration String(): "1h2m3.5s", "250ms", "0s" for the sub-second cases too.
std::string go_duration(int64_t ns) {
  if (ns <= 0) return "0s";
  std::string out;
  const int64_t h = ns / 3'600'000'000'000, m = ns / 60'000'000'000 % 60;
  if (h) out += std::to_string(h) + "h";
  if (h || m) out += std::to_string(m) + "m";
  const int64_t s = ns / 1'000'000'000 % 60, frac = ns % 1'000'000'000;
  out += std::to_string(s);
  if (frac) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 9 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out + "s";
}

}  // namespace

Response handle_ready(Call&) {
  nlohmann::json j = {{"status", "ready"}, {"started", model::format_rfc3339(kStartedNs)},
                      {"up", go_duration(now_unix_ns() - kStartedNs)}};
  return Response::json(200, j.dump());
}

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
