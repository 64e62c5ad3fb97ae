// /api/v2/orgs: organizations. Creating one needs write on every org (the operator); reading
// or changing one needs a permission on that org, checked before the org is looked up, as
// InfluxDB's org service does. Deleting an org deletes its buckets and their data.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/api/resource_json.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

Response list_orgs(Call& c) {
  auto page = parse_page(c.req);
  if (!page.ok()) return Response::error(page.status());
  auto& catalog = c.db.catalog();
  const auto id = c.req.query_param("orgID").value_or("");
  const auto name = c.req.query_param("org").value_or("");
  if (!id.empty()) {
    if (Status s = check_id(id); !s.ok()) return Response::error(s);
    if (!catalog.org_by_id(id)) return Response::error(ErrorCode::kNotFound, "organization not found");
  }
  if (!name.empty() && !catalog.org_by_name(name))
    return Response::error(ErrorCode::kNotFound, "organization name \"" + std::string(name) + "\" not found");
  const auto user_id = c.req.query_param("userID").value_or("");
  std::vector<const catalog::Org*> found;
  for (const auto& o : catalog.orgs()) {
    if ((!id.empty() && o.id != id) || (!name.empty() && o.name != name)) continue;
    if (!user_id.empty()) {
      bool member = false;
      for (const auto& m : catalog.members()) member |= m.user_id == user_id && m.resource_type == "orgs" && m.resource_id == o.id;
      if (!member) continue;
    }
    if (can(*c.who, Action::kRead, "orgs", "", o.id)) found.push_back(&o);
  }
  if (page->descending) std::reverse(found.begin(), found.end());
  json orgs = json::array();
  for (const auto* o : page_of(found, *page, [](const catalog::Org* o) { return o->id; })) orgs.push_back(org_json(*o));
  return Response::json(200, json{{"links", {{"self", "/api/v2/orgs"}}}, {"orgs", orgs}}.dump());
}

// The body of POST and PATCH: {name?, description?}.
Result<catalog::OrgUpdate> org_fields(const Request& req) {
  auto body = json_object_body(req);
  if (!body.ok()) return body.status();
  auto name = optional_string(*body, "name");
  if (!name.ok()) return name.status();
  auto description = optional_string(*body, "description");
  if (!description.ok()) return description.status();
  return catalog::OrgUpdate{*name, *description};
}

Response post_org(Call& c) {
  auto fields = org_fields(c.req);
  if (!fields.ok()) return Response::error(fields.status());
  const auto& [name, description] = *fields;
  if (Status s = authorize(*c.who, Action::kWrite, "orgs", "", ""); !s.ok()) return Response::error(s);
  if (!name || name->empty()) return Response::error(ErrorCode::kInvalid, "org name is empty");
  auto& catalog = c.db.catalog();
  auto org = catalog.add_org({"", *name, description.value_or(""), "", ""});
  if (!org.ok()) return Response::error(org.status());
  // The creator owns the new org, as InfluxDB maps the user who created it.
  if (catalog.user_by_id(c.who->user_id)) {
    if (Status s = catalog.add_member({c.who->user_id, "orgs", org->id, "owner"}); !s.ok()) return Response::error(s);
  }
  return Response::json(201, org_json(*org).dump());
}

}  // namespace

Response handle_orgs(Call& c) { return c.req.method == "POST" ? post_org(c) : list_orgs(c); }

Response handle_org(Call& c) {
  if (Status s = check_id(c.id); !s.ok()) return Response::error(s);
  auto& catalog = c.db.catalog();
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  if (Status s = authorize(*c.who, action, "orgs", "", c.id); !s.ok()) return Response::error(s);
  if (c.req.method == "GET") {
    const catalog::Org* org = catalog.org_by_id(c.id);
    if (!org) return Response::error(ErrorCode::kNotFound, "organization not found");
    return Response::json(200, org_json(*org).dump());
  }
  if (c.req.method == "DELETE") {
    auto buckets = catalog.delete_org(c.id);
    if (!buckets.ok()) return Response::error(buckets.status());
    for (const auto& id : *buckets) {
      if (Status s = c.db.engine().drop_bucket(id); !s.ok()) return Response::error(s);
    }
    return Response::no_content();
  }
  auto fields = org_fields(c.req);
  if (!fields.ok()) return Response::error(fields.status());
  auto org = catalog.update_org(c.id, *fields);
  if (!org.ok()) return Response::error(org.status());
  return Response::json(200, org_json(*org).dump());
}

}  // namespace tidewater::api
