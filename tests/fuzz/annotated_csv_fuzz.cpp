// libFuzzer target for the annotated CSV reader (core/query/csv). Built by CMake with
// -DTW_SANITIZE=ON and clang; run with scripts/fuzz.sh. Seeds: the conformance cases' CSV.
//
// Any text must read to tables or to an error, never crash or read out of bounds; what reads
// must write back out as annotated CSV.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/query/csv/annotated_csv_reader.h"
#include "core/query/csv/annotated_csv_writer.h"

using namespace tidewater::query;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto results = read_annotated_csv(text);
  if (!results.ok()) return 0;
  (void)write_annotated_csv(*results, CsvDialect{});
  return 0;
}
