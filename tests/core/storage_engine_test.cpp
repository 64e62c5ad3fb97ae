#include <doctest/doctest.h>

#include <map>
#include <random>

#include "core/storage/engine.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using tidewater::testing::TestDir;
using model::FieldValue;

namespace {

model::Point point(std::string m, std::vector<model::Tag> tags, std::string field, FieldValue v, int64_t t) {
  return model::Point{std::move(m), std::move(tags), {model::Field{std::move(field), std::move(v)}}, t};
}

// Everything a reader returns, flattened to "series|field|time" → value text.
std::map<std::string, std::string> dump(const storage::BucketReader& r, storage::SeriesFilter f = {},
                                        storage::TimeRange range = {}) {
  std::map<std::string, std::string> out;
  r.scan(f, range, [&](const storage::SeriesKey& k, std::string_view field, const storage::FieldColumn& c) {
    std::string key = k.measurement;
    for (const auto& t : k.tags) key += "," + t.key + "=" + t.value;
    for (size_t i = 0; i < c.size(); ++i) {
      std::string v;
      switch (c.type) {
        case model::FieldType::kFloat: v = std::to_string(c.floats[i]); break;
        case model::FieldType::kInteger: v = std::to_string(c.integers[i]) + "i"; break;
        case model::FieldType::kUnsigned: v = std::to_string(c.unsigneds[i]) + "u"; break;
        case model::FieldType::kString: v = "\"" + c.strings[i] + "\""; break;
        case model::FieldType::kBoolean: v = c.booleans[i] ? "true" : "false"; break;
      }
      out[key + "|" + std::string(field) + "|" + std::to_string(c.times[i])] = v;
    }
  });
  return out;
}

}  // namespace

TEST_CASE("engine writes, reads back and replays after reopen") {
  TestDir dir;
  std::map<std::string, std::string> before;
  {
    auto e = storage::Engine::open(dir.path(), {});
    REQUIRE(e.ok());
    std::vector<model::Point> pts = {
        point("cpu", {{"host", "a"}}, "usage", 1.5, 10), point("cpu", {{"host", "b"}}, "usage", 2.5, 10),
        point("cpu", {{"host", "a"}}, "usage", 3.5, 5),  point("mem", {}, "free", int64_t{7}, 1),
        point("mem", {}, "ok", true, 1),                 point("mem", {}, "name", std::string("x"), 1),
        point("mem", {}, "big", uint64_t{1} << 63, 1),
    };
    auto w = (*e)->write("b1", pts);
    REQUIRE(w.ok());
    CHECK(w->points_written == 7);
    before = dump(*(*e)->reader("b1"));
    CHECK(before.size() == 7);
    CHECK(before["cpu,host=a|usage|5"] == std::to_string(3.5));
    CHECK(dump(*(*e)->reader("other")).empty());
  }
  auto e = storage::Engine::open(dir.path(), {});
  REQUIRE(e.ok());
  CHECK((*e)->replay_report().records == 1);
  CHECK(dump(*(*e)->reader("b1")) == before);
}

TEST_CASE("scan applies measurement, tag, field and time filters") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), {});
  REQUIRE(e.ok());
  std::vector<model::Point> pts;
  for (int t = 0; t < 10; ++t) {
    pts.push_back(point("cpu", {{"host", "a"}}, "usage", double(t), t));
    pts.push_back(point("cpu2", {{"host", "a"}}, "usage", double(t), t));
    pts.push_back(point("cpu", {{"host", "b"}}, "idle", double(t), t));
  }
  REQUIRE((*e)->write("b", pts).ok());
  auto r = (*e)->reader("b");
  storage::SeriesFilter f;
  f.measurement = "cpu";
  CHECK(dump(*r, f).size() == 20);
  f.tag_equals = {{"host", "a"}};
  CHECK(dump(*r, f).size() == 10);
  f.tag_equals.clear();
  f.field = "idle";
  CHECK(dump(*r, f).size() == 10);
  CHECK(dump(*r, f, {3, 7}).size() == 4);  // [3, 7)
}

