// /api/v2/authorizations (API tokens) and /api/v2/resources. A token is shown once, in the
// answer that creates it: only its digest is stored. Creating one needs write on the org's
// authorizations, and the caller must hold every permission it grants (403 otherwise), as
// InfluxDB checks.
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/api/resource_json.h"
#include "core/auth/token.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

Result<std::optional<std::string>> optional_id(const json& j, const char* key, const char* message) {
  auto value = optional_string(j, key);
  if (!value.ok()) return value.status();
  if (*value && !check_id(**value).ok()) return Status(ErrorCode::kInvalid, message);
  return value;
}

Result<auth::Permission> parse_permission(const json& j) {
  if (!j.is_object() || !j.contains("resource") || !j["resource"].is_object())
    return Status(ErrorCode::kInvalid, "failed to unmarshal json: a permission needs an action and a resource");
  auth::Permission p{};
  if (!j.contains("action") || !j["action"].is_string() || !auth::parse_action(j["action"].get<std::string>(), &p.action))
    return Status(ErrorCode::kInvalid, "invalid action type for permission");
  const json& r = j["resource"];
  if (!r.contains("type") || !r["type"].is_string() || !auth::is_resource_type(r["type"].get<std::string>()))
    return Status(ErrorCode::kInvalid, "invalid resource type for permission");
  p.resource.type = r["type"].get<std::string>();
  auto id = optional_id(r, "id", "invalid id for permission");
  if (!id.ok()) return id.status();
  auto org_id = optional_id(r, "orgID", "invalid org id for permission");
  if (!org_id.ok()) return org_id.status();
  p.resource.id = *id;
  p.resource.org_id = *org_id;
  return p;
}

Response list_authorizations(Call& c) {
  auto& catalog = c.db.catalog();
  std::string user_id(c.req.query_param("userID").value_or(""));
  if (auto name = c.req.query_param("user"); user_id.empty() && name && !name->empty()) {
    const catalog::User* u = catalog.user_by_name(*name);
    if (!u) return Response::error(ErrorCode::kNotFound, "user not found");
    user_id = u->id;
  }
  std::string org_id(c.req.query_param("orgID").value_or(""));
  if (auto name = c.req.query_param("org"); org_id.empty() && name && !name->empty()) {
    const catalog::Org* o = catalog.org_by_name(*name);
    if (!o) return Response::error(ErrorCode::kNotFound, "organization name \"" + std::string(*name) + "\" not found");
    org_id = o->id;
  }
  json out = json::array();
  for (const auto& a : catalog.authorizations()) {
    if ((!user_id.empty() && a.user_id != user_id) || (!org_id.empty() && a.org_id != org_id)) continue;
    if (can(*c.who, Action::kRead, "authorizations", a.org_id, a.id)) out.push_back(authorization_json(catalog, a, std::nullopt));
  }
  return Response::json(200, json{{"links", {{"self", "/api/v2/authorizations"}}}, {"authorizations", out}}.dump());
}

Response post_authorization(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  auto org_id = optional_id(*body, "orgID", "invalid orgID");
  if (!org_id.ok()) return Response::error(org_id.status());
  if (!*org_id) return Response::error(ErrorCode::kInvalid, "orgID is required");
  auto user_id = optional_id(*body, "userID", "invalid userID");
  if (!user_id.ok()) return Response::error(user_id.status());
  auto description = optional_string(*body, "description");
  if (!description.ok()) return Response::error(description.status());
  auto status = optional_string(*body, "status");
  if (!status.ok()) return Response::error(status.status());
  if (Status s = check_active_status(*status, "authorization"); !s.ok()) return Response::error(s);
  auto perms = body->find("permissions");
  if (perms == body->end() || !perms->is_array() || perms->empty())
    return Response::error(ErrorCode::kInvalid, "authorization must include permissions");
  catalog::Authorization a;
  for (const auto& j : *perms) {
    auto p = parse_permission(j);
    if (!p.ok()) return Response::error(p.status());
    a.permissions.push_back(std::move(*p));
  }
  if (Status s = authorize(*c.who, Action::kWrite, "authorizations", **org_id, ""); !s.ok()) return Response::error(s);
  for (const auto& p : a.permissions) {
    const std::string org = p.resource.org_id.value_or(""), id = p.resource.id.value_or("");
    if (!can(*c.who, p.action, p.resource.type, org, id))
      return Response::error(ErrorCode::kForbidden, "permission " + permission_text(p.action, p.resource.type, org, id) +
                                                        " is not allowed");
  }
  auto& catalog = c.db.catalog();
  if (!catalog.org_by_id(**org_id)) return Response::error(ErrorCode::kNotFound, "organization not found");
  a.user_id = user_id->value_or(c.who->user_id);
  if (!catalog.user_by_id(a.user_id)) return Response::error(ErrorCode::kNotFound, "user not found");
  a.org_id = **org_id;
  a.description = description->value_or("");
  a.status = status->value_or("active");
  auto token = auth::new_token_secret();
  if (!token.ok()) return Response::error(token.status());
  a.token_digest = auth::token_digest(*token);
  auto stored = catalog.add_authorization(std::move(a));
  if (!stored.ok()) return Response::error(stored.status());
  return Response::json(201, authorization_json(catalog, *stored, *token).dump());
}

}  // namespace

Response handle_authorizations(Call& c) {
  return c.req.method == "POST" ? post_authorization(c) : list_authorizations(c);
}

Response handle_authorization(Call& c) {
  if (Status s = check_id(c.id); !s.ok()) return Response::error(s);
  auto& catalog = c.db.catalog();
  const catalog::Authorization* a = catalog.authorization_by_id(c.id);
  if (!a) return Response::error(ErrorCode::kNotFound, "authorization not found");
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  if (Status s = authorize(*c.who, action, "authorizations", a->org_id, a->id); !s.ok()) return Response::error(s);
  if (c.req.method == "GET") return Response::json(200, authorization_json(catalog, *a, std::nullopt).dump());
  if (c.req.method == "DELETE") {
    if (Status s = catalog.delete_authorization(c.id); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  auto status = optional_string(*body, "status");
  if (!status.ok()) return Response::error(status.status());
  if (Status s = check_active_status(*status, "authorization"); !s.ok()) return Response::error(s);
  auto description = optional_string(*body, "description");
  if (!description.ok()) return Response::error(description.status());
  auto updated = catalog.update_authorization(c.id, {*status, *description});
  if (!updated.ok()) return Response::error(updated.status());
  return Response::json(200, authorization_json(catalog, *updated, std::nullopt).dump());
}

Response handle_resources(Call&) { return Response::json(200, json(auth::resource_types()).dump()); }

}  // namespace tidewater::api
