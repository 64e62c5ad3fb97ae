// Unit tests of the line protocol parser: one rule or one error per case, as InfluxDB 2.7's
// models.ParsePointsWithPrecision behaves.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/lineprotocol/parser.h"

namespace lp = tidewater::lineprotocol;
namespace model = tidewater::model;
using model::FieldValue;
using model::Precision;

namespace {

constexpr int64_t kDefault = 1'700'000'000'123'456'789;

std::vector<model::Point> ok(std::string_view text, Precision p = Precision::kNanoseconds,
                             int64_t default_time = kDefault) {
  auto r = lp::parse(text, p, default_time);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

lp::ParseError error_of(std::string_view text, Precision p = Precision::kNanoseconds) {
  lp::ParseOptions options;
  options.precision = p;
  options.default_time_ns = kDefault;
  std::vector<model::Point> points;
  lp::ParseError err;
  REQUIRE_MESSAGE(!lp::parse_batch(text, options, &points, &err), "accepted: " << text);
  CHECK(points.empty());
  return err;
}

// The reason after "unable to parse '<line>': ".
std::string reason(std::string_view text, Precision p = Precision::kNanoseconds) {
  const std::string m = error_of(text, p).message;
  const size_t at = m.find("': ");
  return at == std::string::npos ? m : m.substr(at + 3);
}

const FieldValue& value(const model::Point& p, size_t i) { return p.fields.at(i).value; }

}  // namespace

TEST_CASE("a simple point: measurement, sorted tags, typed fields, time") {
  auto pts = ok("cpu,zone=b,host=a usage=1.5,count=3i,big=18446744073709551615u,"
                "name=\"x\",up=true 1000");
  REQUIRE(pts.size() == 1);
  const auto& p = pts[0];
  CHECK(p.measurement == "cpu");
  REQUIRE(p.tags.size() == 2);
  CHECK(p.tags[0] == model::Tag{"host", "a"});
  CHECK(p.tags[1] == model::Tag{"zone", "b"});
  REQUIRE(p.fields.size() == 5);
  CHECK(p.fields[0].key == "usage");
  CHECK(std::get<double>(value(p, 0)) == 1.5);
  CHECK(std::get<int64_t>(value(p, 1)) == 3);
  CHECK(std::get<uint64_t>(value(p, 2)) == UINT64_MAX);
  CHECK(std::get<std::string>(value(p, 3)) == "x");
  CHECK(std::get<bool>(value(p, 4)) == true);
  CHECK(p.time == 1000);
}

TEST_CASE("float forms") {
  auto f = [](std::string_view v) {
    return std::get<double>(ok("m v=" + std::string(v))[0].fields[0].value);
  };
  CHECK(f("1") == 1.0);
  CHECK(f("1.") == 1.0);
  CHECK(f(".5") == 0.5);
  CHECK(f("-1.5e3") == -1500.0);
  CHECK(f("1E-2") == 0.01);
  CHECK(f("1e+2") == 100.0);
  CHECK(std::signbit(f("-0")));
  CHECK(std::signbit(f("-0e-4")));
  CHECK(f("0.30000000000000004") == 0.30000000000000004);
  CHECK(reason("m v=1.1.1") == "invalid number");
  CHECK(reason("m v=1e") == "invalid float");
  CHECK(reason("m v=1e400") == "invalid float");
  CHECK(reason("m v=NaN") == "invalid number");
  CHECK(reason("m v=-") == "invalid number");
  CHECK(reason("m v=.") == "invalid number");
  CHECK(reason("m v=1x") == "invalid number");
}

TEST_CASE("integers and unsigned integers, with range checks") {
  CHECK(std::get<int64_t>(ok("m v=-9223372036854775808i")[0].fields[0].value) == INT64_MIN);
  CHECK(std::get<int64_t>(ok("m v=9223372036854775807i")[0].fields[0].value) == INT64_MAX);
  CHECK(reason("m v=9223372036854775808i") ==
        "unable to parse integer 9223372036854775808: strconv.ParseInt: parsing "
        "\"9223372036854775808\": value out of range");
  CHECK(reason("m v=18446744073709551616u") ==
        "unable to parse unsigned 18446744073709551616: strconv.ParseUint: parsing "
        "\"18446744073709551616\": value out of range");
  CHECK(reason("m v=-1u") == "invalid number");
  CHECK(reason("m v=1.5i") == "invalid number");
  CHECK(reason("m v=1i5") == "invalid number");
}

TEST_CASE("every boolean spelling InfluxDB accepts, and no other") {
  for (const char* t : {"t", "T", "true", "True", "TRUE"}) {
    CHECK(std::get<bool>(ok(std::string("m v=") + t)[0].fields[0].value) == true);
  }
  for (const char* f : {"f", "F", "false", "False", "FALSE"}) {
    CHECK(std::get<bool>(ok(std::string("m v=") + f)[0].fields[0].value) == false);
  }
  CHECK(reason("m v=tRUE") == "invalid boolean");
  CHECK(reason("m v=yes") == "invalid boolean");
  CHECK(reason("m v=f\r") == "invalid boolean");
}

TEST_CASE("strings: escapes, commas, spaces and newlines inside quotes") {
  auto s = [](std::string_view line) {
    return std::get<std::string>(ok(line)[0].fields[0].value);
  };
  CHECK(s(R"(m v="a \"q\" b\\c")") == R"(a "q" b\c)");
  CHECK(s(R"(m v="a,b c=d")") == "a,b c=d");
  CHECK(s("m v=\"line1\nline2\"") == "line1\nline2");
  CHECK(s(R"(m v="\n\t")") == R"(\n\t)");  // no C escapes
  CHECK(s(R"(m v="")") == "");
  CHECK(reason(R"(m v="abc)") == "unbalanced quotes");
}

TEST_CASE("escaping in measurement, tag keys, tag values and field keys") {
  auto p = ok(R"(my\ meas\,ure,t\ a\=g\,=v\ a\=l\,ue f\ i\=e\,ld=1)")[0];
  CHECK(p.measurement == "my meas,ure");
  CHECK(p.tags[0] == model::Tag{"t a=g,", "v a=l,ue"});
  CHECK(p.fields[0].key == "f i=e,ld");
  // Other backslashes are literal.
  auto q = ok(R"(cpu,ho\st=two\\ words value=42)")[0];
  CHECK(q.tags[0] == model::Tag{R"(ho\st)", R"(two\ words)"});
  // Quotes are literal in names.
  CHECK(ok(R"("m" "f"=1)")[0].fields[0].key == "\"f\"");
}

TEST_CASE("tag errors") {
  CHECK(reason("m,=a v=1") == "missing tag key");
  CHECK(reason("m, v=1") == "missing tag key");
  CHECK(reason("m,t v=1") == "missing tag value");
  CHECK(reason("m,t= v=1") == "missing tag value");
  CHECK(reason("m,t=a=b v=1") == "invalid tag format");
  CHECK(reason("m,t=a") == "missing fields");
  CHECK(reason("m,t=a,t=b v=1") == "duplicate tags");
  CHECK(reason("m,b=1,a=2,b=3 v=1") == "duplicate tags");
  CHECK(reason("m,_measurement=a v=1") == "cannot use reserved tag key \"_measurement\"");
  CHECK(reason("m,a=1,_field=a v=1") == "cannot use reserved tag key \"_field\"");
  CHECK(reason("m,time=a v=1") == "cannot use reserved tag key \"time\"");
}

TEST_CASE("measurement and field errors") {
  CHECK(reason(",t=a v=1") == "missing measurement");
  CHECK(reason("m") == "missing fields");
  CHECK(reason("m ") == "invalid field format");
  CHECK(reason("m v") == "invalid field format");
  CHECK(reason("m v=1,w") == "invalid field format");
  CHECK(reason("m v=") == "missing field value");
  CHECK(reason("m v=,w=1") == "missing field value");
  CHECK(reason("m =1") == "missing field key");
  CHECK(reason("m v=1,=2") == "missing field key");
  CHECK(reason(R"(m f="blah"=123,r 1531703600000000000)") == "invalid value: field-key=r");
}

TEST_CASE("duplicate field keys: first position, last value") {
  auto p = ok("m a=1,b=2,a=3i")[0];
  REQUIRE(p.fields.size() == 2);
  CHECK(p.fields[0].key == "a");
  CHECK(std::get<int64_t>(p.fields[0].value) == 3);
  CHECK(p.fields[1].key == "b");
}

TEST_CASE("timestamps, precision and the default time") {
  CHECK(ok("m v=1 -1")[0].time == -1);
  CHECK(ok("m v=1 5   ")[0].time == 5);  // trailing spaces are fine
  CHECK(ok("m v=1 5", Precision::kSeconds)[0].time == 5'000'000'000);
  CHECK(ok("m v=1 5", Precision::kMilliseconds)[0].time == 5'000'000);
  CHECK(ok("m v=1 5", Precision::kMicroseconds)[0].time == 5'000);
  // A missing timestamp takes the default time, truncated (floored) to the precision.
  CHECK(ok("m v=1")[0].time == kDefault);
  CHECK(ok("m v=1", Precision::kSeconds)[0].time == 1'700'000'000'000'000'000);
  CHECK(ok("m v=1", Precision::kMilliseconds, -1)[0].time == -1'000'000);
  CHECK(ok("m v=1 9223372036854775806")[0].time == model::kMaxTime);
  CHECK(ok("m v=1 -9223372036854775806")[0].time == model::kMinTime);
  const std::string range = "time outside range -9223372036854775806 - 9223372036854775806";
  CHECK(reason("m v=1 9223372036854775807") == range);
  CHECK(reason("m v=1 -9223372036854775807") == range);
  CHECK(reason("m v=1 9223372036854775", Precision::kSeconds) == range);
  CHECK(reason("m v=1 9223372036854775808") ==
        "strconv.ParseInt: parsing \"9223372036854775808\": value out of range");
  CHECK(reason("m v=1 -") == "strconv.ParseInt: parsing \"-\": invalid syntax");
  CHECK(reason("m v=1 12a") == "bad timestamp");
  CHECK(reason("m v=1 1\r") == "bad timestamp");  // \r is not a line terminator
  CHECK(reason("m v=1 1 x") == "point is invalid");
}

TEST_CASE("blank lines, comments, leading whitespace, CRLF") {
  auto pts = ok("# comment\n\n   \n\t m v=1 1\n  # indented comment\nm v=2 2\n");
  REQUIRE(pts.size() == 2);
  CHECK(pts[1].time == 2);
  CHECK(ok("").empty());
  CHECK(ok("\n\n# only comments\n").empty());
  CHECK(reason("m v=1 1\r\n") == "bad timestamp");
  // The message quotes the line without its leading whitespace.
  CHECK(error_of("  \tm v=").message == "unable to parse 'm v=': missing field value");
}

TEST_CASE("no UTF-8 validation; control bytes are name bytes") {
  auto p = ok("m\xff\x01,t=\xfe v=\"\xc3\x28\"")[0];
  CHECK(p.measurement == "m\xff\x01");
  CHECK(p.tags[0].value == "\xfe");
  CHECK(std::get<std::string>(p.fields[0].value) == "\xc3\x28");
}

TEST_CASE("InfluxDB's own quirks are kept") {
  // A tab before the first field key is skipped, leaving an empty key.
  auto p = ok("F \t=F 9")[0];
  CHECK(p.fields[0].key == "");
  // A string's last byte is dropped whatever it is.
  CHECK(std::get<std::string>(ok("m v=\"x\"\r")[0].fields[0].value) == "x\"");
}

TEST_CASE("values InfluxDB would only fail to decode later are rejected now") {
  CHECK(reason(R"(" \\="=\=")") ==
        R"(invalid value for field "\\=\"": unable to parse bool value "\\=\"": )"
        R"(strconv.ParseBool: parsing "\\=\"": invalid syntax)");
  // InfluxDB panics on these two.
  CHECK(reason(R"(0 \\="=")") == R"(invalid value for field "\\=\"": unterminated string)");
  using namespace std::literals;
  CHECK(reason("m \0=\",\"=3,\"=\""sv) == R"(invalid value for field "\"": unterminated string)");
}

TEST_CASE("line and column of the offending byte, on multi-line input") {
  const std::string text = "m v=1 1\n# c\n\n  m,t=a v=1i,w=tru 3\nm v=2 4\n";
  lp::ParseError err = error_of(text);
  CHECK(err.line == 4);
  CHECK(err.column == 16);  // the start of "tru"
  CHECK(err.message == "unable to parse 'm,t=a v=1i,w=tru 3': invalid boolean");
  CHECK(lp::format_parse_error(err) ==
        "unable to parse 'm,t=a v=1i,w=tru 3': invalid boolean: line 4, column 16");

  err = error_of("a v=1\nb,x=1,x=2 v=1");
  CHECK(err.line == 2);
  CHECK(err.column == 7);  // the second x
  err = error_of("a v=1\nb v=");
  CHECK(err.line == 2);
  CHECK(err.column == 5);
  CHECK(lp::format_parse_error(err) == "unable to parse 'b v=': missing field value: line 2, column 5");
  err = error_of("a v=1\nb v=1 12x");
  CHECK(err.column == 9);  // the x
  // A quoted newline continues the line; the position is still the physical one.
  err = error_of("a v=\"x\ny\" 1 z");
  CHECK(err.line == 2);
  CHECK(err.column == 6);  // the z
  // Only the first bad line is described, and nothing is returned.
  err = error_of("a v=\nb v=\n");
  CHECK(err.line == 1);
}

TEST_CASE("the whole batch is rejected if one line is bad") {
  auto r = lp::parse("a v=1\nb v=\nc v=3", Precision::kNanoseconds, 0);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == tidewater::ErrorCode::kInvalid);
  CHECK(r.status().message() == "unable to parse 'b v=': missing field value: line 2, column 5");
  std::vector<model::Point> out(1);
  lp::ParseError err;
  CHECK(!lp::parse_batch("a v=1\nb v=", lp::ParseOptions{}, &out, &err));
  CHECK(out.size() == 1);  // what the vector held before is kept, nothing added
}

TEST_CASE("the sink form delivers points without building a vector") {
  struct Counter : lp::PointSink {
    size_t points = 0, fields = 0;
    void on_point(model::Point& p) override {
      ++points;
      fields += p.fields.size();
    }
  } counter;
  lp::ParseError err;
  REQUIRE(lp::parse_batch("a v=1,w=2\nb v=3\n", lp::ParseOptions{}, counter, &err));
  CHECK(counter.points == 2);
  CHECK(counter.fields == 3);
}

TEST_CASE("key length limit") {
  const std::string long_name(65536, 'm');
  CHECK(reason(long_name + " v=1") == "max key length exceeded: 65536 > 65535");
  const std::string name(65530, 'm');
  CHECK(reason(name + " vv=1") == "max key length exceeded: 65536 > 65535");
  CHECK(ok(name + " v=1").size() == 1);
}
