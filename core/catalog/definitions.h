// Stored definitions: dashboards, variables, tasks and their runs, checks, notification
// endpoints and rules. Each is a JSON document in InfluxDB 2.7's shape (validated by its API
// handler), kept in memory and persisted as one small JSON file per kind under
// root/catalog/, rewritten atomically; a failed save leaves memory as it was.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"

namespace tidewater::catalog {

// The kinds, which are also the file names ("<kind>.json"). Task runs are "runs".
inline constexpr const char* kDefinitionKinds[] = {"dashboards", "variables", "tasks", "runs", "checks",
                                                    "notificationEndpoints", "notificationRules",
                                                    "remotes", "replications"};

class Definitions {
 public:
  // Loads every kind from dir (missing files are empty kinds).
  Status load(const std::string& dir);

  // The documents of a kind in creation order; every document has string "id" and "orgID".
  const std::vector<nlohmann::json>& all(std::string_view kind) const;
  const nlohmann::json* find(std::string_view kind, std::string_view id) const;

  // Inserts the document, or replaces the one with the same "id"; persists before returning.
  Status put(std::string_view kind, nlohmann::json doc);
  // Removes the document with the ID (404 `not_found` when unknown).
  Status remove(std::string_view kind, std::string_view id, const char* not_found);
  // Removes every document of an org, in every kind (the org is being deleted).
  Status remove_org(std::string_view org_id);
  // Removes the documents of a kind whose `field` equals `value` (e.g. a task's runs).
  Status remove_where(std::string_view kind, const char* field, std::string_view value);

 private:
  struct Kind {
    std::string name;
    std::vector<nlohmann::json> docs;
  };
  Kind* kind(std::string_view name);
  const Kind* kind(std::string_view name) const;
  Status save(Kind& k, std::vector<nlohmann::json> next);

  std::string dir_;
  std::vector<Kind> kinds_;
};

}  // namespace tidewater::catalog
