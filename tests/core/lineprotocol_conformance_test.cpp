// Conformance of core/lineprotocol with InfluxDB 2.7.12's parser, driven by
// ../shared/conformance/lineprotocol (see its README): every record of cases.jsonl and
// holdout.jsonl must give the `influxdb_2_7` outcome, every record of extra_fuzz.jsonl.gz
// must be rejected, and every accepted batch must survive write -> parse unchanged.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#ifdef TW_HAVE_ZLIB
#include <zlib.h>
#endif

#include "core/lineprotocol/parser.h"
#include "core/lineprotocol/writer.h"

namespace lp = tidewater::lineprotocol;
namespace model = tidewater::model;
using json = nlohmann::ordered_json;  // keeps the fields in line order

namespace {

const std::string kDir = std::string(TW_SHARED_DIR) + "/conformance/lineprotocol/";

// Inputs where we deliberately differ from InfluxDB 2.7: we reject, InfluxDB does not.
const std::map<std::string, std::string> kDeliberateDifferences = {
    // InfluxDB panics (index out of range) decoding a string field value that is a single
    // quote, which its field iterator finds where its scanner saw something else.
    {"fuzz/4e8bcb126274", "InfluxDB panics on a 1-byte string value; rejected"},
    {"fuzz/7529a5c159c8", "InfluxDB panics on a 1-byte string value; rejected"},
    // Lazy value errors: InfluxDB's scanner accepts the line but its field iterator splits the
    // fields differently (backslashes before '=', quotes in keys) and cannot decode the value
    // it finds, so the write would fail later. We reject at parse time.
    {"fuzz/12e801d3238a", "lazy value error (bool); rejected at parse time"},
    {"fuzz/1b29602eea83", "lazy value error (bool); rejected at parse time"},
    {"fuzz/21d7542788a9", "lazy value error (bool); rejected at parse time"},
    {"fuzz/2a9a039246cd", "lazy value error (bool); rejected at parse time"},
    {"fuzz/2cb5715b398e", "lazy value error (bool); rejected at parse time"},
    {"fuzz/348d6b70e15c", "lazy value error (bool); rejected at parse time"},
    {"fuzz/4acbec1e83f1", "lazy value error (bool); rejected at parse time"},
    {"fuzz/4cc58a94227b", "lazy value error (bool); rejected at parse time"},
    {"fuzz/57355ebf13d2", "lazy value error (bool); rejected at parse time"},
    {"fuzz/754daa34b2db", "lazy value error (bool); rejected at parse time"},
    {"fuzz/a7b92b98807b", "lazy value error (bool); rejected at parse time"},
    {"fuzz/ae1d8d707fef", "lazy value error (bool); rejected at parse time"},
    {"fuzz/afad6b84f0ad", "lazy value error (float); rejected at parse time"},
    {"fuzz/c151b217a7ad", "lazy value error (bool); rejected at parse time"},
    {"fuzz/db33cbfd73bb", "lazy value error (bool); rejected at parse time"},
    {"fuzz/f7b88ca8524a", "lazy value error (bool); rejected at parse time"},
    {"fuzz/258a079c407e", "lazy value error (float); rejected at parse time"},
    {"fuzz/31d9fd6719f0", "lazy value error (bool); rejected at parse time"},
    {"fuzz/3cb9dad88739", "lazy value error (bool); rejected at parse time"},
    {"fuzz/408fa53b92b1", "lazy value error (bool); rejected at parse time"},
    {"fuzz/9455872ac8ed", "lazy value error (bool); rejected at parse time"},
    {"fuzz/a57e208c5ad8", "lazy value error (float); rejected at parse time"},
};

std::string base64_decode(const std::string& in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0;
  uint32_t acc = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;  // '=' padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// The expectations were written by Go's JSON encoder, which turns each byte that does not
// start a valid UTF-8 sequence into U+FFFD. Do the same to our strings before comparing.
std::string go_json_lossy(const std::string& s) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    size_t len = 0;
    uint32_t cp = 0, min = 0;
    if (c < 0x80) len = 1, cp = c;
    else if ((c & 0xe0) == 0xc0) len = 2, cp = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0) len = 3, cp = c & 0x0f, min = 0x800;
    else if ((c & 0xf8) == 0xf0) len = 4, cp = c & 0x07, min = 0x10000;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) ok = false;
      else cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    if (ok && len > 1 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xef\xbf\xbd";
      ++i;
    }
  }
  return out;
}

