#include <doctest/doctest.h>

#include <unistd.h>

#include <cstring>

#include "core/storage/engine.h"
#include "core/storage/wal/wal.h"
#include "core/util/coding.h"
#include "core/util/file.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using tidewater::testing::TestDir;

namespace {

std::vector<std::string> replay(const std::string& dir, storage::WalReplayReport* report) {
  std::vector<std::string> got;
  storage::Wal wal(dir);
  REQUIRE(wal.open([&](std::string_view p) { got.emplace_back(p); return Status::Ok(); }, report).ok());
  return got;
}

std::string record(int i) { return "record-" + std::to_string(i) + std::string(static_cast<size_t>(i % 7), 'x'); }

}  // namespace

TEST_CASE("WAL replays every appended record in order across segment roll-over") {
  TestDir dir;
  {
    storage::Wal wal(dir.path(), 64);  // tiny segments force many roll-overs
    storage::WalReplayReport r;
    REQUIRE(wal.open([](std::string_view) { return Status::Ok(); }, &r).ok());
    for (int i = 0; i < 50; ++i) REQUIRE(wal.append(record(i), true).ok());
    CHECK(wal.segment_names().size() > 5);
  }
  storage::WalReplayReport report;
  auto got = replay(dir.path(), &report);
  REQUIRE(got.size() == 50);
  for (int i = 0; i < 50; ++i) CHECK(got[i] == record(i));
  CHECK(report.damaged.empty());
}

TEST_CASE("WAL cut at every byte offset keeps exactly the whole records before the cut") {
  TestDir dir;
  std::vector<size_t> ends;  // file offset after each record
  std::string segment;
  {
    storage::Wal wal(dir.path());
    storage::WalReplayReport r;
    REQUIRE(wal.open([](std::string_view) { return Status::Ok(); }, &r).ok());
    for (int i = 0; i < 12; ++i) {
      REQUIRE(wal.append(record(i), true).ok());
      ends.push_back(8 + record(i).size() + (ends.empty() ? 0 : ends.back()));
    }
    segment = dir.path() + "/" + wal.segment_names().back();
  }
  const std::string full = *util::read_file(segment);
  REQUIRE(full.size() == ends.back());
  for (size_t cut = 0; cut <= full.size(); ++cut) {
    TestDir d2;
    REQUIRE(util::write_file_atomic(d2.path() + "/0000000000000001.wal", full.substr(0, cut)).ok());
    storage::WalReplayReport report;
    auto got = replay(d2.path(), &report);
    size_t whole = 0;
    while (whole < ends.size() && ends[whole] <= cut) ++whole;
    REQUIRE(got.size() == whole);
    for (size_t i = 0; i < whole; ++i) CHECK(got[i] == record(static_cast<int>(i)));
    CHECK(report.damaged.size() == (cut == (whole ? ends[whole - 1] : 0) ? 0u : 1u));
  }
}

TEST_CASE("WAL detects a flipped byte and keeps records after reopening") {
  TestDir dir;
  std::string segment;
  {
    storage::Wal wal(dir.path());
    storage::WalReplayReport r;
    REQUIRE(wal.open([](std::string_view) { return Status::Ok(); }, &r).ok());
    for (int i = 0; i < 3; ++i) REQUIRE(wal.append(record(i), true).ok());
    segment = dir.path() + "/" + wal.segment_names().back();
  }
  std::string data = *util::read_file(segment);
  data[data.size() - 2] ^= 0x40;  // inside the last record's payload
  REQUIRE(util::write_file_atomic(segment, data).ok());
  {
    storage::WalReplayReport report;
    auto got = replay(dir.path(), &report);
    CHECK(got.size() == 2);
    REQUIRE(report.damaged.size() == 1);
    CHECK(report.damaged[0].find("bad checksum") != std::string::npos);
  }
  // Appends after a damaged tail go to a new segment, so they replay.
  {
    storage::Wal wal(dir.path());
    storage::WalReplayReport r;
    REQUIRE(wal.open([](std::string_view) { return Status::Ok(); }, &r).ok());
    REQUIRE(wal.append("after", true).ok());
  }
  storage::WalReplayReport report;
  auto got = replay(dir.path(), &report);
  REQUIRE(got.size() == 3);
  CHECK(got.back() == "after");
}

TEST_CASE("WAL takes back its last record and keeps appending after it") {
  TestDir dir;
  {
    storage::Wal wal(dir.path());
    storage::WalReplayReport r;
    REQUIRE(wal.open([](std::string_view) { return Status::Ok(); }, &r).ok());
    REQUIRE(wal.append(record(1), true).ok());
    REQUIRE(wal.append(record(2), true).ok());
    REQUIRE(wal.undo_last_append().ok());
    REQUIRE(wal.append(record(3), true).ok());
  }
  storage::WalReplayReport report;
  auto got = replay(dir.path(), &report);
  REQUIRE(got.size() == 2);
  CHECK(got[0] == record(1));
  CHECK(got[1] == record(3));
  CHECK(report.damaged.empty());
}

// Session 1's WAL wrote write batches as record kind 1 (every point spelled out in full);
// kind 3 (keyed: series and field keys once per record) replaced it. A database written
// before that change must still open with its data.
TEST_CASE("a WAL written in the previous record format (kind 1) still replays into the engine") {
  TestDir dir;
  std::string old;
  old.push_back(1);  // kWriteBatch
  util::put_string(old, "b");
  util::put_varint(old, 2);  // points
  for (int i = 0; i < 2; ++i) {
    util::put_string(old, "cpu");
    util::put_varint(old, 1);
    util::put_string(old, "host");
    util::put_string(old, i == 0 ? "a" : "b");
    util::put_varint(old, 2);
    util::put_string(old, "usage");
    old.push_back(0);  // float
    const double v = 1.5 + i;
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    util::put_fixed64(old, bits);
    util::put_string(old, "n");
    old.push_back(1);  // integer
    util::put_varint(old, util::zigzag(-7 - i));
    util::put_varint(old, util::zigzag(1000 + i));
  }
  {
    storage::Wal wal(dir.path() + "/wal");
    storage::WalReplayReport r;
    REQUIRE(wal.open([](std::string_view) { return Status::Ok(); }, &r).ok());
    REQUIRE(wal.append(old, true).ok());
  }
  for (int round = 0; round < 2; ++round) {  // as replayed, then after close() flushed it
    auto e = storage::Engine::open(dir.path(), storage::EngineOptions{});
    REQUIRE(e.ok());
    CHECK((*e)->replay_report().damaged.empty());
    std::vector<std::string> got;
    (*e)->reader("b")->scan({}, {}, [&](const storage::SeriesKey& k, std::string_view field, const storage::FieldColumn& c) {
      for (size_t i = 0; i < c.size(); ++i) {
        const std::string v = c.type == model::FieldType::kFloat ? std::to_string(c.floats[i]) : std::to_string(c.integers[i]);
        got.push_back(k.measurement + "," + k.tags.at(0).value + "," + std::string(field) + "=" + v + "@" + std::to_string(c.times[i]));
      }
    });
    CHECK(got == std::vector<std::string>{"cpu,a,n=-7@1000", "cpu,a,usage=1.500000@1000", "cpu,b,n=-8@1001",
                                          "cpu,b,usage=2.500000@1001"});
    REQUIRE((*e)->close().ok());
  }
}
