// Native Flux query benchmark on the devops set (../shared/bench/gen_devops.py): loads the line
// protocol into an Engine in a fresh directory, flushes it to segment files, then times the
// issue's queries a-e (the Flux equivalents of the InfluxQL that peer_influxdb1.sh times), g (a Graph cell) and
// prints one JSON object: ms per query (median of --runs after one warm-up run) and rows out.
//   flux_bench FILE.lp [--dir DIR] [--runs N] [--only IDS]   (IDS: e.g. "cd")
// Without --dir a temporary directory is used and removed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/lineprotocol/parser.h"
#include "core/query/flux/flux.h"
#include "core/storage/engine.h"
#include "core/util/file.h"

using namespace tidewater;
using Clock = std::chrono::steady_clock;

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "flux_bench: %s\n", what.c_str());
  return 1;
}

// The last whitespace-separated token of a line: its timestamp.
int64_t line_time(std::string_view line) {
  size_t sp = line.rfind(' ');
  return std::strtoll(std::string(line.substr(sp + 1)).c_str(), nullptr, 10);
}

struct Query {
  const char* id;
  std::string flux;
};

// a-e as the issue defines them; T0 is the first timestamp, last the last one.
std::vector<Query> bench_queries(int64_t t0, int64_t last) {
  const int64_t h = 3600LL * 1000000000LL;
  auto ts = [](int64_t ns) { return "time(v: " + std::to_string(ns) + ")"; };
  std::string cpu = "from(bucket: \"bench\") |> range(start: ";
  std::string hosts8;
  for (int i = 0; i < 8; ++i) hosts8 += std::string(i ? " or " : "") + "r.hostname == \"host_" + std::to_string(i) + "\"";
  return {
      {"a", cpu + ts(t0 + 6 * h) + ", stop: " + ts(t0 + 7 * h) +
                ") |> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage_user\" and r.hostname == \"host_3\")"
                " |> aggregateWindow(every: 1m, fn: max)"},
      {"b", cpu + ts(t0 + 6 * h) + ", stop: " + ts(t0 + 18 * h) + ") |> filter(fn: (r) => r._measurement == \"cpu\")" +
                " |> filter(fn: (r) => " + hosts8 + ") |> group(columns: [\"_field\"]) |> aggregateWindow(every: 1h, fn: mean)"},
      {"c", cpu + ts(t0) + ", stop: " + ts(last + 1) +
                ") |> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage_user\") |> group()"
                " |> aggregateWindow(every: 1h, fn: max)"},
      {"d", cpu + "0) |> filter(fn: (r) => r._measurement == \"cpu\") |> last()"},
      {"e", cpu + "0) |> filter(fn: (r) => r._measurement == \"cpu\") |> group(columns: [\"_field\"]) |> count()"},
      // g: a dashboard Graph cell: every host's usage_user, one window per pixel (168 s).
      {"g", cpu + ts(t0) + ", stop: " + ts(last + 1) +
                ") |> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage_user\")"
                " |> aggregateWindow(every: 168s, fn: mean, createEmpty: false)"},
  };
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: flux_bench FILE.lp [--dir DIR] [--runs N]");
  std::string file = argv[1], dir;
  int runs = 5;
  std::string only;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--dir") dir = argv[i + 1];
    if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::string(argv[i]) == "--only") only = argv[i + 1];
  }
  bool temporary = dir.empty();
  if (temporary) dir = (std::filesystem::temp_directory_path() / ("flux_bench_" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir);
  auto text = util::read_file(file);
  if (!text.ok()) return fail(text.status().message());
  storage::EngineOptions options;
  options.sync = false;  // the load is setup, not what is measured
  auto engine = storage::Engine::open(dir, options);
  if (!engine.ok()) return fail(engine.status().message());
  const std::string_view all(*text);
  int64_t t0 = line_time(all.substr(0, all.find('\n')));
  int64_t last = t0;
  auto load_start = Clock::now();
  for (size_t begin = 0; begin < all.size();) {
    size_t end = begin;
    for (int n = 0; n < 5000 && end < all.size(); ++n) {
      size_t nl = all.find('\n', end);
      end = nl == std::string_view::npos ? all.size() : nl + 1;
    }
    auto points = lineprotocol::parse(all.substr(begin, end - begin), model::Precision::kNanoseconds, 0);
    if (!points.ok()) return fail(points.status().message());
    for (const auto& p : *points) last = std::max(last, p.time);
    auto w = (*engine)->write("bench", std::move(*points));
    if (!w.ok()) return fail(w.status().message());
    begin = end;
  }
  if (Status s = (*engine)->flush(); !s.ok()) return fail(s.message());
  double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
  auto reader = (*engine)->reader("bench");
  query::flux::FluxContext ctx;
  ctx.now_ns = last + 1;
  ctx.open_bucket = [&](std::string_view name) -> Result<const storage::BucketReader*> {
    if (name == "bench") return static_cast<const storage::BucketReader*>(reader.get());
    return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
  };
  std::printf("{\n  \"load_s\": %.1f,\n  \"runs\": %d", load_s, runs);
  for (const auto& q : bench_queries(t0, last)) {
    if (!only.empty() && only.find(q.id) == std::string::npos) continue;
    std::vector<double> ms;
    size_t rows = 0;
    for (int r = 0; r <= runs; ++r) {
      auto start = Clock::now();
      auto result = query::flux::run_flux(q.flux, ctx);
      double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (!result.ok()) return fail(std::string(q.id) + ": " + result.status().message());
      rows = 0;
      for (const auto& set : *result) {
        for (const auto& t : set.tables) rows += t.rows();
      }
      if (r > 0) ms.push_back(elapsed);  // run 0 warms caches
    }
    std::sort(ms.begin(), ms.end());
    std::printf(",\n  \"%s_ms\": %.2f,\n  \"%s_rows\": %zu", q.id, ms[ms.size() / 2], q.id, rows);
  }
  std::printf("\n}\n");
  reader.reset();
  engine->reset();
  if (temporary) std::filesystem::remove_all(dir);
  return 0;
}
