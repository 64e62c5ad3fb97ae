// Helpers shared by the tests/core/encoding_*_test.cpp files.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"

namespace tidewater::testing {

// Feeds `decode` every truncation and every single-bit flip of `valid`, plus random byte
// strings (some starting with `valid`'s first bytes, to get past the header). `decode` must
// return a Status and never crash: run under -fsanitize=address,undefined to check.
// Returns how many of the damaged inputs were rejected.
template <typename Decode>
size_t check_robust(const std::string& valid, Decode decode, uint64_t seed = 1, int random_inputs = 300) {
  size_t rejected = 0;
  auto run = [&](std::string_view in) {
    const Status st = decode(in);
    if (!st.ok()) ++rejected;
  };
  for (size_t n = 0; n < valid.size(); ++n) run(std::string_view(valid).substr(0, n));
  std::string flipped = valid;
  for (size_t i = 0; i < valid.size(); ++i) {
    for (int b = 0; b < 8; ++b) {
      flipped[i] = static_cast<char>(valid[i] ^ (1 << b));
      run(flipped);
    }
    flipped[i] = valid[i];
  }
  std::mt19937_64 rng(seed);
  for (int k = 0; k < random_inputs; ++k) {
    std::string junk(rng() % 64, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    run(junk);
    const size_t keep = std::min<size_t>(valid.size(), 1 + rng() % 3);
    run(valid.substr(0, keep) + junk);
    // Keep a valid prefix, damage a few bytes in the rest.
    std::string damaged = valid;
    for (int j = 0; j < 3 && !damaged.empty(); ++j) damaged[rng() % damaged.size()] = static_cast<char>(rng());
    run(damaged);
  }
  return rejected;
}

inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, 8) == 0; }
inline double from_bits(uint64_t u) {
  double v;
  std::memcpy(&v, &u, 8);
  return v;
}

// The devops "cpu" random walk: clamped to [0, 100], step uniform in [-1, 1], two decimals,
// the same shape as ../shared/bench/gen_devops.py produces.
inline std::vector<double> devops_walk(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> out;
  out.reserve(n);
  double v = u(rng) * 100.0;
  char buf[32];
  for (size_t i = 0; i < n; ++i) {
    v += (u(rng) * 2.0 - 1.0);
    v = std::clamp(v, 0.0, 100.0);
    std::snprintf(buf, sizeof buf, "%.2f", v);  // round to 2 decimals as Python's round() prints
    out.push_back(std::strtod(buf, nullptr));
  }
  return out;
}

}  // namespace tidewater::testing
