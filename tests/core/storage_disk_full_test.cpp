// A full disk (util::set_write_fault_hook): writes and flushes fail with a clear error, and
// what was acknowledged before stays readable, also after reopening.
#include <doctest/doctest.h>

#include <map>
#include <random>

#include "core/storage/engine.h"
#include "core/util/file.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using tidewater::testing::TestDir;

namespace {

// "host|time" → value of every value the reader returns.
std::map<std::string, double> dump(const storage::BucketReader& r) {
  std::map<std::string, double> out;
  r.scan({}, {}, [&](const storage::SeriesKey& k, std::string_view, const storage::FieldColumn& c) {
    for (size_t i = 0; i < c.size(); ++i) out[k.tags.at(0).value + "|" + std::to_string(c.times[i])] = c.floats[i];
  });
  return out;
}

// Clears the hook when a test ends, even on a failed REQUIRE.
struct HookGuard {
  ~HookGuard() { util::set_write_fault_hook(nullptr); }
};

storage::EngineOptions options() {
  storage::EngineOptions o;
  o.flush_after_values = 0;
  o.compact_after_segments = 2;
  o.wal_segment_bytes = 4096;  // roll-overs happen under the fault too
  return o;
}

}  // namespace

TEST_CASE("disk full: failed writes and flushes leave the acknowledged data readable and replayable") {
  HookGuard guard;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    TestDir dir;
    std::mt19937_64 rng(seed);
    std::map<std::string, double> model;
    size_t failures = 0;
    {
      auto e = storage::Engine::open(dir.path(), options());
      REQUIRE(e.ok());
      for (int step = 0; step < 60; ++step) {
        // Sometimes the disk is full: the next write call may store only a few bytes.
        if (rng() % 3 == 0) {
          size_t budget = rng() % 200;
          util::set_write_fault_hook([budget](const std::string&, size_t n) mutable {
            const size_t allowed = std::min(budget, n);
            budget -= allowed;
            return allowed;
          });
        } else {
          util::set_write_fault_hook(nullptr);
        }
        if (rng() % 5 == 0) {
          Status s = (*e)->flush();
          if (!s.ok()) {
            ++failures;
            CHECK(s.code() == ErrorCode::kUnavailable);
          }
        } else {
          std::vector<model::Point> pts;
          std::map<std::string, double> adds;
          for (int i = 0; i < 5; ++i) {
            const std::string host = "h" + std::to_string(rng() % 4);
            const int64_t t = static_cast<int64_t>(rng() % 100);
            const double v = static_cast<double>(rng() % 1000);
            pts.push_back({"m", {{"host", host}}, {{"v", model::FieldValue(v)}}, t});
            adds[host + "|" + std::to_string(t)] = v;
          }
          auto w = (*e)->write("b", pts);
          if (w.ok()) {
            for (auto& [k, v] : adds) model[k] = v;
          } else {
            ++failures;
            CHECK(w.status().code() == ErrorCode::kUnavailable);
            CHECK(w.status().message().find("No space left") != std::string::npos);
          }
        }
        util::set_write_fault_hook(nullptr);
        REQUIRE(dump(*(*e)->reader("b")) == model);
      }
      // Dropped without close(): a crash; replay must give back exactly the acknowledged writes.
    }
    CHECK(failures > 0);
    auto e = storage::Engine::open(dir.path(), options());
    REQUIRE(e.ok());
    CHECK(dump(*(*e)->reader("b")) == model);
    CHECK((*e)->damaged_files().empty());
    REQUIRE((*e)->close().ok());
    auto again = storage::Engine::open(dir.path(), options());
    REQUIRE(again.ok());
    CHECK(dump(*(*again)->reader("b")) == model);
  }
}

// A delete on a full disk: its WAL record or its tombstone cannot be written. The caller gets
// the error and nothing of the delete applies, neither now nor after a restart.
TEST_CASE("disk full: a failed delete reaches the caller and changes nothing") {
  HookGuard guard;
  for (const std::string failing : {".wal", ".tomb.tmp"}) {
    CAPTURE(failing);
    TestDir dir;
    std::map<std::string, double> model;
    {
      auto e = storage::Engine::open(dir.path(), options());
      REQUIRE(e.ok());
      // Values in a segment file (tombstones hide those) and in the cache.
      for (int round = 0; round < 2; ++round) {
        std::vector<model::Point> pts;
        for (int i = 0; i < 10; ++i) {
          const std::string host = "h" + std::to_string(i % 2);
          const int64_t t = round * 100 + i;
          pts.push_back({"m", {{"host", host}}, {{"v", model::FieldValue(double(t))}}, t});
          model[host + "|" + std::to_string(t)] = double(t);
        }
        REQUIRE((*e)->write("b", pts).ok());
        if (round == 0) REQUIRE((*e)->flush().ok());
      }
      util::set_write_fault_hook([failing](const std::string& path, size_t n) {
        return path.size() >= failing.size() && path.compare(path.size() - failing.size(), failing.size(), failing) == 0 ? 0 : n;
      });
      storage::SeriesFilter h0;
      h0.measurement = "m";
      h0.tag_equals = {{"host", "h0"}};
      auto d = (*e)->delete_where("b", h0, {0, 1000});
      REQUIRE_FALSE(d.ok());
      CHECK(d.status().code() == ErrorCode::kUnavailable);
      CHECK(d.status().message().find("No space left") != std::string::npos);
      util::set_write_fault_hook(nullptr);
      CHECK(dump(*(*e)->reader("b")) == model);
      // The disk has room again: later writes still replay after the failed delete.
      REQUIRE((*e)->write("b", {{"m", {{"host", "h0"}}, {{"v", model::FieldValue(7.0)}}, 500}}).ok());
      model["h0|500"] = 7.0;
      CHECK(dump(*(*e)->reader("b")) == model);
      // Dropped without close(): a crash.
    }
    auto e = storage::Engine::open(dir.path(), options());
    REQUIRE(e.ok());
    CHECK((*e)->replay_report().damaged.empty());
    CHECK(dump(*(*e)->reader("b")) == model);
  }
}
