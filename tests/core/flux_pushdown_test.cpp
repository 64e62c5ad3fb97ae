// Aggregates pushed into storage's window statistics give the same annotated CSV as the
// unpushed pipeline, on an Engine with several segments, overlapping rewrites, deletes and
// unflushed cache data. The unpushed twin of each query adds a row predicate storage cannot
// take (`exists r._value`, true for every stored row), which keeps the aggregate on raw rows.
#include <doctest/doctest.h>

#include <random>

#include "core/query/csv/annotated_csv_writer.h"
#include "core/query/flux/flux.h"
#include "core/storage/engine.h"
#include "core/storage/window_stats.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using namespace tidewater::query;
using tidewater::testing::TestDir;

namespace {

constexpr int64_t kSec = 1000000000LL;
constexpr int64_t kT0 = 1700000000LL * kSec;

storage::EngineOptions manual_flush() {
  storage::EngineOptions o;
  o.sync = false;
  o.flush_after_values = 0;
  o.compact_after_segments = 0;
  return o;
}

// Values are multiples of 0.25 so that float sums are exact whatever the order of addition.
std::vector<model::Point> batch(std::mt19937_64& rng, int64_t from, int64_t to, int64_t step) {
  std::vector<model::Point> out;
  for (int64_t t = from; t < to; t += step) {
    for (const char* host : {"a", "b", "c"}) {
      model::Point p;
      p.measurement = "cpu";
      p.tags = {{"host", host}};
      p.fields.push_back({"f", static_cast<double>(rng() % 400) * 0.25});
      p.fields.push_back({"i", static_cast<int64_t>(rng() % 1000) - 500});
      p.fields.push_back({"u", static_cast<uint64_t>(rng() % 1000)});
      p.fields.push_back({"s", std::string(1, static_cast<char>('a' + rng() % 26))});
      p.fields.push_back({"b", (rng() & 1) != 0});
      p.time = t;
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::string csv(Result<std::vector<ResultSet>> r) {
  // Errors name positions, which differ between the twins: keep the message after them.
  if (!r.ok()) return "ERROR: " + r.status().message().substr(r.status().message().find(": ") + 2);
  return write_annotated_csv(*r, CsvDialect{});
}

}  // namespace

TEST_CASE("pushed window aggregates equal the unpushed pipeline") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), manual_flush());
  REQUIRE(e.ok());
  std::mt19937_64 rng(7);
  // Three segments (the second rewrites part of the first), a delete, then cache-only data.
  REQUIRE((*e)->write("b", batch(rng, kT0, kT0 + 4 * 3600 * kSec, 10 * kSec)).ok());
  REQUIRE((*e)->flush().ok());
  REQUIRE((*e)->write("b", batch(rng, kT0 + 3 * 3600 * kSec, kT0 + 8 * 3600 * kSec, 10 * kSec)).ok());
  REQUIRE((*e)->flush().ok());
  storage::SeriesFilter del;
  del.measurement = "cpu";
  del.tag_equals = {{"host", "b"}};
  REQUIRE((*e)->delete_where("b", del, storage::TimeRange{kT0 + 5 * 3600 * kSec, kT0 + 6 * 3600 * kSec}).ok());
  REQUIRE((*e)->write("b", batch(rng, kT0 + 20 * 3600 * kSec, kT0 + 21 * 3600 * kSec, 60 * kSec)).ok());
  REQUIRE((*e)->flush().ok());
  REQUIRE((*e)->write("b", batch(rng, kT0 + 22 * 3600 * kSec, kT0 + 23 * 3600 * kSec, 60 * kSec)).ok());
  auto reader = (*e)->reader("b");
  flux::FluxContext ctx;
  ctx.now_ns = kT0 + 48 * 3600 * kSec;
  ctx.open_bucket = [&](std::string_view) -> Result<const storage::BucketReader*> { return reader.get(); };

