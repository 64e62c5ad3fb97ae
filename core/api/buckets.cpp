// /api/v2/buckets: buckets with InfluxDB 2.7's retention rules, filters and paging links. A
// bucket is looked up first (404), then the caller's permission on it is checked (401);
// lists show only what the caller may read. System buckets are readable by whoever may read
// their org, and cannot be renamed or deleted.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/api/resource_json.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

Status authorize_read(const Identity& who, const catalog::Bucket& b) {
  if (b.type == "system") return authorize(who, Action::kRead, "orgs", "", b.org_id);
  return authorize(who, Action::kRead, "buckets", b.org_id, b.id);
}

// The first retention rule's everySeconds (0 keeps data forever); nullopt when absent.
Result<std::optional<int64_t>> retention_rules(const json& body) {
  auto it = body.find("retentionRules");
  if (it == body.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_array()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: retentionRules must be an array");
  if (it->empty()) return std::optional<int64_t>(0);
  const json& rule = it->front();
  if (!rule.is_object() || !rule.contains("everySeconds") || !rule["everySeconds"].is_number_integer())
    return Status(ErrorCode::kInvalid, "failed to unmarshal json: everySeconds must be an integer");
  if (rule.contains("type") && rule["type"] != "expire")
    return Status(ErrorCode::kInvalid, "failed to unmarshal json: retention rule type must be \"expire\"");
  const int64_t seconds = rule["everySeconds"].get<int64_t>();
  if (seconds < 0) return Status(ErrorCode::kUnprocessableEntity, "expiration seconds cannot be negative");
  if (seconds > 0 && seconds < 3600)
    return Status(ErrorCode::kUnprocessableEntity, "retention policy duration must be at least 1h0m0s");
  return std::optional<int64_t>(seconds);
}

Status check_name(const std::string& name, ErrorCode code) {
  if (name.empty()) return Status(code, "bucket name is empty");
  if (name[0] == '_') return Status(code, "bucket name " + name + " is invalid. Buckets may not start with underscore");
  return Status::Ok();
}

Response list_buckets(Call& c) {
  auto page = parse_page(c.req);
  if (!page.ok()) return Response::error(page.status());
  auto& catalog = c.db.catalog();
  std::vector<std::pair<std::string, std::string>> filter;
  std::string org_id;
  for (const char* key : {"id", "name", "org", "orgID"}) {
    const auto value = c.req.query_param(key).value_or("");
    if (!value.empty()) filter.emplace_back(key, std::string(value));
  }
  if (auto v = c.req.query_param("orgID"); v && !v->empty()) {
    if (Status s = check_id(*v); !s.ok()) return Response::error(s);
    if (!catalog.org_by_id(*v)) return Response::error(ErrorCode::kNotFound, "organization not found");
    org_id = std::string(*v);
  } else if (auto name = c.req.query_param("org"); name && !name->empty()) {
    const catalog::Org* org = catalog.org_by_name(*name);
    if (!org) return Response::error(ErrorCode::kNotFound, "organization name \"" + std::string(*name) + "\" not found");
    org_id = org->id;
  }
  const auto id = c.req.query_param("id").value_or("");
  if (!id.empty()) {
    if (Status s = check_id(id); !s.ok()) return Response::error(s);
  }
  const auto name = c.req.query_param("name").value_or("");
  std::vector<const catalog::Bucket*> found;
  for (const auto& b : catalog.buckets()) {
    if ((!org_id.empty() && b.org_id != org_id) || (!id.empty() && b.id != id) || (!name.empty() && b.name != name)) continue;
    if (authorize_read(*c.who, b).ok()) found.push_back(&b);
  }
  if (page->descending) std::reverse(found.begin(), found.end());
  json buckets = json::array();
  for (const auto* b : page_of(found, *page, [](const catalog::Bucket* b) { return b->id; }))
    buckets.push_back(bucket_json(*b));
  return Response::json(200, json{{"links", paging_links("/api/v2/buckets", *page, filter, buckets.size())},
                                  {"buckets", buckets}}.dump());
}

Response post_bucket(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  auto org_id = optional_string(*body, "orgID");
  if (!org_id.ok()) return Response::error(org_id.status());
  if (!*org_id || (*org_id)->empty()) return Response::error(ErrorCode::kInvalid, "organization id must be provided");
  if (Status s = check_id(**org_id); !s.ok()) return Response::error(s);
  auto name = optional_string(*body, "name");
  if (!name.ok()) return Response::error(name.status());
  auto description = optional_string(*body, "description");
  if (!description.ok()) return Response::error(description.status());
  auto retention = retention_rules(*body);
  if (!retention.ok()) return Response::error(retention.status());
  if (Status s = check_name(name->value_or(""), ErrorCode::kUnprocessableEntity); !s.ok()) return Response::error(s);
  if (Status s = authorize(*c.who, Action::kWrite, "buckets", **org_id, ""); !s.ok()) return Response::error(s);
  if (!c.db.catalog().org_by_id(**org_id)) return Response::error(ErrorCode::kNotFound, "organization not found");
  catalog::Bucket b;
  b.org_id = **org_id;
  b.name = **name;
  b.description = description->value_or("");
  b.retention_seconds = retention->value_or(0);
  auto bucket = c.db.catalog().add_bucket(std::move(b));
  if (!bucket.ok()) return Response::error(bucket.status());
  return Response::json(201, bucket_json(*bucket).dump());
}

}  // namespace

Response handle_buckets(Call& c) { return c.req.method == "POST" ? post_bucket(c) : list_buckets(c); }

Response handle_bucket(Call& c) {
  if (Status s = check_id(c.id); !s.ok()) return Response::error(s);
  auto& catalog = c.db.catalog();
  const catalog::Bucket* bucket = catalog.bucket_by_id(c.id);
  if (!bucket) return Response::error(ErrorCode::kNotFound, "bucket not found");
  if (c.req.method == "GET") {
    if (Status s = authorize_read(*c.who, *bucket); !s.ok()) return Response::error(s);
    return Response::json(200, bucket_json(*bucket).dump());
  }
  if (Status s = authorize(*c.who, Action::kWrite, "buckets", bucket->org_id, bucket->id); !s.ok())
    return Response::error(s);
  if (c.req.method == "DELETE") {
    if (Status s = catalog.delete_bucket(c.id); !s.ok()) return Response::error(s);
    if (Status s = c.db.engine().drop_bucket(std::string(c.id)); !s.ok()) return Response::error(s);
    if (Status s = c.db.replication_queues().remove_bucket(catalog.definitions(), c.id); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  catalog::BucketUpdate update;
  auto name = optional_string(*body, "name");
  if (!name.ok()) return Response::error(name.status());
  if (*name && **name != bucket->name && bucket->type != "system") {
    if (Status s = check_name(**name, ErrorCode::kInvalid); !s.ok()) return Response::error(s);
  }
  auto description = optional_string(*body, "description");
  if (!description.ok()) return Response::error(description.status());
  auto retention = retention_rules(*body);
  if (!retention.ok()) return Response::error(retention.status());
  update.name = *name;
  update.description = *description;
  update.retention_seconds = *retention;
  auto updated = catalog.update_bucket(c.id, update);
  if (!updated.ok()) return Response::error(updated.status());
  return Response::json(200, bucket_json(*updated).dump());
}

}  // namespace tidewater::api
