#include "core/api/authenticate.h"

namespace tidewater::api {

Result<const catalog::Authorization*> authenticate(const Database& db, const Request& req) {
  auto header = req.header("authorization");
  if (!header) return Status(ErrorCode::kUnauthorized, "unauthorized access");
  std::string_view h = *header;
  std::string_view secret;
  for (std::string_view scheme : {"Token ", "Bearer "}) {
    if (h.size() > scheme.size() && h.substr(0, scheme.size()) == scheme) secret = h.substr(scheme.size());
  }
  if (secret.empty()) return Status(ErrorCode::kUnauthorized, "unauthorized access");
  const catalog::Authorization* a = db.catalog().authorization_by_token(secret);
  if (!a) return Status(ErrorCode::kUnauthorized, "unauthorized access");
  if (a->status != "active") return Status(ErrorCode::kUnauthorized, "authorization is inactive");
  return a;
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
