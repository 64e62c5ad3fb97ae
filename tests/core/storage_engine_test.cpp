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

// ---- Segment files: flush, reopen, crash safety, deletes, retention, compaction ----

#include <filesystem>
#include <fstream>
#include <tuple>

namespace {

namespace fs = std::filesystem;

// How many values a full scan returns, duplicates included (dump() would hide them).
size_t count_values(const storage::BucketReader& r) {
  size_t n = 0;
  r.scan({}, {}, [&](const storage::SeriesKey&, std::string_view, const storage::FieldColumn& c) {
    for (size_t i = 0; i < c.size(); ++i) CHECK((i == 0 || c.times[i - 1] < c.times[i]));
    n += c.size();
  });
  return n;
}

std::vector<std::string> files_in(const std::string& dir, std::string_view suffix) {
  std::vector<std::string> out;
  for (const auto& name : util::list_dir(dir)) {
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) out.push_back(name);
  }
  return out;
}

void copy_tree(const std::string& from, const std::string& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

storage::EngineOptions small_options() {
  storage::EngineOptions o;
  o.sync = false;
  o.flush_after_values = 0;
  o.compact_after_segments = 0;
  o.default_shard_duration = 100;
  o.wal_segment_bytes = 512;
  return o;
}

std::vector<model::Point> mixed_points(int64_t from, int64_t n) {
  std::vector<model::Point> pts;
  for (int64_t t = from; t < from + n; ++t) {
    pts.push_back(point("cpu", {{"host", "a"}}, "usage", double(t) / 2, t));
    pts.push_back(point("cpu", {{"host", "b"}}, "usage", double(t) * 3, t));
    if (t % 3 == 0) pts.push_back(point("mem", {}, "free", int64_t{-t}, t));
    if (t % 5 == 0) pts.push_back(point("mem", {}, "name", "s" + std::to_string(t), t));
    if (t % 7 == 0) pts.push_back(point("mem", {}, "ok", t % 2 == 0, t));
    if (t % 11 == 0) pts.push_back(point("mem", {}, "big", uint64_t(t) << 40, t));
  }
  return pts;
}

}  // namespace

TEST_CASE("flush writes segment files; flush + reopen reads back the in-memory model") {
  TestDir dir;
  std::map<std::string, std::string> before;
  size_t series = 0;
  {
    auto e = storage::Engine::open(dir.path(), small_options());
    REQUIRE(e.ok());
    REQUIRE((*e)->write("b1", mixed_points(-150, 2600)).ok());
    REQUIRE((*e)->write("b2", {point("x", {}, "v", 1.0, 1)}).ok());
    before = dump(*(*e)->reader("b1"));
    series = (*e)->series_count("b1");
    REQUIRE((*e)->flush().ok());
    // Shards of 100 ns from -200 to 2400: 27 files for b1, one for b2.
    CHECK((*e)->segment_count("b1") == 27);
    CHECK(files_in(dir.path() + "/data/b1", ".tsm").size() == 27);
    CHECK(files_in(dir.path() + "/data/b1", ".tmp").empty());
    CHECK(dump(*(*e)->reader("b1")) == before);
    CHECK((*e)->series_count("b1") == series);
    // Reads after flush still merge new cache writes over segment values.
    REQUIRE((*e)->write("b1", {point("cpu", {{"host", "a"}}, "usage", -1.0, 7)}).ok());
    before["cpu,host=a|usage|7"] = std::to_string(-1.0);
    CHECK(dump(*(*e)->reader("b1")) == before);
    storage::SeriesFilter f;
    f.measurement = "mem";
    f.field = "name";
    CHECK(dump(*(*e)->reader("b1"), f, {0, 100}).size() == 20);
  }
  auto e = storage::Engine::open(dir.path(), small_options());
  REQUIRE(e.ok());
  CHECK((*e)->damaged_files().empty());
  CHECK((*e)->replay_report().records == 1);  // only the write after the flush
  CHECK(dump(*(*e)->reader("b1")) == before);
  CHECK(count_values(*(*e)->reader("b1")) == before.size());
  CHECK(dump(*(*e)->reader("b2")).size() == 1);
  CHECK((*e)->series_count("b1") == series);
  REQUIRE((*e)->close().ok());
  CHECK((*e)->replay_report().records == 1);
  auto again = storage::Engine::open(dir.path(), small_options());
  REQUIRE(again.ok());
  CHECK((*again)->replay_report().records == 0);
  CHECK(dump(*(*again)->reader("b1")) == before);
}

