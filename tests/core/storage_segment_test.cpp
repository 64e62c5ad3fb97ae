#include <doctest/doctest.h>

#include <random>

#include "core/storage/segment/segment_reader.h"
#include "core/storage/segment/segment_writer.h"
#include "core/util/file.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using namespace tidewater::storage;
using tidewater::testing::TestDir;

namespace {

FieldColumn float_column(int64_t from, int64_t n, int64_t step = 10) {
  FieldColumn c;
  c.type = model::FieldType::kFloat;
  for (int64_t i = 0; i < n; ++i) {
    c.times.push_back(from + i * step);
    c.floats.push_back(double(i) * 0.5);
  }
  return c;
}

std::string sample_file() {
  segment::SegmentWriter w;
  w.add({"cpu", {{"host", "b"}}}, "usage", float_column(0, 2500));
  w.add({"cpu", {{"host", "a"}}}, "usage", float_column(-100, 10));
  FieldColumn s;
  s.type = model::FieldType::kString;
  s.times = {1, 2, 3};
  s.strings = {"x", "", "zz"};
  w.add({"cpu2", {}}, "name", s);
  FieldColumn b;
  b.type = model::FieldType::kBoolean;
  b.times = {5};
  b.booleans = {1};
  w.add({"cpu", {{"host", "a"}}}, "ok", b);
  FieldColumn i;
  i.type = model::FieldType::kInteger;
  i.times = {-5, 7};
  i.integers = {-9, 1LL << 60};
  w.add({"mem", {}}, "free", i);
  FieldColumn u;
  u.type = model::FieldType::kUnsigned;
  u.times = {7};
  u.unsigneds = {~0ULL};
  w.add({"mem", {}}, "big", u);
  return w.finish();
}

}  // namespace

TEST_CASE("segment round trip: every type, series order, stats in the index") {
  auto r = segment::SegmentReader::open(sample_file());
  REQUIRE(r.ok());
  const auto& e = (*r)->entries();
  REQUIRE(e.size() == 6);
  // (series id, field) order: cpu,host=a ok/usage; cpu,host=b usage; cpu2 name; mem big/free.
  CHECK(e[0].key.tags[0].value == "a");
  CHECK(e[0].field == "ok");
  CHECK(e[1].field == "usage");
  CHECK(e[2].key.tags[0].value == "b");
  CHECK(e[3].key.measurement == "cpu2");
  CHECK(e[4].field == "big");
  CHECK(e[5].field == "free");
  CHECK(e[2].blocks.size() == 3);
  CHECK(e[2].min_time() == 0);
  CHECK(e[2].max_time() == 24990);
  CHECK((*r)->min_time() == -100);
  CHECK((*r)->value_count() == 2500 + 10 + 3 + 1 + 2 + 1);

  FieldColumn c;
  REQUIRE((*r)->read(2, {}, &c).ok());
  CHECK(c.size() == 2500);
  CHECK(c.times[1234] == 12340);
  CHECK(c.floats[1234] == 617.0);
  FieldColumn s;
  REQUIRE((*r)->read(3, {}, &s).ok());
  CHECK(s.strings == std::vector<std::string>{"x", "", "zz"});
  FieldColumn u;
  REQUIRE((*r)->read(4, {}, &u).ok());
  CHECK(u.unsigneds == std::vector<uint64_t>{~0ULL});
  FieldColumn in;
  REQUIRE((*r)->read(5, {}, &in).ok());
  CHECK(in.integers == std::vector<int64_t>{-9, 1LL << 60});
  CHECK(in.times == std::vector<int64_t>{-5, 7});
  FieldColumn b;
  REQUIRE((*r)->read(0, {}, &b).ok());
  CHECK(b.booleans == std::vector<uint8_t>{1});

  SeriesFilter f;
  f.measurement = "cpu";
  CHECK((*r)->find(f).size() == 3);
  f.tag_equals = {{"host", "a"}};
  CHECK((*r)->find(f).size() == 2);
  f.field = "usage";
  CHECK((*r)->find(f) == std::vector<size_t>{1});
  SeriesFilter g;
  g.measurement = "cp";
  CHECK((*r)->find(g).empty());
}

