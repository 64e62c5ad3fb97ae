// Flux run on behalf of a stored definition (a task or a check): with its owner's permissions
// in its org, now() = the scheduled time, so to() writes with what the owner may write.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/api/database.h"
#include "core/query/result.h"

namespace tidewater::process {

// Fails when the owner ("ownerID") is gone or inactive, or the script fails; never throws.
Result<std::vector<query::ResultSet>> run_owner_query(api::Database& db, const nlohmann::json& doc, const std::string& flux,
                                                      int64_t now_ns);

// An RFC3339 member as Unix nanoseconds, 0 when absent or malformed.
int64_t definition_time(const nlohmann::json& doc, const char* key);

}  // namespace tidewater::process