  const std::string read = "from(bucket: \"b\") |> range(start: " + std::to_string(kT0 / kSec - 3600) + ", stop: " +
                           std::to_string(kT0 / kSec + 30 * 3600) + ") |> filter(fn: (r) => r._measurement == \"cpu\")";
  const std::vector<std::string> numeric = {"f", "i", "u"};
  std::vector<std::string> tails;
  for (const char* fn : {"count", "sum", "mean", "first", "last"}) {
    tails.push_back(std::string("|> ") + fn + "()");
    tails.push_back(std::string("|> group(columns: [\"_field\"]) |> ") + fn + "()");
  }
  for (const char* fn : {"count", "sum", "mean", "min", "max", "first", "last"}) {
    for (const char* every : {"1d", "1h", "7m"}) {
      tails.push_back(std::string("|> aggregateWindow(every: ") + every + ", fn: " + fn + ")");
      tails.push_back(std::string("|> aggregateWindow(every: ") + every + ", fn: " + fn + ", createEmpty: false, offset: 5m)");
      tails.push_back(std::string("|> group(columns: [\"host\"]) |> aggregateWindow(every: ") + every + ", fn: " + fn + ")");
    }
  }
  auto& counters = storage::window_scan_counters();
  counters = {};
  int compared = 0;
  for (const auto& tail : tails) {
    // Floats only: mean under group() is pushed as sum and count (integers' means read raw).
    for (const std::string fields :
         {"r._field == \"f\" or r._field == \"i\" or r._field == \"u\"", "true", "r._field == \"f\""}) {
      std::string pushed = read + " |> filter(fn: (r) => " + fields + ") " + tail;
      std::string raw = read + " |> filter(fn: (r) => " + fields + ") |> filter(fn: (r) => exists r._value) " + tail;
      INFO(pushed);
      std::string want = csv(flux::run_flux(raw, ctx));
      std::string got = csv(flux::run_flux(pushed, ctx));
      CHECK(got == want);
      ++compared;
    }
  }
  CHECK(compared == 3 * static_cast<int>(tails.size()));
  CHECK(counters.blocks_from_stats > 0);  // the pushed queries did read block statistics
}

TEST_CASE("residual predicates on tags are decided per series") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), manual_flush());
  REQUIRE(e.ok());
  std::mt19937_64 rng(3);
  REQUIRE((*e)->write("b", batch(rng, kT0, kT0 + 3600 * kSec, 10 * kSec)).ok());
  auto reader = (*e)->reader("b");
  flux::FluxContext ctx;
  ctx.now_ns = kT0 + 48 * 3600 * kSec;
  ctx.open_bucket = [&](std::string_view) -> Result<const storage::BucketReader*> { return reader.get(); };
  std::string read = "from(bucket: \"b\") |> range(start: 0) |> filter(fn: (r) => r._field == \"f\")";
  std::string by_series = csv(flux::run_flux(read + " |> filter(fn: (r) => r.host == \"a\" or r.host =~ /c/) |> count()", ctx));
  std::string by_row = csv(flux::run_flux(read + " |> filter(fn: (r) => (r.host == \"a\" or r.host =~ /c/) and exists r._value) |> count()", ctx));
  CHECK(by_series == by_row);
  CHECK(by_series.find(",a,") != std::string::npos);
  CHECK(by_series.find(",b,") == std::string::npos);
}

namespace {

// Forwards to a bucket reader and remembers the filters storage was asked for.
class RecordingReader : public storage::BucketReader {
 public:
  explicit RecordingReader(const storage::BucketReader* inner) : inner_(inner) {}
  void scan(const storage::SeriesFilter& filter, const storage::TimeRange& range,
            const std::function<void(const storage::SeriesKey&, std::string_view, const storage::FieldColumn&)>& fn)
      const override {
    filters.push_back(filter);
    inner_->scan(filter, range, fn);
  }
  void scan_windows(const storage::SeriesFilter& filter, const storage::TimeRange& range, int64_t every, int64_t offset,
                    const std::function<void(const storage::SeriesKey&, std::string_view, const storage::WindowColumns&)>& fn)
      const override {
    filters.push_back(filter);
    inner_->scan_windows(filter, range, every, offset, fn);
  }
  mutable std::vector<storage::SeriesFilter> filters;

