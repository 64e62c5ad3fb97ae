// /api/v2/remotes: remote InfluxDB connections that replications send to, in InfluxDB 2.7's
// shape {id, orgID, name, description, remoteURL, remoteOrgID, allowInsecureTLS}. The remote's
// token (remoteAPIToken) is stored for the sender and never returned. Tidewater adds
// remoteAPIVersion: "v2" (default; /api/v2/write) or "v1" (/write, for InfluxDB 1.x, with a
// token of the form "username:password" sent as u/p).
#include "core/api/definition_util.h"
#include "core/api/request_util.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

constexpr const char* kRemotesKind = "remotes";
constexpr const char* kRemoteNotFound = "remote not found";

json remote_json(const json& doc) {
  json out = doc;
  out.erase("remoteAPIToken");
  if (!out.contains("description")) out["description"] = "";
  if (!out.contains("allowInsecureTLS")) out["allowInsecureTLS"] = false;
  return out;
}

Status check_remote(const catalog::Catalog& catalog, const json& doc) {
  const std::string name = str_of(doc, "name"), url = str_of(doc, "remoteURL");
  if (name.empty()) return Status(ErrorCode::kInvalid, "remote name is required");
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return Status(ErrorCode::kInvalid, "remote URL \"" + url + "\" must be an http or https URL");
  if (Status s = check_one_of(doc, "remoteAPIVersion", {"v1", "v2"}); !s.ok()) return s;
  for (const json& other : catalog.definitions().all(kRemotesKind))
    if (other["orgID"] == doc["orgID"] && other["id"] != doc["id"] && other["name"] == doc["name"])
      return Status(ErrorCode::kConflict, "remote with name " + name + " already exists");
  return Status::Ok();
}

const std::vector<FieldSpec> kRemoteEditable = {
    {"name", FieldType::kString},           {"description", FieldType::kString},
    {"remoteURL", FieldType::kString},      {"remoteAPIToken", FieldType::kString},
    {"remoteOrgID", FieldType::kString},    {"allowInsecureTLS", FieldType::kBool},
    {"remoteAPIVersion", FieldType::kString}};

Response save_remote(Call& c, json doc, int status) {
  doc["updatedAt"] = catalog::now_rfc3339();
  if (Status s = check_remote(c.db.catalog(), doc); !s.ok()) return Response::error(s);
  if (Status s = c.db.catalog().definitions().put(kRemotesKind, doc); !s.ok()) return Response::error(s);
  return json_response(status, remote_json(doc));
}

Response post_remote(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = json::object();
  if (Status s = copy_fields(*body, {{"orgID", FieldType::kString, true}, {"name", FieldType::kString, true},
                                     {"remoteURL", FieldType::kString, true}, {"remoteAPIToken", FieldType::kString, true}},
                             &doc);
      !s.ok())
    return Response::error(s);
  if (Status s = copy_fields(*body, kRemoteEditable, &doc); !s.ok()) return Response::error(s);
  auto org = body_org(c.db.catalog(), *body, false);
  if (!org.ok()) return Response::error(org.status());
  if (Status s = authorize(*c.who, Action::kWrite, "remotes", *org, ""); !s.ok()) return Response::error(s);
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  doc["id"] = *id;
  if (!doc.contains("allowInsecureTLS")) doc["allowInsecureTLS"] = false;
  doc["createdAt"] = catalog::now_rfc3339();
  return save_remote(c, std::move(doc), 201);
}

Response list_remotes(Call& c) {
  auto found = readable_list(c, kRemotesKind, "remotes", true);
  if (!found.ok()) return Response::error(found.status());
  const std::string name = std::string(c.req.query_param("name").value_or(""));
  const std::string url = std::string(c.req.query_param("remoteURL").value_or(""));
  json remotes = json::array();
  for (const json* d : *found) {
    if ((!name.empty() && str_of(*d, "name") != name) || (!url.empty() && str_of(*d, "remoteURL") != url)) continue;
    remotes.push_back(remote_json(*d));
  }
  return json_response(200, {{"remotes", remotes}});
}

}  // namespace

Response handle_remotes(Call& c) { return c.req.method == "POST" ? post_remote(c) : list_remotes(c); }

Response handle_remote(Call& c) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, kRemotesKind, "remotes", c.id, kRemoteNotFound, action);
  if (!found.ok()) return Response::error(found.status());
  if (c.req.method == "GET") return json_response(200, remote_json(**found));
  if (c.req.method == "DELETE") {
    // InfluxDB refuses to delete a remote that replications still use.
    for (const json& r : c.db.catalog().definitions().all("replications"))
      if (str_of(r, "remoteID") == c.id)
        return Response::error(ErrorCode::kConflict, "cannot delete remote, replication " + str_of(r, "id") + " still uses it");
    if (Status s = c.db.catalog().definitions().remove(kRemotesKind, c.id, kRemoteNotFound); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = **found;
  if (Status s = copy_fields(*body, kRemoteEditable, &doc); !s.ok()) return Response::error(s);
  return save_remote(c, std::move(doc), 200);
}

}  // namespace tidewater::api
