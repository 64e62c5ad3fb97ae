#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

#include "core/replication/replication_queue.h"
#include "core/util/file.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using replication::QueueOptions;
using replication::ReplicationQueue;
using tidewater::testing::TestDir;

namespace {

std::string queue_line(int i) { return "m,host=h" + std::to_string(i % 3) + " v=" + std::to_string(i) + "i " + std::to_string(i) + "\n"; }

std::unique_ptr<ReplicationQueue> open_queue(const std::string& dir, QueueOptions options = {}) {
  auto q = ReplicationQueue::open(dir, options);
  REQUIRE(q.ok());
  return std::move(*q);
}

// Everything the queue hands out, acknowledging batch by batch.
std::string drain(ReplicationQueue& q, size_t batch_bytes = 1 << 20) {
  std::string all;
  for (;;) {
    auto b = q.peek(batch_bytes);
    REQUIRE(b.ok());
    if (!*b) break;
    all += (*b)->lines;
    REQUIRE(q.acknowledge((*b)->end).ok());
  }
  return all;
}

std::vector<std::string> segments(const std::string& dir) {
  std::vector<std::string> out;
  for (auto& n : util::list_dir(dir))
    if (n.size() > 4 && n.substr(n.size() - 4) == ".seg") out.push_back(n);
  return out;
}

}  // namespace

TEST_CASE("replication queue: batches come back in order, acknowledged ones never again") {
  TestDir dir;
  auto q = open_queue(dir.path());
  std::string expected;
  for (int i = 0; i < 100; ++i) {
    REQUIRE(q->append(queue_line(i)).ok());
    expected += queue_line(i);
  }
  CHECK(q->queued_records() == 100);
  auto first = q->peek(100);  // small batches: a few records each, at least one
  REQUIRE(first.ok());
  REQUIRE(*first);
  CHECK((*first)->records >= 1);
  CHECK(expected.rfind((*first)->lines, 0) == 0);
  // Peeking again without acknowledging hands out the same batch.
  auto again = q->peek(100);
  REQUIRE(again.ok());
  CHECK((*again)->lines == (*first)->lines);
  CHECK(drain(*q, 100) == expected);
  CHECK(q->queued_bytes() == 0);
  auto empty = q->peek(100);
  REQUIRE(empty.ok());
  CHECK(!*empty);
}

TEST_CASE("replication queue: a reopen keeps unacknowledged batches and forgets acknowledged ones") {
  TestDir dir;
  std::string rest;
  {
    auto q = open_queue(dir.path());
    for (int i = 0; i < 10; ++i) REQUIRE(q->append(queue_line(i)).ok());
    auto b = q->peek(queue_line(0).size() * 3);
    REQUIRE(b.ok());
    REQUIRE((*b)->records == 3);
    REQUIRE(q->acknowledge((*b)->end).ok());
    for (int i = 3; i < 10; ++i) rest += queue_line(i);
  }
  {
    auto q = open_queue(dir.path());
    CHECK(q->queued_records() == 7);
    // New appends after a reopen go after the old ones.
    REQUIRE(q->append(queue_line(10)).ok());
    rest += queue_line(10);
  }
  auto q = open_queue(dir.path());
  CHECK(drain(*q) == rest);
  // Drained: only the segment appends go to may remain.
  auto again = open_queue(dir.path());
  CHECK(again->queued_records() == 0);
  CHECK(segments(dir.path()).size() <= 1);
}

TEST_CASE("replication queue: a torn or corrupt tail ends the records before it") {
  TestDir dir;
  std::string kept;
  {
    auto q = open_queue(dir.path());
    for (int i = 0; i < 5; ++i) {
      REQUIRE(q->append(queue_line(i)).ok());
      kept += queue_line(i);
    }
  }
  const auto segs = segments(dir.path());
  REQUIRE(segs.size() == 1);
  const std::string path = dir.path() + "/" + segs[0];
  auto data = util::read_file(path);
  REQUIRE(data.ok());
  SUBCASE("truncated mid-record") {
    REQUIRE(::truncate(path.c_str(), static_cast<off_t>(data->size() - 3)) == 0);
    kept.resize(kept.size() - queue_line(4).size());
  }
  SUBCASE("garbage after the last record") {
    REQUIRE(util::write_file_atomic(path, *data + std::string("\x10\0\0\0garbage", 11)).ok());
  }
  SUBCASE("a flipped byte in the last record") {
    std::string bad = *data;
    bad[bad.size() - 2] ^= 0x20;
    REQUIRE(util::write_file_atomic(path, bad).ok());
    kept.resize(kept.size() - queue_line(4).size());
  }
  auto q = open_queue(dir.path());
  REQUIRE(q->append(queue_line(99)).ok());  // goes to a new segment, after the kept ones
  CHECK(drain(*q) == kept + queue_line(99));
}

