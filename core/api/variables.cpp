// /api/v2/variables: dashboard variables with query, constant or map arguments. Names are
// unique per org and must be Flux identifiers, since dashboards use them as v.<name>.
#include <algorithm>
#include <cctype>

#include "core/api/definition_util.h"
#include "core/api/query_extern.h"
#include "core/api/request_util.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

constexpr const char* kKind = "variables";
constexpr const char* kNotFound = "variable not found";

json variable_json(const json& doc) {
  const std::string id = str_of(doc, "id"), self = "/api/v2/variables/" + id;
  json out = doc;
  out["links"] = {{"self", self}, {"org", "/api/v2/orgs/" + str_of(doc, "orgID")}, {"labels", self + "/labels"}};
  out["labels"] = json::array();
  if (!out.contains("description")) out["description"] = "";
  if (!out.contains("selected")) out["selected"] = json::array();
  return out;
}

// arguments: {type: "query", values: {query, language}} | {type: "constant", values: [string]}
// | {type: "map", values: {string: string}}.
Status check_arguments(const json& args) {
  if (!args.is_object()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: arguments must be an object");
  const std::string type = str_of(args, "type");
  auto values = args.find("values");
  if (values == args.end()) return Status(ErrorCode::kInvalid, "failed to unmarshal json: arguments values are required");
  if (type == "query") {
    if (!values->is_object() || !values->contains("query") || !(*values)["query"].is_string() ||
        (values->contains("language") && !(*values)["language"].is_string()))
      return Status(ErrorCode::kInvalid, "failed to unmarshal json: query variable values must be {query, language}");
  } else if (type == "constant") {
    bool ok = values->is_array();
    for (const auto& v : ok ? *values : json::array()) ok &= v.is_string();
    if (!ok) return Status(ErrorCode::kInvalid, "failed to unmarshal json: constant variable values must be an array of strings");
  } else if (type == "map") {
    bool ok = values->is_object();
    for (const auto& v : ok ? *values : json::object()) ok &= v.is_string();
    if (!ok) return Status(ErrorCode::kInvalid, "failed to unmarshal json: map variable values must map strings to strings");
  } else {
    return Status(ErrorCode::kInvalid, "invalid arguments type \"" + type + "\"; must be query, constant or map");
  }
  return Status::Ok();
}

// Checks a complete variable (after create, PUT or PATCH) against InfluxDB's rules.
Status check_variable(const catalog::Catalog& catalog, const json& doc) {
  const std::string name = str_of(doc, "name");
  if (name.empty()) return Status(ErrorCode::kInvalid, "missing variable name");
  if (!is_flux_identifier(name)) return Status(ErrorCode::kInvalid, "variable name \"" + name + "\" must be a valid Flux identifier");
  static const char* kReserved[] = {"and", "import", "not", "return", "option", "test", "empty", "in", "or", "package", "builtin"};
  for (const char* r : kReserved)
    if (name == r) return Status(ErrorCode::kInvalid, "variable name \"" + name + "\" is a reserved keyword");
  if (Status s = check_arguments(doc["arguments"]); !s.ok()) return s;
  for (const auto& other : catalog.definitions().all(kKind)) {
    if (other["orgID"] == doc["orgID"] && other["id"] != doc["id"] && other["name"] == doc["name"])
      return Status(ErrorCode::kConflict, "variable with name " + name + " already exists");
  }
  return Status::Ok();
}

const std::vector<FieldSpec> kEditable = {
    {"name", FieldType::kString}, {"description", FieldType::kString}, {"selected", FieldType::kStrings},
    {"arguments", FieldType::kObject}};

Response save(Call& c, json doc, int status) {
  doc["updatedAt"] = catalog::now_rfc3339();
  if (Status s = check_variable(c.db.catalog(), doc); !s.ok()) return Response::error(s);
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(status, variable_json(doc));
}

Response post_variable(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = json::object();
  if (Status s = copy_fields(*body, {{"orgID", FieldType::kString, true}, {"name", FieldType::kString, true},
                                     {"arguments", FieldType::kObject, true}, {"description", FieldType::kString},
                                     {"selected", FieldType::kStrings}},
                             &doc);
      !s.ok())
    return Response::error(s);
  auto org = body_org(c.db.catalog(), *body, false);
  if (!org.ok()) return Response::error(org.status());
  if (Status s = authorize(*c.who, Action::kWrite, "variables", *org, ""); !s.ok()) return Response::error(s);
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  doc["id"] = *id;
  doc["createdAt"] = catalog::now_rfc3339();
  return save(c, std::move(doc), 201);
}

Response list_variables(Call& c) {
  auto found = readable_list(c, kKind, "variables", false);
  if (!found.ok()) return Response::error(found.status());
  json variables = json::array();
  for (const json* d : *found) variables.push_back(variable_json(*d));
  std::string self = "/api/v2/variables";
  if (auto org = c.req.query_param("org"); org && !org->empty()) self += "?org=" + query_escape(*org);
  else if (auto id = c.req.query_param("orgID"); id && !id->empty()) self += "?orgID=" + query_escape(*id);
  return json_response(200, {{"links", {{"self", self}}}, {"variables", variables}});
}

}  // namespace

Response handle_variables(Call& c) { return c.req.method == "POST" ? post_variable(c) : list_variables(c); }

Response handle_variable(Call& c) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, kKind, "variables", c.id, kNotFound, action);
  if (!found.ok()) return Response::error(found.status());
  if (c.req.method == "GET") return json_response(200, variable_json(**found));
  if (c.req.method == "DELETE") {
    if (Status s = c.db.catalog().definitions().remove(kKind, c.id, kNotFound); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = **found;
  if (c.req.method == "PUT") {
    // A replacement keeps identity and creation time; everything else comes from the body.
    doc = {{"id", doc["id"]}, {"orgID", doc["orgID"]}, {"createdAt", doc["createdAt"]}};
    if (!body->contains("name") || !body->contains("arguments"))
      return Response::error(ErrorCode::kInvalid, "failed to unmarshal json: name and arguments are required");
  }
  if (Status s = copy_fields(*body, kEditable, &doc); !s.ok()) return Response::error(s);
  return save(c, std::move(doc), 200);
}

}  // namespace tidewater::api
