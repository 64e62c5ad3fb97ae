// BucketReader::scan_windows against a plain computation over scan()'s columns (and
// scan_keys against scan()'s keys), on random data with overwrites across segments, deletes,
// retention and unflushed cache values.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <random>

#include "core/storage/engine.h"
#include "core/storage/window_stats.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using model::FieldType;
using model::FieldValue;
using tidewater::testing::TestDir;

namespace {

// The reference: one window per distinct aligned start, computed value by value.
struct RefWindow {
  int64_t start = 0, stop = 0, count = 0, first_time = 0, last_time = 0;
  double fsum = 0, fmin = NAN, fmax = NAN, ffirst = 0, flast = 0;
  int64_t isum = 0, imin = 0, imax = 0, ifirst = 0, ilast = 0;
  uint64_t usum = 0, umin = 0, umax = 0, ufirst = 0, ulast = 0;
};

int64_t floor_mod(int64_t a, int64_t b) { return ((a % b) + b) % b; }

std::vector<RefWindow> reference(const storage::FieldColumn& c, const storage::TimeRange& r, int64_t every, int64_t offset) {
  std::map<int64_t, RefWindow> w;
  for (size_t i = 0; i < c.size(); ++i) {
    const int64_t t = c.times[i];
    REQUIRE(t >= r.start);
    REQUIRE(t < r.stop);
    const int64_t ws = every > 0 ? t - floor_mod(t - offset, every) : r.start;
    const bool fresh = !w.count(ws);
    RefWindow& x = w[ws];
    if (fresh) {
      x.start = std::max(ws, r.start);
      x.stop = every > 0 ? std::min(ws + every, r.stop) : r.stop;
      x.first_time = t;
    }
    x.count++;
    x.last_time = t;
    switch (c.type) {
      case FieldType::kFloat: {
        const double v = c.floats[i];
        x.fsum += v;
        if (v == v) {
          x.fmin = std::isnan(x.fmin) ? v : std::min(x.fmin, v);
          x.fmax = std::isnan(x.fmax) ? v : std::max(x.fmax, v);
        }
        if (fresh) x.ffirst = v;
        x.flast = v;
        break;
      }
      case FieldType::kInteger: {
        const int64_t v = c.integers[i];
        x.isum = static_cast<int64_t>(static_cast<uint64_t>(x.isum) + static_cast<uint64_t>(v));
        x.imin = fresh ? v : std::min(x.imin, v);
        x.imax = fresh ? v : std::max(x.imax, v);
        if (fresh) x.ifirst = v;
        x.ilast = v;
        break;
      }
      case FieldType::kUnsigned: {
        const uint64_t v = c.unsigneds[i];
        x.usum += v;
        x.umin = fresh ? v : std::min(x.umin, v);
        x.umax = fresh ? v : std::max(x.umax, v);
        if (fresh) x.ufirst = v;
        x.ulast = v;
        break;
      }
      default: break;
    }
  }
  std::vector<RefWindow> out;
  for (auto& [k, v] : w) out.push_back(v);
  return out;
}

bool same_float(double a, double b, bool approx) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return approx ? std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}) : a == b;
}

std::string key_text(const storage::SeriesKey& k, std::string_view field) {
  std::string s = k.measurement;
  for (const auto& t : k.tags) s += "," + t.key + "=" + t.value;
  return s + " " + std::string(field);
}

// Compares scan_windows with the reference over scan() for one query.
// scan_keys lists exactly the series fields (and types) scan() hands out, in its order.
void check_keys(const storage::BucketReader& r, const storage::SeriesFilter& f, const storage::TimeRange& range) {
  std::vector<std::pair<std::string, FieldType>> want, got;
  r.scan(f, range, [&](const storage::SeriesKey& k, std::string_view field, const storage::FieldColumn& c) {
    want.emplace_back(key_text(k, field), c.type);
  });
  r.scan_keys(f, range, [&](const storage::SeriesKey& k, std::string_view field, FieldType type) {
    got.emplace_back(key_text(k, field), type);
  });
  CHECK(got == want);
}

