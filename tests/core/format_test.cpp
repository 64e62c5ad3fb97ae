#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/model/format.h"

using namespace tidewater::model;

TEST_CASE("format_float writes Go's shortest 'f' form") {
  CHECK(format_float(0.0) == "0");
  CHECK(format_float(-0.0) == "-0");
  CHECK(format_float(1.0) == "1");
  CHECK(format_float(1.5) == "1.5");
  CHECK(format_float(-23.1) == "-23.1");
  CHECK(format_float(0.1) == "0.1");
  CHECK(format_float(1e21) == "1000000000000000000000");
  CHECK(format_float(1.5e-7) == "0.00000015");
  CHECK(format_float(123456789.125) == "123456789.125");
  CHECK(format_float(0.30000000000000004) == "0.30000000000000004");
  CHECK(format_float(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(format_float(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(format_float(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(format_float(5e-324) == "0." + std::string(323, '0') + "5");
}

TEST_CASE("RFC3339 round trip with trimmed fractions") {
  CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(1641024000000000000) == "2022-01-01T08:00:00Z");
  CHECK(format_rfc3339(1641024000500000000) == "2022-01-01T08:00:00.5Z");
  CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59.999999999Z");
  int64_t t = 0;
  REQUIRE(parse_rfc3339("2022-01-01T08:00:00Z", &t));
  CHECK(t == 1641024000000000000);
  REQUIRE(parse_rfc3339("2022-01-01T09:00:00.000000001+01:00", &t));
  CHECK(t == 1641024000000000001);
  CHECK_FALSE(parse_rfc3339("2022-02-30T00:00:00Z", &t));
  CHECK_FALSE(parse_rfc3339("2022-01-01 08:00:00Z", &t));
  CHECK_FALSE(parse_rfc3339("2022-01-01T08:00:00", &t));
}
