// Runs the Flux conformance vectors (../shared/conformance/flux/cases.jsonl and holdout.jsonl)
// whose functions the engine implements. Storage-mode cases run as InfluxDB's harness does:
// the case's line protocol is written to a bucket named "test" and the query reads it back.
// Direct-mode cases run their query as is (csv.from / array.from inputs). The result is
// compared with out_data (after want_transform, when the case has one) using testing.diff's
// rules. Cases start running on their own as functions land in the universe; the summary
// lists every skipped case with its reason.
//
// Status: cases.jsonl 83/83 and holdout.jsonl 36/36 pass; no case fails or is skipped.
// (universe/join_test.flux::join_base's out_data has "b" in a row of the _field=a table; it
// passes because the CSV reader, like Flux's decoder, gives key columns the key's value.)
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "core/lineprotocol/parser.h"
#include "core/model/format.h"
#include "core/query/csv/annotated_csv_reader.h"
#include "core/query/flux/flux.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/memory_bucket.h"
#include "core/query/table_diff.h"

using namespace tidewater;
using namespace tidewater::query;

namespace {

std::vector<nlohmann::json> load_cases(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

// Cases deliberately not run, by id, with the reason. Empty unless a vector cannot be run.
const std::map<std::string, std::string>& deliberately_skipped() {
  static const std::map<std::string, std::string> kSkipped = {};
  return kSkipped;
}

// A function is available when the universe or an importable package defines it, or when the
// query defines it itself (helpers such as t_distinct).
bool function_available(const std::string& name, const std::string& query) {
  static auto universe = flux::make_universe();
  size_t dot = name.find('.');
  if (dot == std::string::npos) {
    if (universe->lookup(name) != nullptr) return true;
    std::regex defined("(^|\\n)\\s*" + name + "\\s*=");
    return std::regex_search(query, defined);
  }
  // The import path's last element names the package ("internal/debug" → debug).
  std::string alias = name.substr(0, dot);
  for (const char* path : {"csv", "array", "internal/debug", "internal/influxql", "strings", "math", "regexp", "date", "join", "experimental"}) {
    std::string p = path;
    std::string last = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
    if (last != alias) continue;
    const auto* pkg = flux::find_package(p);
    if (pkg != nullptr && (*pkg)->get(name.substr(dot + 1)) != nullptr) return true;
  }
  return false;
}

// A Flux string literal holding text.
std::string flux_string(const std::string& text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || c == '\\') out += '\\';
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct Outcome {
  std::string skipped;  // the reason, when the case did not run
  std::string failure;  // empty when passed
};

Result<std::vector<Table>> tables_of(const Result<std::vector<ResultSet>>& results, const std::string& name) {
  if (!results.ok()) return results.status();
  for (const auto& r : results.value()) {
    if (r.name == name) return r.tables;
  }
  return std::vector<Table>{};
}

Outcome run_case(const nlohmann::json& c) {
  Outcome o;
  std::string id = c["id"].get<std::string>();
  if (auto it = deliberately_skipped().find(id); it != deliberately_skipped().end()) {
    o.skipped = it->second;
    return o;
  }
  std::string query = c["query"].get<std::string>();
  for (const auto& f : c["functions"]) {
    if (!function_available(f.get<std::string>(), query)) {
      o.skipped = "unsupported function " + f.get<std::string>();
      return o;
    }
  }
  MemoryBucket bucket;
  if (c.value("input_mode", "") == "storage") {
    auto points = lineprotocol::parse(c["in_line_protocol"].get<std::string>(), model::Precision::kNanoseconds, 0);
    if (!points.ok()) {
      o.failure = "line protocol: " + points.status().message();
      return o;
    }
    for (const auto& p : *points) bucket.add(p);
  }
  flux::FluxContext ctx;
  ctx.now_ns = 0;
  if (c["now"].is_string()) model::parse_rfc3339(c["now"].get<std::string>(), &ctx.now_ns);
  ctx.open_bucket = [&](std::string_view name) -> Result<const storage::BucketReader*> {
    if (name == "test") return static_cast<const storage::BucketReader*>(&bucket);
    return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
  };
  std::string name = c["result_name"].is_string() ? c["result_name"].get<std::string>() : "_result";
  auto got = tables_of(flux::run_flux(query, ctx), name);
  if (!got.ok()) {
    o.failure = "query failed: " + got.status().message();
    return o;
  }
  Result<std::vector<Table>> want = std::vector<Table>{};
  if (c["want_transform"].is_string()) {
    std::string script = "import \"csv\"\ncsv.from(csv: " + flux_string(c["out_data"].get<std::string>()) + ")\n" +
                         c["want_transform"].get<std::string>() + "\n";
    want = tables_of(flux::run_flux(script, ctx), "_result");
  } else {
    auto parsed = read_annotated_csv(c["out_data"].get<std::string>());
    if (!parsed.ok()) {
      want = parsed.status();
    } else {
      std::vector<Table> all;
      for (auto& r : *parsed) {
        for (auto& t : r.tables) all.push_back(std::move(t));
      }
      want = std::move(all);
    }
  }
  if (!want.ok()) {
    o.failure = "out_data: " + want.status().message();
    return o;
  }
  o.failure = diff_tables(*want, *got);
  return o;
}

void run_file(const std::string& file, int min_ran) {
  auto cases = load_cases(std::string(TW_SHARED_DIR) + "/conformance/flux/" + file);
  REQUIRE(!cases.empty());
  int ran = 0, passed = 0;
  std::map<std::string, std::vector<std::string>> skipped;  // reason → ids
  for (const auto& c : cases) {
    std::string id = c["id"].get<std::string>();
    if (std::getenv("TW_FLUX_TRACE") != nullptr) std::fprintf(stderr, "running %s\n", id.c_str());
    Outcome o = run_case(c);
    if (!o.skipped.empty()) {
      skipped[o.skipped].push_back(id);
      continue;
    }
    ++ran;
    INFO("case " << id << "\n" << o.failure);
    CHECK(o.failure.empty());
    passed += o.failure.empty();
  }
  std::ostringstream summary;
  summary << "flux conformance " << file << ": " << cases.size() << " cases, " << ran << " ran, " << passed
          << " passed, " << (cases.size() - ran) << " skipped";
  for (const auto& [reason, ids] : skipped) {
    summary << "\n  skipped (" << reason << "):";
    for (const auto& id : ids) summary << " " << id;
  }
  MESSAGE(summary.str());
  CHECK(ran >= min_ran);
}

}  // namespace

TEST_CASE("Flux conformance vectors (cases.jsonl) whose functions are implemented") { run_file("cases.jsonl", 2); }

TEST_CASE("Flux conformance vectors (holdout.jsonl) whose functions are implemented") { run_file("holdout.jsonl", 1); }

TEST_CASE("annotated CSV reader and diff") {
  auto r = read_annotated_csv(
      "\n#datatype,string,long,dateTime:RFC3339,double,string\n"
      "#group,false,false,false,false,true\n"
      "#default,_result,,,,\n"
      ",result,table,_time,_value,_field\n"
      ",,0,2018-05-22T19:53:26Z,1.5,a\n"
      ",,0,2018-05-22T19:53:36Z,,a\n"
      ",,1,2018-05-22T19:53:26Z,2,b\n");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  REQUIRE((*r)[0].tables.size() == 2);
  const Table& t0 = (*r)[0].tables[0];
  CHECK(t0.rows() == 2);
  CHECK(t0.columns[1].is_null(1));
  CHECK(t0.key.entries.size() == 1);
  CHECK(diff_tables((*r)[0].tables, (*r)[0].tables).empty());
  std::vector<Table> reversed = {(*r)[0].tables[1], (*r)[0].tables[0]};
  CHECK(diff_tables((*r)[0].tables, reversed).empty());  // order does not matter
  std::vector<Table> changed = reversed;
  changed[1].columns[1].floats[0] = 1.5000001;  // within 1e-6
  CHECK(diff_tables((*r)[0].tables, changed).empty());
  changed[1].columns[1].floats[0] = 1.6;
  CHECK(!diff_tables((*r)[0].tables, changed).empty());
}
