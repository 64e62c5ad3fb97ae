#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/storage/encoding/timestamp_encoder.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;

namespace {

constexpr int64_t kStart = 1451606400000000000;  // 2016-01-01T00:00:00Z
constexpr int64_t kSecond = 1000000000;

std::string encode(const std::vector<int64_t>& in) {
  std::string enc;
  encode_timestamps(in, &enc);
  return enc;
}

void check_round_trip(const std::vector<int64_t>& in, size_t* bytes = nullptr) {
  const std::string enc = encode(in);
  if (bytes) *bytes = enc.size();
  std::vector<int64_t> out = {1, 2, 3};
  const Status st = decode_timestamps(enc, &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  CHECK(out == in);
}

std::vector<int64_t> regular(size_t n, int64_t step, int64_t start = kStart) {
  std::vector<int64_t> t(n);
  for (size_t i = 0; i < n; ++i) t[i] = static_cast<int64_t>(static_cast<uint64_t>(start) + i * static_cast<uint64_t>(step));
  return t;
}

}  // namespace

TEST_CASE("timestamps: empty, single and two values") {
  check_round_trip({});
  check_round_trip({kStart});
  check_round_trip({kStart, kStart + 1});
  check_round_trip({0});
  check_round_trip({-1, 5});
}

TEST_CASE("timestamps: regular 10 s intervals are run-length encoded") {
  size_t bytes = 0;
  check_round_trip(regular(1000, 10 * kSecond), &bytes);
  CHECK(bytes <= 20);
  CHECK(static_cast<uint8_t>(encode(regular(1000, 10 * kSecond))[0]) == 0x11);
  check_round_trip(regular(1000, 1), &bytes);
  check_round_trip(regular(1000, 0), &bytes);  // duplicates are legal input here
}

TEST_CASE("timestamps: extremes wrap and still round-trip") {
  check_round_trip({INT64_MIN, INT64_MAX, INT64_MIN, 0, INT64_MAX, -1, 1});
  check_round_trip({INT64_MIN, INT64_MAX});
  check_round_trip({INT64_MAX, INT64_MIN});
  check_round_trip({INT64_MIN, INT64_MIN + 1, INT64_MAX - 1, INT64_MAX});
  check_round_trip(regular(100, INT64_MAX / 50, INT64_MIN));
}

TEST_CASE("timestamps: a gap in a regular series stays small (delta of delta)") {
  auto t = regular(1000, 10 * kSecond);
  for (size_t i = 500; i < t.size(); ++i) t[i] += 60 * kSecond;  // one missing minute
  size_t bytes = 0;
  check_round_trip(t, &bytes);
  CHECK(bytes <= 48);
}

TEST_CASE("timestamps: power-of-ten scaling of millisecond jitter") {
  std::mt19937_64 rng(7);
  std::vector<int64_t> t;
  int64_t now = kStart;
  for (int i = 0; i < 1000; ++i) {
    now += 10 * kSecond + static_cast<int64_t>(rng() % 2001) * 1000000 - 1000 * 1000000;  // ±1 s in ms
    t.push_back(now);
  }
  size_t bytes = 0;
  check_round_trip(t, &bytes);
  CHECK(bytes < 1000 * 12 / 8 + 32);  // 11-12 bits a value, not 30+
}

TEST_CASE("timestamps: random data (fixed seeds)") {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<int64_t> t(rng() % 2000);
    const int shift = static_cast<int>(rng() % 64);
    int64_t now = static_cast<int64_t>(rng());
    for (auto& x : t) {
      now = static_cast<int64_t>(static_cast<uint64_t>(now) + (rng() >> shift));
      x = (seed % 3 == 0) ? static_cast<int64_t>(rng()) : now;
    }
    if (seed % 2) std::sort(t.begin(), t.end());
    check_round_trip(t);
  }
}

TEST_CASE("timestamps: forged counts and junk are rejected") {
  std::vector<int64_t> out;
  std::string forged = "\x11";
  util::put_varint(forged, uint64_t{1} << 40);
  forged += std::string("\x02\x02", 2);
  CHECK_FALSE(decode_timestamps(forged, &out).ok());
  CHECK_FALSE(decode_timestamps("", &out).ok());
  CHECK_FALSE(decode_timestamps("\x7f", &out).ok());
  std::string ok = encode(regular(10, kSecond));
  CHECK_FALSE(decode_timestamps(ok + "x", &out).ok());
}

TEST_CASE("timestamps: damaged and random input never crashes") {
  std::mt19937_64 rng(9);
  std::vector<int64_t> t;
  int64_t now = kStart;
  for (int i = 0; i < 300; ++i) t.push_back(now += 1000 + static_cast<int64_t>(rng() % 5000));
  std::vector<int64_t> out;
  for (const auto& in : {t, regular(300, 10 * kSecond)}) {
    const std::string enc = encode(in);
    CHECK(tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_timestamps(s, &out); }) > 0);
  }
}
