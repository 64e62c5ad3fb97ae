// Permissions as InfluxDB 2.7 models them: an action on a resource type, optionally narrowed
// to one organization and/or one resource ID.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidewater::auth {

enum class Action { kRead, kWrite };

struct Resource {
  std::string type;                   // "buckets", "orgs", ... (see resource_types())
  std::optional<std::string> id;      // one resource, or every resource of the type
  std::optional<std::string> org_id;  // one org, or every org
  std::optional<std::string> name;    // informational, as InfluxDB echoes it
  std::optional<std::string> org;     // informational
};

struct Permission {
  Action action;
  Resource resource;
};

std::string_view action_name(Action a);
bool parse_action(std::string_view s, Action* out);

// The resource types of InfluxDB 2.7 (GET /api/v2/resources).
const std::vector<std::string>& resource_types();
bool is_resource_type(std::string_view type);

// True when some permission grants `action` on the resource of `type` with `id` in `org_id`.
// An empty id or org_id asks about the type as a whole (e.g. creating a new bucket in an org).
bool allows(const std::vector<Permission>& perms, Action action, std::string_view type, std::string_view org_id,
            std::string_view id);

// Read and write on every resource type of every org: the operator token.
std::vector<Permission> operator_permissions();
// Read and write on every resource type of one org: an all-access token.
std::vector<Permission> all_access_permissions(const std::string& org_id);

}  // namespace tidewater::auth
