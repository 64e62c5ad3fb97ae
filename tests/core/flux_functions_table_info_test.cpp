// columns, keys, keyValues, mode, sample, tableFind/getColumn/getRecord/findColumn/findRecord,
// the schema and v1 packages, to(), buckets() and the per-query memory bound.
#include <doctest/doctest.h>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;
using tidewater::testing::Fixture;
using tidewater::testing::rows_of;
using tidewater::testing::script_rows;

namespace {

const std::string kKitchenTemp = "|> filter(fn: (r) => r._field == \"temp\" and r.room == \"kitchen\")";

}  // namespace

TEST_CASE("columns and keys list labels per table") {
  Fixture f;
  CHECK(rows_of(f.csv(kKitchenTemp + "|> drop(columns: [\"_start\", \"_stop\"]) |> columns()")) ==
        ",result,table,_field,_measurement,room,_value\n"
        ",,0,temp,air,kitchen,_time\n"
        ",,0,temp,air,kitchen,_value\n"
        ",,0,temp,air,kitchen,_field\n"
        ",,0,temp,air,kitchen,_measurement\n"
        ",,0,temp,air,kitchen,room\n");
  CHECK(rows_of(f.csv(kKitchenTemp + "|> keys(column: \"k\") |> keep(columns: [\"k\"])")) ==
        ",result,table,k\n,,0,_start\n,,0,_stop\n,,0,_field\n,,0,_measurement\n,,0,room\n");
}

TEST_CASE("keyValues returns distinct values of the named columns") {
  Fixture f;
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"temp\") |> group() |> keyValues(keyColumns: [\"room\", \"_field\"])")) ==
        ",result,table,_key,_value\n"
        ",,0,room,kitchen\n,,0,room,living\n,,0,_field,temp\n");
  CHECK(rows_of(f.csv("|> group() |> keyValues(keyColumns: [\"room\", \"_value\"])")).find("ERROR") == 0);
}

TEST_CASE("mode returns the most frequent values, sorted") {
  Fixture f;
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"hum\") |> group() |> mode() ")) ==
        ",result,table,_value\n,,0,35.9\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> group(columns: [\"room\"]) |> mode() ")) ==
        ",result,table,room,_value\n"
        ",,0,kitchen,0\n,,0,kitchen,1\n,,0,kitchen,22\n"
        ",,1,living,0\n,,1,living,5\n,,1,living,14\n");
}

TEST_CASE("sample keeps every n-th row from pos") {
  Fixture f;
  CHECK(rows_of(f.csv(kKitchenTemp + "|> sample(n: 2, pos: 0) |> keep(columns: [\"_value\"])")) == ",result,table,_value\n,,0,21\n,,0,22.7\n");
  CHECK(rows_of(f.csv(kKitchenTemp + "|> sample(n: 2, pos: 1) |> keep(columns: [\"_value\"])")) == ",result,table,_value\n,,0,23\n");
  CHECK(rows_of(f.csv(kKitchenTemp + "|> sample(n: 3) |> count()")).find(",1\n") != std::string::npos);
  CHECK(rows_of(f.csv(kKitchenTemp + "|> sample(n: 2, pos: 2)")).find("ERROR") == 0);
}

TEST_CASE("tableFind, getColumn, getRecord, findColumn, findRecord") {
  Fixture f;
  std::string data = "import \"array\"\ndata = from(bucket: \"home\") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z)\n";
  CHECK(script_rows(f, data +
                           "t = data |> tableFind(fn: (key) => key._field == \"co\" and key.room == \"living\")\n"
                           "cols = t |> getColumn(column: \"_value\")\n"
                           "rec = t |> getRecord(idx: 2)\n"
                           "array.from(rows: [{n: length(arr: cols), last: cols[2], room: rec.room}])") ==
        ",result,table,n,last,room\n,,0,3,14,living\n");
  CHECK(script_rows(f, data +
                           "c = data |> findColumn(fn: (key) => key._field == \"temp\", column: \"_value\")\n"
                           "r = data |> findRecord(fn: (key) => key._field == \"hum\" and key.room == \"kitchen\", idx: 1)\n"
                           "none = data |> findColumn(fn: (key) => key._field == \"nope\", column: \"_value\")\n"
                           "array.from(rows: [{first: c[0], hum: r._value, none: length(arr: none)}])") ==
        ",result,table,first,hum,none\n,,0,21,36.2,0\n");
  CHECK(script_rows(f, data + "data |> tableFind(fn: (key) => key._field == \"nope\")").find("ERROR") == 0);
}

