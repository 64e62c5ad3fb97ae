#include <doctest/doctest.h>

#include <random>

#include "core/storage/encoding/packed_ints.h"
#include "core/storage/encoding/simple8b.h"
#include "tests/core/encoding_test_util.h"

using namespace tidewater;
using namespace tidewater::storage::encoding;

namespace {

std::vector<uint64_t> round_trip(const std::vector<uint64_t>& in, size_t* bytes = nullptr) {
  std::string enc;
  encode_simple8b(in, &enc);
  if (bytes) *bytes = enc.size();
  std::vector<uint64_t> out = {42};
  const Status st = decode_simple8b(enc, &out);
  REQUIRE_MESSAGE(st.ok(), st.message());
  return out;
}

std::vector<int64_t> ints_round_trip(const std::vector<int64_t>& in, size_t* bytes = nullptr) {
  std::string enc;
  pack_ints(in, &enc);
  if (bytes) *bytes = enc.size();
  std::vector<int64_t> out(in.size());
  REQUIRE(unpack_ints(enc, in.size(), out.data()));
  return out;
}

}  // namespace

TEST_CASE("simple8b: empty, single values and every width") {
  CHECK(round_trip({}).empty());
  for (int b = 0; b <= 64; ++b) {
    const uint64_t v = b == 0 ? 0 : (b == 64 ? ~uint64_t{0} : (uint64_t{1} << b) - 1);
    CHECK(round_trip({v}) == std::vector<uint64_t>{v});
    std::vector<uint64_t> many(130, v);
    many[7] = 1;  // break the run
    CHECK(round_trip(many) == many);
  }
}

TEST_CASE("simple8b: extremes and values at or above 2^60 round-trip through raw words") {
  std::vector<uint64_t> in = {UINT64_MAX, 0, uint64_t{1} << 60, (uint64_t{1} << 60) - 1, 1, UINT64_MAX, UINT64_MAX};
  CHECK(round_trip(in) == in);
}

TEST_CASE("simple8b: runs collapse into run words") {
  std::vector<uint64_t> zeros(1000, 0);
  size_t bytes = 0;
  CHECK(round_trip(zeros, &bytes) == zeros);
  CHECK(bytes <= 2 + 3 + 8);
  std::vector<uint64_t> tens(5000, 10000000000ull);  // 10 s in ns
  CHECK(round_trip(tens, &bytes) == tens);
  CHECK(bytes <= 2 + 3 + 8);
  std::vector<uint64_t> huge_run(3'000'000, 7);  // longer than one run word holds
  std::vector<uint64_t> out;
  std::string enc;
  encode_simple8b(huge_run, &enc);
  REQUIRE(decode_simple8b(enc, &out, 4'000'000).ok());
  CHECK(out == huge_run);
  CHECK_FALSE(decode_simple8b(enc, &out).ok());  // over the default count bound
}

TEST_CASE("simple8b: random data of mixed widths (fixed seeds)") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<uint64_t> in(rng() % 3000);
    for (auto& v : in) {
      const int bits = static_cast<int>(rng() % 65);
      v = bits == 0 ? 0 : rng() >> (64 - bits);
      if (rng() % 5 == 0) v = 0;
    }
    CHECK(round_trip(in) == in);
  }
}

TEST_CASE("simple8b: packing density for small values") {
  std::mt19937_64 rng(3);
  std::vector<uint64_t> in(6000);
  for (auto& v : in) v = rng() % 128;  // 7 bits: 8 per word
  size_t bytes = 0;
  CHECK(round_trip(in, &bytes) == in);
  CHECK(bytes <= 3 + 8 * (6000 / 8) + 8);
}

