// Shape-changing functions on tutorial-like data: map, group, pivot, column edits, sort/limit, yield.
#include <doctest/doctest.h>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;
using tidewater::testing::Fixture;
using tidewater::testing::rows_of;

TEST_CASE("map with record extension rescales values and keeps the group key") {
  Fixture f;
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"hum\" and r.room == \"kitchen\")"
                      "|> map(fn: (r) => ({r with _value: r._value / 100.0}))")) ==
        ",result,table,_start,_stop,_time,_value,_field,_measurement,room\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T08:00:00Z,0.359,hum,air,kitchen\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T09:00:00Z,0.36200000000000004,hum,air,kitchen\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T10:00:00Z,0.361,hum,air,kitchen\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"temp\" and r.room == \"living\")"
                      "|> map(fn: (r) => ({r with _value: (r._value * 1.8) + 32.0})) |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n,,0,69.98\n,,0,70.52\n,,0,71.24000000000001\n");
}

TEST_CASE("map with if/then/else adds a string column; a plain record drops other columns") {
  Fixture f;
  std::string csv = f.csv(
      "|> filter(fn: (r) => r._field == \"co\" and r.room == \"kitchen\")"
      "|> map(fn: (r) => ({r with level: if r._value > 20 then \"danger\" else if r._value > 0 then \"warn\" else \"ok\"}))"
      "|> keep(columns: [\"_time\", \"_value\", \"level\"])");
  CHECK(csv ==
        "#datatype,string,long,dateTime:RFC3339,long,string\n"
        "#group,false,false,false,false,false\n"
        "#default,_result,,,,\n"
        ",result,table,_time,_value,level\n"
        ",,0,2022-01-01T08:00:00Z,0,ok\n"
        ",,0,2022-01-01T09:00:00Z,1,warn\n"
        ",,0,2022-01-01T10:00:00Z,22,danger\n"
        "\n");
  // Key columns missing from the new record leave the key.
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\" and r.room == \"living\") |> map(fn: (r) => ({v: r._value * 2}))")) ==
        ",result,table,v\n,,0,0\n,,0,10\n,,0,28\n");
}

TEST_CASE("group by columns, by _field only, except, and into one table") {
  Fixture f;
  auto r = run_flux("from(bucket: \"home\") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z) |> group(columns: [\"_field\"])", f.ctx);
  REQUIRE(r.ok());
  REQUIRE((*r)[0].tables.size() == 3);  // co, hum, temp in key order
  CHECK((*r)[0].tables[0].key.entries.size() == 1);
  CHECK((*r)[0].tables[0].column("_field")->strings[0] == "co");
  CHECK((*r)[0].tables[2].column("_field")->strings[0] == "temp");
  CHECK((*r)[0].tables[2].rows() == 6);  // kitchen rows, then living rows
  CHECK((*r)[0].tables[2].column("room")->strings[3] == "living");
  std::string one = f.csv("|> filter(fn: (r) => r._field == \"temp\") |> group() |> count() ");
  CHECK(rows_of(one) == ",result,table,_value\n,,0,6\n");
  std::string except = f.csv("|> group(columns: [\"_time\", \"_value\", \"_start\", \"_stop\", \"_measurement\", \"_field\"], mode: \"except\") |> count()");
  CHECK(rows_of(except) == ",result,table,room,_value\n,,0,kitchen,9\n,,1,living,9\n");
}

TEST_CASE("pivot fields into columns per row time") {
  Fixture f;
  CHECK(f.csv("|> filter(fn: (r) => r.room == \"kitchen\") |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\")") ==
        "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,string,string,dateTime:RFC3339,long,double,double\n"
        "#group,false,false,true,true,true,true,false,false,false,false\n"
        "#default,_result,,,,,,,,,\n"
        ",result,table,_start,_stop,_measurement,room,_time,co,hum,temp\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,air,kitchen,2022-01-01T08:00:00Z,0,35.9,21\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,air,kitchen,2022-01-01T09:00:00Z,1,36.2,23\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,air,kitchen,2022-01-01T10:00:00Z,22,36.1,22.7\n"
        "\n");
}

TEST_CASE("keep, drop, rename, set and duplicate edit columns and the key") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"temp\" and r.room == \"kitchen\") |> limit(n: 1)";
  CHECK(f.csv(base + "|> drop(columns: [\"_start\", \"_stop\"]) |> rename(columns: {room: \"location\"}) |> set(key: \"unit\", value: \"C\")") ==
        "#datatype,string,long,dateTime:RFC3339,double,string,string,string,string\n"
        "#group,false,false,false,false,true,true,true,false\n"
        "#default,_result,,,,,,,\n"
        ",result,table,_time,_value,_field,_measurement,location,unit\n"
        ",,0,2022-01-01T08:00:00Z,21,temp,air,kitchen,C\n"
        "\n");
  CHECK(rows_of(f.csv(base + "|> keep(fn: (column) => column =~ /^_(time|value)$/) |> duplicate(column: \"_time\", as: \"t\")")) ==
        ",result,table,_time,_value,t\n,,0,2022-01-01T08:00:00Z,21,2022-01-01T08:00:00Z\n");
  // Dropping the tag merges the two rooms' tables, which now share a key.
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> drop(columns: [\"room\"]) |> count()")) ==
        ",result,table,_start,_stop,_field,_measurement,_value\n,,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,co,air,6\n");
}

TEST_CASE("sort is stable, limit and tail take rows per table with offsets") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"hum\") |> group() |> keep(columns: [\"_time\", \"_value\", \"room\"])";
  CHECK(rows_of(f.csv(base + "|> sort(columns: [\"_value\"], desc: true)")) ==
        ",result,table,_time,_value,room\n"
        ",,0,2022-01-01T09:00:00Z,36.2,kitchen\n"
        ",,0,2022-01-01T10:00:00Z,36.1,kitchen\n"
        ",,0,2022-01-01T10:00:00Z,36,living\n"
        ",,0,2022-01-01T08:00:00Z,35.9,kitchen\n"
        ",,0,2022-01-01T08:00:00Z,35.9,living\n"
        ",,0,2022-01-01T09:00:00Z,35.9,living\n");
  CHECK(rows_of(f.csv(base + "|> limit(n: 2, offset: 1)")) ==
        ",result,table,_time,_value,room\n,,0,2022-01-01T09:00:00Z,36.2,kitchen\n,,0,2022-01-01T10:00:00Z,36.1,kitchen\n");
  CHECK(rows_of(f.csv(base + "|> tail(n: 2)")) ==
        ",result,table,_time,_value,room\n,,0,2022-01-01T09:00:00Z,35.9,living\n,,0,2022-01-01T10:00:00Z,36,living\n");
}

TEST_CASE("yield names results; conversions toInt and toString") {
  Fixture f;
  auto r = run_flux(
      "data = from(bucket: \"home\") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z)"
      " |> filter(fn: (r) => r._field == \"temp\" and r.room == \"kitchen\")\n"
      "data |> toInt() |> yield(name: \"ints\")\n"
      "data |> toString() |> yield(name: \"strings\")\n",
      f.ctx);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].name == "ints");
  CHECK((*r)[0].tables[0].column("_value")->ints == std::vector<int64_t>{21, 23, 22});
  CHECK((*r)[1].name == "strings");
  CHECK((*r)[1].tables[0].column("_value")->strings == std::vector<std::string>{"21", "23", "22.7"});
}