TEST_CASE("schema and v1 packages") {
  Fixture f;
  std::string head = "import \"influxdata/influxdb/schema\"\nimport \"influxdata/influxdb/v1\"\n";
  CHECK(script_rows(f, head + "schema.tagValues(bucket: \"home\", tag: \"room\", start: time(v: 0))") ==
        ",result,table,_value\n,,0,kitchen\n,,0,living\n");
  CHECK(script_rows(f, head + "schema.measurements(bucket: \"home\", start: 2022-01-01T00:00:00Z)") ==
        ",result,table,_value\n,,0,air\n");
  CHECK(script_rows(f, head + "schema.fieldKeys(bucket: \"home\", start: 2022-01-01T00:00:00Z)") ==
        ",result,table,_value\n,,0,co\n,,0,hum\n,,0,temp\n");
  CHECK(script_rows(f, head + "schema.measurementFieldKeys(bucket: \"home\", measurement: \"nope\", start: 2022-01-01T00:00:00Z)") ==
        "");
  CHECK(script_rows(f, head + "schema.tagKeys(bucket: \"home\", start: 2022-01-01T00:00:00Z)") ==
        ",result,table,_value\n,,0,_start\n,,0,_stop\n,,0,_field\n,,0,_measurement\n,,0,room\n");
  CHECK(script_rows(f, head + "schema.measurementTagValues(bucket: \"home\", measurement: \"air\", tag: \"room\")") ==
        ",result,table,_value\n,,0,kitchen\n,,0,living\n");
  CHECK(script_rows(f, head + "schema.measurementTagKeys(bucket: \"home\", measurement: \"air\") |> filter(fn: (r) => r._value == \"room\")") ==
        ",result,table,_value\n,,0,room\n");
  CHECK(script_rows(f, head +
                           "from(bucket: \"home\") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T09:00:00Z)"
                           " |> filter(fn: (r) => r.room == \"kitchen\") |> v1.fieldsAsCols() |> drop(columns: [\"_start\", \"_stop\"])") ==
        ",result,table,_measurement,room,_time,co,hum,temp\n,,0,air,kitchen,2022-01-01T08:00:00Z,0,35.9,21\n");
}

TEST_CASE("to writes rows through the context's hook and passes them on") {
  Fixture f;
  std::vector<model::Point> written;
  std::string written_bucket;
  f.ctx.write_points = [&](std::string_view bucket, const std::vector<model::Point>& points) -> Status {
    written_bucket = bucket;
    written.insert(written.end(), points.begin(), points.end());
    return Status::Ok();
  };
  std::string got = rows_of(f.csv(kKitchenTemp + "|> mean() |> duplicate(column: \"_stop\", as: \"_time\") |> to(bucket: \"out\")"));
  CHECK(got.find("22.23") != std::string::npos);
  REQUIRE(written.size() == 1);
  CHECK(written_bucket == "out");
  CHECK(written[0].measurement == "air");
  CHECK(written[0].tags == std::vector<model::Tag>{{"room", "kitchen"}});
  CHECK(written[0].fields[0].key == "temp");
  CHECK(written[0].time == 1641034800000000000);
  written.clear();
  rows_of(f.csv(kKitchenTemp + "|> to(bucket: \"out\", fieldFn: (r) => ({t: r._value, doubled: r._value * 2.0}), tagColumns: [])"));
  REQUIRE(written.size() == 3);
  CHECK(written[0].tags.empty());
  CHECK(written[0].fields.size() == 2);
  // The hook's refusal (e.g. no write permission) fails the query with its message.
  f.ctx.write_points = [](std::string_view, const std::vector<model::Point>&) -> Status {
    return Status(ErrorCode::kForbidden, "insufficient permissions for write");
  };
  CHECK(f.csv(kKitchenTemp + "|> to(bucket: \"out\")") == "ERROR: insufficient permissions for write");
  f.ctx.write_points = nullptr;
  CHECK(f.csv(kKitchenTemp + "|> to(bucket: \"out\")").find("ERROR") == 0);
}

TEST_CASE("buckets lists what the context allows") {
  Fixture f;
  CHECK(script_rows(f, "buckets()").find("ERROR") == 0);
  f.ctx.list_buckets = []() -> Result<std::vector<BucketInfo>> {
    return std::vector<BucketInfo>{{"home", "0a", "0b", 0}, {"_monitoring", "0c", "0b", 604800000000000}};
  };
  CHECK(script_rows(f, "buckets() |> filter(fn: (r) => r.name == \"home\")") ==
        ",result,table,name,id,organizationID,retentionPolicy,retentionPeriod\n,,0,home,0a,0b,,0\n");
}

TEST_CASE("a query past its memory bound fails clearly") {
  Fixture f;
  f.ctx.max_memory_bytes = 2000;
  std::string got = f.csv("|> map(fn: (r) => ({r with x: 1}))");
  CHECK(got.find("ERROR: query exceeded its memory limit of 2000 bytes") == 0);
  f.ctx.max_memory_bytes = kDefaultQueryMemoryBytes;
  CHECK(f.csv("|> map(fn: (r) => ({r with x: 1}))").find("ERROR") == std::string::npos);
}
