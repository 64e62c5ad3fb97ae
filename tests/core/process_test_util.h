// Helpers for the process_*_test.cpp files: times, the tutorial's home.lp, Flux as the operator.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "core/model/format.h"
#include "tests/core/api_fixture.h"

namespace tidewater::testing {

inline int64_t at(const char* rfc3339) {
  int64_t t = 0;
  REQUIRE(model::parse_rfc3339(rfc3339, &t));
  return t;
}

// Writes ../shared/tutorial/home.lp into bucket b (second precision).
inline void write_home(ApiFixture& f) {
  std::ifstream in(std::string(TW_SHARED_DIR) + "/tutorial/home.lp");
  std::stringstream ss;
  ss << in.rdbuf();
  REQUIRE(!ss.str().empty());
  REQUIRE(f.call("POST", "/api/v2/write?org=o&bucket=b&precision=s", ss.str()).status == 204);
}

inline std::string query_csv(ApiFixture& f, const std::string& flux) {
  auto r = f.call_as(f.token, "POST", "/api/v2/query?org=o", json{{"query", flux}}.dump(), {{"Content-Type", "application/json"}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.body;
}

}  // namespace tidewater::testing
