#include <doctest/doctest.h>

#include <unistd.h>

#include "core/storage/wal/wal.h"
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
