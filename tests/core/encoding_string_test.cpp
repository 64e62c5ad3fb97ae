#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/string_encoder.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;

namespace {

size_t check_round_trip(const std::vector<std::string>& in, uint8_t* header = nullptr) {
  std::string enc;
  encode_strings(in, &enc);
  if (header) *header = static_cast<uint8_t>(enc[0]);
  std::vector<std::string> out = {"stale"};
  const Status st = decode_strings(enc, &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  CHECK(out == in);
  return enc.size();
}

}  // namespace

TEST_CASE("strings: empty block, empty strings, binary bytes") {
  check_round_trip({});
  check_round_trip({""});
  check_round_trip({"", "", "", "", ""});
  check_round_trip({std::string("a\0b", 3), std::string(300, '\xff'), "\n\t\"", ""});
  check_round_trip({std::string(100000, 'x')});
}

TEST_CASE("strings: repeated values use the dictionary") {
  std::vector<std::string> states;
  const char* names[] = {"ok", "warn", "crit", "unknown"};
  for (int i = 0; i < 1000; ++i) states.push_back(names[(i * 7) % 4]);
  uint8_t header = 0;
  const size_t bytes = check_round_trip(states, &header);
  CHECK(header == 0x62);
  CHECK(bytes < 300);  // 2 bits an index
  std::vector<std::string> one(1000, "host_1234.example.com");
  CHECK(check_round_trip(one, &header) < 40);
  CHECK(header == 0x62);
}

TEST_CASE("strings: distinct values are length-prefixed") {
  std::vector<std::string> ids;
  for (int i = 0; i < 500; ++i) ids.push_back("request-" + std::to_string(i * 7919));
  uint8_t header = 0;
  check_round_trip(ids, &header);
  CHECK(header == 0x61);
}

TEST_CASE("strings: random data (fixed seeds)") {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::string> in(rng() % 400);
    const size_t alphabet = 1 + rng() % 300;
    for (auto& s : in) {
      const uint64_t pick = rng() % alphabet;
      s = std::string(pick % 40, static_cast<char>('a' + pick % 26)) + std::to_string(pick);
    }
    check_round_trip(in);
  }
}

TEST_CASE("strings: forged input is rejected") {
  std::vector<std::string> out;
  CHECK_FALSE(decode_strings("", &out).ok());
  CHECK_FALSE(decode_strings(std::string("\x61\x02\x01\x05xy", 6), &out).ok());  // lengths exceed data
  CHECK_FALSE(decode_strings(std::string("\x61\x01\x01xy", 5), &out).ok());      // trailing data
  CHECK_FALSE(decode_strings(std::string("\x62\x02\x01\x01x\x01\x01\x00", 8), &out).ok());
  std::string forged("\x62", 1);
  util::put_varint(forged, uint64_t{1} << 40);
  CHECK_FALSE(decode_strings(forged, &out).ok());
}

TEST_CASE("strings: damaged and random input never crashes") {
  std::vector<std::string> out;
  std::vector<std::string> repeated, distinct;
  for (int i = 0; i < 60; ++i) {
    repeated.push_back(i % 3 ? "alpha" : "be");
    distinct.push_back(std::to_string(i * 31));
  }
  for (const auto& in : {repeated, distinct}) {
    std::string enc;
    encode_strings(in, &enc);
    CHECK(tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_strings(s, &out); }) > 0);
  }
}
