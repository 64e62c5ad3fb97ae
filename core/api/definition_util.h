// Shared plumbing for the stored definitions (dashboards, variables, tasks, checks,
// notification endpoints and rules): body fields checked against a small schema, lookups that
// answer 400/404/401 as InfluxDB does, lists filtered by org and permission, and IDs.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/handlers.h"

namespace tidewater::api {

enum class FieldType { kString, kInteger, kNumber, kBool, kObject, kArray, kStrings, kDuration, kTime, kAny };

struct FieldSpec {
  const char* name;
  FieldType type;
  bool required = false;
};

// Copies the members named by `specs` from `body` into `*out` after checking their types (a
// null member counts as absent). Members not listed are dropped, as InfluxDB's JSON decoding
// ignores unknown fields. 400 "failed to unmarshal json: ..." on a wrong type or a missing
// required member.
Status copy_fields(const nlohmann::json& body, const std::vector<FieldSpec>& specs, nlohmann::json* out);

// A Flux duration literal such as "1h", "5m30s", "1mo" (negative allowed with `allow_negative`).
bool is_flux_duration(std::string_view s, bool allow_negative = false);

// One of `allowed`, else 400 naming the member and its accepted values.
Status check_one_of(const nlohmann::json& doc, const char* key, std::initializer_list<const char*> allowed);

// The org of a new definition: the body's "orgID" (or its "org" name when `allow_name`); 400
// when missing or malformed, 404 when unknown.
Result<std::string> body_org(const catalog::Catalog& catalog, const nlohmann::json& body, bool allow_name);

// The stored definition with the ID: 400 for a malformed ID, 404 `not_found`, then 401 unless
// the caller may `action` it (permission type `type` in the definition's org).
Result<const nlohmann::json*> find_authorized(const Call& c, const char* kind, const char* type, std::string_view id,
                                              const char* not_found, auth::Action action);

// The definitions of a kind the caller may read, in the org ?orgID=/?org= name (required when
// `org_required`: 400 without, 404 when unknown).
Result<std::vector<const nlohmann::json*>> readable_list(const Call& c, const char* kind, const char* type, bool org_required);

// ?limit= for tasks and runs: 1..500, 100 when absent (400 otherwise).
Result<int> task_list_limit(const Request& req);

// A fresh 16-hex-digit ID.
Result<std::string> new_definition_id();

// The string member or "".
std::string str_of(const nlohmann::json& doc, const char* key);

// A stored document as a response (200/201).
inline Response json_response(int status, const nlohmann::json& j) { return Response::json(status, j.dump()); }

}  // namespace tidewater::api
