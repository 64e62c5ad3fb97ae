// libFuzzer target for the Flux lexer and parser (core/query/flux). Built by CMake with
// -DTW_SANITIZE=ON and clang; run with scripts/fuzz.sh. Seeds: the conformance cases' queries.
//
// Any text must parse to a program or to an error naming a position, never crash, overflow
// the stack or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/query/flux/parser.h"

using namespace tidewater::query::flux;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto program = parse_program(text);
  if (!program.ok() && program.status().message().empty()) __builtin_trap();
  (void)parse_expression(text);
  return 0;
}
