// Limits on hostile or runaway input, each failing with a clear error instead of taking the
// process (or the browser tab) down: line length, body size, series per bucket.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/api/router.h"
#include "core/lineprotocol/parser.h"
#include "core/storage/engine.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using tidewater::testing::TestDir;

namespace {

model::Point point(std::string host, int64_t t) {
  return model::Point{"cpu", {{"host", std::move(host)}}, {model::Field{"v", 1.0}}, t};
}

// A database behind the router with the given options, set up (org o, bucket b).
struct LimitedApi {
  TestDir dir;
  std::unique_ptr<api::Database> db;
  std::unique_ptr<api::Router> router;
  std::string token;
  explicit LimitedApi(const api::DatabaseOptions& options) {
    auto d = api::Database::open(dir.path(), options);
    REQUIRE(d.ok());
    db = std::move(*d);
    router = std::make_unique<api::Router>(*db);
    api::Request setup = api::Request::from_target("POST", "/api/v2/setup");
    setup.body = R"({"username":"ada","password":"lovelace-1815","org":"o","bucket":"b"})";
    const api::Response r = router->handle(setup);
    REQUIRE(r.status == 201);
    token = nlohmann::json::parse(r.body)["auth"]["token"];
  }
  api::Response write(std::string body) {
    api::Request req = api::Request::from_target("POST", "/api/v2/write?org=o&bucket=b&precision=s");
    req.set_header("Authorization", "Token " + token);
    req.body = std::move(body);
    return router->handle(req);
  }
};

std::string message_of(const api::Response& r) { return nlohmann::json::parse(r.body).value("message", ""); }

}  // namespace

TEST_CASE("line length: a line over the limit fails the batch with a short error naming the limit") {
  const std::string big(lineprotocol::kDefaultMaxLineBytes, 'x');
  // A line exactly at the limit still parses (a long string field).
  const std::string at_limit = "m s=\"" + big.substr(0, lineprotocol::kDefaultMaxLineBytes - 8) + "\" 1";
  REQUIRE(at_limit.size() == lineprotocol::kDefaultMaxLineBytes);
  CHECK(lineprotocol::parse(at_limit, model::Precision::kSeconds, 0).ok());

  const std::string over = "m ok=1 1\nm s=\"" + big + "\" 2\n";
  auto r = lineprotocol::parse(over, model::Precision::kSeconds, 0);
  REQUIRE_FALSE(r.ok());
  const std::string& msg = r.status().message();
  CHECK(msg.find("line too long: " + std::to_string(lineprotocol::kDefaultMaxLineBytes + 8) + " bytes, the limit is " +
                 std::to_string(lineprotocol::kDefaultMaxLineBytes)) != std::string::npos);
  CHECK(msg.rfind("unable to parse 'm s=\"xxx", 0) == 0);
  CHECK(msg.size() < 200);  // the error does not echo a megabyte back

  // The limit is an option: a small one for a tight host, 0 for none.
  lineprotocol::ParseOptions options;
  options.max_line_bytes = 16;
  std::vector<model::Point> points;
  lineprotocol::ParseError err;
  CHECK_FALSE(lineprotocol::parse_batch("m v=1 1\nm,host=a-long-name v=1 2\n", options, &points, &err));
  CHECK(err.line == 2);
  CHECK(err.message.find("line too long: 24 bytes, the limit is 16") != std::string::npos);
  options.max_line_bytes = 0;
  CHECK(lineprotocol::parse_batch(over, options, &points, &err));
}

TEST_CASE("line length and body size through /api/v2/write: 400 and 413 with InfluxDB's error shape") {
  api::DatabaseOptions options;
  options.max_write_bytes = 2 << 20;
  LimitedApi api(options);
  api::Response r = api.write("m s=\"" + std::string(lineprotocol::kDefaultMaxLineBytes, 'y') + "\" 1");
  CHECK(r.status == 400);
  CHECK(nlohmann::json::parse(r.body)["code"] == "invalid");
  CHECK(message_of(r).find("line too long") != std::string::npos);

  r = api.write(std::string((2 << 20) + 1, 'z'));
  CHECK(r.status == 413);
  CHECK(message_of(r).find("the limit is 2097152 bytes") != std::string::npos);

  CHECK(api.write("m v=1 1").status == 204);  // and the database goes on
}

