// Native ingest benchmark: line protocol file → parse → Engine::write (fsync per batch, the
// durable path), then close (flush + compaction), bytes on disk, reopen time and peak RSS.
// Prints one JSON object.
//   ingest_bench FILE.lp DIR [--batch LINES] [--values-per-line N]
// DIR must not exist or be empty; it is left behind for inspection (the caller removes it).
#include <sys/resource.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/lineprotocol/parser.h"
#include "core/storage/engine.h"
#include "core/util/file.h"

using namespace tidewater;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

uint64_t dir_bytes(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "ingest_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return fail("usage: ingest_bench FILE.lp DIR [--batch LINES]");
  const std::string file = argv[1], dir = argv[2];
  size_t batch_lines = 5000;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--batch") batch_lines = std::strtoul(argv[i + 1], nullptr, 10);
  }
  auto text = util::read_file(file);
  if (!text.ok()) return fail(text.status().message());
  // Batches of whole lines, as a client posts them.
  std::vector<std::string_view> batches;
  size_t lines = 0;
  {
    const std::string_view all(*text);
    size_t begin = 0, n = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i] != '\n') continue;
      ++lines;
      if (++n == batch_lines) {
        batches.push_back(all.substr(begin, i + 1 - begin));
        begin = i + 1;
        n = 0;
      }
    }
    if (begin < all.size()) {
      batches.push_back(all.substr(begin));
      if (all.back() != '\n') ++lines;
    }
  }

  storage::EngineOptions options;  // sync = true: each batch is fsynced before it is acknowledged
  size_t values = 0;
  double ingest_s = 0, ingest_cpu_s = 0, close_s = 0, open_s = 0;
  {
    auto e = storage::Engine::open(dir, options);
    if (!e.ok()) return fail(e.status().message());
    const auto t0 = Clock::now();
    const double cpu0 = cpu_seconds();
    for (auto b : batches) {
      auto points = lineprotocol::parse(b, model::Precision::kNanoseconds, 0);
      if (!points.ok()) return fail(points.status().message());
      for (const auto& p : *points) values += p.fields.size();
      auto w = (*e)->write("bench", std::move(*points));
      if (!w.ok()) return fail(w.status().message());
    }
    ingest_s = seconds_since(t0);
    ingest_cpu_s = cpu_seconds() - cpu0;
    const auto t1 = Clock::now();
    if (Status s = (*e)->close(); !s.ok()) return fail(s.message());
    if (Status s = (*e)->compact("bench", 1); !s.ok()) return fail(s.message());
    close_s = seconds_since(t1);
  }
  const long rss_ingest = peak_rss_kib();
  const uint64_t bytes = dir_bytes(dir);
  {
    const auto t0 = Clock::now();
    auto e = storage::Engine::open(dir, options);
    if (!e.ok()) return fail(e.status().message());
    open_s = seconds_since(t0);
  }
  std::printf(
      "{\n  \"lines\": %zu,\n  \"values\": %zu,\n  \"batch_lines\": %zu,\n  \"native_durable_ingest_lines_per_s\": %.0f,\n"
      "  \"native_durable_ingest_values_per_s\": %.0f,\n  \"native_durable_ingest_values_per_cpu_s\": %.0f,\n  \"native_close_flush_compact_ms\": %.1f,\n"
      "  \"native_bytes_on_disk\": %llu,\n  \"native_bytes_per_value\": %.3f,\n  \"native_open_ms\": %.1f,\n"
      "  \"native_peak_rss_mib\": %.1f\n}\n",
      lines, values, batch_lines, static_cast<double>(lines) / ingest_s, static_cast<double>(values) / ingest_s,
      static_cast<double>(values) / ingest_cpu_s,
      close_s * 1000, static_cast<unsigned long long>(bytes), static_cast<double>(bytes) / static_cast<double>(values),
      open_s * 1000, static_cast<double>(rss_ingest) / 1024);
  return 0;
}
