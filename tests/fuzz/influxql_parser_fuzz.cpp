// libFuzzer target for the InfluxQL lexer and parser (core/query/influxql). Built by CMake
// with -DTW_SANITIZE=ON and clang; run with scripts/fuzz.sh. Seeds: scripts/fuzz.sh writes a
// few Grafana/Chronograf-shaped queries.
//
// Any text must parse to statements or to InfluxDB's error text, with or without bind
// parameters, never crash, overflow the stack or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/query/influxql/parser.h"

using namespace tidewater::influxql;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto statements = parse_query(text);
  if (!statements.ok() && statements.status().message().empty()) __builtin_trap();
  static const BindParams params = {{"host", Value(std::string("a"))}, {"n", Value(int64_t{5})}};
  (void)parse_query(text, params);
  return 0;
}
