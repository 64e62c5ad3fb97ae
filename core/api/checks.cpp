// /api/v2/checks: threshold and deadman checks, stored here and run on their every/offset by
// core/process/check_runner.h, which writes their statuses to _monitoring.
#include "core/api/definition_crud.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

Status levels(const json& doc) { return check_one_of(doc, "level", {"CRIT", "WARN", "INFO", "OK", "UNKNOWN"}); }

Status read_thresholds(const json& thresholds) {
  for (const auto& t : thresholds) {
    if (!t.is_object()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: a threshold must be an object");
    json th = json::object();
    if (Status s = copy_fields(t, {{"type", FieldType::kString, true}, {"level", FieldType::kString},
                                   {"allValues", FieldType::kBool}, {"value", FieldType::kNumber},
                                   {"min", FieldType::kNumber}, {"max", FieldType::kNumber}, {"within", FieldType::kBool}},
                               &th);
        !s.ok())
      return s;
    if (Status s = check_one_of(th, "type", {"greater", "lesser", "range", "equal"}); !s.ok()) return s;
    if (Status s = levels(th); !s.ok()) return s;
    const bool range = th["type"] == "range";
    if (range && (!th.contains("min") || !th.contains("max")))
      return Status(ErrorCode::kInvalid, "failed to unmarshal json: a range threshold needs min and max");
    if (!range && !th.contains("value"))
      return Status(ErrorCode::kInvalid, "failed to unmarshal json: a threshold needs a value");
  }
  return Status::Ok();
}

Status read_tags(const json& tags) {
  for (const auto& t : tags)
    if (!t.is_object() || !t.value("key", json()).is_string() || !t.value("value", json()).is_string())
      return Status(ErrorCode::kInvalid, "failed to unmarshal json: tags must be {key, value} strings");
  return Status::Ok();
}

Status read_check(const Call&, const json& body, json* doc) {
  if (Status s = copy_fields(body, {{"type", FieldType::kString, true}, {"query", FieldType::kObject, true},
                                    {"every", FieldType::kDuration, true}, {"offset", FieldType::kDuration},
                                    {"tags", FieldType::kArray}, {"statusMessageTemplate", FieldType::kString}},
                             doc);
      !s.ok())
    return s;
  if (Status s = check_one_of(*doc, "type", {"threshold", "deadman"}); !s.ok()) return s;
  const json& query = (*doc)["query"];
  if (query.contains("text") && !query["text"].is_string())
    return Status(ErrorCode::kInvalid, "failed to unmarshal json: query.text must be a string");
  if (doc->contains("tags")) {
    if (Status s = read_tags((*doc)["tags"]); !s.ok()) return s;
  }
  if ((*doc)["type"] == "threshold") {
    if (Status s = copy_fields(body, {{"thresholds", FieldType::kArray}}, doc); !s.ok()) return s;
    if (!doc->contains("thresholds")) (*doc)["thresholds"] = json::array();
    return read_thresholds((*doc)["thresholds"]);
  }
  if (Status s = copy_fields(body, {{"timeSince", FieldType::kDuration}, {"staleTime", FieldType::kDuration},
                                    {"reportZero", FieldType::kBool}, {"level", FieldType::kString}},
                             doc);
      !s.ok())
    return s;
  return levels(*doc);
}

const CrudKind kChecks = {"checks", "checks", "check not found", "/api/v2/checks", "ownerID", true, read_check, nullptr};

}  // namespace

Response handle_checks(Call& c) { return crud_collection(c, kChecks); }
Response handle_check(Call& c) { return crud_item(c, kChecks); }

}  // namespace tidewater::api
