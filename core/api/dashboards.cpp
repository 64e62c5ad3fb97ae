// /api/v2/dashboards with their cells and views. A dashboard is stored with its cells; each
// cell keeps its view (name and properties) inline, and the view's ID is the cell's ID, as in
// InfluxDB 2.7. Lists and GETs leave view properties out unless ?include=properties.
#include <algorithm>

#include "core/api/definition_util.h"
#include "core/api/request_util.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

constexpr const char* kKind = "dashboards";
constexpr const char* kNotFound = "dashboard not found";

std::string dashboard_path(const std::string& id) { return "/api/v2/dashboards/" + id; }

json cell_json(const std::string& dashboard_id, const json& cell, bool with_view) {
  const std::string id = str_of(cell, "id");
  const std::string self = dashboard_path(dashboard_id) + "/cells/" + id;
  json out = {{"id", id}, {"links", {{"self", self}, {"view", self + "/view"}}}};
  for (const char* k : {"x", "y", "w", "h"}) out[k] = cell.value(k, 0);
  out["viewID"] = id;
  if (with_view) {
    out["name"] = cell.value("name", "");
    out["properties"] = cell.value("properties", json::object());
  }
  return out;
}

json dashboard_json(const json& doc, bool with_views) {
  const std::string id = str_of(doc, "id"), self = dashboard_path(id);
  json cells = json::array();
  for (const auto& cell : doc["cells"]) cells.push_back(cell_json(id, cell, with_views));
  return {{"id", id},
          {"orgID", doc["orgID"]},
          {"name", doc["name"]},
          {"description", doc.value("description", "")},
          {"meta", doc["meta"]},
          {"cells", cells},
          {"labels", json::array()},
          {"links",
           {{"self", self}, {"cells", self + "/cells"}, {"members", self + "/members"}, {"owners", self + "/owners"},
            {"labels", self + "/labels"}, {"org", "/api/v2/orgs/" + str_of(doc, "orgID")}}}};
}

json view_json(const std::string& dashboard_id, const json& cell) {
  const std::string id = str_of(cell, "id");
  return {{"links", {{"self", dashboard_path(dashboard_id) + "/cells/" + id + "/view"}}},
          {"id", id},
          {"name", cell.value("name", "")},
          {"properties", cell.value("properties", json::object())}};
}

bool include_properties(const Request& req) { return req.query_param("include").value_or("") == "properties"; }

void touch(json& doc) { doc["meta"]["updatedAt"] = catalog::now_rfc3339(); }

// Cell positions: InfluxDB's int32 x, y, w, h.
Status copy_position(const json& body, json* cell) {
  return copy_fields(body, {{"x", FieldType::kInteger}, {"y", FieldType::kInteger}, {"w", FieldType::kInteger},
                            {"h", FieldType::kInteger}},
                     cell);
}

Response list_dashboards(Call& c) {
  auto page = parse_page(c.req);
  if (!page.ok()) return Response::error(page.status());
  auto found = readable_list(c, kKind, "dashboards", false);
  if (!found.ok()) return Response::error(found.status());
  std::vector<std::string> ids;
  std::vector<std::pair<std::string, std::string>> filter;
  for (const auto& [k, v] : c.req.query) {
    if (k == "id") ids.push_back(v);
    if ((k == "id" || k == "org" || k == "orgID") && !v.empty()) filter.emplace_back(k, v);
  }
  std::vector<const json*> picked;
  for (const json* d : *found)
    if (ids.empty() || std::find(ids.begin(), ids.end(), str_of(*d, "id")) != ids.end()) picked.push_back(d);
  if (page->descending) std::reverse(picked.begin(), picked.end());
  json dashboards = json::array();
  for (const json* d : page_of(picked, *page, [](const json* d) { return str_of(*d, "id"); }))
    dashboards.push_back(dashboard_json(*d, include_properties(c.req)));
  return json_response(200, {{"links", paging_links("/api/v2/dashboards", *page, filter, dashboards.size())},
                             {"dashboards", dashboards}});
}

Response post_dashboard(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = json::object();
  if (Status s = copy_fields(*body, {{"orgID", FieldType::kString, true}, {"name", FieldType::kString, true},
                                     {"description", FieldType::kString}},
                             &doc);
      !s.ok())
    return Response::error(s);
  auto org = body_org(c.db.catalog(), *body, false);
  if (!org.ok()) return Response::error(org.status());
  if (Status s = authorize(*c.who, Action::kWrite, "dashboards", *org, ""); !s.ok()) return Response::error(s);
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  const std::string now = catalog::now_rfc3339();
  doc["id"] = *id;
  doc["meta"] = {{"createdAt", now}, {"updatedAt", now}};
  doc["cells"] = json::array();
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(201, dashboard_json(doc, false));
}

// The dashboard and the index of the path's cell in it (404 "cell not found").
Result<size_t> cell_index(const json& doc, std::string_view cell_id) {
  if (Status s = check_id(cell_id); !s.ok()) return s;
  const json& cells = doc["cells"];
  for (size_t i = 0; i < cells.size(); ++i)
    if (str_of(cells[i], "id") == cell_id) return i;
  return Status(ErrorCode::kNotFound, "cell not found");
}

