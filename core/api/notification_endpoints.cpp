// /api/v2/notificationEndpoints: http, slack, pagerduty and telegram endpoints, and two of our
// own that work offline in a browser: "browser-notification" (the Notification API) and
// "in-app-log" (the notifications rows, shown on the Alerts page). Secret fields
// (passwords, tokens, routing keys) are stored but answered as InfluxDB's secret references
// "secret: <id>-<field>"; a PUT that sends such a reference back keeps the stored secret.
#include "core/api/definition_crud.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

constexpr const char* kSecretFields[] = {"username", "password", "token", "routingKey"};

bool is_secret(const json& doc, const char* field) {
  return field != std::string("username") || doc.value("type", "") == "http";
}

Status require(const json& doc, std::initializer_list<const char*> fields) {
  for (const char* f : fields)
    if (str_of(doc, f).empty()) return Status(ErrorCode::kInvalid, std::string(doc.value("type", "")) + " endpoint " + f + " is required");
  return Status::Ok();
}

Status read_endpoint(const Call&, const json& body, json* doc) {
  if (Status s = copy_fields(body, {{"type", FieldType::kString, true}}, doc); !s.ok()) return s;
  if (Status s = check_one_of(*doc, "type", {"http", "slack", "pagerduty", "telegram", "browser-notification", "in-app-log"}); !s.ok()) return s;
  const std::string type = (*doc)["type"];
  Status s;
  if (type == "http") {
    s = copy_fields(body, {{"url", FieldType::kString}, {"method", FieldType::kString}, {"authMethod", FieldType::kString},
                           {"username", FieldType::kString}, {"password", FieldType::kString}, {"token", FieldType::kString},
                           {"contentTemplate", FieldType::kString}, {"headers", FieldType::kObject}},
                    doc);
    if (s.ok()) s = require(*doc, {"url", "method", "authMethod"});
    if (s.ok()) s = check_one_of(*doc, "method", {"POST", "GET", "PUT"});
    if (s.ok()) s = check_one_of(*doc, "authMethod", {"none", "basic", "bearer"});
  } else if (type == "slack") {
    s = copy_fields(body, {{"url", FieldType::kString}, {"token", FieldType::kString}}, doc);
    if (s.ok() && str_of(*doc, "url").empty() && str_of(*doc, "token").empty())
      s = Status(ErrorCode::kInvalid, "slack endpoint URL must be provided");
  } else if (type == "pagerduty") {
    s = copy_fields(body, {{"clientURL", FieldType::kString}, {"routingKey", FieldType::kString}}, doc);
    if (s.ok()) s = require(*doc, {"routingKey"});
  } else if (type == "browser-notification" || type == "in-app-log") {
    s = Status::Ok();  // delivered by the host itself: nothing to configure
  } else {
    s = copy_fields(body, {{"token", FieldType::kString}, {"channel", FieldType::kString}}, doc);
    if (s.ok()) s = require(*doc, {"token", "channel"});
  }
  if (!s.ok()) return s;
  // A PUT sending back the reference it was given keeps the stored secret.
  if (auto stored = doc->find("_stored"); stored != doc->end()) {
    const std::string prefix = "secret: " + str_of(*doc, "id") + "-";
    for (const char* f : kSecretFields)
      if (str_of(*doc, f) == prefix + f) (*doc)[f] = (*stored).value(f, "");
  }
  return Status::Ok();
}

void hide_secrets(json* out) {
  for (const char* f : kSecretFields)
    if (out->contains(f) && is_secret(*out, f)) (*out)[f] = "secret: " + str_of(*out, "id") + "-" + f;
}

const CrudKind kEndpoints = {"notificationEndpoints", "notificationEndpoints", "notification endpoint not found",
                             "/api/v2/notificationEndpoints", "userID", false, read_endpoint, hide_secrets};

}  // namespace

Response handle_endpoints(Call& c) { return crud_collection(c, kEndpoints); }
Response handle_endpoint(Call& c) { return crud_item(c, kEndpoints); }

}  // namespace tidewater::api
