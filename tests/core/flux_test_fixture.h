// The shared fixture of the Flux function tests: tutorial-like data in a MemoryBucket and a
// helper that runs a pipeline and returns its annotated CSV.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/lineprotocol/parser.h"
#include "core/model/format.h"
#include "core/query/csv/annotated_csv_writer.h"
#include "core/query/flux/flux.h"
#include "core/query/memory_bucket.h"

namespace tidewater::testing {

using namespace tidewater::query;
using namespace tidewater::query::flux;


// Tutorial-like data: air,room=kitchen|living temp (float), hum (float), co (int), hourly
// from 2022-01-01T08:00:00Z.
struct Fixture {
  MemoryBucket bucket;
  FluxContext ctx;
  Fixture() {
    const char* lp =
        "air,room=kitchen temp=21.0,hum=35.9,co=0i 1641024000000000000\n"
        "air,room=kitchen temp=23.0,hum=36.2,co=1i 1641027600000000000\n"
        "air,room=kitchen temp=22.7,hum=36.1,co=22i 1641031200000000000\n"
        "air,room=living temp=21.1,hum=35.9,co=0i 1641024000000000000\n"
        "air,room=living temp=21.4,hum=35.9,co=5i 1641027600000000000\n"
        "air,room=living temp=21.8,hum=36.0,co=14i 1641031200000000000\n";
    auto points = lineprotocol::parse(lp, model::Precision::kNanoseconds, 0);
    REQUIRE(points.ok());
    for (const auto& p : *points) bucket.add(p);
    REQUIRE(model::parse_rfc3339("2022-01-02T00:00:00Z", &ctx.now_ns));
    ctx.open_bucket = [this](std::string_view name) -> Result<const storage::BucketReader*> {
      if (name == "home") return static_cast<const storage::BucketReader*>(&bucket);
      return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
    };
  }
  // The annotated CSV InfluxDB would answer, with CRLF turned into LF for readable tests.
  std::string csv(const std::string& pipeline) {
    return script_csv("from(bucket: \"home\") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z)\n" + pipeline);
  }
  // The same for a whole script.
  std::string script_csv(const std::string& script) {
    auto r = run_flux(script, ctx);
    if (!r.ok()) return "ERROR: " + r.status().message();
    std::string out = write_annotated_csv(*r, CsvDialect{});
    std::string lf;
    for (char c : out) {
      if (c != '\r') lf += c;
    }
    return lf;
  }
};


// Only the header and data rows ("," + ...), one per line: compact expectations.
inline std::string rows_of(const std::string& csv) {
  std::string out, line;
  for (size_t i = 0; i <= csv.size(); ++i) {
    if (i < csv.size() && csv[i] != '\n') {
      line += csv[i];
      continue;
    }
    if (!line.empty() && line[0] == ',' ) out += line + "\n";
    if (line.rfind("ERROR", 0) == 0) out += line + "\n";
    line.clear();
  }
  return out;
}

// The data rows of a whole script's answer.
inline std::string script_rows(Fixture& f, const std::string& script) { return rows_of(f.script_csv(script)); }

}  // namespace tidewater::testing