void check_windows(const storage::BucketReader& r, const storage::SeriesFilter& f, const storage::TimeRange& range,
                   int64_t every, int64_t offset) {
  std::map<std::string, std::vector<RefWindow>> want;
  r.scan(f, range, [&](const storage::SeriesKey& k, std::string_view field, const storage::FieldColumn& c) {
    want[key_text(k, field)] = reference(c, range, every, offset);
  });
  std::map<std::string, bool> seen;
  r.scan_windows(f, range, every, offset, [&](const storage::SeriesKey& k, std::string_view field, const storage::WindowColumns& w) {
    const std::string key = key_text(k, field);
    INFO(key << " every=" << every << " offset=" << offset << " range=[" << range.start << "," << range.stop << ")");
    REQUIRE(want.count(key));
    REQUIRE(!seen[key]);
    seen[key] = true;
    const auto& ref = want[key];
    REQUIRE(w.size() == ref.size());
    for (size_t i = 0; i < ref.size(); ++i) {
      CHECK(w.start[i] == ref[i].start);
      CHECK(w.stop[i] == ref[i].stop);
      CHECK(w.count[i] == ref[i].count);
      CHECK(w.first_time[i] == ref[i].first_time);
      CHECK(w.last_time[i] == ref[i].last_time);
      switch (w.type) {
        case FieldType::kFloat:
          CHECK(same_float(w.floats.sum[i], ref[i].fsum, true));
          CHECK(same_float(w.floats.min[i], ref[i].fmin, false));
          CHECK(same_float(w.floats.max[i], ref[i].fmax, false));
          CHECK(same_float(w.floats.first[i], ref[i].ffirst, false));
          CHECK(same_float(w.floats.last[i], ref[i].flast, false));
          break;
        case FieldType::kInteger:
          CHECK(w.integers.sum[i] == ref[i].isum);
          CHECK(w.integers.min[i] == ref[i].imin);
          CHECK(w.integers.max[i] == ref[i].imax);
          CHECK(w.integers.first[i] == ref[i].ifirst);
          CHECK(w.integers.last[i] == ref[i].ilast);
          break;
        case FieldType::kUnsigned:
          CHECK(w.unsigneds.sum[i] == ref[i].usum);
          CHECK(w.unsigneds.min[i] == ref[i].umin);
          CHECK(w.unsigneds.max[i] == ref[i].umax);
          CHECK(w.unsigneds.first[i] == ref[i].ufirst);
          CHECK(w.unsigneds.last[i] == ref[i].ulast);
          break;
        default:
          CHECK(w.floats.sum.empty());
          CHECK(w.integers.sum.empty());
          break;
      }
    }
  });
  CHECK(seen.size() == want.size());
}

// Flushes and compaction only when the test asks.
storage::EngineOptions manual_flush() {
  storage::EngineOptions o;
  o.sync = false;
  o.flush_after_values = 0;
  o.compact_after_segments = 0;
  return o;
}

model::Point random_point(std::mt19937_64& rng, int64_t t) {
  static const char* hosts[] = {"a", "b", "c"};
  model::Point p{"cpu", {{"host", hosts[rng() % 3]}}, {}, t};
  const double x = static_cast<double>(static_cast<int64_t>(rng() % 20001) - 10000) / 100;
  p.fields.push_back({"f", rng() % 50 == 0 ? FieldValue(std::nan("")) : FieldValue(x)});
  if (rng() % 2) p.fields.push_back({"i", FieldValue(static_cast<int64_t>(rng() % 3 == 0 ? rng() : rng() % 1000) - 500)});
  if (rng() % 3 == 0) p.fields.push_back({"u", FieldValue(static_cast<uint64_t>(rng()))});
  if (rng() % 4 == 0) p.fields.push_back({"s", FieldValue(std::string(1, static_cast<char>('a' + rng() % 3)))});
  if (rng() % 4 == 0) p.fields.push_back({"b", FieldValue(rng() % 2 == 0)});
  return p;
}

}  // namespace

TEST_CASE("window bounds align as Flux's window() does, clipped to the range") {
  CHECK(storage::window_start(13, 10, 3) == 13);
  CHECK(storage::window_start(12, 10, 3) == 3);
  CHECK(storage::window_start(-1, 10, 0) == -10);
  CHECK(storage::window_start(-10, 10, 0) == -10);
  auto w = storage::window_bounds(6, 5, 47, 10, 3);
  CHECK(w.start == 5);
  CHECK(w.stop == 13);
  w = storage::window_bounds(45, 5, 47, 10, 3);
  CHECK(w.start == 43);
  CHECK(w.stop == 47);
  w = storage::window_bounds(45, 5, 47, 0, 0);
  CHECK(w.start == 5);
  CHECK(w.stop == 47);
  w = storage::window_bounds(model::kMaxTime - 1, model::kMinTime, model::kMaxTime, int64_t{1} << 62, 0);
  CHECK(w.stop == model::kMaxTime);
  CHECK(storage::window_start(model::kMinTime, int64_t{1} << 62, 5) <= model::kMinTime);
}

