// join() (universe) and the join package (inner, left, right, full, time) on tutorial-like data.
#include <doctest/doctest.h>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;
using tidewater::testing::Fixture;
using tidewater::testing::rows_of;
using tidewater::testing::script_rows;

namespace {

const char* kStreams =
    "data = from(bucket: \"home\") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z)\n"
    "temp = data |> filter(fn: (r) => r._field == \"temp\") |> drop(columns: [\"_start\", \"_stop\", \"_measurement\", \"_field\"])\n"
    "co = data |> filter(fn: (r) => r._field == \"co\" and r._time != 2022-01-01T09:00:00Z)"
    " |> drop(columns: [\"_start\", \"_stop\", \"_measurement\", \"_field\"])\n";

}  // namespace

TEST_CASE("universe join suffixes shared columns and unites the group keys") {
  Fixture f;
  std::string got = script_rows(f, std::string(kStreams) + "join(tables: {t: temp, c: co}, on: [\"_time\", \"room\"])");
  CHECK(got ==
        ",result,table,_time,_value_t,room,_value_c\n"
        ",,0,2022-01-01T08:00:00Z,21,kitchen,0\n"
        ",,0,2022-01-01T10:00:00Z,22.7,kitchen,22\n"
        ",,1,2022-01-01T08:00:00Z,21.1,living,0\n"
        ",,1,2022-01-01T10:00:00Z,21.8,living,14\n");
  // A key column not in `on` is suffixed in the key as well.
  got = script_rows(f, std::string(kStreams) + "join(tables: {t: temp, c: co}, on: [\"_time\"]) |> filter(fn: (r) => r.room_t == r.room_c) |> count(column: \"_value_t\")");
  CHECK(got ==
        ",result,table,room_t,room_c,_value_t\n"
        ",,0,kitchen,kitchen,2\n"
        ",,1,living,living,2\n");
  CHECK(script_rows(f, std::string(kStreams) + "join(tables: {t: temp, c: co}, on: [\"nope\"])").find("ERROR") == 0);
  CHECK(script_rows(f, std::string(kStreams) + "join(tables: {t: temp}, on: [\"_time\"])").find("ERROR") == 0);
}

TEST_CASE("join package: inner, left, right, full and time") {
  Fixture f;
  std::string head = std::string("import \"join\"\n") + kStreams;
  std::string as = "as: (l, r) => ({_time: if exists l._time then l._time else r._time, room: if exists l.room then l.room else r.room, t: l._value, c: r._value})";
  std::string on = "on: (l, r) => l._time == r._time";
  std::string tail = " |> filter(fn: (r) => r.room == \"kitchen\")";
  CHECK(script_rows(f, head + "join.inner(left: temp, right: co, " + on + ", " + as + ")" + tail) ==
        ",result,table,_time,room,t,c\n"
        ",,0,2022-01-01T08:00:00Z,kitchen,21,0\n"
        ",,0,2022-01-01T10:00:00Z,kitchen,22.7,22\n");
  CHECK(script_rows(f, head + "join.left(left: temp, right: co, " + on + ", " + as + ")" + tail) ==
        ",result,table,_time,room,t,c\n"
        ",,0,2022-01-01T08:00:00Z,kitchen,21,0\n"
        ",,0,2022-01-01T09:00:00Z,kitchen,23,\n"
        ",,0,2022-01-01T10:00:00Z,kitchen,22.7,22\n");
  CHECK(script_rows(f, head + "join.right(left: co, right: temp, " + on + ", " +
                           "as: (l, r) => ({_time: r._time, room: r.room, c: l._value}))" + tail) ==
        ",result,table,_time,room,c\n"
        ",,0,2022-01-01T08:00:00Z,kitchen,0\n"
        ",,0,2022-01-01T10:00:00Z,kitchen,22\n"
        ",,0,2022-01-01T09:00:00Z,kitchen,\n");
  CHECK(script_rows(f, head + "join.full(left: co, right: temp, " + on + ", " +
                           "as: (l, r) => ({_time: if exists l._time then l._time else r._time, room: if exists l.room then l.room else r.room, c: l._value}))" + tail) ==
        ",result,table,_time,room,c\n"
        ",,0,2022-01-01T08:00:00Z,kitchen,0\n"
        ",,0,2022-01-01T10:00:00Z,kitchen,22\n"
        ",,0,2022-01-01T09:00:00Z,kitchen,\n");
  CHECK(script_rows(f, head + "join.time(left: temp, right: co, " + as + ", method: \"inner\")" + tail) ==
        ",result,table,_time,room,t,c\n"
        ",,0,2022-01-01T08:00:00Z,kitchen,21,0\n"
        ",,0,2022-01-01T10:00:00Z,kitchen,22.7,22\n");
  CHECK(script_rows(f, head + "join.tables(method: \"outer\", left: temp, right: co, " + on + ", " + as + ")").find("ERROR") == 0);
}