TEST_CASE("type conflicts are still detected after flush and reopen") {
  TestDir dir;
  {
    auto e = storage::Engine::open(dir.path(), small_options());
    REQUIRE(e.ok());
    REQUIRE((*e)->write("b", {point("m", {}, "v", 1.0, 1), point("m", {}, "s", std::string("x"), 1)}).ok());
    REQUIRE((*e)->flush().ok());
    auto w = (*e)->write("b", {point("m", {}, "v", int64_t{2}, 2)});
    REQUIRE(w.ok());
    CHECK(w->points_dropped == 1);
  }
  auto e = storage::Engine::open(dir.path(), small_options());
  REQUIRE(e.ok());
  auto w = (*e)->write("b", {point("m", {}, "v", int64_t{2}, 2), point("m", {}, "s", true, 3), point("m", {}, "v", 4.0, 4)});
  REQUIRE(w.ok());
  CHECK(w->points_written == 1);
  CHECK(w->points_dropped == 2);
  CHECK(w->first_conflict == "field type conflict: input field \"v\" on measurement \"m\" is type integer, already exists as type float");
  // Deleting everything keeps the types, as the cache does.
  REQUIRE((*e)->delete_where("b", {}, {model::kMinTime, model::kMaxTime}).ok());
  REQUIRE((*e)->flush().ok());
  CHECK(dump(*(*e)->reader("b")).empty());
}

TEST_CASE("delete_where hides flushed data through tombstones, across reopen and compaction") {
  TestDir dir;
  auto opts = small_options();
  std::map<std::string, std::string> want;
  {
    auto e = storage::Engine::open(dir.path(), opts);
    REQUIRE(e.ok());
    REQUIRE((*e)->write("b", mixed_points(0, 300)).ok());
    REQUIRE((*e)->flush().ok());
    storage::SeriesFilter pred;
    pred.measurement = "cpu";
    pred.tag_equals = {{"host", "a"}};
    auto removed = (*e)->delete_where("b", pred, {50, 250});
    REQUIRE(removed.ok());
    CHECK(*removed == 200);
    CHECK((*e)->tombstone_count("b") == 1);
    CHECK((*e)->series_count("b") == 3);
    REQUIRE((*e)->delete_where("b", storage::SeriesFilter{.measurement = "mem", .field = {}, .tag_equals = {}},
                               {model::kMinTime, model::kMaxTime})
                .ok());
    CHECK((*e)->series_count("b") == 2);
    REQUIRE((*e)->write("b", mixed_points(0, 300)).ok());
    REQUIRE((*e)->delete_where("b", pred, {50, 250}).ok());
    // Written after the delete: must survive it everywhere.
    REQUIRE((*e)->write("b", {point("cpu", {{"host", "a"}}, "usage", 99.0, 60)}).ok());
    want = dump(*(*e)->reader("b"));
    CHECK(want.count("cpu,host=a|usage|50") == 0);
    CHECK(want.count("cpu,host=a|usage|49") == 1);
    CHECK(want["cpu,host=a|usage|60"] == std::to_string(99.0));
  }
  {
    auto e = storage::Engine::open(dir.path(), opts);
    REQUIRE(e.ok());
    CHECK((*e)->tombstone_count("b") == 3);  // replay found the tombstone, wrote no copy
    CHECK(dump(*(*e)->reader("b")) == want);
    REQUIRE((*e)->flush().ok());
    CHECK(dump(*(*e)->reader("b")) == want);
    REQUIRE((*e)->compact("b", 1).ok());
    CHECK((*e)->segment_count("b") == 3);
    CHECK((*e)->tombstone_count("b") == 0);  // applied by compaction, then collected
    CHECK(dump(*(*e)->reader("b")) == want);
    CHECK(count_values(*(*e)->reader("b")) == want.size());
  }
  auto e = storage::Engine::open(dir.path(), opts);
  REQUIRE(e.ok());
  CHECK(dump(*(*e)->reader("b")) == want);
}

