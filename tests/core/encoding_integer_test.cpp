#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/integer_encoder.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;

namespace {

size_t check_round_trip(const std::vector<int64_t>& in) {
  std::string enc = "xy";
  encode_integers(in, &enc);
  std::vector<int64_t> out = {9, 9};
  const Status st = decode_integers(std::string_view(enc).substr(2), &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  CHECK(out == in);
  return enc.size() - 2;
}

uint8_t header_of(const std::vector<int64_t>& in) {
  std::string enc;
  encode_integers(in, &enc);
  return static_cast<uint8_t>(enc[0]);
}

}  // namespace

TEST_CASE("integers: empty, single values and extremes") {
  check_round_trip({});
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, INT64_MIN, INT64_MAX}) check_round_trip({v});
  check_round_trip({INT64_MIN, INT64_MAX, INT64_MIN, INT64_MAX, 0, -1, INT64_MIN + 1, INT64_MAX - 1});
  check_round_trip({INT64_MAX, INT64_MIN});
  std::vector<int64_t> alternating;
  for (int i = 0; i < 500; ++i) alternating.push_back(i % 2 ? INT64_MIN : INT64_MAX);
  check_round_trip(alternating);
}

TEST_CASE("integers: constants and constant steps are run-length encoded") {
  std::vector<int64_t> c(1000, -42);
  CHECK(check_round_trip(c) <= 6);
  CHECK(header_of(c) == 0x31);
  std::vector<int64_t> counter;
  for (int i = 0; i < 1000; ++i) counter.push_back(1000000 + i * 250);
  CHECK(check_round_trip(counter) <= 10);
  CHECK(header_of(counter) == 0x31);
  std::vector<int64_t> wrapping;
  for (int i = 0; i < 100; ++i) wrapping.push_back(static_cast<int64_t>(static_cast<uint64_t>(INT64_MAX - 5) + static_cast<uint64_t>(i) * 3));
  check_round_trip(wrapping);
}

TEST_CASE("integers: delta for counters, values for noise") {
  std::mt19937_64 rng(2);
  std::vector<int64_t> counter;
  int64_t c = 1'000'000'000;
  for (int i = 0; i < 1000; ++i) counter.push_back(c += static_cast<int64_t>(rng() % 100));
  CHECK(check_round_trip(counter) <= 1000 * 7 / 8 + 16);  // 7 bits a value
  CHECK(header_of(counter) == 0x32);
  std::vector<int64_t> noise;
  for (int i = 0; i < 1000; ++i) noise.push_back(static_cast<int64_t>(rng() % 256));
  CHECK(check_round_trip(noise) <= 1000 + 16);  // 8 bits a value: deltas would need 9
  CHECK(header_of(noise) == 0x33);
}

TEST_CASE("integers: random data (fixed seeds)") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<int64_t> in(rng() % 3000);
    const int shift = static_cast<int>(rng() % 64);
    for (auto& v : in) v = static_cast<int64_t>(rng()) >> shift;
    if (seed % 4 == 0 && !in.empty()) in[rng() % in.size()] = INT64_MIN;
    check_round_trip(in);
  }
}

TEST_CASE("integers: forged input is rejected") {
  std::vector<int64_t> out;
  CHECK_FALSE(decode_integers("", &out).ok());
  CHECK_FALSE(decode_integers(std::string("\x41\x01\x02\x00", 4), &out).ok());  // unsigned header
  std::string forged("\x31", 1);
  util::put_varint(forged, uint64_t{1} << 40);
  forged += std::string("\x02\x02", 2);
  CHECK_FALSE(decode_integers(forged, &out).ok());
  std::string enc;
  encode_integers(std::vector<int64_t>{1, 5, 2}, &enc);
  CHECK(decode_integers(enc, &out).ok());
  CHECK_FALSE(decode_integers(enc + "x", &out).ok());
}

TEST_CASE("integers: damaged and random input never crashes") {
  std::mt19937_64 rng(8);
  std::vector<int64_t> counter, noise;
  int64_t c = 0;
  for (int i = 0; i < 300; ++i) {
    counter.push_back(c += static_cast<int64_t>(rng() % 1000));
    noise.push_back(static_cast<int64_t>(rng()) >> 20);
  }
  std::vector<int64_t> out;
  for (const auto& in : {counter, noise, std::vector<int64_t>(100, 7)}) {
    std::string enc;
    encode_integers(in, &enc);
    CHECK(tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_integers(s, &out); }) > 0);
  }
}