TEST_CASE("series per bucket: new series past the limit are dropped, known series keep writing, across flush and reopen") {
  TestDir dir;
  storage::EngineOptions options;
  options.max_series_per_bucket = 3;
  {
    auto e = storage::Engine::open(dir.path(), options);
    REQUIRE(e.ok());
    auto w = (*e)->write("b", {point("a", 1), point("b", 1), point("a", 2)});
    REQUIRE(w.ok());
    CHECK(w->points_written == 3);
    CHECK(w->points_dropped == 0);
    // Third series admitted, fourth and fifth refused, every point of them dropped.
    w = (*e)->write("b", {point("c", 1), point("d", 1), point("e", 1), point("d", 2), point("a", 3)});
    REQUIRE(w.ok());
    CHECK(w->points_written == 2);
    CHECK(w->points_dropped == 3);
    CHECK(w->first_conflict == "max-series-per-database limit exceeded: (3)");
    CHECK((*e)->series_count("b") == 3);
    // Other buckets have their own count.
    CHECK((*e)->write("other", {point("d", 1)})->points_written == 1);
    REQUIRE((*e)->flush().ok());
    // Series now live in segment files only: still known, still the only ones admitted.
    w = (*e)->write("b", {point("b", 10), point("c", 10), point("z", 10)});
    CHECK(w->points_written == 2);
    CHECK(w->points_dropped == 1);
  }
  auto e = storage::Engine::open(dir.path(), options);
  REQUIRE(e.ok());
  auto w = (*e)->write("b", {point("a", 20), point("y", 20)});
  CHECK(w->points_written == 1);
  CHECK(w->points_dropped == 1);
  CHECK((*e)->series_count("b") == 3);
  // No limit: anything goes.
  options.max_series_per_bucket = 0;
  e = storage::Engine::open(dir.path() + "/unlimited", options);
  std::vector<model::Point> many;
  for (int i = 0; i < 100; ++i) many.push_back(point("h" + std::to_string(i), 1));
  CHECK((*e)->write("b", many)->points_written == 100);
}

TEST_CASE("series per bucket through the API: 422 partial write in InfluxDB's words") {
  api::DatabaseOptions options;
  options.engine.max_series_per_bucket = 2;
  LimitedApi api(options);
  CHECK(api.write("cpu,host=a v=1 1\ncpu,host=b v=1 1").status == 204);
  const api::Response r = api.write("cpu,host=a v=2 2\ncpu,host=c v=1 2");
  CHECK(r.status == 422);
  CHECK(message_of(r) == "partial write: max-series-per-database limit exceeded: (2) dropped=1");
}

TEST_CASE("query interrupt: InfluxQL on /query stops with 503 \"query canceled\"; the same query answers afterwards") {
  // The interrupt answers true from its n-th poll on; n counts the polls a full run makes.
  int polls = 0, stop_at = -1;
  api::DatabaseOptions options;
  options.query_interrupted = [&] { return stop_at >= 0 && ++polls >= stop_at; };
  LimitedApi api(options);
  std::string lines;
  for (int h = 0; h < 50; ++h) {
    for (int t = 0; t < 100; ++t) lines += "cpu,host=h" + std::to_string(h) + " v=" + std::to_string(t) + " " + std::to_string(1000 + t) + "\n";
  }
  REQUIRE(api.write(lines).status == 204);
  auto query = [&] {
    api::Request req = api::Request::from_target("GET", "/query?db=b&q=SELECT%20mean(v)%20FROM%20cpu%20GROUP%20BY%20host");
    req.set_header("Authorization", "Token " + api.token);
    return api.router->handle(req);
  };
  const api::Response full = query();
  REQUIRE(full.status == 200);
  CHECK(nlohmann::json::parse(full.body)["results"][0]["series"].size() == 50);

  stop_at = 10;  // polled per statement, per scan and per group: the 10th poll is mid-way
  const api::Response stopped = query();
  CHECK(stopped.status == 503);
  CHECK(nlohmann::json::parse(stopped.body) == nlohmann::json{{"error", "query canceled"}});
  CHECK(polls == 10);

  stop_at = -1;
  CHECK(query().body == full.body);
}
