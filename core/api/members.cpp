// /api/v2/{orgs,buckets}/{id}/{members,owners}: InfluxDB's user resource mappings. Listing needs
// read permission on the org or bucket, adding and removing need write on it, as InfluxDB's
// mapping service checks; the user added must exist. A member of an org may read it (see
// authenticate.cpp); bucket mappings are recorded and listed as InfluxDB 2.7 lists them.
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/api/resource_json.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

// Which resource a mapping route names, and the role its last path segment asks for.
struct MappedResource {
  std::string type;     // "orgs" or "buckets"
  std::string org_id;   // the org the permission is checked in ("" for an org itself)
  std::string role;     // "member" or "owner"
  std::string self;     // "/api/v2/orgs/<id>/members"
};

Result<MappedResource> mapped_resource(const Call& c) {
  if (Status s = check_id(c.id); !s.ok()) return s;
  const std::string_view path = c.req.path;
  MappedResource r;
  r.type = path.rfind("/api/v2/orgs/", 0) == 0 ? "orgs" : "buckets";
  r.role = path.find("/owners") != std::string_view::npos ? "owner" : "member";
  r.self = "/api/v2/" + r.type + "/" + std::string(c.id) + (r.role == "owner" ? "/owners" : "/members");
  const auto& catalog = c.db.catalog();
  if (r.type == "orgs") {
    if (!catalog.org_by_id(c.id)) return Status(ErrorCode::kNotFound, "organization not found");
  } else {
    const catalog::Bucket* b = catalog.bucket_by_id(c.id);
    if (!b) return Status(ErrorCode::kNotFound, "bucket not found");
    r.org_id = b->org_id;
  }
  return r;
}

json member_json(const catalog::User& u, const std::string& role) {
  json out = user_json(u);
  out["role"] = role;
  return out;
}

Response list_members(Call& c, const MappedResource& r) {
  const auto& catalog = c.db.catalog();
  json users = json::array();
  for (const auto& m : catalog.members()) {
    if (m.resource_type != r.type || m.resource_id != c.id || m.role != r.role) continue;
    if (const catalog::User* u = catalog.user_by_id(m.user_id)) users.push_back(member_json(*u, r.role));
  }
  return Response::json(200, json{{"links", {{"self", r.self}}}, {"users", users}}.dump());
}

Response add_member(Call& c, const MappedResource& r) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  auto user_id = optional_string(*body, "id");
  if (!user_id.ok()) return Response::error(user_id.status());
  if (!*user_id || (*user_id)->empty()) return Response::error(ErrorCode::kInvalid, "user id missing or invalid");
  if (Status s = check_id(**user_id); !s.ok()) return Response::error(s);
  auto& catalog = c.db.catalog();
  const catalog::User* user = catalog.user_by_id(**user_id);
  if (!user) return Response::error(ErrorCode::kNotFound, "user not found");
  if (Status s = catalog.add_member({user->id, r.type, std::string(c.id), r.role}); !s.ok()) return Response::error(s);
  return Response::json(201, member_json(*user, r.role).dump());
}

}  // namespace

Response handle_members(Call& c) {
  auto r = mapped_resource(c);
  if (!r.ok()) return Response::error(r.status());
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  if (Status s = authorize(*c.who, action, r->type, r->org_id, c.id); !s.ok()) return Response::error(s);
  return c.req.method == "GET" ? list_members(c, *r) : add_member(c, *r);
}

Response handle_member(Call& c) {
  auto r = mapped_resource(c);
  if (!r.ok()) return Response::error(r.status());
  if (Status s = authorize(*c.who, Action::kWrite, r->type, r->org_id, c.id); !s.ok()) return Response::error(s);
  if (Status s = check_id(c.sub); !s.ok()) return Response::error(s);
  Status s = c.db.catalog().remove_member({std::string(c.sub), r->type, std::string(c.id), r->role});
  if (!s.ok()) return Response::error(s);
  return Response::no_content();
}

}  // namespace tidewater::api
