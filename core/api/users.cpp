// /api/v2/users and /api/v2/me: users as InfluxDB 2.7 serves them. Users are not org-scoped:
// reading or changing one needs a permission on that user (or on all users), so an org's
// all-access token does not reach them, as in InfluxDB.
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/api/resource_json.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

Response list_users(Call& c) {
  auto page = parse_page(c.req);
  if (!page.ok()) return Response::error(page.status());
  const auto id = c.req.query_param("id").value_or("");
  if (!id.empty()) {
    if (Status s = check_id(id); !s.ok()) return Response::error(s);
  }
  const auto name = c.req.query_param("name").value_or("");
  std::vector<const catalog::User*> found;
  for (const auto& u : c.db.catalog().users()) {
    if ((!id.empty() && u.id != id) || (!name.empty() && u.name != name)) continue;
    if (can(*c.who, Action::kRead, "users", "", u.id)) found.push_back(&u);
  }
  json users = json::array();
  for (const auto* u : page_of(found, *page, [](const catalog::User* u) { return u->id; })) users.push_back(user_json(*u));
  return Response::json(200, json{{"links", {{"self", "/api/v2/users"}}}, {"users", users}}.dump());
}

Response post_user(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  auto name = optional_string(*body, "name");
  if (!name.ok()) return Response::error(name.status());
  auto status = optional_string(*body, "status");
  if (!status.ok()) return Response::error(status.status());
  if (Status s = check_active_status(*status, "user"); !s.ok()) return Response::error(s);
  if (Status s = authorize(*c.who, Action::kWrite, "users", "", ""); !s.ok()) return Response::error(s);
  if (!*name || (*name)->empty()) return Response::error(ErrorCode::kInvalid, "user name is empty");
  catalog::User u;
  u.name = **name;
  u.status = status->value_or("active");
  auto user = c.db.catalog().add_user(std::move(u));
  if (!user.ok()) return Response::error(user.status());
  return Response::json(201, user_json(*user).dump());
}

}  // namespace

Response handle_users(Call& c) { return c.req.method == "POST" ? post_user(c) : list_users(c); }

Response handle_user(Call& c) {
  if (Status s = check_id(c.id); !s.ok()) return Response::error(s);
  auto& catalog = c.db.catalog();
  // The permission is checked before the user is looked up, as InfluxDB's user service does.
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  if (Status s = authorize(*c.who, action, "users", "", c.id); !s.ok()) return Response::error(s);
  if (c.req.method == "DELETE") {
    if (Status s = catalog.delete_user(c.id); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  if (c.req.method == "GET") {
    const catalog::User* user = catalog.user_by_id(c.id);
    if (!user) return Response::error(ErrorCode::kNotFound, "user not found");
    return Response::json(200, user_json(*user).dump());
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  catalog::UserUpdate update;
  auto name = optional_string(*body, "name");
  if (!name.ok()) return Response::error(name.status());
  auto status = optional_string(*body, "status");
  if (!status.ok()) return Response::error(status.status());
  if (Status s = check_active_status(*status, "user"); !s.ok()) return Response::error(s);
  update.name = *name;
  update.status = *status;
  auto user = catalog.update_user(c.id, update);
  if (!user.ok()) return Response::error(user.status());
  if (user->status != "active") {
    if (Status s = catalog.sessions().remove_user(user->id); !s.ok()) return Response::error(s);
  }
  return Response::json(200, user_json(*user).dump());
}

Response handle_me(Call& c) {
  const catalog::User* user = c.db.catalog().user_by_id(c.who->user_id);
  if (!user) return Response::error(ErrorCode::kNotFound, "user not found");
  return Response::json(200, user_json(*user).dump());
}

}  // namespace tidewater::api
