#include <doctest/doctest.h>

#include "core/model/format.h"
#include "core/query/csv/annotated_csv_writer.h"
#include "core/query/flux/flux.h"
#include "core/query/memory_bucket.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;

namespace {

int64_t t(const char* rfc3339) {
  int64_t ns = 0;
  REQUIRE(model::parse_rfc3339(rfc3339, &ns));
  return ns;
}

model::Point point(std::string m, std::vector<model::Tag> tags, std::string field, model::FieldValue v, int64_t time) {
  model::Point p;
  p.measurement = std::move(m);
  p.tags = std::move(tags);
  p.fields.push_back({std::move(field), std::move(v)});
  p.time = time;
  return p;
}

// Records the filter storage was asked for, to check pushdown.
class RecordingBucket : public MemoryBucket {
 public:
  mutable std::vector<storage::SeriesFilter> filters;
  void scan(const storage::SeriesFilter& f, const storage::TimeRange& r,
            const std::function<void(const storage::SeriesKey&, std::string_view, const storage::FieldColumn&)>& fn)
      const override {
    filters.push_back(f);
    MemoryBucket::scan(f, r, fn);
  }
};

struct Fixture {
  RecordingBucket bucket;
  FluxContext ctx;
  Fixture() {
    bucket.add(point("cpu", {{"host", "a"}}, "usage", 1.5, t("2024-03-01T00:00:00Z")));
    bucket.add(point("cpu", {{"host", "a"}}, "usage", 2.5, t("2024-03-01T00:00:10Z")));
    bucket.add(point("cpu", {{"host", "b"}}, "usage", 7.0, t("2024-03-01T00:00:05Z")));
    bucket.add(point("cpu", {{"host", "a"}}, "count", int64_t{3}, t("2024-03-01T00:00:00Z")));
    bucket.add(point("mem", {{"host", "a"}, {"region", "eu"}}, "free", uint64_t{42}, t("2024-03-01T00:00:00Z")));
    bucket.add(point("mem", {{"host", "a"}, {"region", "eu"}}, "ok", true, t("2024-03-01T00:00:01Z")));
    bucket.add(point("mem", {{"host", "a"}, {"region", "eu"}}, "note", std::string("hi, \"x\""), t("2024-03-01T00:00:02Z")));
    ctx.now_ns = t("2024-03-01T01:00:00Z");
    ctx.open_bucket = [this](std::string_view name) -> Result<const storage::BucketReader*> {
      if (name == "test") return static_cast<const storage::BucketReader*>(&bucket);
      return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
    };
  }
  Result<std::vector<ResultSet>> run(std::string_view script) { return run_flux(script, ctx); }
  std::string csv(std::string_view script) {
    auto r = run(script);
    if (!r.ok()) return "ERROR: " + r.status().message();
    return write_annotated_csv(*r, CsvDialect{});
  }
};

}  // namespace

TEST_CASE("from |> range gives one table per series field in storage order") {
  Fixture f;
  auto r = f.run(R"(from(bucket: "test") |> range(start: 2024-03-01T00:00:00Z, stop: 2024-03-01T00:01:00Z))");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].name == "_result");
  const auto& tables = (*r)[0].tables;
  REQUIRE(tables.size() == 6);
  // cpu,host=a count; cpu,host=a usage; cpu,host=b usage; mem free/note/ok
  CHECK(tables[0].column("_field")->strings[0] == "count");
  CHECK(tables[1].column("_field")->strings[0] == "usage");
  CHECK(tables[1].rows() == 2);
  CHECK(tables[2].column("host")->strings[0] == "b");
  CHECK(tables[3].column("_field")->strings[0] == "free");
  std::vector<std::string> labels;
  for (const auto& c : tables[3].columns) labels.push_back(c.name);
  CHECK(labels == std::vector<std::string>{"_start", "_stop", "_time", "_value", "_field", "_measurement", "host", "region"});
  CHECK(tables[3].key.entries.size() == 6);
  CHECK(!tables[3].key.has("_time"));
  CHECK(!tables[3].key.has("_value"));
}

TEST_CASE("annotated CSV of from |> range |> filter, byte for byte") {
  Fixture f;
  std::string got = f.csv(R"(
from(bucket: "test")
  |> range(start: 2024-03-01T00:00:00Z, stop: 2024-03-01T00:01:00Z)
  |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage"))");
  std::string want =
      "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string\r\n"
      "#group,false,false,true,true,false,false,true,true,true\r\n"
      "#default,_result,,,,,,,,\r\n"
      ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
      ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,1.5,usage,cpu,a\r\n"
      ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:10Z,2.5,usage,cpu,a\r\n"
      ",,1,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:05Z,7,usage,cpu,b\r\n"
      "\r\n";
  CHECK(got == want);
  // Fully pushed down: storage saw both predicates.
  REQUIRE(!f.bucket.filters.empty());
  CHECK(f.bucket.filters.back().measurement == std::optional<std::string>("cpu"));
  CHECK(f.bucket.filters.back().field == std::optional<std::string>("usage"));
}

