// POST /api/v2/delete?org=&bucket=: {start, stop, predicate}, validated and authorized as
// InfluxDB 2.7 does (write on the bucket, else 403), then handed to apply_delete().
#include <nlohmann/json.hpp>

#include "core/api/delete_predicate.h"
#include "core/api/handlers.h"
#include "core/model/format.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

Status json_error(const std::string& why) {
  return Status(ErrorCode::kInvalid, "invalid request; error parsing request json: " + why);
}

Result<int64_t> time_field(const json& body, const char* key, const char* example) {
  int64_t ns = 0;
  auto it = body.find(key);
  if (it == body.end() || !it->is_string() || !model::parse_rfc3339(it->get<std::string>(), &ns))
    return json_error(std::string("invalid RFC3339Nano for field ") + key +
                      ", please format your time with RFC3339Nano format, example: " + example);
  return ns;
}

Result<const catalog::Bucket*> resolve_bucket(const Database& db, const Request& req, const catalog::Org& org) {
  if (auto id = req.query_param("bucketID"); id && !id->empty()) {
    const catalog::Bucket* b = db.catalog().bucket_by_id(*id);
    if (!b || b->org_id != org.id) return Status(ErrorCode::kNotFound, "bucket not found");
    return b;
  }
  if (auto name = req.query_param("bucket"); name && !name->empty()) {
    const catalog::Bucket* b = db.catalog().bucket_by_name(org.id, *name);
    if (!b) return Status(ErrorCode::kNotFound, "bucket \"" + std::string(*name) + "\" not found");
    return b;
  }
  return Status(ErrorCode::kInvalid, "Please provide either bucketID or bucket");
}

Result<DeleteRequest> parse_delete_body(const std::string& text) {
  const json body = json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return json_error("the body must be a JSON object");
  DeleteRequest r;
  auto start = time_field(body, "start", "2009-01-02T23:00:00Z");
  if (!start.ok()) return start.status();
  auto stop = time_field(body, "stop", "2009-01-01T23:00:00Z");
  if (!stop.ok()) return stop.status();
  r.start_ns = *start;
  r.stop_ns = *stop;
  if (auto it = body.find("predicate"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) return json_error("predicate must be a string");
    auto conditions = parse_delete_predicate(it->get<std::string>());
    if (!conditions.ok()) return json_error(conditions.status().message());
    r.conditions = std::move(*conditions);
  }
  return r;
}

}  // namespace

Response handle_delete(Call& c) {
  auto request = parse_delete_body(c.req.body);
  if (!request.ok()) return Response::error(request.status());
  auto org = resolve_org(c.db, c.req);
  if (!org.ok()) return Response::error(org.status());
  auto bucket = resolve_bucket(c.db, c.req, **org);
  if (!bucket.ok()) return Response::error(bucket.status());
  if (!can(*c.who, auth::Action::kWrite, "buckets", (*bucket)->org_id, (*bucket)->id))
    return Response::error(ErrorCode::kForbidden, "insufficient permissions to delete");
  request->bucket_id = (*bucket)->id;
  if (Status s = apply_delete(c.db, *request); !s.ok())
    return Response::error(ErrorCode::kInternal, "unable to delete: " + s.message());
  return Response::no_content();
}

}  // namespace tidewater::api
