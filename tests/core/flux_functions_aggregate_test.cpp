// Aggregates, selectors and quantiles on tutorial-like data, checked as exact annotated CSV.
#include <doctest/doctest.h>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;
using tidewater::testing::Fixture;
using tidewater::testing::rows_of;

TEST_CASE("mean: one row per table with the group key and a double _value") {
  Fixture f;
  CHECK(f.csv("|> filter(fn: (r) => r._field == \"temp\") |> mean()") ==
        "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,string,string,string,double\n"
        "#group,false,false,true,true,true,true,true,false\n"
        "#default,_result,,,,,,,\n"
        ",result,table,_start,_stop,_field,_measurement,room,_value\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,temp,air,kitchen,22.233333333333334\n"
        ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,temp,air,living,21.433333333333334\n"
        "\n");
}

TEST_CASE("count after toFloat is a long; sum keeps the type; spread and stddev") {
  Fixture f;
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> toFloat() |> count()")) ==
        ",result,table,_start,_stop,_field,_measurement,room,_value\n"
        ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,co,air,kitchen,3\n"
        ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,co,air,living,3\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> sum() |> keep(columns: [\"room\", \"_value\"])")) ==
        ",result,table,room,_value\n"
        ",,0,kitchen,23\n"
        ",,1,living,19\n");
  CHECK(f.csv("|> filter(fn: (r) => r._field == \"co\") |> sum()").find("#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,string,string,string,long") == 0);
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> spread() |> keep(columns: [\"room\", \"_value\"])")) ==
        ",result,table,room,_value\n"
        ",,0,kitchen,22\n"
        ",,1,living,14\n");
  // kitchen temp 21, 23, 22.7: sample standard deviation sqrt((1.2333² + 0.7667² + 0.4667²) / 2).
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"temp\" and r.room == \"kitchen\") |> stddev() |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n"
        ",,0,1.0785793124908953\n");
}

TEST_CASE("selectors keep the whole row, _time included") {
  Fixture f;
  const char* header = ",result,table,_start,_stop,_time,_value,_field,_measurement,room\n";
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"temp\") |> max()")) ==
        std::string(header) +
            ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T09:00:00Z,23,temp,air,kitchen\n"
            ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T10:00:00Z,21.8,temp,air,living\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"temp\") |> min()")) ==
        std::string(header) +
            ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T08:00:00Z,21,temp,air,kitchen\n"
            ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T08:00:00Z,21.1,temp,air,living\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"hum\") |> first()")) ==
        std::string(header) +
            ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T08:00:00Z,35.9,hum,air,kitchen\n"
            ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T08:00:00Z,35.9,hum,air,living\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"hum\") |> last()")) ==
        std::string(header) +
            ",,0,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T10:00:00Z,36.1,hum,air,kitchen\n"
            ",,1,2022-01-01T08:00:00Z,2022-01-01T11:00:00Z,2022-01-01T10:00:00Z,36,hum,air,living\n");
}

TEST_CASE("median and quantile: t-digest, exact mean and exact selector") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"co\" and r.room == \"kitchen\") ";
  // co 0, 1, 22: the t-digest median of three single centroids is the middle one.
  CHECK(rows_of(f.csv(base + "|> median() |> keep(columns: [\"_value\"])")) == ",result,table,_value\n,,0,1\n");
  // q=0.75 over [0, 1, 22]: index 1.5 → halfway between 1 and 22.
  CHECK(rows_of(f.csv(base + "|> quantile(q: 0.75, method: \"exact_mean\") |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n,,0,11.5\n");
  // The selector returns the row at ceil(0.75 * 3) - 1 = 2 in value order, with its time.
  CHECK(rows_of(f.csv(base + "|> quantile(q: 0.75, method: \"exact_selector\") |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T10:00:00Z,22\n");
}

TEST_CASE("distinct, unique, top and bottom") {
  Fixture f;
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"hum\") |> group() |> distinct() |> sort()")) ==
        ",result,table,_value\n,,0,35.9\n,,0,36\n,,0,36.1\n,,0,36.2\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"hum\" and r.room == \"living\") |> unique() |> keep(columns: [\"_time\", \"_value\"])")) ==
        ",result,table,_time,_value\n,,0,2022-01-01T08:00:00Z,35.9\n,,0,2022-01-01T10:00:00Z,36\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> group() |> top(n: 2) |> keep(columns: [\"room\", \"_value\"])")) ==
        ",result,table,_value,room\n,,0,22,kitchen\n,,0,14,living\n");
  CHECK(rows_of(f.csv("|> filter(fn: (r) => r._field == \"co\") |> group() |> bottom(n: 2) |> keep(columns: [\"room\", \"_value\"])")) ==
        ",result,table,_value,room\n,,0,0,kitchen\n,,0,0,living\n");
}

TEST_CASE("aggregating a group key column is an error") {
  Fixture f;
  CHECK(f.csv("|> mean(column: \"room\")").find("cannot aggregate columns that are part of the group key") != std::string::npos);
}

TEST_CASE("histogram counts values up to each bound; histogramQuantile interpolates inside a bucket") {
  Fixture f;
  std::string base = "|> filter(fn: (r) => r._field == \"co\" and r.room == \"kitchen\") ";
  CHECK(rows_of(f.csv(base + "|> histogram(bins: [0.0, 10.0, 100.0]) |> keep(columns: [\"le\", \"_value\"])")) ==
        ",result,table,le,_value\n,,0,0,1\n,,0,10,2\n,,0,100,3\n");
  CHECK(rows_of(f.csv(base + "|> histogram(bins: [0.0, 10.0, 100.0], normalize: true) |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n,,0,0.3333333333333333\n,,0,0.6666666666666666\n,,0,1\n");
  // rank 0.5 * 3 = 1.5 lies in (0, 10] holding counts 1..2: 0 + 10 * 0.5.
  CHECK(rows_of(f.csv(base + "|> histogram(bins: [0.0, 10.0, 100.0]) |> histogramQuantile(quantile: 0.5) |> keep(columns: [\"_value\"])")) ==
        ",result,table,_value\n,,0,5\n");
}
