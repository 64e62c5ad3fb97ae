// Who is calling and what they may do: the identity behind a request's token or session
// cookie, and InfluxDB's permission checks with its exact error texts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/api/database.h"
#include "core/api/http.h"

namespace tidewater::api {

inline constexpr std::string_view kSessionCookie = "influxdb-oss-session";

struct Identity {
  std::vector<auth::Permission> permissions;
  std::string user_id;
  std::string org_id;                                   // the token's org; empty for sessions
  const catalog::Authorization* authorization = nullptr;  // null for sessions
};

// Reads "Authorization: Token <secret>" or "Bearer <secret>", else the session cookie. 401 when
// missing, unknown, inactive, expired, or when the token's user is gone or inactive.
Result<Identity> authenticate(Database& db, const Request& req);

// A user's permissions, as a session carries them: everything for the instance owner
// (operator), all-access for orgs the user owns, read for orgs they are a member of, and
// read/write on themselves.
std::vector<auth::Permission> user_permissions(const catalog::Catalog& catalog, std::string_view user_id);

// Whether the identity may act on the resource; empty org_id or id ask about the type as a
// whole in every org, or about every resource of the type in the org.
bool can(const Identity& who, auth::Action action, std::string_view type, std::string_view org_id, std::string_view id);
// The same as a Status: 401 "read:orgs/<org>/buckets/<id> is unauthorized", as InfluxDB answers.
Status authorize(const Identity& who, auth::Action action, std::string_view type, std::string_view org_id,
                 std::string_view id);
// InfluxDB's text for a permission: "write:orgs/<org>/buckets/<id>", "read:users/<id>", "write:orgs".
std::string permission_text(auth::Action action, std::string_view type, std::string_view org_id, std::string_view id);

// Resolves the org a request names with ?orgID= or ?org= (400 when neither, 404 when unknown).
Result<const catalog::Org*> resolve_org(const Database& db, const Request& req);

}  // namespace tidewater::api
