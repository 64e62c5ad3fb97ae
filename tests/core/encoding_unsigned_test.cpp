#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/unsigned_encoder.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;

namespace {

size_t check_round_trip(const std::vector<uint64_t>& in) {
  std::string enc;
  encode_unsigneds(in, &enc);
  std::vector<uint64_t> out = {9};
  const Status st = decode_unsigneds(enc, &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  CHECK(out == in);
  return enc.size();
}

}  // namespace

TEST_CASE("unsigned: empty, single values and extremes") {
  check_round_trip({});
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, UINT64_MAX, UINT64_MAX - 1, uint64_t{1} << 63}) check_round_trip({v});
  check_round_trip({0, UINT64_MAX, 0, UINT64_MAX, uint64_t{1} << 63, (uint64_t{1} << 63) - 1});
}

TEST_CASE("unsigned: constants, steps and values near UINT64_MAX stay small") {
  CHECK(check_round_trip(std::vector<uint64_t>(1000, UINT64_MAX)) <= 6);
  std::vector<uint64_t> high;
  std::mt19937_64 rng(4);
  for (int i = 0; i < 1000; ++i) high.push_back(UINT64_MAX - rng() % 256);
  CHECK(check_round_trip(high) <= 1000 + 16);  // frame of reference: 8 bits a value
  std::vector<uint64_t> counter;
  uint64_t c = 0;
  for (int i = 0; i < 1000; ++i) counter.push_back(c += rng() % 16);
  CHECK(check_round_trip(counter) <= 1000 * 4 / 8 + 16);
}

TEST_CASE("unsigned: random data (fixed seeds)") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<uint64_t> in(rng() % 3000);
    const int shift = static_cast<int>(rng() % 64);
    for (auto& v : in) v = rng() >> shift;
    check_round_trip(in);
  }
}

TEST_CASE("unsigned: forged input is rejected") {
  std::vector<uint64_t> out;
  CHECK_FALSE(decode_unsigneds("", &out).ok());
  CHECK_FALSE(decode_unsigneds(std::string("\x31\x01\x02\x00", 4), &out).ok());  // integer header
  std::string forged("\x41", 1);
  util::put_varint(forged, uint64_t{1} << 40);
  forged += std::string("\x02\x02", 2);
  CHECK_FALSE(decode_unsigneds(forged, &out).ok());
}

TEST_CASE("unsigned: damaged and random input never crashes") {
  std::mt19937_64 rng(10);
  std::vector<uint64_t> in;
  for (int i = 0; i < 300; ++i) in.push_back(rng() >> (rng() % 64));
  std::vector<uint64_t> out;
  std::string enc;
  encode_unsigneds(in, &enc);
  CHECK(tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_unsigneds(s, &out); }) > 0);
}
