// The JSON shapes of catalog resources in InfluxDB 2.7's API.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/catalog/catalog.h"

namespace tidewater::api {

nlohmann::json org_json(const catalog::Org& org);
nlohmann::json user_json(const catalog::User& user);
nlohmann::json bucket_json(const catalog::Bucket& bucket);
// `token` is set only in the answer that creates the authorization: the secret is shown once.
nlohmann::json authorization_json(const catalog::Catalog& catalog, const catalog::Authorization& auth,
                                  const std::optional<std::string>& token);

// DBRP mappings as /api/v2/dbrps lists them; virtual ones are derived from buckets.
nlohmann::json dbrp_json(const catalog::Dbrp& dbrp, bool is_virtual);

}  // namespace tidewater::api
