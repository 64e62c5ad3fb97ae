#include "core/process/owner_query.h"

#include "core/api/authenticate.h"
#include "core/api/definition_util.h"
#include "core/api/flux_context.h"
#include "core/model/format.h"

namespace tidewater::process {

Result<std::vector<query::ResultSet>> run_owner_query(api::Database& db, const nlohmann::json& doc, const std::string& flux,
                                                      int64_t now_ns) {
  const std::string owner = api::str_of(doc, "ownerID");
  const catalog::User* user = db.catalog().user_by_id(owner);
  if (!user || user->status != "active") return Status(ErrorCode::kUnauthorized, "owner " + owner + " not found or inactive");
  api::FluxBinding binding(db, api::str_of(doc, "orgID"), api::user_permissions(db.catalog(), owner), now_ns);
  try {
    return query::flux::run_flux(flux, binding.context());
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, std::string("internal error: ") + e.what());
  } catch (...) {
    return Status(ErrorCode::kInternal, "internal error");
  }
}

int64_t definition_time(const nlohmann::json& doc, const char* key) {
  int64_t t = 0;
  if (!model::parse_rfc3339(api::str_of(doc, key), &t)) return 0;
  return t;
}

}  // namespace tidewater::process