TEST_CASE("retention after flush drops whole shard files and hides the rest") {
  TestDir dir;
  auto opts = small_options();
  opts.default_shard_duration = 10;
  auto e = storage::Engine::open(dir.path(), opts);
  REQUIRE(e.ok());
  std::vector<model::Point> pts;
  for (int t = 0; t < 100; ++t) pts.push_back(point("m", {}, "v", double(t), t));
  REQUIRE((*e)->write("b", pts).ok());
  REQUIRE((*e)->flush().ok());
  CHECK((*e)->segment_count("b") == 10);
  CHECK((*e)->enforce_retention("b", 35) >= 30);
  CHECK((*e)->segment_count("b") == 7);
  CHECK(files_in(dir.path() + "/data/b", ".tsm").size() == 7);
  auto data = dump(*(*e)->reader("b"));
  CHECK(data.size() == 65);
  CHECK(data.begin()->first == "m|v|35");
  // Hidden values stay hidden when compaction rewrites the shard.
  REQUIRE((*e)->write("b", {point("m", {}, "v", -1.0, 36)}).ok());
  REQUIRE((*e)->flush().ok());
  REQUIRE((*e)->compact("b", 1).ok());
  data = dump(*(*e)->reader("b"));
  CHECK(data.size() == 65);
  CHECK(data["m|v|36"] == std::to_string(-1.0));
  e = storage::Engine::open(dir.path(), opts);  // retention is enforced again after every open
  REQUIRE(e.ok());
  (*e)->enforce_retention("b", 35);
  CHECK(dump(*(*e)->reader("b")) == data);
  CHECK(storage::shard_duration_for_retention(0) == int64_t{7} * 24 * 3600 * 1'000'000'000);
  CHECK(storage::shard_duration_for_retention(int64_t{3600} * 1'000'000'000) == int64_t{3600} * 1'000'000'000);
  CHECK(storage::shard_duration_for_retention(int64_t{30} * 24 * 3600 * 1'000'000'000) == int64_t{24} * 3600 * 1'000'000'000);
  CHECK(storage::shard_duration_for_retention(int64_t{365} * 24 * 3600 * 1'000'000'000) == int64_t{7} * 24 * 3600 * 1'000'000'000);
}

TEST_CASE("crash safety: every crash point of flush, delete and compaction reopens with each point once") {
  TestDir dir;
  TestDir saved;
  auto opts = small_options();
  const std::string root = dir.path() + "/db";
  const std::string copy = saved.path() + "/db";
  std::map<std::string, std::string> want;
  {
    auto e = storage::Engine::open(root, opts);
    REQUIRE(e.ok());
    REQUIRE((*e)->write("b", mixed_points(0, 150)).ok());
    REQUIRE((*e)->flush().ok());  // older segments, so the next deletes need tombstones
    for (int64_t from = 100; from < 250; from += 10) REQUIRE((*e)->write("b", mixed_points(from, 10)).ok());
    REQUIRE((*e)->delete_where("b", storage::SeriesFilter{.measurement = "mem", .field = {}, .tag_equals = {}}, {120, 200}).ok());
    REQUIRE((*e)->write("b", {point("mem", {}, "free", int64_t{5}, 130)}).ok());
    want = dump(*(*e)->reader("b"));
    copy_tree(root, copy);  // the state before the flush, WAL segments included
    REQUIRE((*e)->flush().ok());
  }
  const auto wal_before = files_in(copy + "/wal", ".wal");
  REQUIRE(wal_before.size() > 3);

  auto check_reopen = [&](const std::string& what) {
    INFO(what);
    auto e = storage::Engine::open(root, opts);
    REQUIRE(e.ok());
    CHECK((*e)->damaged_files().empty());
    CHECK(dump(*(*e)->reader("b")) == want);
    CHECK(count_values(*(*e)->reader("b")) == want.size());
    // And once more after flushing what replay rebuilt.
    REQUIRE((*e)->flush().ok());
    CHECK(dump(*(*e)->reader("b")) == want);
    CHECK(count_values(*(*e)->reader("b")) == want.size());
  };

  // 1. Crash after the segment files were renamed, before the WAL was truncated.
  const std::string after = saved.path() + "/after";
  copy_tree(root, after);
  for (const auto& name : wal_before) fs::copy_file(copy + "/wal/" + name, root + "/wal/" + name);
  check_reopen("segments written, WAL not truncated");

  // 2. Crash part-way through the truncation: only a suffix of the old WAL segments is left.
  for (size_t keep = 1; keep < wal_before.size(); keep += 2) {
    copy_tree(after, root);
    for (size_t i = wal_before.size() - keep; i < wal_before.size(); ++i)
      fs::copy_file(copy + "/wal/" + wal_before[i], root + "/wal/" + wal_before[i]);
    check_reopen("WAL truncated but for its last " + std::to_string(keep) + " segments");
  }

  // 3. Crash while writing a segment: a .tmp file and the untouched WAL.
  copy_tree(copy, root);
  { std::ofstream(root + "/data/b/0000000000000000-00000000000000ff.tsm.tmp") << "partial"; }
  check_reopen("half-written segment");
  CHECK(files_in(root + "/data/b", ".tmp").empty());

  // 4. Crash after a delete's WAL record, before its tombstone: replay writes the tombstone.
  copy_tree(copy, root);
  for (const auto& name : files_in(root + "/data/b", ".tomb")) fs::remove(root + "/data/b/" + name);
  check_reopen("tombstone lost");

  // 5. Crash during compaction, after the merged file replaced the newest input and before the
  // older inputs were deleted.
  copy_tree(after, root);
  {
    auto e = storage::Engine::open(root, opts);
    REQUIRE(e.ok());
    REQUIRE((*e)->write("b", {point("cpu", {{"host", "a"}}, "usage", 7.0, 10)}).ok());
    want["cpu,host=a|usage|10"] = std::to_string(7.0);
    REQUIRE((*e)->flush().ok());
    copy_tree(root, copy);
    REQUIRE((*e)->compact("b", 1).ok());
    CHECK(dump(*(*e)->reader("b")) == want);
  }
  // The inputs go before the tombstones they needed, so a crash state with inputs left has
  // those tombstones too.
  size_t restored = 0;
  for (const auto& name : util::list_dir(copy + "/data/b")) {
    if (!util::file_exists(root + "/data/b/" + name)) {
      fs::copy_file(copy + "/data/b/" + name, root + "/data/b/" + name);
      ++restored;
    }
  }
  CHECK(restored > 0);
  check_reopen("compaction interrupted");
}

TEST_CASE("a damaged segment file is reported and skipped; the rest stays readable") {
  TestDir dir;
  auto opts = small_options();
  {
    auto e = storage::Engine::open(dir.path(), opts);
    REQUIRE(e.ok());
    REQUIRE((*e)->write("b", mixed_points(0, 300)).ok());
    REQUIRE((*e)->flush().ok());
  }
  const auto files = files_in(dir.path() + "/data/b", ".tsm");
  REQUIRE(files.size() == 3);
  const std::string victim = dir.path() + "/data/b/" + files[1];
  auto bytes = util::read_file(victim);
  REQUIRE(bytes.ok());
  std::string bad = *bytes;
  bad[bad.size() / 2] ^= 0x10;
  REQUIRE(util::write_file_atomic(victim, bad).ok());
  auto e = storage::Engine::open(dir.path(), opts);
  REQUIRE(e.ok());
  REQUIRE((*e)->damaged_files().size() == 1);
  CHECK((*e)->damaged_files()[0].find(files[1]) != std::string::npos);
  auto data = dump(*(*e)->reader("b"));
  CHECK(data.count("cpu,host=a|usage|50") == 1);
  CHECK(data.count("cpu,host=a|usage|150") == 0);
  CHECK(data.count("cpu,host=a|usage|250") == 1);
}

TEST_CASE("randomized writes, deletes, flushes, compactions and reopens match a std::map model") {
  TestDir dir;
  std::mt19937_64 rng(20261124);
  // (host, field, time) → value text as dump() prints it.
  std::map<std::tuple<std::string, std::string, int64_t>, std::string> model;
  auto expected = [&] {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : model)
      out["m,host=" + std::get<0>(k) + "|" + std::get<1>(k) + "|" + std::to_string(std::get<2>(k))] = v;
    return out;
  };
  auto opts = small_options();
  opts.default_shard_duration = 40;
  opts.flush_after_values = 150;
  opts.compact_after_segments = 3;
  std::unique_ptr<storage::Engine> e;
  auto reopen = [&] {
    e.reset();
    auto r = storage::Engine::open(dir.path(), opts);
    REQUIRE(r.ok());
    e = std::move(*r);
  };
  reopen();
  for (int step = 0; step < 400; ++step) {
    const auto op = rng() % 20;
    if (op < 12) {
      std::vector<model::Point> pts;
      const int n = 1 + static_cast<int>(rng() % 25);
      for (int i = 0; i < n; ++i) {
        const std::string host = "h" + std::to_string(rng() % 4);
        const int64_t t = static_cast<int64_t>(rng() % 200) - 20;
        if (rng() % 2) {
          const double v = static_cast<double>(rng() % 1000) / 4;
          pts.push_back(point("m", {{"host", host}}, "v", v, t));
          model[{host, "v", t}] = std::to_string(v);
        } else {
          const int64_t v = static_cast<int64_t>(rng() % 1000) - 500;
          pts.push_back(point("m", {{"host", host}}, "n", v, t));
          model[{host, "n", t}] = std::to_string(v) + "i";
        }
      }
      auto w = e->write("b", pts);
      REQUIRE(w.ok());
      REQUIRE(w->points_written == pts.size());
    } else if (op < 15) {
      storage::SeriesFilter pred;
      if (rng() % 2) pred.tag_equals = {{"host", "h" + std::to_string(rng() % 4)}};
      if (rng() % 3 == 0) pred.field = rng() % 2 ? "v" : "n";
      const int64_t start = static_cast<int64_t>(rng() % 220) - 30;
      const int64_t stop = start + static_cast<int64_t>(rng() % 80);
      size_t n = 0;
      for (auto it = model.begin(); it != model.end();) {
        const auto& [host, field, t] = it->first;
        const bool hit = t >= start && t < stop && (pred.tag_equals.empty() || pred.tag_equals[0].value == host) &&
                         (!pred.field || *pred.field == field);
        if (hit) {
          it = model.erase(it);
          ++n;
        } else {
          ++it;
        }
      }
      auto removed = e->delete_where("b", pred, {start, stop});
      REQUIRE(removed.ok());
      CHECK(*removed == n);
    } else if (op < 17) {
      REQUIRE(e->flush().ok());
    } else if (op < 18) {
      REQUIRE(e->close().ok());
      reopen();
    } else {
      reopen();  // without close: a crash, replay recovers
    }
    if (step % 10 == 0 || op >= 15) {
      INFO("step " << step);
      REQUIRE(dump(*e->reader("b")) == expected());
      CHECK(count_values(*e->reader("b")) == model.size());
    }
  }
  reopen();
  CHECK(dump(*e->reader("b")) == expected());
  CHECK(e->damaged_files().empty());
  CHECK(e->segment_count("b") > 0);
}

TEST_CASE("randomized writes, deletes and retention over several buckets, with flushes and reopens") {
  TestDir dir;
  std::mt19937_64 rng(7);
  const std::vector<std::string> buckets = {"b1", "b2"};
  // bucket → "series|field|time" → value, as dump() prints it.
  std::map<std::string, std::map<std::string, std::string>> model;
  std::map<std::string, int64_t> cutoff = {{"b1", model::kMinTime}, {"b2", model::kMinTime}};
  auto opts = small_options();
  opts.default_shard_duration = 25;
  opts.flush_after_values = 300;
  opts.compact_after_segments = 2;
  std::unique_ptr<storage::Engine> e;
  auto reopen = [&] {
    e.reset();
    auto r = storage::Engine::open(dir.path(), opts);
    REQUIRE(r.ok());
    e = std::move(*r);
    (*e).set_shard_duration("b2", 60);
    // What core/api does after every open: retention again.
    for (const auto& b : buckets) e->enforce_retention(b, cutoff[b]);
  };
  reopen();
  size_t max_segments = 0;
  for (int step = 0; step < 300; ++step) {
    const std::string& b = buckets[rng() % buckets.size()];
    const auto op = rng() % 20;
    if (op < 13) {
      std::vector<model::Point> pts;
      const int n = 1 + static_cast<int>(rng() % 30);
      for (int i = 0; i < n; ++i) {
        const std::string region = "r" + std::to_string(rng() % 3);
        const int64_t t = static_cast<int64_t>(rng() % 150) + step;  // time moves forward
        const std::string m = rng() % 2 ? "cpu" : "disk";
        const std::string key = m + ",region=" + region;
        if (m == "cpu") {
          const int64_t v = static_cast<int64_t>(rng() % 100);
          pts.push_back(point(m, {{"region", region}}, "n", v, t));
          if (t >= cutoff[b]) model[b][key + "|n|" + std::to_string(t)] = std::to_string(v) + "i";
        } else {
          const std::string v = "s" + std::to_string(rng() % 100);
          pts.push_back(point(m, {{"region", region}}, "s", v, t));
          if (t >= cutoff[b]) model[b][key + "|s|" + std::to_string(t)] = "\"" + v + "\"";
        }
      }
      REQUIRE(e->write(b, pts, cutoff[b]).ok());
    } else if (op < 15) {
      storage::SeriesFilter pred;
      if (rng() % 2) pred.measurement = "cpu";
      const int64_t start = static_cast<int64_t>(rng() % 300);
      const int64_t stop = start + static_cast<int64_t>(rng() % 60);
      auto& mb = model[b];
      for (auto it = mb.begin(); it != mb.end();) {
        const int64_t t = std::stoll(it->first.substr(it->first.rfind('|') + 1));
        const bool hit = t >= start && t < stop && (!pred.measurement || it->first.rfind("cpu,", 0) == 0);
        it = hit ? mb.erase(it) : std::next(it);
      }
      REQUIRE(e->delete_where(b, pred, {start, stop}).ok());
    } else if (op < 16) {
      cutoff[b] = std::max(cutoff[b], int64_t(step) - 40 + static_cast<int64_t>(rng() % 20));
      auto& mb = model[b];
      for (auto it = mb.begin(); it != mb.end();) {
        const int64_t t = std::stoll(it->first.substr(it->first.rfind('|') + 1));
        it = t < cutoff[b] ? mb.erase(it) : std::next(it);
      }
      e->enforce_retention(b, cutoff[b]);
    } else if (op < 18) {
      REQUIRE(e->flush().ok());
    } else if (op < 19) {
      REQUIRE(e->close().ok());
      reopen();
    } else {
      reopen();
    }
    max_segments = std::max(max_segments, e->segment_count("b1"));
    if (step % 10 == 0 || op >= 15) {
      INFO("step " << step);
      for (const auto& bk : buckets) {
        REQUIRE(dump(*e->reader(bk)) == model[bk]);
        CHECK(count_values(*e->reader(bk)) == model[bk].size());
      }
    }
  }
  REQUIRE(e->close().ok());
  reopen();
  for (const auto& bk : buckets) CHECK(dump(*e->reader(bk)) == model[bk]);
  CHECK(max_segments > 2);
  CHECK(e->damaged_files().empty());
}

TEST_CASE("the cache flushes itself past flush_after_values and compaction bounds the files per shard") {
  TestDir dir;
  auto opts = small_options();
  opts.flush_after_values = 100;
  opts.compact_after_segments = 2;
  opts.default_shard_duration = 1'000'000;
  auto e = storage::Engine::open(dir.path(), opts);
  REQUIRE(e.ok());
  std::map<std::string, std::string> want;
  for (int batch = 0; batch < 40; ++batch) {
    std::vector<model::Point> pts;
    for (int i = 0; i < 30; ++i) {
      const int64_t t = batch * 10 + i;  // overlaps the previous batch: overwrites across files
      pts.push_back(point("m", {}, "v", double(batch), t));
      want["m|v|" + std::to_string(t)] = std::to_string(double(batch));
    }
    REQUIRE((*e)->write("b", pts).ok());
    CHECK((*e)->segment_count("b") <= 3);
  }
  CHECK((*e)->segment_count("b") >= 1);
  CHECK(dump(*(*e)->reader("b")) == want);
  CHECK(count_values(*(*e)->reader("b")) == want.size());
  CHECK(files_in(dir.path() + "/wal", ".wal").size() < 10);  // truncated by the flushes
  e = storage::Engine::open(dir.path(), opts);
  REQUIRE(e.ok());
  CHECK(dump(*(*e)->reader("b")) == want);
}