TEST_CASE("replication queue: full, the oldest batches are dropped") {
  TestDir dir;
  QueueOptions options;
  const size_t record = queue_line(0).size() + 8;
  options.max_bytes = record * 4;
  auto q = open_queue(dir.path(), options);
  for (int i = 0; i < 10; ++i) REQUIRE(q->append(queue_line(i)).ok());
  CHECK(q->queued_records() == 4);
  CHECK(q->queued_bytes() <= options.max_bytes);
  CHECK(q->dropped_bytes() == record * 6);
  std::string newest;
  for (int i = 6; i < 10; ++i) newest += queue_line(i);
  // A batch handed out before the drop is acknowledged harmlessly afterwards.
  CHECK(drain(*q) == newest);
  auto reopened = open_queue(dir.path(), options);
  CHECK(reopened->queued_records() == 0);
}

TEST_CASE("replication queue: records older than max_age_ns are dropped, on reads, appends and after a reopen") {
  TestDir dir;
  const int64_t second = 1'000'000'000;
  // A clock this test moves: the real time at first, so a reopen can compare file times.
  int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  QueueOptions options;
  options.max_age_ns = 60 * second;
  options.now_ns = [&now] { return now; };
  auto q = open_queue(dir.path(), options);
  REQUIRE(q->append(queue_line(0)).ok());
  REQUIRE(q->append(queue_line(1)).ok());
  now += 30 * second;
  REQUIRE(q->append(queue_line(2)).ok());
  now += 31 * second;  // the first two are 61 s old, the third 31 s
  auto b = q->peek(1 << 20);
  REQUIRE(b.ok());
  REQUIRE(*b);
  CHECK((*b)->lines == queue_line(2));
  CHECK(q->dropped_bytes() == 2 * (queue_line(0).size() + 8));
  now += 30 * second;  // the third expires too; an append drops it first
  REQUIRE(q->append(queue_line(3)).ok());
  CHECK(drain(*q) == queue_line(3));

  // After a reopen a record counts from its segment file's last change: never dropped early,
  // dropped once that is older than the limit.
  REQUIRE(q->append(queue_line(4)).ok());
  q.reset();
  now = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto reopened = open_queue(dir.path(), options);
  CHECK(reopened->queued_records() == 1);
  now += 62 * second;
  REQUIRE(reopened->drop_expired().ok());
  CHECK(reopened->queued_records() == 0);
  options.max_age_ns = 0;  // a drop is committed: without a limit it stays dropped
  auto unlimited = open_queue(dir.path(), options);
  CHECK(unlimited->queued_records() == 0);
}

TEST_CASE("replication queue: segments roll over and sent ones are removed") {
  TestDir dir;
  QueueOptions options;
  options.segment_bytes = 200;
  std::string expected;
  {
    auto q = open_queue(dir.path(), options);
    for (int i = 0; i < 60; ++i) {
      REQUIRE(q->append(queue_line(i)).ok());
      expected += queue_line(i);
    }
    CHECK(segments(dir.path()).size() > 5);
    auto b = q->peek(1000);
    REQUIRE(b.ok());
    REQUIRE(q->acknowledge((*b)->end).ok());
    expected = expected.substr((*b)->lines.size());
  }
  auto q = open_queue(dir.path(), options);
  CHECK(drain(*q, 300) == expected);
  CHECK(segments(dir.path()).size() <= 1);
}

TEST_CASE("replication queue: a failed append is not kept, and later ones are") {
  TestDir dir;
  auto q = open_queue(dir.path());
  REQUIRE(q->append(queue_line(0)).ok());
  util::set_write_fault_hook([](const std::string&, size_t bytes) { return bytes / 2; });
  CHECK(!q->append(queue_line(1)).ok());
  util::set_write_fault_hook(nullptr);
  REQUIRE(q->append(queue_line(2)).ok());
  CHECK(drain(*q) == queue_line(0) + queue_line(2));
  auto reopened = open_queue(dir.path());
  CHECK(reopened->queued_records() == 0);
}
