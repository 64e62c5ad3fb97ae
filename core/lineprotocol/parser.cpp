#include "core/lineprotocol/parser.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/lineprotocol/line_scanner.h"
#include "core/lineprotocol/point_parser.h"

namespace tidewater::lineprotocol {
namespace {

using internal::PointParser;
using internal::ScanError;

void describe(std::string_view text, std::string_view line, const ScanError& scan,
              ParseError* err) {
  const size_t offset = static_cast<size_t>(line.data() - text.data()) + scan.pos;
  const std::string_view before = text.substr(0, std::min(offset, text.size()));
  const size_t last_newline = before.rfind('\n');
  err->line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  err->column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  err->message = "unable to parse '";
  err->message.append(line.data(), line.size());
  err->message += "': ";
  err->message += scan.reason;
}

// ParsePointsWithPrecision's loop: split lines, skip blank and comment lines, parse the rest.
template <typename OnPoint>
bool for_each_point(std::string_view text, const ParseOptions& options, model::Point* point,
                    ParseError* err, OnPoint on_point) {
  PointParser parser(options.precision, options.default_time_ns);
  ScanError scan;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = internal::scan_line_end(text, pos);
    std::string_view block = text.substr(pos, end - pos);
    pos = end + 1;
    const size_t start = internal::skip_whitespace(block, 0);
    if (start >= block.size() || block[start] == '#') continue;
    if (block.back() == '\n') block.remove_suffix(1);  // a quoted newline ending the input
    const std::string_view line = block.substr(start);
    if (options.max_line_bytes != 0 && line.size() > options.max_line_bytes) {
      // Echo only the start of the line: the error must not be as large as the input.
      describe(text, line.substr(0, 0), {}, err);
      err->message = "unable to parse '" + std::string(line.substr(0, 64)) + "...': line too long: " +
                     std::to_string(line.size()) + " bytes, the limit is " + std::to_string(options.max_line_bytes);
      return false;
    }
    if (!parser.parse(line, point, &scan)) {
      describe(text, line, scan, err);
      return false;
    }
    on_point(*point);
  }
  return true;
}

}  // namespace

bool parse_batch(std::string_view text, const ParseOptions& options, PointSink& sink,
                 ParseError* err) {
  model::Point point;
  return for_each_point(text, options, &point, err,
                        [&sink](model::Point& p) { sink.on_point(p); });
}

bool parse_batch(std::string_view text, const ParseOptions& options,
                 std::vector<model::Point>* out, ParseError* err) {
  const size_t old_size = out->size();
  model::Point point;
  bool ok = for_each_point(text, options, &point, err,
                           [out](model::Point& p) { out->push_back(std::move(p)); });
  if (!ok) out->resize(old_size);
  return ok;
}

Result<std::vector<model::Point>> parse(std::string_view text, model::Precision precision,
                                        int64_t default_time_ns) {
  std::vector<model::Point> points;
  ParseError err;
  ParseOptions options;
  options.precision = precision;
  options.default_time_ns = default_time_ns;
  if (!parse_batch(text, options, &points, &err)) {
    return Status(ErrorCode::kInvalid, format_parse_error(err));
  }
  return points;
}

}  // namespace tidewater::lineprotocol
