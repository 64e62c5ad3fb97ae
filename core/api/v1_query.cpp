// GET/POST /query: InfluxQL over InfluxDB 2.7's v1 API. Databases and retention policies are
// the DBRP mappings (explicit and virtual) of the token's org; statements see only buckets the
// token may read, and DELETE / DROP MEASUREMENT need write on the database's default mapping.
#include <nlohmann/json.hpp>

#include "core/api/delete_predicate.h"
#include "core/api/request_util.h"
#include "core/api/v1_handlers.h"
#include "core/query/influxql/influxql.h"

namespace tidewater::api {

namespace {

using influxql::InfluxqlContext;

Response v1_error(int status, const std::string& message) {
  Response r;
  r.status = status;
  r.headers.emplace_back("content-type", "application/json");
  r.body = influxql::error_json(message) + "\n";
  return r;
}

// Go's time.Duration.String() for whole seconds: "0s", "30s", "1m30s", "72h0m0s".
std::string go_duration(int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  if (seconds >= 3600) out += std::to_string(seconds / 3600) + "h";
  if (seconds >= 60) out += std::to_string(seconds / 60 % 60) + "m";
  return out + std::to_string(seconds % 60) + "s";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// params={"name":"Kitchen","n":5}: numbers with a "." are floats, others integers (as 2.7).
Status parse_params(const std::string& text, InfluxqlContext* ctx) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status(ErrorCode::kInvalid, "error parsing query parameters");
  for (const auto& [key, v] : j.items()) {
    if (v.is_string()) ctx->params[key] = v.get<std::string>();
    else if (v.is_boolean()) ctx->params[key] = v.get<bool>();
    else if (v.is_number_float()) ctx->params[key] = v.get<double>();
    else if (v.is_number_integer()) ctx->params[key] = v.get<int64_t>();
    else return Status(ErrorCode::kInvalid, "error parsing json value");
  }
  return Status::Ok();
}

// Everything a query may reach, for the lifetime of one request.
struct V1Scope {
  Database& db;
  const Identity& who;
  std::vector<catalog::Dbrp> mappings;
  std::vector<std::unique_ptr<storage::BucketReader>> readers;

  bool readable(const catalog::Dbrp& d) const { return can(who, auth::Action::kRead, "buckets", d.org_id, d.bucket_id); }
  bool database_exists(std::string_view name) const {
    for (const auto& d : mappings)
      if (d.database == name) return true;
    return false;
  }

  Result<const storage::BucketReader*> open(std::string_view database, std::string_view rp) {
    if (!database_exists(database)) return Status(ErrorCode::kNotFound, "database not found: " + std::string(database));
    const catalog::Dbrp* d = find_dbrp_mapping(mappings, database, rp);
    if (!d && rp.empty()) return Status(ErrorCode::kNotFound, "default retention policy not set for: " + std::string(database));
    if (!d) return Status(ErrorCode::kNotFound, "retention policy not found: " + std::string(rp));
    if (!readable(*d)) return Status(ErrorCode::kForbidden, "insufficient permissions");
    readers.push_back(db.engine().reader(d->bucket_id));
    return readers.back().get();
  }

  std::vector<std::string> databases() const {
    std::vector<std::string> out;
    for (const auto& d : mappings) {
      if (!readable(d) || std::find(out.begin(), out.end(), d.database) != out.end()) continue;
      out.push_back(d.database);
    }
    return out;
  }

