#include "core/api/authenticate.h"

#include "core/api/request_util.h"

namespace tidewater::api {

namespace {

Status unauthorized() { return Status(ErrorCode::kUnauthorized, "unauthorized access"); }

// The user behind a token or session must exist and be active.
Status check_user(const Database& db, std::string_view user_id) {
  const catalog::User* user = db.catalog().user_by_id(user_id);
  if (!user) return unauthorized();
  if (user->status != "active") return Status(ErrorCode::kUnauthorized, "User is inactive");
  return Status::Ok();
}

}  // namespace

Result<Identity> authenticate(Database& db, const Request& req) {
  if (auto header = req.header("authorization")) {
    std::string_view secret;
    for (std::string_view scheme : {"Token ", "Bearer "}) {
      if (header->size() > scheme.size() && header->substr(0, scheme.size()) == scheme) secret = header->substr(scheme.size());
    }
    if (secret.empty()) return unauthorized();
    const catalog::Authorization* a = db.catalog().authorization_by_token(secret);
    if (!a) return unauthorized();
    if (a->status != "active") return Status(ErrorCode::kUnauthorized, "authorization is inactive");
    if (Status s = check_user(db, a->user_id); !s.ok()) return s;
    return Identity{a->permissions, a->user_id, a->org_id, a};
  }
  if (auto key = cookie_value(req, kSessionCookie)) {
    const int64_t now = now_unix_ns();
    const catalog::Session* session = db.catalog().sessions().find(*key, now);
    if (!session) return unauthorized();
    const std::string user_id = session->user_id;
    if (Status s = check_user(db, user_id); !s.ok()) return s;
    db.catalog().sessions().renew(*key, now, db.options().session_ttl_seconds * 1'000'000'000);
    return Identity{user_permissions(db.catalog(), user_id), user_id, "", nullptr};
  }
  return unauthorized();
}

std::vector<auth::Permission> user_permissions(const catalog::Catalog& catalog, std::string_view user_id) {
  std::vector<auth::Permission> out;
  auto add = [&](const std::vector<auth::Permission>& ps) { out.insert(out.end(), ps.begin(), ps.end()); };
  for (const auto& m : catalog.members()) {
    if (m.user_id != user_id) continue;
    if (m.resource_type == "instance") {
      add(auth::operator_permissions());
    } else if (m.resource_type == "orgs" && m.role == "owner") {
      add(auth::all_access_permissions(m.resource_id));
    } else if (m.resource_type == "orgs") {
      for (const auto& p : auth::all_access_permissions(m.resource_id))
        if (p.action == auth::Action::kRead) out.push_back(p);
    }
  }
  for (auth::Action a : {auth::Action::kRead, auth::Action::kWrite})
    out.push_back({a, auth::Resource{"users", std::string(user_id), {}, {}, {}}});
  return out;
}

bool can(const Identity& who, auth::Action action, std::string_view type, std::string_view org_id, std::string_view id) {
  return auth::allows(who.permissions, action, type, org_id, id);
}

std::string permission_text(auth::Action action, std::string_view type, std::string_view org_id, std::string_view id) {
  std::string out(auth::action_name(action));
  out += ':';
  if (!org_id.empty()) out += "orgs/" + std::string(org_id) + "/";
  out += type;
  if (!id.empty()) out += "/" + std::string(id);
  return out;
}

Status authorize(const Identity& who, auth::Action action, std::string_view type, std::string_view org_id,
                 std::string_view id) {
  if (can(who, action, type, org_id, id)) return Status::Ok();
  return Status(ErrorCode::kUnauthorized, permission_text(action, type, org_id, id) + " is unauthorized");
}

Result<const catalog::Org*> resolve_org(const Database& db, const Request& req) {
  auto& catalog = db.catalog();
  if (auto id = req.query_param("orgID"); id && !id->empty()) {
    if (const auto* org = catalog.org_by_id(*id)) return org;
    return Status(ErrorCode::kNotFound, "organization not found");
  }
  if (auto name = req.query_param("org"); name && !name->empty()) {
    if (const auto* org = catalog.org_by_name(*name)) return org;
    // An ID given as ?org= is accepted too, as InfluxDB does.
    if (const auto* org = catalog.org_by_id(*name)) return org;
    return Status(ErrorCode::kNotFound, "organization name \"" + std::string(*name) + "\" not found");
  }
  return Status(ErrorCode::kInvalid, "Please provide either orgID or org");
}

}  // namespace tidewater::api
