// libFuzzer target for the line protocol parser (core/lineprotocol). Built by CMake with
// -DTW_SANITIZE=ON and clang; run with scripts/fuzz.sh. Seeds: ../shared/conformance cases.
//
// The first byte picks the precision and the default time; the rest is the batch. Both entry
// points must agree, every error must have a text, and the points that
// parse must write back out as line protocol that parses without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/lineprotocol/parser.h"
#include "core/lineprotocol/writer.h"

using namespace tidewater;

namespace {

class CountingSink : public lineprotocol::PointSink {
 public:
  void on_point(model::Point&) override { ++count; }
  size_t count = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr model::Precision kPrecisions[] = {model::Precision::kNanoseconds, model::Precision::kMicroseconds,
                                                     model::Precision::kMilliseconds, model::Precision::kSeconds,
                                                     model::Precision::kMinutes, model::Precision::kHours};
  lineprotocol::ParseOptions options;
  options.precision = kPrecisions[data[0] % 6];
  options.default_time_ns = (data[0] & 0x80) ? model::kMaxTime : 1'600'000'000'123'456'789;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::vector<model::Point> points;
  lineprotocol::ParseError err;
  const bool ok = lineprotocol::parse_batch(text, options, &points, &err);
  CountingSink sink;
  lineprotocol::ParseError err2;
  const bool ok2 = lineprotocol::parse_batch(text, options, sink, &err2);
  if (ok != ok2) __builtin_trap();
  if (!ok) {
    if (lineprotocol::format_parse_error(err).empty()) __builtin_trap();
    return 0;
  }
  if (sink.count != points.size()) __builtin_trap();
  const std::string again = lineprotocol::write_lines(points);
  (void)lineprotocol::parse(again, model::Precision::kNanoseconds, 0);
  return 0;
}