TEST_CASE("simple8b: malformed words are rejected") {
  std::vector<uint64_t> out;
  std::string enc;
  encode_simple8b(std::vector<uint64_t>{1, 2, 3}, &enc);
  CHECK(decode_simple8b(enc, &out).ok());
  CHECK_FALSE(decode_simple8b(enc + std::string(8, '\0'), &out).ok());  // trailing word
  CHECK_FALSE(decode_simple8b(enc.substr(0, enc.size() - 1), &out).ok());
  std::string bad_header = enc;
  bad_header[0] = 9;
  CHECK_FALSE(decode_simple8b(bad_header, &out).ok());
  // A run word whose count exceeds what is left.
  uint64_t w = (uint64_t{5} << 40) | 1;
  std::string run(8, '\0');
  std::memcpy(run.data(), &w, 8);
  std::vector<uint64_t> dst(3);
  CHECK_FALSE(simple8b_unpack(run, 3, dst.data()));
  CHECK(simple8b_unpack(run, 5, std::vector<uint64_t>(5).data()));
  // A raw word announcing more raw words than present.
  w = (uint64_t{15} << 60) | 2;
  std::string raw(16, '\0');
  std::memcpy(raw.data(), &w, 8);
  CHECK_FALSE(simple8b_unpack(raw, 2, std::vector<uint64_t>(2).data()));
}

TEST_CASE("simple8b: damaged and random input never crashes") {
  std::mt19937_64 rng(11);
  std::vector<uint64_t> in(300);
  for (auto& v : in) v = rng() >> (rng() % 64);
  in.insert(in.end(), 200, 3);
  std::string enc;
  encode_simple8b(in, &enc);
  std::vector<uint64_t> out;
  const size_t rejected = tidewater::testing::check_robust(enc, [&](std::string_view s) { return decode_simple8b(s, &out); });
  CHECK(rejected > 0);
}

TEST_CASE("packed ints: frame of reference and zigzag simple8b, whichever is smaller") {
  CHECK(ints_round_trip({}).empty());
  std::vector<int64_t> ext = {INT64_MIN, INT64_MAX, 0, -1, 1, INT64_MIN, INT64_MAX};
  CHECK(ints_round_trip(ext) == ext);
  std::vector<int64_t> constant(1000, -123456789);
  size_t bytes = 0;
  CHECK(ints_round_trip(constant, &bytes) == constant);
  CHECK(bytes <= 8);
  // Uniform deltas in [-101, 101]: 8 bits each with frame of reference.
  std::mt19937_64 rng(5);
  std::vector<int64_t> deltas(1000);
  for (auto& d : deltas) d = static_cast<int64_t>(rng() % 203) - 101;
  CHECK(ints_round_trip(deltas, &bytes) == deltas);
  CHECK(bytes <= 1000 + 4);
  // Every width through frame of reference.
  for (int w = 0; w <= 64; ++w) {
    std::vector<int64_t> v(97);
    for (auto& x : v) x = static_cast<int64_t>(w == 64 ? rng() : (w == 0 ? 0 : rng() >> (64 - w)));
    std::string enc;
    bitpack_for(v, &enc);
    CHECK(enc.size() == bitpack_for_size(v));
    std::vector<int64_t> out(v.size());
    REQUIRE(bitunpack_for(enc, v.size(), out.data()));
    CHECK(out == v);
  }
  // Mostly small with one outlier: simple8b wins.
  std::vector<int64_t> spiky(1000, 1);
  for (size_t i = 0; i < spiky.size(); ++i) spiky[i] = static_cast<int64_t>(i % 3);
  spiky[500] = int64_t{1} << 50;
  CHECK(ints_round_trip(spiky, &bytes) == spiky);
  CHECK(bytes < 450);  // frame of reference would need 51 bits a value
}

TEST_CASE("packed ints: damaged input never crashes") {
  std::mt19937_64 rng(12);
  std::vector<int64_t> v(200);
  for (auto& x : v) x = static_cast<int64_t>(rng() % 1000) - 500;
  std::string enc;
  pack_ints(v, &enc);
  std::vector<int64_t> out(v.size());
  tidewater::testing::check_robust(enc, [&](std::string_view s) {
    return unpack_ints(s, v.size(), out.data()) ? Status::Ok() : Status(ErrorCode::kInternal, "bad");
  });
  v.assign(200, 5);
  v[3] = INT64_MIN;
  enc.clear();
  bitpack_for(v, &enc);
  tidewater::testing::check_robust(enc, [&](std::string_view s) {
    return bitunpack_for(s, v.size(), out.data()) ? Status::Ok() : Status(ErrorCode::kInternal, "bad");
  });
}
