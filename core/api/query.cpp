// POST /api/v2/query: Flux in, CSV out (annotated when the dialect asks for it). The JSON form's
// extern and params are rendered as Flux ahead of the query (query_extern.h).
#include <nlohmann/json.hpp>

#include "core/api/authenticate.h"
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
  q.query = prefix + q.query;
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

  // Readers live until the query finishes; from() gets bucket names resolved in the caller's org
  // and sees only buckets the token may read (others are "not found", as in InfluxDB).
  std::vector<std::unique_ptr<storage::BucketReader>> readers;
  query::flux::FluxContext ctx;
  ctx.now_ns = q->now_ns;
  ctx.open_bucket = [&](std::string_view name) -> Result<const storage::BucketReader*> {
    const catalog::Bucket* b = db.catalog().bucket_by_name((*org)->id, name);
    if (!b || !auth::allows(c.who->permissions, auth::Action::kRead, "buckets", b->org_id, b->id))
      return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
    readers.push_back(db.engine().reader(b->id));
    return readers.back().get();
  };
  ctx.list_buckets = [&]() -> Result<std::vector<query::flux::BucketInfo>> {
    std::vector<query::flux::BucketInfo> out;
    for (const catalog::Bucket& b : db.catalog().buckets()) {
      if (b.org_id != (*org)->id || !auth::allows(c.who->permissions, auth::Action::kRead, "buckets", b.org_id, b.id)) continue;
      out.push_back({b.name, b.id, b.org_id, b.retention_seconds * 1'000'000'000});
    }
    return out;
  };
  // to(): as a write to the bucket with the caller's token (InfluxDB checks write permission).
  ctx.write_points = [&](std::string_view name, const std::vector<model::Point>& points) -> Status {
    const catalog::Bucket* b = db.catalog().bucket_by_name((*org)->id, name);
    if (!b) return Status(ErrorCode::kNotFound, "bucket \"" + std::string(name) + "\" not found");
    if (!auth::allows(c.who->permissions, auth::Action::kWrite, "buckets", b->org_id, b->id))
      return Status(ErrorCode::kForbidden, "insufficient permissions for write");
    return store_points(db, *b, points, now_unix_ns(), "");
  };
  auto results = query::flux::run_flux(q->query, ctx);
  if (!results.ok()) return Response::error(results.status());
  Response r;
  r.status = 200;
  r.headers.emplace_back("content-type", "text/csv; charset=utf-8");
  r.body = query::write_annotated_csv(*results, q->dialect);
  return r;
}

}  // namespace tidewater::api