 private:
  const storage::BucketReader* inner_;
};

}  // namespace

TEST_CASE("an or of one tag's equalities is pushed into the series match") {
  TestDir dir;
  auto e = storage::Engine::open(dir.path(), manual_flush());
  REQUIRE(e.ok());
  std::mt19937_64 rng(11);
  // Segment data and cache data, so both series matches take the set.
  REQUIRE((*e)->write("b", batch(rng, kT0, kT0 + 2 * 3600 * kSec, 10 * kSec)).ok());
  REQUIRE((*e)->flush().ok());
  REQUIRE((*e)->write("b", batch(rng, kT0 + 2 * 3600 * kSec, kT0 + 3 * 3600 * kSec, 10 * kSec)).ok());
  auto inner = (*e)->reader("b");
  RecordingReader reader(inner.get());
  flux::FluxContext ctx;
  ctx.now_ns = kT0 + 48 * 3600 * kSec;
  ctx.open_bucket = [&](std::string_view) -> Result<const storage::BucketReader*> { return &reader; };
  const std::string read = "from(bucket: \"b\") |> range(start: " + std::to_string(kT0 / kSec) + ", stop: " +
                           std::to_string(kT0 / kSec + 4 * 3600) + ") |> filter(fn: (r) => r._measurement == \"cpu\")";
  for (const std::string tail :
       {"|> count()", "|> group(columns: [\"_field\"]) |> aggregateWindow(every: 1h, fn: mean)",
        "|> aggregateWindow(every: 20m, fn: max)", "|> last()"}) {
    // `or false` keeps the twin's disjunction from being pushed: it is evaluated per series.
    std::string pushed = read + " |> filter(fn: (r) => r.host == \"a\" or \"c\" == r[\"host\"]) " + tail;
    std::string raw = read + " |> filter(fn: (r) => r.host == \"a\" or r.host == \"c\" or false) " + tail;
    INFO(pushed);
    reader.filters.clear();
    std::string got = csv(flux::run_flux(pushed, ctx));
    REQUIRE(!reader.filters.empty());
    const storage::SeriesFilter& f = reader.filters.front();
    REQUIRE(f.tag_in.size() == 1);
    CHECK(f.tag_in[0].key == "host");
    CHECK(f.tag_in[0].values == std::vector<std::string>{"a", "c"});
    reader.filters.clear();
    std::string want = csv(flux::run_flux(raw, ctx));
    REQUIRE(!reader.filters.empty());
    CHECK(reader.filters.front().tag_in.empty());
    CHECK(got == want);
  }
  // Only hosts a and c come back (count()'s tables end in host, _value).
  std::string hosts = csv(flux::run_flux(read + " |> filter(fn: (r) => r.host == \"a\" or r.host == \"c\") |> count()", ctx));
  INFO(hosts);
  CHECK(hosts.find(",cpu,a,") != std::string::npos);
  CHECK(hosts.find(",cpu,b,") == std::string::npos);
  CHECK(hosts.find(",cpu,c,") != std::string::npos);
  // Not one tag, or "" (a missing tag to storage, null to Flux): evaluated after the read.
  for (const std::string pred : {"r.host == \"a\" or r._field == \"f\"", "r.host == \"a\" or r.host == \"\""}) {
    reader.filters.clear();
    std::string got = csv(flux::run_flux(read + " |> filter(fn: (r) => " + pred + ") |> count()", ctx));
    std::string want = csv(flux::run_flux(read + " |> filter(fn: (r) => (" + pred + ") and exists r._value) |> count()", ctx));
    CHECK(got == want);
    REQUIRE(!reader.filters.empty());
    CHECK(reader.filters.front().tag_in.empty());
  }
  // A set and an equality on the same tag both hold.
  std::string none = csv(flux::run_flux(read + " |> filter(fn: (r) => (r.host == \"a\" or r.host == \"c\") and r.host == \"b\") |> count()", ctx));
  CHECK(none.find(",b,") == std::string::npos);
}