TEST_CASE("schema changes start a new annotation block; types are written per column") {
  Fixture f;
  std::string got = f.csv(R"(
from(bucket: "test") |> range(start: 2024-03-01T00:00:00Z, stop: 2024-03-01T00:01:00Z)
  |> filter(fn: (r) => r._measurement == "mem" and r._field != "note"))");
  std::string want =
      "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,unsignedLong,string,string,string,string\r\n"
      "#group,false,false,true,true,false,false,true,true,true,true\r\n"
      "#default,_result,,,,,,,,,\r\n"
      ",result,table,_start,_stop,_time,_value,_field,_measurement,host,region\r\n"
      ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,42,free,mem,a,eu\r\n"
      "\r\n"
      "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,boolean,string,string,string,string\r\n"
      "#group,false,false,true,true,false,false,true,true,true,true\r\n"
      "#default,_result,,,,,,,,,\r\n"
      ",result,table,_start,_stop,_time,_value,_field,_measurement,host,region\r\n"
      ",,1,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:01Z,true,ok,mem,a,eu\r\n"
      "\r\n";
  CHECK(got == want);
  CHECK(f.bucket.filters.back().measurement == std::optional<std::string>("mem"));
  CHECK(!f.bucket.filters.back().field.has_value());
}

TEST_CASE("range bounds: durations relative to now, integers as seconds, time() calls, default stop") {
  Fixture f;
  auto r = f.run(R"(from(bucket: "test") |> range(start: -1h) |> filter(fn: (r) => r.host == "b"))");
  REQUIRE(r.ok());
  REQUIRE((*r)[0].tables.size() == 1);
  const auto& tb = (*r)[0].tables[0];
  CHECK(tb.column("_start")->ints[0] == t("2024-03-01T00:00:00Z"));
  CHECK(tb.column("_stop")->ints[0] == f.ctx.now_ns);

  r = f.run(R"(from(bucket: "test") |> range(start: time(v: "2024-03-01T00:00:05.000Z"), stop: 2024-03-01T00:00:06.000Z))");
  REQUIRE(r.ok());
  REQUIRE((*r)[0].tables.size() == 1);
  CHECK((*r)[0].tables[0].column("host")->strings[0] == "b");

  int64_t start_s = t("2024-03-01T00:00:10Z") / 1000000000;
  r = f.run("from(bucket: \"test\") |> range(start: " + std::to_string(start_s) + ")");
  REQUIRE(r.ok());
  REQUIRE((*r)[0].tables.size() == 1);
  CHECK((*r)[0].tables[0].column("_value")->floats[0] == 2.5);
}

TEST_CASE("option now moves relative ranges and now()") {
  Fixture f;
  auto r = f.run(R"(
option now = () => 2024-03-01T00:00:06Z
from(bucket: "test") |> range(start: -6s) |> filter(fn: (r) => r._field == "usage"))");
  REQUIRE(r.ok());
  REQUIRE((*r)[0].tables.size() == 2);
  CHECK((*r)[0].tables[0].rows() == 1);
  CHECK((*r)[0].tables[0].column("_stop")->ints[0] == t("2024-03-01T00:00:06Z"));
}

TEST_CASE("general row predicates, closures, variables and yields") {
  Fixture f;
  auto r = f.run(R"(
threshold = 2.0
above = (r) => r._value > threshold
data = from(bucket: "test") |> range(start: 2024-03-01T00:00:00Z, stop: 2024-03-01T00:01:00Z)
data |> filter(fn: (r) => r._measurement == "cpu") |> filter(fn: above) |> yield(name: "high")
data |> filter(fn: (r) => r.host =~ /^b$/ and exists r._value) |> yield(name: "b")
)");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].name == "high");
  REQUIRE((*r)[0].tables.size() == 3);  // count=3 (int > float compares), usage a 2.5, usage b 7
  CHECK((*r)[0].tables[1].rows() == 1);
  CHECK((*r)[1].name == "b");
  REQUIRE((*r)[1].tables.size() == 1);
}

TEST_CASE("errors: missing bucket, unbounded read, undefined identifier") {
  Fixture f;
  auto r = f.run(R"(from(bucket: "nope") |> range(start: -1h))");
  REQUIRE(!r.ok());
  CHECK(r.status().code() == ErrorCode::kNotFound);
  CHECK(r.status().message() == "could not find bucket \"nope\"");

  r = f.run(R"(from(bucket: "test"))");
  REQUIRE(!r.ok());
  CHECK(r.status().message().find("cannot submit unbounded read") != std::string::npos);

  r = f.run("x = 1\nfrom(bucket: \"test\") |> range(start: -1h) |> filter(fn: (r) => r._value > y)");
  REQUIRE(!r.ok());
  CHECK(r.status().message() == "error @2:75-2:76: undefined identifier y");
}

TEST_CASE("no result without tables; an empty response is one CRLF") {
  Fixture f;
  auto r = f.run(R"(from(bucket: "test") |> range(start: 2030-01-01T00:00:00Z, stop: 2030-01-02T00:00:00Z))");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].tables.empty());
  CHECK(write_annotated_csv(*r, CsvDialect{}) == "\r\n");
}