TEST_CASE("field type conflicts drop only the conflicting points") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), {});
  REQUIRE(e.ok());
  REQUIRE((*e)->write("b", {point("m", {}, "v", 1.0, 1)}).ok());
  auto w = (*e)->write("b", {point("m", {}, "v", int64_t{2}, 2), point("m", {}, "v", 3.0, 3),
                             point("m", {}, "w", std::string("s"), 3), point("m", {}, "w", true, 4)});
  REQUIRE(w.ok());
  CHECK(w->points_written == 2);
  CHECK(w->points_dropped == 2);
  CHECK(w->first_conflict == "field type conflict: input field \"v\" on measurement \"m\" is type integer, already exists as type float");
  CHECK(dump(*(*e)->reader("b")).size() == 3);
}

TEST_CASE("randomized writes match a simple model, including overwrites and reopen") {
  TestDir dir;
  std::mt19937_64 rng(42);
  std::map<std::string, std::string> model;
  for (int round = 0; round < 4; ++round) {
    auto e = storage::Engine::open(dir.path(), {});
    REQUIRE(e.ok());
    CHECK(dump(*(*e)->reader("b")) == model);
    for (int batch = 0; batch < 20; ++batch) {
      std::vector<model::Point> pts;
      for (int i = 0; i < 30; ++i) {
        const std::string host = "h" + std::to_string(rng() % 4);
        const int64_t t = static_cast<int64_t>(rng() % 50);
        const double v = static_cast<double>(rng() % 1000) / 4;
        pts.push_back(point("m", {{"host", host}}, "v", v, t));
        model["m,host=" + host + "|v|" + std::to_string(t)] = std::to_string(v);
      }
      REQUIRE((*e)->write("b", pts).ok());
    }
    CHECK(dump(*(*e)->reader("b")) == model);
  }
}

TEST_CASE("delete_where removes matching values in range, and replay repeats it in order") {
  TestDir dir;
  {
    auto e = storage::Engine::open(dir.path(), {});
    REQUIRE(e.ok());
    std::vector<model::Point> pts;
    for (int t = 0; t < 10; ++t) {
      pts.push_back(point("cpu", {{"host", "a"}}, "usage", double(t), t));
      pts.push_back(point("cpu", {{"host", "b"}}, "usage", double(t), t));
      pts.push_back(point("mem", {{"host", "a"}}, "free", double(t), t));
    }
    REQUIRE((*e)->write("b", pts).ok());
    storage::SeriesFilter pred;
    pred.measurement = "cpu";
    pred.tag_equals = {{"host", "a"}};
    auto removed = (*e)->delete_where("b", pred, {2, 5});
    REQUIRE(removed.ok());
    CHECK(*removed == 3);
    // A write after the delete must survive replay: order matters.
    REQUIRE((*e)->write("b", {point("cpu", {{"host", "a"}}, "usage", 42.0, 3)}).ok());
    CHECK(dump(*(*e)->reader("b")).size() == 28);
    auto all = (*e)->delete_where("b", storage::SeriesFilter{.measurement = "mem"}, {model::kMinTime, model::kMaxTime});
    CHECK(*all == 10);
  }
  auto e = storage::Engine::open(dir.path(), {});
  REQUIRE(e.ok());
  auto data = dump(*(*e)->reader("b"));
  CHECK(data.size() == 18);
  CHECK(data.count("cpu,host=a|usage|2") == 0);
  CHECK(data["cpu,host=a|usage|3"] == std::to_string(42.0));
  CHECK(data.count("cpu,host=b|usage|2") == 1);
  CHECK((*e)->series_count("b") == 2);  // mem is gone entirely
}

TEST_CASE("retention: writes older than the cut-off are dropped, old data is enforced away") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), {});
  REQUIRE(e.ok());
  auto w = (*e)->write("b", {point("m", {}, "v", 1.0, 5), point("m", {}, "v", 2.0, 50), point("m", {}, "v", 3.0, 100)}, 40);
  REQUIRE(w.ok());
  CHECK(w->points_written == 2);
  CHECK(w->points_expired == 1);
  CHECK((*e)->enforce_retention("b", 60) == 1);
  auto data = dump(*(*e)->reader("b"));
  REQUIRE(data.size() == 1);
  CHECK(data.begin()->first == "m|v|100");
}