bool same_value(const model::FieldValue& a, const model::FieldValue& b) {
  if (a.index() != b.index()) return false;
  if (const double* x = std::get_if<double>(&a)) {
    const double y = std::get<double>(b);
    return std::memcmp(x, &y, sizeof y) == 0;  // bitwise: -0 is not 0
  }
  return a == b;
}

bool same_points(const std::vector<model::Point>& a, const std::vector<model::Point>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].measurement != b[i].measurement || a[i].tags != b[i].tags ||
        a[i].time != b[i].time || a[i].fields.size() != b[i].fields.size()) {
      return false;
    }
    for (size_t k = 0; k < a[i].fields.size(); ++k) {
      if (a[i].fields[k].key != b[i].fields[k].key ||
          !same_value(a[i].fields[k].value, b[i].fields[k].value)) {
        return false;
      }
    }
  }
  return true;
}

// Empty when `got` matches the expected point, else what differs.
std::string compare_point(const model::Point& got, const json& want) {
  if (go_json_lossy(got.measurement) != want["measurement"].get<std::string>()) {
    return "measurement " + got.measurement;
  }
  const json& tags = want["tags"];
  if (tags.size() != got.tags.size()) return "tag count";
  for (const model::Tag& tag : got.tags) {
    const std::string key = go_json_lossy(tag.key);
    if (!tags.contains(key) || tags[key].get<std::string>() != go_json_lossy(tag.value)) {
      return "tag " + tag.key;
    }
  }
  const json& fields = want["fields"];
  if (fields.size() != got.fields.size()) return "field count";
  size_t k = 0;
  for (const auto& [key, spec] : fields.items()) {
    const model::Field& field = got.fields[k++];
    if (go_json_lossy(field.key) != key) return "field key " + field.key;
    const std::string type = spec["type"].get<std::string>();
    if (type != model::field_type_name(model::type_of(field.value))) return "field type " + key;
    const json& v = spec["value"];
    bool equal = false;
    switch (model::type_of(field.value)) {
      case model::FieldType::kFloat: {
        const double want_v = v.get<double>();
        equal = std::memcmp(&want_v, &std::get<double>(field.value), sizeof want_v) == 0;
        break;
      }
      case model::FieldType::kInteger: equal = v.get<int64_t>() == std::get<int64_t>(field.value); break;
      case model::FieldType::kUnsigned: equal = v.get<uint64_t>() == std::get<uint64_t>(field.value); break;
      case model::FieldType::kString:
        equal = v.get<std::string>() == go_json_lossy(std::get<std::string>(field.value));
        break;
      case model::FieldType::kBoolean: equal = v.get<bool>() == std::get<bool>(field.value); break;
    }
    if (!equal) return "field value " + key;
  }
  if (got.time != want["time"].get<int64_t>()) return "time " + std::to_string(got.time);
  return "";
}

struct Summary {
  int passed = 0;
  int deliberate = 0;
  int failed = 0;
  int round_trips = 0;
  int messages_checked = 0;
};

