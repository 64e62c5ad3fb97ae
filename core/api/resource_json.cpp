#include "core/api/resource_json.h"

namespace tidewater::api {

using nlohmann::json;

json org_json(const catalog::Org& o) {
  const std::string self = "/api/v2/orgs/" + o.id;
  return {{"links",
           {{"self", self},
            {"members", self + "/members"},
            {"owners", self + "/owners"},
            {"labels", self + "/labels"},
            {"secrets", self + "/secrets"},
            {"buckets", "/api/v2/buckets?org=" + o.name},
            {"tasks", "/api/v2/tasks?org=" + o.name},
            {"dashboards", "/api/v2/dashboards?org=" + o.name}}},
          {"id", o.id},
          {"name", o.name},
          {"description", o.description},
          {"createdAt", o.created_at},
          {"updatedAt", o.updated_at}};
}

json user_json(const catalog::User& u) {
  return {{"links", {{"self", "/api/v2/users/" + u.id}}}, {"id", u.id}, {"name", u.name}, {"status", u.status}};
}

json bucket_json(const catalog::Bucket& b) {
  json rules = json::array();
  if (b.retention_seconds > 0) {
    // InfluxDB's default shard group duration for the retention period.
    const int64_t shard = b.retention_seconds < 2 * 86400 ? 3600 : b.retention_seconds <= 180 * 86400 ? 86400 : 7 * 86400;
    rules.push_back({{"type", "expire"}, {"everySeconds", b.retention_seconds}, {"shardGroupDurationSeconds", shard}});
  }
  const std::string self = "/api/v2/buckets/" + b.id;
  return {{"id", b.id},
          {"orgID", b.org_id},
          {"type", b.type},
          {"name", b.name},
          {"description", b.description},
          {"retentionRules", rules},
          {"createdAt", b.created_at},
          {"updatedAt", b.updated_at},
          {"links",
           {{"labels", self + "/labels"},
            {"members", self + "/members"},
            {"org", "/api/v2/orgs/" + b.org_id},
            {"owners", self + "/owners"},
            {"self", self},
            {"write", "/api/v2/write?org=" + b.org_id + "&bucket=" + b.id}}},
          {"labels", json::array()}};
}

json authorization_json(const catalog::Catalog& c, const catalog::Authorization& a, const std::optional<std::string>& token) {
  json perms = json::array();
  for (const auto& p : a.permissions) {
    json r = {{"type", p.resource.type}};
    if (p.resource.id) r["id"] = *p.resource.id;
    if (p.resource.org_id) {
      r["orgID"] = *p.resource.org_id;
      if (const auto* org = c.org_by_id(*p.resource.org_id)) r["org"] = org->name;
    }
    // InfluxDB names the resource in its answers when it can find it.
    if (p.resource.name) {
      r["name"] = *p.resource.name;
    } else if (p.resource.id && p.resource.type == "buckets") {
      if (const auto* b = c.bucket_by_id(*p.resource.id)) r["name"] = b->name;
    } else if (p.resource.id && p.resource.type == "orgs") {
      if (const auto* o = c.org_by_id(*p.resource.id)) r["name"] = o->name;
    } else if (p.resource.id && p.resource.type == "users") {
      if (const auto* u = c.user_by_id(*p.resource.id)) r["name"] = u->name;
    }
    perms.push_back({{"action", std::string(auth::action_name(p.action))}, {"resource", r}});
  }
  json j = {{"id", a.id},
            {"status", a.status},
            {"description", a.description},
            {"orgID", a.org_id},
            {"userID", a.user_id},
            {"permissions", perms},
            {"createdAt", a.created_at},
            {"updatedAt", a.updated_at},
            {"links", {{"self", "/api/v2/authorizations/" + a.id}, {"user", "/api/v2/users/" + a.user_id}}}};
  if (const auto* org = c.org_by_id(a.org_id)) j["org"] = org->name;
  if (const auto* user = c.user_by_id(a.user_id)) j["user"] = user->name;
  if (token) j["token"] = *token;
  return j;
}

json dbrp_json(const catalog::Dbrp& d, bool is_virtual) {
  return {{"id", d.id},
          {"database", d.database},
          {"retention_policy", d.retention_policy},
          {"default", d.is_default},
          {"orgID", d.org_id},
          {"bucketID", d.bucket_id},
          {"virtual", is_virtual}};
}

}  // namespace tidewater::api
