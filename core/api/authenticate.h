// Who is calling: the authorization behind a request's token, and what it may do.
#pragma once

#include "core/api/database.h"
#include "core/api/http.h"

namespace tidewater::api {

// Reads "Authorization: Token <secret>" or "Bearer <secret>". 401 when missing, unknown or
// inactive.
Result<const catalog::Authorization*> authenticate(const Database& db, const Request& req);

// Resolves the org a request names with ?orgID= or ?org= (400 when neither, 404 when unknown).
Result<const catalog::Org*> resolve_org(const Database& db, const Request& req);

}  // namespace tidewater::api
