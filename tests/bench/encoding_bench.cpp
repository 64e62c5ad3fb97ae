// Block encoding benchmark: prints one JSON object with, per data set, bytes per value and
// encode/decode speed (MB/s of raw 8-byte values, and million values per second).
// Data: blocks of 1000 points, as the engine writes them. Fixed seeds: sizes are exact,
// speeds vary with the machine (compare runs made at the same moment).
//   ninja -C build encoding_bench && build/encoding_bench [seconds-per-case, default 0.3]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/storage/encoding/block.h"
#include "core/storage/encoding/float_encoder.h"
#include "core/storage/encoding/integer_encoder.h"
#include "core/storage/encoding/timestamp_encoder.h"

using namespace tidewater;
using namespace tidewater::storage;
using namespace tidewater::storage::encoding;

namespace {

constexpr size_t kBlock = 1000;
constexpr size_t kBlocks = 200;
double g_seconds = 0.3;

using Clock = std::chrono::steady_clock;

std::vector<double> devops_walk(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> out;
  out.reserve(n);
  double v = u(rng) * 100.0;
  char buf[32];
  for (size_t i = 0; i < n; ++i) {
    v += u(rng) * 2.0 - 1.0;
    v = v < 0 ? 0 : (v > 100 ? 100 : v);
    std::snprintf(buf, sizeof buf, "%.2f", v);
    out.push_back(std::strtod(buf, nullptr));
  }
  return out;
}

struct Result {
  double bytes_per_value;
  double encode_mbps, decode_mbps;
  double encode_mvps, decode_mvps;
};

// Runs encode over every block, then decode, each repeated for at least g_seconds.
template <typename T, typename Enc, typename Dec>
Result measure(const std::vector<std::vector<T>>& blocks, Enc enc, Dec dec) {
  std::vector<std::string> encoded(blocks.size());
  size_t values = 0, bytes = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    enc(blocks[i], &encoded[i]);
    values += blocks[i].size();
    bytes += encoded[i].size();
  }
  Result r{};
  r.bytes_per_value = static_cast<double>(bytes) / static_cast<double>(values);
  std::string scratch;
  size_t rounds = 0;
  auto t0 = Clock::now();
  double el = 0;
  do {
    for (const auto& b : blocks) {
      scratch.clear();
      enc(b, &scratch);
    }
    ++rounds;
    el = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (el < g_seconds);
  r.encode_mvps = static_cast<double>(values * rounds) / el / 1e6;
  std::vector<T> out;
  rounds = 0;
  t0 = Clock::now();
  do {
    for (const auto& e : encoded) {
      if (!dec(e, &out)) {
        std::fprintf(stderr, "decode failed\n");
        std::exit(1);
      }
    }
    ++rounds;
    el = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (el < g_seconds);
  r.decode_mvps = static_cast<double>(values * rounds) / el / 1e6;
  r.encode_mbps = r.encode_mvps * 8;
  r.decode_mbps = r.decode_mvps * 8;
  return r;
}

// encode_block / decode_block over a column cut in blocks of kBlock points.
Result measure_blocks(const FieldColumn& col) {
  const size_t nblocks = col.size() / kBlock;
  std::vector<std::string> encoded(nblocks);
  size_t bytes = 0;
  for (size_t b = 0; b < nblocks; ++b) {
    encode_block(col, b * kBlock, (b + 1) * kBlock, &encoded[b]);
    bytes += encoded[b].size();
  }
  const auto values = static_cast<double>(nblocks * kBlock);
  Result r{};
  r.bytes_per_value = static_cast<double>(bytes) / values;
  std::string scratch;
  size_t rounds = 0;
  auto t0 = Clock::now();
  double el = 0;
  do {
    for (size_t b = 0; b < nblocks; ++b) {
      scratch.clear();
      encode_block(col, b * kBlock, (b + 1) * kBlock, &scratch);
    }
    ++rounds;
    el = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (el < g_seconds);
  r.encode_mvps = values * static_cast<double>(rounds) / el / 1e6;
  FieldColumn out;
  rounds = 0;
  t0 = Clock::now();
  do {
    for (const auto& e : encoded) {
      if (!decode_block(e, &out).ok()) {
        std::fprintf(stderr, "block decode failed\n");
        std::exit(1);
      }
    }
    ++rounds;
    el = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (el < g_seconds);
  r.decode_mvps = values * static_cast<double>(rounds) / el / 1e6;
  // A block point is a timestamp and a value: 16 raw bytes.
  r.encode_mbps = r.encode_mvps * 16;
  r.decode_mbps = r.decode_mvps * 16;
  return r;
}

void print(const char* name, const Result& r, bool last = false) {
  std::printf(
      "  \"%s\": {\"bytes_per_value\": %.4f, \"encode_MBps\": %.1f, \"decode_MBps\": %.1f, "
      "\"encode_Mvalues_per_s\": %.2f, \"decode_Mvalues_per_s\": %.2f}%s\n",
      name, r.bytes_per_value, r.encode_mbps, r.decode_mbps, r.encode_mvps, r.decode_mvps, last ? "" : ",");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) g_seconds = std::atof(argv[1]);
  constexpr int64_t kStart = 1451606400000000000;
  std::mt19937_64 rng(42);

  std::vector<std::vector<int64_t>> regular, jitter, counters, gauges;
  std::vector<std::vector<double>> walks;
  int64_t t = kStart, c = 0;
  for (size_t b = 0; b < kBlocks; ++b) {
    std::vector<int64_t> r, j, cn, g;
    for (size_t i = 0; i < kBlock; ++i) {
      r.push_back(t);
      j.push_back(t + static_cast<int64_t>(rng() % 1000) * 1000000);  // ms jitter
      cn.push_back(c += static_cast<int64_t>(rng() % 1000));
      g.push_back(static_cast<int64_t>(rng() % 100000) - 50000);
      t += 10000000000;
    }
    regular.push_back(std::move(r));
    jitter.push_back(std::move(j));
    counters.push_back(std::move(cn));
    gauges.push_back(std::move(g));
    walks.push_back(devops_walk(kBlock, b + 1));
  }

  auto ts_enc = [](const std::vector<int64_t>& v, std::string* o) { encode_timestamps(v, o); };
  auto ts_dec = [](const std::string& e, std::vector<int64_t>* o) { return decode_timestamps(e, o).ok(); };
  auto int_enc = [](const std::vector<int64_t>& v, std::string* o) { encode_integers(v, o); };
  auto int_dec = [](const std::string& e, std::vector<int64_t>* o) { return decode_integers(e, o).ok(); };
  auto fl_dec = [](const std::string& e, std::vector<double>* o) { return decode_floats(e, o).ok(); };

  std::printf("{\n");
  print("timestamps_regular_10s", measure(regular, ts_enc, ts_dec));
  print("timestamps_ms_jitter", measure(jitter, ts_enc, ts_dec));
  print("floats_devops_walk", measure(walks, [](const std::vector<double>& v, std::string* o) { encode_floats(v, o); }, fl_dec));
  print("floats_devops_walk_gorilla_only",
        measure(walks, [](const std::vector<double>& v, std::string* o) { encode_floats_gorilla(v, o); }, fl_dec));
  print("integers_counter", measure(counters, int_enc, int_dec));
  print("integers_random_gauge", measure(gauges, int_enc, int_dec));

  // Whole blocks (timestamps + values + statistics + CRC) of the devops float field.
  FieldColumn col;
  col.type = model::FieldType::kFloat;
  for (size_t b = 0; b < kBlocks; ++b) {
    col.times.insert(col.times.end(), regular[b].begin(), regular[b].end());
    col.floats.insert(col.floats.end(), walks[b].begin(), walks[b].end());
  }
  print("blocks_devops_float", measure_blocks(col), true);
  std::printf("}\n");
  return 0;
}
