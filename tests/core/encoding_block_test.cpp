#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/block.h"
#include "core/util/coding.h"
#include "core/util/crc32c.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage;
using namespace tidewater::storage::encoding;
using model::FieldType;
using tidewater::testing::same_bits;

namespace {

constexpr int64_t kStart = 1451606400000000000;
constexpr int64_t kTenSeconds = 10000000000;

FieldColumn column(FieldType type, size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  FieldColumn c;
  c.type = type;
  for (size_t i = 0; i < n; ++i) c.times.push_back(kStart + static_cast<int64_t>(i) * kTenSeconds);
  switch (type) {
    case FieldType::kFloat: c.floats = tidewater::testing::devops_walk(n, seed); break;
    case FieldType::kInteger:
      for (size_t i = 0; i < n; ++i) c.integers.push_back(static_cast<int64_t>(rng() % 2000) - 1000);
      break;
    case FieldType::kUnsigned:
      for (size_t i = 0; i < n; ++i) c.unsigneds.push_back(rng() % 100000);
      break;
    case FieldType::kString:
      for (size_t i = 0; i < n; ++i) c.strings.push_back("state-" + std::to_string(rng() % 5));
      break;
    case FieldType::kBoolean:
      for (size_t i = 0; i < n; ++i) c.booleans.push_back(static_cast<uint8_t>(rng() & 1));
      break;
  }
  return c;
}

void check_same(const FieldColumn& a, size_t begin, size_t end, const FieldColumn& b) {
  REQUIRE(b.type == a.type);
  REQUIRE(b.size() == end - begin);
  for (size_t i = begin; i < end; ++i) {
    CHECK(b.times[i - begin] == a.times[i]);
    switch (a.type) {
      case FieldType::kFloat: CHECK(same_bits(b.floats[i - begin], a.floats[i])); break;
      case FieldType::kInteger: CHECK(b.integers[i - begin] == a.integers[i]); break;
      case FieldType::kUnsigned: CHECK(b.unsigneds[i - begin] == a.unsigneds[i]); break;
      case FieldType::kString: CHECK(b.strings[i - begin] == a.strings[i]); break;
      case FieldType::kBoolean: CHECK(b.booleans[i - begin] == (a.booleans[i] ? 1 : 0)); break;
    }
  }
}

// Re-seals a damaged block with a valid CRC, so that the parser behind the checksum is reached.
std::string reseal(std::string_view damaged_body) {
  std::string s(damaged_body);
  util::put_fixed32(s, util::crc32c(s));
  return s;
}

constexpr FieldType kTypes[] = {FieldType::kFloat, FieldType::kInteger, FieldType::kUnsigned, FieldType::kString,
                                FieldType::kBoolean};

}  // namespace

TEST_CASE("block: every type round-trips, whole and in slices") {
  for (FieldType t : kTypes) {
    const FieldColumn col = column(t, 2500, static_cast<uint64_t>(t) + 1);
    for (auto [b, e] : {std::pair<size_t, size_t>{0, 1000}, {1000, 2000}, {2000, 2500}, {7, 8}, {0, 2500}, {5, 5}}) {
      std::string block;
      CHECK(encode_block(col, b, e, &block) == e - b);
      FieldColumn out;
      const Status st = decode_block(block, &out);
      REQUIRE_MESSAGE(st.ok(), st.message());
      check_same(col, b, e, out);
    }
  }
}

TEST_CASE("block: out-of-range slices are clamped") {
  const FieldColumn col = column(FieldType::kInteger, 10, 3);
  std::string block;
  CHECK(encode_block(col, 5, 100, &block) == 5);
  CHECK(encode_block(col, 50, 100, &block) == 0);
  FieldColumn bad = col;
  bad.integers.resize(4);  // fewer values than times: only 4 points are whole
  std::string b2;
  CHECK(encode_block(bad, 0, 10, &b2) == 4);
}

