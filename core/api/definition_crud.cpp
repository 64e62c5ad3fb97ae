#include "core/api/definition_crud.h"

#include <algorithm>

#include "core/api/request_util.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

json render(const CrudKind& k, const json& doc) {
  json out = doc;
  const std::string self = std::string(k.path) + "/" + str_of(doc, "id");
  out["labels"] = json::array();
  out["links"] = {{"self", self}, {"labels", self + "/labels"}, {"members", self + "/members"}, {"owners", self + "/owners"}};
  if (k.query_link) out["links"]["query"] = self + "/query";
  if (k.decorate) k.decorate(&out);
  return out;
}

// Common members of every kind: name (required), description, status (active by default).
Status read_common(const json& body, json* doc) {
  if (Status s = copy_fields(body, {{"name", FieldType::kString, true}, {"description", FieldType::kString},
                                    {"status", FieldType::kString}},
                             doc);
      !s.ok())
    return s;
  if (str_of(*doc, "name").empty()) return Status(ErrorCode::kInvalid, "name is required");
  if (!doc->contains("status")) (*doc)["status"] = "active";
  if (!doc->contains("description")) (*doc)["description"] = "";
  return check_one_of(*doc, "status", {"active", "inactive"});
}

Response save(Call& c, const CrudKind& k, json doc, int status) {
  doc["updatedAt"] = catalog::now_rfc3339();
  if (Status s = c.db.catalog().definitions().put(k.kind, doc); !s.ok()) return Response::error(s);
  return json_response(status, render(k, doc));
}

}  // namespace

Response crud_collection(Call& c, const CrudKind& k) {
  if (c.req.method == "GET") {
    auto page = parse_page(c.req);
    if (!page.ok()) return Response::error(page.status());
    auto found = readable_list(c, k.kind, k.type, true);
    if (!found.ok()) return Response::error(found.status());
    if (page->descending) std::reverse(found->begin(), found->end());
    json items = json::array();
    for (const json* d : page_of(*found, *page, [](const json* d) { return str_of(*d, "id"); }))
      items.push_back(render(k, *d));
    std::vector<std::pair<std::string, std::string>> filter;
    for (const char* key : {"org", "orgID"})
      if (auto v = c.req.query_param(key); v && !v->empty()) filter.emplace_back(key, std::string(*v));
    const std::string list_key = std::string(k.path).substr(std::string("/api/v2/").size());
    return json_response(200, {{"links", paging_links(k.path, *page, filter, items.size())}, {list_key, items}});
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  auto org = body_org(c.db.catalog(), *body, false);
  if (!org.ok()) return Response::error(org.status());
  if (Status s = authorize(*c.who, Action::kWrite, k.type, *org, ""); !s.ok()) return Response::error(s);
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  json doc = {{"id", *id}, {"orgID", *org}, {k.owner_field, c.who->user_id}};
  if (Status s = read_common(*body, &doc); !s.ok()) return Response::error(s);
  if (Status s = k.read_body(c, *body, &doc); !s.ok()) return Response::error(s);
  doc["createdAt"] = catalog::now_rfc3339();
  return save(c, k, std::move(doc), 201);
}

Response crud_item(Call& c, const CrudKind& k) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, k.kind, k.type, c.id, k.not_found, action);
  if (!found.ok()) return Response::error(found.status());
  if (c.req.method == "GET") return json_response(200, render(k, **found));
  if (c.req.method == "DELETE") {
    if (Status s = c.db.catalog().definitions().remove(k.kind, c.id, k.not_found); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = **found;
  if (c.req.method == "PATCH") {
    json change = json::object();
    if (Status s = copy_fields(*body, {{"name", FieldType::kString}, {"description", FieldType::kString},
                                       {"status", FieldType::kString}},
                               &change);
        !s.ok())
      return Response::error(s);
    if (Status s = check_one_of(change, "status", {"active", "inactive"}); !s.ok()) return Response::error(s);
    if (change.contains("name") && change["name"] == "") return Response::error(ErrorCode::kInvalid, "name is required");
    doc.update(change);
    return save(c, k, std::move(doc), 200);
  }
  // PUT replaces everything but identity, owner and creation time; the stored document is
  // passed along so kinds can keep secrets the body refers to.
  json next = {{"id", doc["id"]}, {"orgID", doc["orgID"]}, {k.owner_field, doc[k.owner_field]}, {"createdAt", doc["createdAt"]}};
  if (Status s = read_common(*body, &next); !s.ok()) return Response::error(s);
  next["_stored"] = doc;
  Status s = k.read_body(c, *body, &next);
  next.erase("_stored");
  if (!s.ok()) return Response::error(s);
  return save(c, k, std::move(next), 200);
}

}  // namespace tidewater::api
