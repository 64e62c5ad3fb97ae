#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/float_encoder.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;
using tidewater::testing::same_bits;

namespace {

using Encoder = void (*)(std::span<const double>, std::string*);
constexpr Encoder kEncoders[] = {encode_floats, encode_floats_gorilla, encode_floats_decimal};

size_t check_round_trip(const std::vector<double>& in, Encoder enc_fn = encode_floats) {
  std::string enc = "prefix";
  enc_fn(in, &enc);
  std::vector<double> out = {1.5};
  const Status st = decode_floats(std::string_view(enc).substr(6), &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  REQUIRE(out.size() == in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (!same_bits(out[i], in[i])) FAIL("value " << i << ": " << in[i] << " came back as " << out[i]);
  }
  return enc.size() - 6;
}

void check_all(const std::vector<double>& in) {
  for (Encoder e : kEncoders) check_round_trip(in, e);
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
const double kDenorm = std::numeric_limits<double>::denorm_min();

std::vector<double> specials() {
  return {kNaN, -kNaN, tidewater::testing::from_bits(uint64_t{0x7FF0000000000001}), tidewater::testing::from_bits(uint64_t{0xFFF8DEADBEEF0001}),
          kInf, -kInf, 0.0, -0.0, DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX, kDenorm, -kDenorm, DBL_MIN / 3, DBL_EPSILON,
          1e300, -1e-300, 9007199254740993.0, 4503599627370497.5, 0.1, 57.23, 1.0, -1.0, 1e18, 1e-18, 123456789.123456789};
}

}  // namespace

TEST_CASE("floats: empty and single values, every encoder") {
  check_all({});
  for (double v : specials()) check_all({v});
}

TEST_CASE("floats: NaN, infinities, -0.0, subnormals and extremes round-trip bit-exactly") {
  const auto s = specials();
  check_all(s);
  // Mixed into decimal data they become exceptions.
  std::vector<double> mixed = tidewater::testing::devops_walk(1000, 4);
  for (size_t i = 0; i < s.size(); ++i) mixed[i * 37 % mixed.size()] = s[i];
  mixed[0] = kNaN;
  mixed[999] = -0.0;
  check_all(mixed);
  const size_t bytes = check_round_trip(mixed);
  CHECK(bytes < 1500);  // exceptions cost ~9 bytes each; decimal outliers widen a few words
  // All-special blocks.
  check_all(std::vector<double>(100, kNaN));
  check_all(std::vector<double>(100, -0.0));
  check_all(std::vector<double>(100, kDenorm));
}

TEST_CASE("floats: constant runs are tiny") {
  for (double v : {0.0, 42.0, 57.23, -0.0, kNaN, 1e300}) {
    const std::vector<double> in(1000, v);
    CHECK(check_round_trip(in) <= 1 + 2 + 8 + 1000 / 8 + 1);
  }
  CHECK(check_round_trip(std::vector<double>(1000, 57.23)) <= 12);
}

TEST_CASE("floats: devops random walk with two decimals is about a byte a value") {
  size_t total = 0, count = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const auto in = tidewater::testing::devops_walk(1000, seed);
    total += check_round_trip(in);
    count += in.size();
    check_round_trip(in, encode_floats_gorilla);
  }
  const double per_value = static_cast<double>(total) / static_cast<double>(count);
  MESSAGE("devops walk: " << per_value << " bytes/value");
  CHECK(per_value <= 1.05);
  // Gorilla alone is several times larger on the same data.
  const auto in = tidewater::testing::devops_walk(1000, 1);
  CHECK(check_round_trip(in, encode_floats_gorilla) > 3 * check_round_trip(in));
}

TEST_CASE("floats: decimal data at other exponents") {
  std::mt19937_64 rng(21);
  for (int e = 0; e <= 6; ++e) {
    std::vector<double> in(500);
    double scale = 1;
    for (int i = 0; i < e; ++i) scale *= 10;
    for (auto& v : in) v = static_cast<double>(static_cast<int64_t>(rng() % 2000000) - 1000000) / scale;
    const size_t bytes = check_round_trip(in);
    CHECK(bytes < 500 * 4);  // 21 bits a value, not 64
    check_all(in);
  }
  // Integers stored as floats; prices with trailing zeros dropped (57.2 and 57.23 mixed).
  std::vector<double> prices;
  for (int i = 0; i < 1000; ++i) prices.push_back(static_cast<double>(5700 + (i * 7919) % 300) / 100.0);
  CHECK(check_round_trip(prices) < 1000 * 2);
}

TEST_CASE("floats: random doubles (fixed seeds) fall back to Gorilla") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<double> in(rng() % 1500);
    for (auto& v : in) {
      switch (rng() % 4) {
        case 0: v = tidewater::testing::from_bits(rng()); break;  // any bit pattern, NaNs included
        case 1: v = std::uniform_real_distribution<double>(-1e6, 1e6)(rng); break;
        case 2: v = static_cast<double>(static_cast<int64_t>(rng() % 100000)) / 100; break;
        default: v = std::ldexp(static_cast<double>(rng() % 1000), static_cast<int>(rng() % 2100) - 1075); break;
      }
    }
    check_all(in);
    const size_t best = check_round_trip(in);
    CHECK(best <= check_round_trip(in, encode_floats_gorilla));
  }
}

TEST_CASE("floats: forged headers are rejected") {
  std::vector<double> out;
  CHECK_FALSE(decode_floats("", &out).ok());
  CHECK_FALSE(decode_floats(std::string("\x21\x05", 2), &out).ok());
  CHECK_FALSE(decode_floats(std::string("\x55\x00", 2), &out).ok());
  std::string forged("\x22", 1);
  util::put_varint(forged, uint64_t{1} << 30);
  CHECK_FALSE(decode_floats(forged, &out).ok());
  std::string enc;
  encode_floats(std::vector<double>{1.5, 2.5}, &enc);
  CHECK(decode_floats(enc, &out).ok());
  CHECK_FALSE(decode_floats(enc + "x", &out).ok());
  CHECK_FALSE(decode_floats(enc, &out, 1).ok());  // over the caller's bound
}

TEST_CASE("floats: damaged and random input never crashes") {
  auto in = tidewater::testing::devops_walk(200, 33);
  in[5] = kNaN;
  in[77] = -0.0;
  std::vector<double> out;
  for (Encoder e : kEncoders) {
    std::string enc;
    e(in, &enc);
    CHECK(tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_floats(s, &out); }) > 0);
  }
}
