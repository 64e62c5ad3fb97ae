// Windows and row-sequence functions on tutorial-like data: aggregateWindow, window, duplicate,
// difference, derivative, cumulativeSum, fill, movingAverage, stateCount, timeShift.
#include <doctest/doctest.h>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;
using tidewater::testing::Fixture;
using tidewater::testing::rows_of;

TEST_CASE("aggregateWindow(every: 2h, fn: mean): _time is each window's stop, clipped to the range") {
  Fixture f;
  CHECK(f.csv("|> filter(fn: (r) => r._field == \"temp\") |> aggregateWindow(every: 2h, fn: mean)") ==
        "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string\n"
        "#group,false,false,true,true,false,false,true,true,true\n"
        "#default,_result,,,,,,,,\n"
        ",result,table,_start,_stop,_time,_value,_field,_measurement,room\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T10:00:00Z,22,temp,air,kitchen\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T11:00:00Z,22.7,temp,air,kitchen\n"
        ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T10:00:00Z,21.25,temp,air,living\n"
        ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T11:00:00Z,21.8,temp,air,living\n"
        "\n");
}

TEST_CASE("aggregateWindow creates empty windows: count gives 0, mean null; createEmpty: false skips them") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"co\" and r.room == \"kitchen\") |> filter(fn: (r) => r._value > 0)";
  CHECK(rows_of(f.csv(base + "|> aggregateWindow(every: 1h, fn: count) |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,0\n,,0,2022-01-01T10:00:00Z,1\n,,0,2022-01-01T11:00:00Z,1\n");
  CHECK(rows_of(f.csv(base + "|> aggregateWindow(every: 1h, fn: mean) |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,\n,,0,2022-01-01T10:00:00Z,1\n,,0,2022-01-01T11:00:00Z,22\n");
  CHECK(rows_of(f.csv(base + "|> aggregateWindow(every: 1h, fn: max, createEmpty: false, timeSrc: \"_start\") |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,1\n,,0,2022-01-01T10:00:00Z,22\n");
  // A Flux function as fn receives the column to aggregate; sum() of an empty window is null.
  CHECK(rows_of(f.csv(base + "|> aggregateWindow(every: 3h, fn: (column, tables=<-) => tables |> sum(column: column)) |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,\n,,0,2022-01-01T11:00:00Z,23\n");
}

TEST_CASE("window splits by epoch-aligned time with clipped bounds in the key; mean |> duplicate(_stop as _time)") {
  Fixture f;
  // 90m windows from the epoch: 07:30-09:00 (clipped to 08:00), 09:00-10:30, 10:30-12:00 (no rows).
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"temp\" and r.room == \"living\") |> window(every: 90m) |> mean() |> duplicate(column: \"_stop\", as: \"_time\")")) ==
        ",result,table,_start,_stop,_field,_measurement,room,_value,_time\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T09:00:00Z,temp,air,living,21.1,2022-01-01T09:00:00Z\n"
        ",,1,2022-01-01T09:00:00Z,2022-01-01T10:30:00Z,temp,air,living,21.6,2022-01-01T10:30:00Z\n");
}

TEST_CASE("difference, derivative, cumulativeSum and increase over consecutive rows") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"co\" and r.room == \"living\") ";
  CHECK(rows_of(f.csv(base + "|> difference() |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,5\n,,0,2022-01-01T10:00:00Z,9\n");
  CHECK(rows_of(f.csv(base + "|> derivative(unit: 1h) |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,5\n,,0,2022-01-01T10:00:00Z,9\n");
  CHECK(rows_of(f.csv(base + "|> cumulativeSum() |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n,,0,0\n,,0,5\n,,0,19\n");
  CHECK(rows_of(f.csv(base + "|> increase() |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n,,0,0\n,,0,5\n,,0,14\n");
  CHECK(rows_of(f.csv(base + "|> elapsed(unit: 1m) |> keep(columns: [\"elapsed\"])")) ==
        ",result,table,elapsed\n,,0,60\n,,0,60\n");
}

TEST_CASE("movingAverage, fill, stateCount, timeShift and truncateTimeColumn") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"temp\" and r.room == \"kitchen\") ";
  CHECK(rows_of(f.csv(base + "|> movingAverage(n: 2) |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T09:00:00Z,22\n,,0,2022-01-01T10:00:00Z,22.85\n");
  CHECK(rows_of(f.csv(base + "|> aggregateWindow(every: 30m, fn: last) |> fill(usePrevious: true) |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T08:30:00Z,21\n,,0,2022-01-01T09:00:00Z,21\n"
        ",,0,2022-01-01T09:30:00Z,23\n,,0,2022-01-01T10:00:00Z,23\n,,0,2022-01-01T10:30:00Z,22.7\n"
        ",,0,2022-01-01T11:00:00Z,22.7\n");
  CHECK(rows_of(f.csv(base + "|> stateCount(fn: (r) => r._value > 22.0) |> keep(columns: [\"_value\", \"stateCount\"])")) ==
        ",result,table,_value,stateCount\n,,0,21,-1\n,,0,23,1\n,,0,22.7,2\n");
  CHECK(rows_of(f.csv(base + "|> stateDuration(fn: (r) => r._value > 22.0, unit: 1m) |> keep(columns: [\"stateDuration\"])")) ==
        ",result,table,stateDuration\n,,0,-1\n,,0,0\n,,0,60\n");
  CHECK(rows_of(f.csv(base + "|> timeShift(duration: -30m) |> truncateTimeColumn(unit: 1h) |> keep(columns: [\"_start\", \"_time\"])")) ==
        ",result,table,_start,_time\n,,0,2022-01-01T07:30:00Z,2022-01-01T07:00:00Z\n"
        ",,0,2022-01-01T07:30:00Z,2022-01-01T08:00:00Z\n,,0,2022-01-01T07:30:00Z,2022-01-01T09:00:00Z\n");
}
