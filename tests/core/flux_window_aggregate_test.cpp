// aggregateWindow's direct path (window_aggregate.h) against its general path on random data:
// a builtin fn (count, sum, mean, first, last, min, max) takes the direct path, and the same fn
// wrapped in a function of the query's own takes the general one; their annotated CSV must be
// byte for byte the same, for every type, window, offset, range and createEmpty.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::testing;

namespace {

// Random points: 3 series per type, irregular times (some shared, some outside the ranges).
void fill_random(MemoryBucket& bucket, std::mt19937& rng) {
  std::uniform_int_distribution<int> gap(0, 90), coin(0, 9), small(-50, 50);
  const char* types[] = {"f", "i", "u", "s", "b"};
  for (const char* type : types) {
    for (int s = 0; s < 3; ++s) {
      int64_t t = 1641024000LL + coin(rng) * 7;
      std::string lp;
      for (int n = 0; n < 60; ++n) {
        t += gap(rng);
        std::string v;
        if (type[0] == 'f') v = std::to_string(small(rng) / 4.0);
        else if (type[0] == 'i') v = std::to_string(small(rng)) + "i";
        else if (type[0] == 'u') v = std::to_string(small(rng) + 50) + "u";
        else if (type[0] == 's') v = "\"v" + std::to_string(coin(rng)) + "\"";
        else v = coin(rng) < 5 ? "true" : "false";
        lp += std::string("m,kind=") + type + ",s=" + std::to_string(s) + " v=" + v + " " + std::to_string(t) + "\n";
      }
      auto points = lineprotocol::parse(lp, model::Precision::kSeconds, 0);
      REQUIRE(points.ok());
      for (const auto& p : *points) bucket.add(p);
    }
  }
}

// "ERROR: error @1:2-3:4: message" → "message".
std::string without_position(const std::string& error) {
  size_t colon = error.find(": ", error.find('@'));
  return colon == std::string::npos ? error : error.substr(colon + 2);
}

}  // namespace

TEST_CASE("aggregateWindow: the direct path answers exactly what the general path answers") {
  std::mt19937 rng(20261125);
  Fixture f;
  MemoryBucket random;
  fill_random(random, rng);
  f.ctx.open_bucket = [&](std::string_view) -> Result<const storage::BucketReader*> {
    return static_cast<const storage::BucketReader*>(&random);
  };
  const char* fns[] = {"count", "sum", "mean", "first", "last", "min", "max"};
  const char* kinds[] = {"f", "i", "u", "s", "b"};
  const char* everies[] = {"1m", "7m", "168s", "1h"};
  std::uniform_int_distribution<int> pick(0, 1 << 20);
  int compared = 0, answered = 0;
  for (const char* fn : fns) {
    for (const char* kind : kinds) {
      for (const char* every : everies) {
        const int64_t start = 1641024000LL + pick(rng) % 600, stop = start + 1800 + pick(rng) % 3600;
        const bool create_empty = pick(rng) % 2 == 0;
        const std::string offset = pick(rng) % 3 == 0 ? ", offset: 17s" : "";
        const std::string regroup = pick(rng) % 4 == 0 ? " |> group(columns: [\"kind\"])" : "";
        const std::string head = "from(bucket: \"r\") |> range(start: time(v: " + std::to_string(start) +
                                 "000000000), stop: time(v: " + std::to_string(stop) + "000000000)) |> filter(fn: (r) => r.kind == \"" +
                                 kind + "\")" + regroup;
        auto script = [&](const std::string& fn_expr) {
          return head + " |> aggregateWindow(every: " + every + offset + ", fn: " + fn_expr +
                 ", createEmpty: " + (create_empty ? "true" : "false") + ")";
        };
        std::string direct = f.script_csv(script(fn));
        std::string general = f.script_csv(script(std::string("(tables=<-, column) => tables |> ") + fn + "(column: column)"));
        CAPTURE(direct);
        if (direct.rfind("ERROR", 0) == 0) {
          // The same failure, though the general path's points at the wrapped call.
          CHECK(without_position(direct) == without_position(general));
        } else {
          CHECK(direct == general);
        }
        ++compared;
        if (direct.rfind("ERROR", 0) != 0) ++answered;
      }
    }
  }
  CHECK(compared == 140);
  CHECK(answered > 60);  // most combinations are valid (mean/sum of strings and booleans are errors on both paths)
}
