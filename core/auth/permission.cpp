#include "core/auth/permission.h"

#include <algorithm>

namespace tidewater::auth {

std::string_view action_name(Action a) { return a == Action::kRead ? "read" : "write"; }

bool parse_action(std::string_view s, Action* out) {
  if (s == "read") *out = Action::kRead;
  else if (s == "write") *out = Action::kWrite;
  else return false;
  return true;
}

const std::vector<std::string>& resource_types() {
  static const std::vector<std::string> kTypes = {
      "authorizations", "buckets",   "dashboards", "orgs",          "sources",
      "tasks",          "telegrafs", "users",      "variables",     "scrapers",
      "secrets",        "labels",    "views",      "documents",     "notificationRules",
      "notificationEndpoints",       "checks",     "dbrp",          "notebooks",
      "annotations",    "remotes",   "replications", "instance"};
  return kTypes;
}

bool is_resource_type(std::string_view type) {
  const auto& t = resource_types();
  return std::find(t.begin(), t.end(), type) != t.end();
}

bool allows(const std::vector<Permission>& perms, Action action, std::string_view type, std::string_view org_id,
            std::string_view id) {
  for (const auto& p : perms) {
    if (p.action != action || p.resource.type != type) continue;
    // An org-scoped permission on "orgs" covers that org itself, which is addressed by ID
    // (the tutorial's all-access token lists {"type": "orgs", "orgID": ...}).
    if (type == "orgs" && p.resource.org_id && !p.resource.id && org_id.empty() && id == *p.resource.org_id) return true;
    if (p.resource.org_id && *p.resource.org_id != org_id) continue;
    if (p.resource.id && *p.resource.id != id) continue;
    return true;
  }
  return false;
}

std::vector<Permission> operator_permissions() {
  std::vector<Permission> out;
  for (const auto& t : resource_types()) {
    out.push_back({Action::kRead, Resource{t, {}, {}, {}, {}}});
    out.push_back({Action::kWrite, Resource{t, {}, {}, {}, {}}});
  }
  return out;
}

std::vector<Permission> all_access_permissions(const std::string& org_id) {
  std::vector<Permission> out;
  for (const auto& t : resource_types()) {
    if (t == "instance") continue;
    // The org itself is addressed by ID, not by owning org (as InfluxDB's all-access tokens).
    Resource r{t, {}, org_id, {}, {}};
    if (t == "orgs") r = Resource{t, org_id, {}, {}, {}};
    out.push_back({Action::kRead, r});
    out.push_back({Action::kWrite, r});
  }
  return out;
}

}  // namespace tidewater::auth
