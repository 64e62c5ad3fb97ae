// compile_regex: Go's limits enforced before std::regex sees a pattern, and "(?i)".
#include <doctest/doctest.h>

#include <string>

#include "core/util/regex.h"

using tidewater::util::compile_regex;

namespace {

std::string error_of(const std::string& pattern) {
  auto re = compile_regex(pattern);
  return re.ok() ? "" : re.status().message();
}

}  // namespace

TEST_CASE("ordinary patterns compile and match") {
  auto re = compile_regex("^cpu[0-9]+$");
  REQUIRE(re.ok());
  CHECK(std::regex_search("cpu12", *re));
  CHECK_FALSE(std::regex_search("cpu", *re));
  CHECK(compile_regex("a{2,3}").ok());
  CHECK(compile_regex("(ab){1000}").ok());
  CHECK(compile_regex("x{1000,}").ok());
}

TEST_CASE("a leading (?i) matches without regard to case, as in Go") {
  auto re = compile_regex("(?i)^server");
  REQUIRE(re.ok());
  CHECK(std::regex_search("SERVER01", *re));
  auto plain = compile_regex("^server");
  REQUIRE(plain.ok());
  CHECK_FALSE(std::regex_search("SERVER01", *plain));
}

TEST_CASE("repeat counts past Go's limit are refused before std::regex parses them") {
  // This count overflowed a long inside libstdc++'s regex compiler (found by the fuzzer).
  CHECK(error_of("a{1111111111111111111111}").find("invalid repeat count") != std::string::npos);
  CHECK(error_of("a{1001}").find("invalid repeat count") != std::string::npos);
  CHECK(error_of("a{2,1001}").find("invalid repeat count") != std::string::npos);
  // Nested counts multiply: the automaton would have a million states.
  CHECK(error_of("(a{1000}){1000}").find("invalid repeat count") != std::string::npos);
  CHECK(error_of("((a{10}){10}){11}").find("invalid repeat count") != std::string::npos);
  CHECK(compile_regex("((a{10}){10}){10}").ok());
  // Braces inside a class or escaped are characters, not counts.
  CHECK(compile_regex("[{]9999}").ok());
  CHECK(compile_regex("\\{99999\\}").ok());
}

TEST_CASE("deep nesting and bad syntax are errors, not crashes") {
  std::string deep(5000, '(');
  deep += std::string(5000, ')');
  CHECK(error_of(deep).find("nests too deeply") != std::string::npos);
  CHECK(error_of("a(b").find("error parsing regexp") != std::string::npos);
  CHECK(error_of("[z-a]").find("error parsing regexp") != std::string::npos);
  // Backreferences: RE2 has none, and libstdc++ reads their number unbounded (fuzz crasher).
  CHECK(error_of("(a)\\1").find("invalid escape sequence") != std::string::npos);
  CHECK(error_of("\\33333333333333333333333").find("invalid escape sequence") != std::string::npos);
  CHECK(error_of("[\\3]").find("invalid escape sequence") != std::string::npos);
  CHECK(compile_regex("\\\\1").ok());  // an escaped backslash, then "1"
}