// The view another cell has, for CreateCell's usingView (404 "view not found").
Result<json> view_for_copy(const Call& c, std::string_view view_id) {
  if (Status s = check_id(view_id); !s.ok()) return s;
  for (const auto& d : c.db.catalog().definitions().all(kKind)) {
    for (const auto& cell : d["cells"]) {
      if (str_of(cell, "id") != view_id) continue;
      if (Status s = authorize(*c.who, Action::kRead, "dashboards", str_of(d, "orgID"), str_of(d, "id")); !s.ok()) return s;
      return cell;
    }
  }
  return Status(ErrorCode::kNotFound, "view not found");
}

}  // namespace

Response handle_dashboards(Call& c) { return c.req.method == "POST" ? post_dashboard(c) : list_dashboards(c); }

Response handle_dashboard(Call& c) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, kKind, "dashboards", c.id, kNotFound, action);
  if (!found.ok()) return Response::error(found.status());
  if (c.req.method == "GET") return json_response(200, dashboard_json(**found, include_properties(c.req)));
  auto& defs = c.db.catalog().definitions();
  if (c.req.method == "DELETE") {
    if (Status s = defs.remove(kKind, c.id, kNotFound); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = **found;
  if (Status s = copy_fields(*body, {{"name", FieldType::kString}, {"description", FieldType::kString}}, &doc); !s.ok())
    return Response::error(s);
  if (doc["name"] == "") return Response::error(ErrorCode::kInvalid, "dashboard name is required");
  touch(doc);
  if (Status s = defs.put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(200, dashboard_json(doc, false));
}

Response handle_cells(Call& c) {
  auto found = find_authorized(c, kKind, "dashboards", c.id, kNotFound, Action::kWrite);
  if (!found.ok()) return Response::error(found.status());
  json doc = **found;
  if (c.req.method == "PUT") {
    // Replaces the cell list, typically with new positions; every cell must already exist.
    const json body = json::parse(c.req.body, nullptr, false);
    if (body.is_discarded() || !body.is_array())
      return Response::error(ErrorCode::kInvalid, "failed to unmarshal json: the body must be an array of cells");
    json cells = json::array();
    for (const auto& item : body) {
      if (!item.is_object()) return Response::error(ErrorCode::kInvalid, "failed to unmarshal json: a cell must be an object");
      const std::string id = str_of(item, "id");
      auto index = cell_index(doc, id);
      if (!index.ok()) return Response::error(ErrorCode::kInvalid, "cannot replace cells that were not already present");
      json cell = doc["cells"][*index];
      if (Status s = copy_position(item, &cell); !s.ok()) return Response::error(s);
      cells.push_back(std::move(cell));
    }
    doc["cells"] = std::move(cells);
    touch(doc);
    if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
    return json_response(201, dashboard_json(doc, false));
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json cell = {{"x", 0}, {"y", 0}, {"w", 0}, {"h", 0}};
  if (Status s = copy_position(*body, &cell); !s.ok()) return Response::error(s);
  json extra = json::object();
  if (Status s = copy_fields(*body, {{"name", FieldType::kString}, {"usingView", FieldType::kString}}, &extra); !s.ok())
    return Response::error(s);
  // A new cell's view is empty, or a copy of the view named by usingView.
  cell["name"] = extra.value("name", "");
  cell["properties"] = {{"shape", "empty"}};
  if (extra.contains("usingView")) {
    auto source = view_for_copy(c, extra["usingView"].get<std::string>());
    if (!source.ok()) return Response::error(source.status());
    cell["properties"] = source->value("properties", json::object());
    if (!extra.contains("name")) cell["name"] = source->value("name", "");
  }
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  cell["id"] = *id;
  doc["cells"].push_back(cell);
  touch(doc);
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(201, cell_json(str_of(doc, "id"), cell, false));
}

Response handle_cell(Call& c) {
  auto found = find_authorized(c, kKind, "dashboards", c.id, kNotFound, Action::kWrite);
  if (!found.ok()) return Response::error(found.status());
  json doc = **found;
  auto index = cell_index(doc, c.sub);
  if (!index.ok()) return Response::error(index.status());
  if (c.req.method == "DELETE") {
    doc["cells"].erase(*index);
  } else {
    auto body = json_object_body(c.req);
    if (!body.ok()) return Response::error(body.status());
    if (Status s = copy_position(*body, &doc["cells"][*index]); !s.ok()) return Response::error(s);
  }
  touch(doc);
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  if (c.req.method == "DELETE") return Response::no_content();
  return json_response(200, cell_json(str_of(doc, "id"), doc["cells"][*index], false));
}

Response handle_cell_view(Call& c) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, kKind, "dashboards", c.id, kNotFound, action);
  if (!found.ok()) return Response::error(found.status());
  json doc = **found;
  auto index = cell_index(doc, c.sub);
  if (!index.ok()) return Response::error(index.status());
  json& cell = doc["cells"][*index];
  if (c.req.method == "GET") return json_response(200, view_json(str_of(doc, "id"), cell));
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json view = json::object();
  if (Status s = copy_fields(*body, {{"name", FieldType::kString}, {"properties", FieldType::kObject}}, &view); !s.ok())
    return Response::error(s);
  if (view.contains("name")) cell["name"] = view["name"];
  if (view.contains("properties")) cell["properties"] = view["properties"];
  touch(doc);
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(200, view_json(str_of(doc, "id"), cell));
}

}  // namespace tidewater::api
