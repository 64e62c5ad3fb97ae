// The CRUD shape checks, notification endpoints and notification rules share in InfluxDB 2.7:
// list (org required) and POST on the collection; GET, PUT (replace), PATCH (name,
// description, status) and DELETE on one item; links {self, labels, members, owners}.
#pragma once

#include <nlohmann/json.hpp>

#include "core/api/definition_util.h"

namespace tidewater::api {

struct CrudKind {
  const char* kind;       // definitions kind, e.g. "checks"
  const char* type;       // permission resource type
  const char* not_found;  // 404 message
  const char* path;       // "/api/v2/checks"
  const char* owner_field;  // "ownerID" or "userID": the creating user
  bool query_link;        // links.query = self + "/query"
  // Reads a complete definition from a POST/PUT body into *doc (which already holds id, orgID
  // and, for PUT, the stored fields the body may refer to). 400/404 on bad input.
  Status (*read_body)(const Call& c, const nlohmann::json& body, nlohmann::json* doc);
  // Changes made to the stored document for a response (e.g. hiding secrets); may be null.
  void (*decorate)(nlohmann::json* out);
};

Response crud_collection(Call& c, const CrudKind& k);
Response crud_item(Call& c, const CrudKind& k);

}  // namespace tidewater::api