void run_file(const std::string& file, Summary* summary) {
  std::ifstream in(kDir + file);
  REQUIRE_MESSAGE(in.good(), "cannot open " << kDir + file);
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty()) continue;
    const json record = json::parse(text);
    const std::string name = record["name"].get<std::string>();
    const std::string input = base64_decode(record["input_b64"].get<std::string>());
    model::Precision precision;
    REQUIRE(model::parse_precision(record["precision"].get<std::string>(), &precision));
    lp::ParseOptions options;
    options.precision = precision;
    options.default_time_ns = record["default_time"].get<int64_t>();
    std::vector<model::Point> points;
    lp::ParseError error;
    const bool ok = lp::parse_batch(input, options, &points, &error);

    const json& influx = record["influxdb_2_7"];
    const std::string outcome = influx["outcome"].get<std::string>();
    std::string problem;
    if (kDeliberateDifferences.count(name)) {
      if (ok) problem = "listed as a deliberate difference but accepted";
      else ++summary->deliberate;
    } else if (outcome != "points") {
      if (ok) {
        problem = "accepted, InfluxDB says: " + influx.value("message", outcome);
      } else {
        // InfluxDB lists every bad line, joined by newlines; we name the first one.
        const std::string want = influx["message"].get<std::string>();
        const std::string got = go_json_lossy(error.message);
        if (want.compare(0, got.size(), got) != 0 ||
            (want.size() > got.size() && want[got.size()] != '\n')) {
          problem = "message differs: got [" + got + "] want [" + want + "]";
        }
        ++summary->messages_checked;
      }
    } else if (!ok) {
      problem = "rejected: " + lp::format_parse_error(error);
    } else if (points.size() != influx["points"].size()) {
      problem = "point count " + std::to_string(points.size());
    } else {
      for (size_t i = 0; i < points.size() && problem.empty(); ++i) {
        problem = compare_point(points[i], influx["points"][i]);
      }
    }
    if (problem.empty() && ok) {
      // Writer round trip: the canonical text must parse back to the very same points.
      const std::string written = lp::write_lines(points);
      std::vector<model::Point> again;
      lp::ParseError again_error;
      if (!lp::parse_batch(written, lp::ParseOptions{}, &again, &again_error)) {
        problem = "written text rejected: " + lp::format_parse_error(again_error);
      } else if (!same_points(points, again)) {
        problem = "round trip changed the points: " + written;
      } else {
        ++summary->round_trips;
      }
    }
    if (problem.empty()) {
      if (!kDeliberateDifferences.count(name)) ++summary->passed;
    } else {
      ++summary->failed;
      FAIL_CHECK(name << " " << input << ": " << problem);
    }
  }
}

#ifdef TW_HAVE_ZLIB
std::vector<std::string> read_gzip_lines(const std::string& path) {
  std::vector<std::string> lines;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return lines;
  std::string all;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) all.append(buf, static_cast<size_t>(n));
  gzclose(f);
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string::npos) end = all.size();
    if (end > pos) lines.push_back(all.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}
#endif

}  // namespace

TEST_CASE("conformance with InfluxDB 2.7: cases.jsonl and holdout.jsonl") {
  Summary summary;
  run_file("cases.jsonl", &summary);
  run_file("holdout.jsonl", &summary);
  std::printf(
      "lineprotocol conformance: %d passed, %d deliberate differences, %d failed; "
      "%d writer round trips, %d error messages identical to InfluxDB's\n",
      summary.passed, summary.deliberate, summary.failed, summary.round_trips,
      summary.messages_checked);
  CHECK(summary.failed == 0);
  CHECK(summary.deliberate == static_cast<int>(kDeliberateDifferences.size()));
  CHECK(summary.passed + summary.deliberate == 785);
}

#ifdef TW_HAVE_ZLIB
TEST_CASE("every extra fuzz input is rejected without a crash") {
  const std::vector<std::string> lines = read_gzip_lines(kDir + "extra_fuzz.jsonl.gz");
  REQUIRE(lines.size() == 5874);
  int rejected = 0;
  for (const std::string& line : lines) {
    const json record = json::parse(line);
    const std::string input = base64_decode(record["input_b64"].get<std::string>());
    model::Precision precision;
    REQUIRE(model::parse_precision(record["precision"].get<std::string>(), &precision));
    lp::ParseOptions options;
    options.precision = precision;
    options.default_time_ns = record["default_time"].get<int64_t>();
    std::vector<model::Point> points;
    lp::ParseError error;
    if (lp::parse_batch(input, options, &points, &error)) {
      FAIL_CHECK(record["name"].get<std::string>() << " accepted: " << input);
    } else {
      ++rejected;
    }
  }
  std::printf("lineprotocol extra fuzz: %d of %zu rejected\n", rejected, lines.size());
}
#endif