TEST_CASE("block: statistics without decompression") {
  FieldColumn f;
  f.type = FieldType::kFloat;
  f.times = {30, 10, 20, 40};  // unsorted on purpose: min/max time are scanned
  f.floats = {1.5, std::numeric_limits<double>::quiet_NaN(), -2.25, 4.0};
  std::string block;
  encode_block(f, 0, 4, &block);
  BlockStats s;
  REQUIRE(read_block_stats(block, &s).ok());
  CHECK(s.type == FieldType::kFloat);
  CHECK(s.count == 4);
  CHECK(s.min_time == 10);
  CHECK(s.max_time == 40);
  CHECK(s.has_values);
  CHECK(std::isnan(std::get<double>(s.sum)));
  CHECK(std::get<double>(s.min) == -2.25);
  CHECK(std::get<double>(s.max) == 4.0);
  CHECK(std::get<double>(s.first) == 1.5);
  CHECK(std::get<double>(s.last) == 4.0);

  FieldColumn i;
  i.type = FieldType::kInteger;
  i.times = {INT64_MIN + 2, 0, INT64_MAX - 1};
  i.integers = {INT64_MAX, 1, INT64_MIN};
  block.clear();
  encode_block(i, 0, 3, &block);
  REQUIRE(read_block_stats(block, &s).ok());
  CHECK(s.min_time == INT64_MIN + 2);
  CHECK(s.max_time == INT64_MAX - 1);
  CHECK(std::get<int64_t>(s.sum) == 0);  // wraps, as Go's int64 does
  CHECK(std::get<int64_t>(s.min) == INT64_MIN);
  CHECK(std::get<int64_t>(s.max) == INT64_MAX);
  CHECK(std::get<int64_t>(s.first) == INT64_MAX);
  CHECK(std::get<int64_t>(s.last) == INT64_MIN);

  FieldColumn u;
  u.type = FieldType::kUnsigned;
  u.times = {1, 2};
  u.unsigneds = {UINT64_MAX, 7};
  block.clear();
  encode_block(u, 0, 2, &block);
  REQUIRE(read_block_stats(block, &s).ok());
  CHECK(std::get<uint64_t>(s.sum) == 6);
  CHECK(std::get<uint64_t>(s.min) == 7);
  CHECK(std::get<uint64_t>(s.max) == UINT64_MAX);

  FieldColumn b;
  b.type = FieldType::kBoolean;
  b.times = {1, 2, 3};
  b.booleans = {0, 1, 1};
  block.clear();
  encode_block(b, 0, 3, &block);
  REQUIRE(read_block_stats(block, &s).ok());
  CHECK(std::get<int64_t>(s.sum) == 2);
  CHECK(std::get<bool>(s.min) == false);
  CHECK(std::get<bool>(s.max) == true);
  CHECK(std::get<bool>(s.first) == false);
  CHECK(std::get<bool>(s.last) == true);

  FieldColumn str = column(FieldType::kString, 10, 1);
  block.clear();
  encode_block(str, 0, 10, &block);
  REQUIRE(read_block_stats(block, &s).ok());
  CHECK(s.count == 10);
  CHECK_FALSE(s.has_values);

  block.clear();
  encode_block(str, 3, 3, &block);
  REQUIRE(read_block_stats(block, &s).ok());
  CHECK(s.count == 0);
  FieldColumn out;
  REQUIRE(decode_block(block, &out).ok());
  CHECK(out.size() == 0);
}

TEST_CASE("block: special floats and extreme times round-trip") {
  FieldColumn c;
  c.type = FieldType::kFloat;
  c.times = {INT64_MIN, -1, 0, 1, INT64_MAX, INT64_MAX};
  c.floats = {std::numeric_limits<double>::quiet_NaN(), -0.0, std::numeric_limits<double>::infinity(),
              std::numeric_limits<double>::denorm_min(), DBL_MAX, -DBL_MIN};
  std::string block;
  encode_block(c, 0, c.size(), &block);
  FieldColumn out;
  REQUIRE(decode_block(block, &out).ok());
  check_same(c, 0, c.size(), out);
}

TEST_CASE("block: devops float block of 1000 points at about a byte a value, header included") {
  size_t bytes = 0, points = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const FieldColumn col = column(FieldType::kFloat, 1000, seed);
    std::string block;
    encode_block(col, 0, 1000, &block);
    bytes += block.size();
    points += 1000;
  }
  const double per_value = static_cast<double>(bytes) / static_cast<double>(points);
  MESSAGE("devops block: " << per_value << " bytes/value (timestamps, statistics, CRC included)");
  CHECK(per_value <= 1.12);
}

TEST_CASE("block: every truncation and bit flip is rejected by the checksum") {
  for (FieldType t : kTypes) {
    const FieldColumn col = column(t, 120, 5);
    std::string block;
    encode_block(col, 0, col.size(), &block);
    FieldColumn out;
    const size_t total = block.size() + block.size() * 8;
    const size_t rejected =
        tidewater::testing::check_robust(block, [&](std::string_view s) { return decode_block(s, &out); }, 1, 0);
    CHECK(rejected == total);
  }
}

TEST_CASE("block: damaged blocks with a valid checksum are rejected or decoded, never crash") {
  for (FieldType t : kTypes) {
    const FieldColumn col = column(t, 150, 6);
    std::string block;
    encode_block(col, 0, col.size(), &block);
    const std::string body = block.substr(0, block.size() - 4);
    FieldColumn out;
    BlockStats stats;
    tidewater::testing::check_robust(body, [&](std::string_view s) {
      const std::string sealed = reseal(s);
      (void)read_block_stats(sealed, &stats);
      return decode_block(sealed, &out);
    }, static_cast<uint64_t>(t) + 10);
  }
  FieldColumn out;
  CHECK_FALSE(decode_block("", &out).ok());
  CHECK_FALSE(decode_block(reseal(""), &out).ok());
  CHECK_FALSE(decode_block(reseal(std::string("\xB1\x09\x00\x00\x00\x02\x11\x00\x02\x21\x00", 11)), &out).ok());
}