TEST_CASE("segment range reads decode only the overlapping blocks") {
  auto r = segment::SegmentReader::open(sample_file());
  REQUIRE(r.ok());
  // Entry 2 has blocks [0, 9990], [10000, 19990], [20000, 24990].
  FieldColumn c;
  REQUIRE((*r)->read(2, TimeRange{10000, 10050}, &c).ok());
  CHECK((*r)->blocks_decoded() == 1);
  CHECK(c.times == std::vector<int64_t>{10000, 10010, 10020, 10030, 10040});
  c = {};
  REQUIRE((*r)->read(2, TimeRange{9990, 20001}, &c).ok());
  CHECK((*r)->blocks_decoded() == 4);
  CHECK(c.size() == 1002);
  CHECK(c.times.front() == 9990);
  CHECK(c.times.back() == 20000);
  c = {};
  REQUIRE((*r)->read(2, TimeRange{30000, 40000}, &c).ok());
  CHECK((*r)->blocks_decoded() == 4);
  CHECK(c.size() == 0);
}

TEST_CASE("a segment damaged anywhere is reported and skipped; other files stay readable") {
  TestDir dir;
  const std::string good = sample_file();
  REQUIRE(segment::write_segment_file(dir.path() + "/good.tsm", good).ok());
  REQUIRE(util::file_exists(dir.path() + "/good.tsm"));
  CHECK(!util::file_exists(dir.path() + "/good.tsm.tmp"));
  std::mt19937 rng(7);
  // Every byte of a smaller file, then random positions and truncations of the big one.
  segment::SegmentWriter w;
  w.add({"m", {{"t", "v"}}}, "f", float_column(0, 20));
  const std::string small = w.finish();
  for (size_t pos = 0; pos < small.size(); ++pos) {
    std::string bad = small;
    bad[pos] = static_cast<char>(bad[pos] ^ (1 + rng() % 255));
    auto r = segment::SegmentReader::open(bad, "bad.tsm");
    CHECK_MESSAGE(!r.ok(), "flipped byte " << pos);
    if (!r.ok()) CHECK(r.status().message().find("bad.tsm") == 0);
  }
  for (int i = 0; i < 300; ++i) {
    std::string bad = good;
    const size_t pos = rng() % bad.size();
    if (i % 3 == 0) bad.resize(pos);
    else bad[pos] = static_cast<char>(bad[pos] ^ (1 + rng() % 255));
    REQUIRE(segment::write_segment_file(dir.path() + "/bad.tsm", bad).ok());
    CHECK(!segment::SegmentReader::open_file(dir.path() + "/bad.tsm").ok());
    auto ok = segment::SegmentReader::open_file(dir.path() + "/good.tsm");
    REQUIRE(ok.ok());
    FieldColumn c;
    CHECK((*ok)->read(2, {}, &c).ok());
    CHECK(c.size() == 2500);
  }
  CHECK(!segment::SegmentReader::open("", "empty").ok());
  CHECK(!segment::SegmentReader::open_file(dir.path() + "/missing.tsm").ok());
}

TEST_CASE("merge_columns: newer values win at equal times") {
  FieldColumn a = float_column(0, 5, 10);   // 0 10 20 30 40
  FieldColumn b = float_column(5, 4, 10);   // 5 15 25 35
  b.floats = {9, 9, 9, 9};
  b.times[2] = 20;
  b.times[3] = 40;  // 5 15 20 40
  auto m = segment::merge_columns(a, b);
  CHECK(m.times == std::vector<int64_t>{0, 5, 10, 15, 20, 30, 40});
  CHECK(m.floats == std::vector<double>{0, 9, 0.5, 9, 9, 1.5, 9});
  segment::remove_range(m, TimeRange{10, 30});
  CHECK(m.times == std::vector<int64_t>{0, 5, 30, 40});
}
