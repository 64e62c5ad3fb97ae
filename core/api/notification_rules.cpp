// /api/v2/notificationRules: which check statuses go to which endpoint. The endpoint must exist
// in the rule's org and be of the rule's type.
#include "core/api/definition_crud.h"
#include "core/api/request_util.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

Status read_status_rules(const json& rules) {
  if (rules.empty()) return Status(ErrorCode::kInvalid, "Notification Rule needs at least one status rule");
  for (const auto& r : rules) {
    json rule = json::object();
    if (!r.is_object()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: a status rule must be an object");
    if (Status s = copy_fields(r, {{"currentLevel", FieldType::kString}, {"previousLevel", FieldType::kString},
                                   {"count", FieldType::kInteger}, {"period", FieldType::kDuration}},
                               &rule);
        !s.ok())
      return s;
    for (const char* key : {"currentLevel", "previousLevel"})
      if (Status s = check_one_of(rule, key, {"UNKNOWN", "OK", "INFO", "CRIT", "WARN", "ANY"}); !s.ok()) return s;
  }
  return Status::Ok();
}

Status read_tag_rules(const json& rules) {
  for (const auto& r : rules) {
    if (!r.is_object() || !r.value("key", json()).is_string() || !r.value("value", json()).is_string())
      return Status(ErrorCode::kInvalid, "failed to unmarshal json: tag rules must be {key, value, operator}");
    if (Status s = check_one_of(r, "operator", {"equal", "notequal", "equalregex", "notequalregex"}); !s.ok()) return s;
  }
  return Status::Ok();
}

Status read_rule(const Call& c, const json& body, json* doc) {
  if (Status s = copy_fields(body, {{"type", FieldType::kString, true}, {"endpointID", FieldType::kString, true},
                                    {"statusRules", FieldType::kArray, true}, {"tagRules", FieldType::kArray},
                                    {"every", FieldType::kDuration}, {"offset", FieldType::kDuration},
                                    {"sleepUntil", FieldType::kString}, {"runbookLink", FieldType::kString},
                                    {"limitEvery", FieldType::kInteger}, {"limit", FieldType::kInteger},
                                    {"messageTemplate", FieldType::kString}, {"channel", FieldType::kString},
                                    {"url", FieldType::kString}, {"parseMode", FieldType::kString},
                                    {"disableWebPagePreview", FieldType::kBool}, {"to", FieldType::kString},
                                    {"subjectTemplate", FieldType::kString}, {"bodyTemplate", FieldType::kString}},
                             doc);
      !s.ok())
    return s;
  if (Status s = check_one_of(*doc, "type", {"slack", "pagerduty", "http", "telegram", "smtp", "browser-notification", "in-app-log"}); !s.ok()) return s;
  if (Status s = read_status_rules((*doc)["statusRules"]); !s.ok()) return s;
  if (!doc->contains("tagRules")) (*doc)["tagRules"] = json::array();
  if (Status s = read_tag_rules((*doc)["tagRules"]); !s.ok()) return s;
  const std::string type = (*doc)["type"];
  if ((type == "slack" || type == "pagerduty" || type == "telegram") && str_of(*doc, "messageTemplate").empty())
    return Status(ErrorCode::kInvalid, type + " notification rule messageTemplate is required");
  const std::string endpoint_id = (*doc)["endpointID"];
  if (Status s = check_id(endpoint_id); !s.ok()) return s;
  const json* endpoint = c.db.catalog().definitions().find("notificationEndpoints", endpoint_id);
  if (!endpoint || (*endpoint)["orgID"] != (*doc)["orgID"])
    return Status(ErrorCode::kNotFound, "notification endpoint not found");
  if (type != "smtp" && str_of(*endpoint, "type") != type)
    return Status(ErrorCode::kInvalid, "endpoint type " + str_of(*endpoint, "type") + " does not match rule type " + type);
  return Status::Ok();
}

const CrudKind kRules = {"notificationRules", "notificationRules", "notification rule not found",
                         "/api/v2/notificationRules", "ownerID", true, read_rule, nullptr};

}  // namespace

Response handle_rules(Call& c) { return crud_collection(c, kRules); }
Response handle_rule(Call& c) { return crud_item(c, kRules); }

}  // namespace tidewater::api