  Result<std::vector<influxql::RetentionPolicyInfo>> retention_policies(std::string_view database) const {
    if (database.empty()) return Status(ErrorCode::kInvalid, "database name required");
    std::vector<influxql::RetentionPolicyInfo> out;
    for (const auto& d : mappings) {
      if (d.database != database || !readable(d)) continue;
      const catalog::Bucket* b = db.catalog().bucket_by_id(d.bucket_id);
      const int64_t retention = b ? b->retention_seconds : 0;
      influxql::RetentionPolicyInfo rp;
      rp.name = d.retention_policy;
      rp.duration = go_duration(retention);
      rp.shard_group_duration = go_duration(storage::shard_duration_for_retention(retention * 1'000'000'000) / 1'000'000'000);
      rp.is_default = d.is_default;
      out.push_back(std::move(rp));
    }
    if (out.empty() && !database_exists(database))
      return Status(ErrorCode::kNotFound, "database not found: " + std::string(database));
    return out;
  }

  // 2.7 deletes from the database's default mapping, whatever rp says.
  Status remove(std::string_view database, const influxql::DeleteRequest& r) {
    const catalog::Dbrp* d = find_dbrp_mapping(mappings, database, "");
    if (!d) return Status(ErrorCode::kNotFound, "default retention policy not set for: " + std::string(database));
    if (!can(who, auth::Action::kWrite, "buckets", d->org_id, d->bucket_id))
      return Status(ErrorCode::kForbidden, "insufficient permissions");
    api::DeleteRequest del;
    del.bucket_id = d->bucket_id;
    del.start_ns = r.range.start;
    del.stop_ns = r.range.stop == model::kMaxTime ? r.range.stop : r.range.stop - 1;  // inclusive
    if (!r.measurement.empty()) del.conditions.push_back({"_measurement", r.measurement, true});
    for (const auto& t : r.tag_equals) del.conditions.push_back({t.key, t.value, true});
    return apply_delete(db, del);
  }
};

influxql::OutputFormat format_of(const Request& req, std::string* content_type) {
  const std::string_view accept = req.header("accept").value_or("");
  if (accept.find("application/csv") != std::string_view::npos) {
    *content_type = "application/csv";
    return influxql::OutputFormat::kCsv;
  }
  if (accept.find("text/csv") != std::string_view::npos) {
    *content_type = "text/csv";
    return influxql::OutputFormat::kCsv;
  }
  *content_type = "application/json";
  return influxql::OutputFormat::kJson;
}

}  // namespace

Response handle_v1_query(Call& c) {
  auto who = authenticate_v1(c.db, c.req);
  if (!who.ok()) return Response::error(who.status());
  const Request& req = c.req;
  if (req.body.size() > c.db.options().max_write_bytes)
    return Response::error(ErrorCode::kRequestTooLarge, "request body is too large; the limit is " +
                                                            std::to_string(c.db.options().max_write_bytes) + " bytes");
  std::string query(trim(form_value(req, "q").value_or("")));
  if (query.empty() && req.header("content-type").value_or("").substr(0, 24) == "application/vnd.influxql") query = req.body;
  if (trim(query).empty()) return v1_error(400, "missing required parameter \"q\"");

  V1Scope scope{c.db, *who, org_dbrps(c.db.catalog(), who->org_id), {}};
  InfluxqlContext ctx;
  ctx.now_ns = now_unix_ns();
  ctx.database = form_value(req, "db").value_or("");
  ctx.retention_policy = form_value(req, "rp").value_or("");
  if (auto p = form_value(req, "params"); p && !p->empty()) {
    if (Status s = parse_params(*p, &ctx); !s.ok()) return Response::error(s);
  }
  ctx.open_bucket = [&scope](std::string_view db, std::string_view rp) { return scope.open(db, rp); };
  ctx.list_databases = [&scope] { return scope.databases(); };
  ctx.list_retention_policies = [&scope](std::string_view db) { return scope.retention_policies(db); };
  ctx.delete_data = [&scope](std::string_view db, std::string_view, const influxql::DeleteRequest& r) {
    return scope.remove(db, r);
  };
  ctx.interrupted = c.db.options().query_interrupted;

  influxql::OutputOptions opts;
  opts.epoch = form_value(req, "epoch").value_or("");
  opts.pretty = form_value(req, "pretty").value_or("") == "true";
  std::string content_type;
  const influxql::OutputFormat format = format_of(req, &content_type);

  Response r;
  if (form_value(req, "chunked").value_or("") == "true" && format == influxql::OutputFormat::kJson) {
    // One body with every chunk on its own line: the surfaces here buffer whole responses.
    size_t chunk_size = 10000;
    if (auto n = form_value(req, "chunk_size")) {
      char* end = nullptr;
      const long long v = std::strtoll(n->c_str(), &end, 10);
      if (end && *end == '\0' && v > 0) chunk_size = static_cast<size_t>(v);
    }
    auto results = influxql::execute_influxql(query, ctx);
    if (!results.ok() && results.status().code() == ErrorCode::kUnavailable) return v1_error(503, results.status().message());
    if (!results.ok()) return v1_error(400, "error parsing query: " + results.status().message());
    for (const auto& chunk : influxql::chunked_json(*results, chunk_size, opts)) r.body += chunk + "\n";
  } else {
    influxql::InfluxqlResponse out = influxql::respond_influxql(query, ctx, opts, format);
    r.status = out.http_status;
    r.body = std::move(out.body);
    if (out.content_type == "application/json") {
      content_type = "application/json";
      r.body += "\n";
    }
  }
  r.headers.emplace_back("content-type", content_type);
  return r;
}

}  // namespace tidewater::api
