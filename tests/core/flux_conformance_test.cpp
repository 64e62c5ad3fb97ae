// Runs the Flux conformance vectors (../shared/conformance/flux/cases.jsonl) whose functions
// the engine implements, in InfluxDB's storage mode: the case's line protocol is written to a
// bucket named "test", the query runs, and the result is compared with out_data using
// testing.diff's rules. Cases start running on their own as functions land in the universe.
#include <doctest/doctest.h>

#include <fstream>
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
  const auto* pkg = flux::find_package(name.substr(0, dot));
  return pkg != nullptr && (*pkg)->get(name.substr(dot + 1)) != nullptr;
}

struct Outcome {
  bool ran = false;
  std::string failure;  // empty when passed
};

Outcome run_case(const nlohmann::json& c) {
  Outcome o;
  if (c.value("input_mode", "") != "storage") return o;
  if (!c["want_transform"].is_null()) return o;  // needs sort() etc. on the expected side
  std::string query = c["query"].get<std::string>();
  for (const auto& f : c["functions"]) {
    if (!function_available(f.get<std::string>(), query)) return o;
  }
  o.ran = true;
  MemoryBucket bucket;
  auto points = lineprotocol::parse(c["in_line_protocol"].get<std::string>(), model::Precision::kNanoseconds, 0);
  if (!points.ok()) {
    o.failure = "line protocol: " + points.status().message();
    return o;
  }
  for (const auto& p : *points) bucket.add(p);
  flux::FluxContext ctx;
  ctx.now_ns = 0;
  if (c["now"].is_string()) model::parse_rfc3339(c["now"].get<std::string>(), &ctx.now_ns);
  ctx.open_bucket = [&](std::string_view name) -> Result<const storage::BucketReader*> {
    if (name == "test") return static_cast<const storage::BucketReader*>(&bucket);
    return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
  };
  auto got = flux::run_flux(query, ctx);
  if (!got.ok()) {
    o.failure = "query failed: " + got.status().message();
    return o;
  }
  auto want = read_annotated_csv(c["out_data"].get<std::string>());
  if (!want.ok()) {
    o.failure = "out_data: " + want.status().message();
    return o;
  }
  std::string name = c["result_name"].is_string() ? c["result_name"].get<std::string>() : "_result";
  std::vector<Table> want_tables, got_tables;
  for (auto& r : *want) {
    for (auto& t : r.tables) want_tables.push_back(std::move(t));
  }
  for (auto& r : *got) {
    if (r.name == name) got_tables = std::move(r.tables);
  }
  o.failure = diff_tables(want_tables, got_tables);
  return o;
}

}  // namespace

TEST_CASE("Flux conformance vectors whose functions are implemented") {
  auto cases = load_cases(std::string(TW_SHARED_DIR) + "/conformance/flux/cases.jsonl");
  REQUIRE(!cases.empty());
  int ran = 0, passed = 0;
  for (const auto& c : cases) {
    Outcome o = run_case(c);
    if (!o.ran) continue;
    ++ran;
    INFO("case " << c["id"].get<std::string>() << "\n" << o.failure);
    CHECK(o.failure.empty());
    passed += o.failure.empty();
  }
  MESSAGE("flux conformance: " << passed << "/" << ran << " runnable cases passed (" << cases.size() << " total)");
  CHECK(ran >= 2);
}

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