TEST_CASE("whole blocks inside one window come from their statistics") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), manual_flush());
  REQUIRE(e.ok());
  std::vector<model::Point> pts;
  for (int64_t t = 0; t < 5000; ++t) pts.push_back({"m", {}, {{"v", FieldValue(static_cast<double>(t % 7) / 4)}}, t});
  REQUIRE((*e)->write("b", pts).ok());
  REQUIRE((*e)->flush().ok());
  auto r = (*e)->reader("b");
  auto& counters = storage::window_scan_counters();
  counters = {};
  check_windows(*r, {}, {}, 0, 0);
  CHECK(counters.blocks_from_stats == 5);
  CHECK(counters.blocks_decoded == 0);
  counters = {};
  check_windows(*r, {}, {}, 1500, 0);  // blocks [1000,2000) and [4000,5000) straddle windows
  CHECK(counters.blocks_from_stats == 3);
  CHECK(counters.blocks_decoded == 2);
  counters = {};
  check_windows(*r, {}, {500, 4000}, 0, 0);  // the range cuts the first block, skips the last
  CHECK(counters.blocks_from_stats == 3);
  CHECK(counters.blocks_decoded == 1);
  // A newer value inside block 2 (in the cache) forces it to be decoded and merged.
  REQUIRE((*e)->write("b", {{"m", {}, {{"v", FieldValue(100.0)}}, 2500}}).ok());
  counters = {};
  check_windows(*r, {}, {}, 0, 0);
  CHECK(counters.blocks_from_stats == 4);
  CHECK(counters.blocks_decoded == 1);
  // A delete hitting block 4 does too.
  REQUIRE((*e)->delete_where("b", {}, {4100, 4200}).ok());
  counters = {};
  check_windows(*r, {}, {}, 0, 0);
  CHECK(counters.blocks_from_stats == 3);
  CHECK(counters.blocks_decoded == 2);
}

TEST_CASE("scan_windows equals a plain computation on random data with deletes, overlaps and cache") {
  auto& counters = storage::window_scan_counters();
  counters = {};
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    TestDir dir;
    std::mt19937_64 rng(seed);
    auto e = storage::Engine::open(dir.path(), manual_flush());
    REQUIRE(e.ok());
    const int64_t span = 20000;
    for (int round = 0; round < 8; ++round) {
      std::vector<model::Point> pts;
      const size_t n = 500 + rng() % 3000;
      const int64_t base = static_cast<int64_t>(rng() % span);
      for (size_t i = 0; i < n; ++i) {
        // Mostly ordered runs (realistic blocks) with some scattered overwrites.
        const int64_t t = rng() % 5 == 0 ? static_cast<int64_t>(rng() % span) : base + static_cast<int64_t>(i) * 3;
        pts.push_back(random_point(rng, t - span / 2));
      }
      REQUIRE((*e)->write("b", pts).ok());
      if (rng() % 3 == 0) {
        const int64_t a = static_cast<int64_t>(rng() % span) - span / 2;
        storage::SeriesFilter pred;
        if (rng() % 2) pred.tag_equals.push_back({"host", "b"});
        REQUIRE((*e)->delete_where("b", pred, {a, a + static_cast<int64_t>(rng() % 2000)}).ok());
      }
      if (round < 7 || rng() % 2) REQUIRE((*e)->flush().ok());
    }
    if (seed % 3 == 0) (*e)->enforce_retention("b", -span / 4);
    if (seed % 4 == 0) REQUIRE((*e)->compact("b", 2).ok());
    auto r = (*e)->reader("b");
    const int64_t everies[] = {0, 1, 7, 100, 1000, 5000, 100000};
    for (int q = 0; q < 12; ++q) {
      const int64_t every = everies[rng() % 7];
      const int64_t offset = static_cast<int64_t>(rng() % 200) - 100;
      storage::TimeRange range;
      if (q % 3) {
        range.start = static_cast<int64_t>(rng() % span) - span / 2 - 2000;
        range.stop = range.start + static_cast<int64_t>(rng() % span);
      }
      storage::SeriesFilter f;
      if (q % 4 == 1) f.field = "f";
      if (q % 4 == 2) f.tag_equals.push_back({"host", "a"});
      if (q % 4 == 3) f.tag_in.push_back({"host", {"a", "c"}});
      check_windows(*r, f, range, every, offset);
      check_keys(*r, f, range);
      // Narrow ranges: blocks spanning the whole range are decoded to answer.
      const int64_t at = static_cast<int64_t>(rng() % span) - span / 2;
      check_keys(*r, f, storage::TimeRange{at, at + 1 + static_cast<int64_t>(rng() % 8)});
    }
  }
  // Both paths were exercised.
  CHECK(counters.blocks_from_stats > 20);
  CHECK(counters.blocks_decoded > 100);
}
