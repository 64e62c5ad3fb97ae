#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/boolean_encoder.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;

namespace {

size_t check_round_trip(const std::vector<uint8_t>& in) {
  std::string enc;
  encode_booleans(in, &enc);
  std::vector<uint8_t> out = {1, 1, 1};
  const Status st = decode_booleans(enc, &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  REQUIRE(out.size() == in.size());
  for (size_t i = 0; i < in.size(); ++i) CHECK(out[i] == (in[i] ? 1 : 0));
  return enc.size();
}

}  // namespace

TEST_CASE("booleans: empty, single and constant blocks") {
  check_round_trip({});
  check_round_trip({0});
  check_round_trip({1});
  CHECK(check_round_trip(std::vector<uint8_t>(1000, 1)) <= 4);
  CHECK(check_round_trip(std::vector<uint8_t>(1000, 0)) <= 4);
  CHECK(check_round_trip(std::vector<uint8_t>(1000, 255)) <= 4);  // any nonzero is true
}

TEST_CASE("booleans: bit-packed at one bit a value, every length") {
  std::mt19937_64 rng(1);
  for (size_t n = 2; n < 70; ++n) {
    std::vector<uint8_t> in(n);
    for (auto& b : in) b = static_cast<uint8_t>(rng() % 3);  // 0, 1 or 2
    in[0] = 0;
    in[1] = 1;
    CHECK(check_round_trip(in) == 2 + (n + 7) / 8);
  }
}

TEST_CASE("booleans: forged input is rejected") {
  std::vector<uint8_t> out;
  CHECK_FALSE(decode_booleans("", &out).ok());
  CHECK_FALSE(decode_booleans(std::string("\x51\x03\x02", 3), &out).ok());  // constant must be 0 or 1
  CHECK_FALSE(decode_booleans(std::string("\x52\x09\xff", 3), &out).ok());  // 9 values need 2 bytes
  CHECK_FALSE(decode_booleans(std::string("\x53\x00", 2), &out).ok());
  std::string forged("\x51", 1);
  util::put_varint(forged, uint64_t{1} << 40);
  forged.push_back(1);
  CHECK_FALSE(decode_booleans(forged, &out).ok());
}

TEST_CASE("booleans: damaged and random input never crashes") {
  std::mt19937_64 rng(2);
  std::vector<uint8_t> in(100);
  for (auto& b : in) b = static_cast<uint8_t>(rng() & 1);
  std::vector<uint8_t> out;
  std::string enc;
  encode_booleans(in, &enc);
  CHECK(tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_booleans(s, &out); }) > 0);
}
