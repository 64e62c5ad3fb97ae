// POST /api/v2/query: Flux in, CSV out (annotated when the dialect asks for it). The JSON form's
// extern and params are rendered as Flux ahead of the query (query_extern.h).
#include <nlohmann/json.hpp>

#include "core/api/authenticate.h"
#include "core/api/flux_context.h"
#include "core/api/handlers.h"
#include "core/api/query_extern.h"
#include "core/api/request_util.h"
#include "core/model/format.h"
#include "core/query/csv/annotated_csv_writer.h"
#include "core/query/flux/flux.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

struct QueryRequest {
  std::string query;
  query::CsvDialect dialect;
  int64_t now_ns = 0;
};

// The body is raw Flux (application/vnd.flux) or InfluxDB's JSON query request.
Result<QueryRequest> parse_query_request(const Request& req) {
  QueryRequest q;
  q.now_ns = now_unix_ns();
  // Without a dialect InfluxDB answers plain CSV with a header row and no annotations.
  q.dialect.annotations.clear();
  const std::string_view type = req.header("content-type").value_or("application/json");
  if (type.substr(0, 20) == "application/vnd.flux") {
    q.query = req.body;
    return q;
  }
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Status(ErrorCode::kInvalid, "failed to decode request body: invalid JSON");
  if (!body.contains("query") || !body["query"].is_string() || body["query"].get<std::string>().empty())
    return Status(ErrorCode::kInvalid, "failed to decode request body: request body requires either query or AST");
  q.query = body["query"].get<std::string>();
  if (const std::string type_name = body.value("type", "flux"); type_name != "flux")
    return Status(ErrorCode::kInvalid, "unsupported query type \"" + type_name + "\"");
  // extern (a Flux File AST) and params become Flux statements ahead of the query.
  std::string prefix;
  if (auto it = body.find("extern"); it != body.end() && !it->is_null()) {
    auto flux = extern_to_flux(*it);
    if (!flux.ok()) return flux.status();
    prefix += *flux;
  }
  if (auto it = body.find("params"); it != body.end() && !it->is_null()) {
    auto flux = params_to_flux(*it);
    if (!flux.ok()) return flux.status();
    prefix += *flux;
  }
  // Imports must open a Flux file, so the query's own leading imports stay ahead of the options.
  const size_t body_start = leading_imports_end(q.query);
  if (!prefix.empty()) {
    q.query = q.query.substr(0, body_start) + (body_start ? "\n" : "") + prefix + q.query.substr(body_start);
  }
  if (auto it = body.find("now"); it != body.end() && it->is_string()) {
    if (!model::parse_rfc3339(it->get<std::string>(), &q.now_ns))
      return Status(ErrorCode::kInvalid, "failed to decode request body: invalid now time " + it->get<std::string>());
  }
  if (auto it = body.find("dialect"); it != body.end() && it->is_object()) {
    const json& d = *it;
    q.dialect.header = d.value("header", true);
    const std::string delimiter = d.value("delimiter", ",");
    if (delimiter.size() != 1) return Status(ErrorCode::kInvalid, "invalid dialect delimiter \"" + delimiter + "\"");
    q.dialect.delimiter = delimiter[0];
    if (auto a = d.find("annotations"); a != d.end() && a->is_array()) {
      for (const auto& name : *a) {
        if (!name.is_string()) return Status(ErrorCode::kInvalid, "dialect annotations must be strings");
        const std::string n = name.get<std::string>();
        if (n != "datatype" && n != "group" && n != "default")
          return Status(ErrorCode::kInvalid, "unknown annotation \"" + n + "\"");
        q.dialect.annotations.push_back(n);
      }
    }
  }
  return q;
}

}  // namespace

Response handle_query(Call& c) {
  Database& db = c.db;
  const Request& req = c.req;
  auto org = resolve_org(db, req);
  if (!org.ok()) return Response::error(org.status());
  auto q = parse_query_request(req);
  if (!q.ok()) return Response::error(q.status());

  // from(), buckets() and to() act with the caller's token in the org (flux_context.h).
  FluxBinding binding(db, (*org)->id, c.who->permissions, q->now_ns);
  // The database's per-query bounds: memory, and the host's interrupt (cancel, timeout).
  query::flux::FluxContext ctx = binding.context();
  ctx.max_memory_bytes = db.options().max_query_memory_bytes;
  ctx.interrupted = db.options().query_interrupted;
  auto results = query::flux::run_flux(q->query, ctx);
  if (!results.ok()) return Response::error(results.status());
  Response r;
  r.status = 200;
  r.headers.emplace_back("content-type", "text/csv; charset=utf-8");
  r.body = query::write_annotated_csv(*results, q->dialect);
  return r;
}

}  // namespace tidewater::api
