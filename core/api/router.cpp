#include "core/api/router.h"

#include <exception>
#include <new>

#include "core/api/handlers.h"
#include "core/api/v1_handlers.h"

namespace tidewater::api {
namespace {

using Handler = Response (*)(Call&);

enum RouteFlags : unsigned {
  kAuthenticated = 0,
  kOpen = 1,       // no credentials needed (or the handler checks its own, e.g. Basic)
  kLargeBody = 2,  // line protocol and queries: their handlers apply their own limits
};

struct Route {
  const char* path;     // "{id}" and "{sub}" match one path segment each
  const char* methods;  // space-separated
  Handler handler;
  unsigned flags;
};

constexpr Route kRoutes[] = {
    {"/api/v2/setup", "GET POST", handle_setup, kOpen},
    {"/api/v2/write", "POST", handle_write, kLargeBody},
    {"/api/v2/query", "POST", handle_query, kLargeBody},
    {"/api/v2/delete", "POST", handle_delete, kAuthenticated},
    {"/api/v2/signin", "POST", handle_signin, kOpen},
    {"/api/v2/signout", "POST", handle_signout, kOpen},
    {"/api/v2/me", "GET", handle_me, kAuthenticated},
    {"/api/v2/me/password", "PUT", handle_me_password, kOpen},
    {"/api/v2/users", "GET POST", handle_users, kAuthenticated},
    {"/api/v2/users/{id}", "GET PATCH DELETE", handle_user, kAuthenticated},
    {"/api/v2/users/{id}/password", "POST PUT", handle_user_password, kOpen},  // PUT: Basic
    {"/api/v2/orgs", "GET POST", handle_orgs, kAuthenticated},
    {"/api/v2/orgs/{id}", "GET PATCH DELETE", handle_org, kAuthenticated},
    {"/api/v2/buckets", "GET POST", handle_buckets, kAuthenticated},
    {"/api/v2/buckets/{id}", "GET PATCH DELETE", handle_bucket, kAuthenticated},
    {"/api/v2/orgs/{id}/members", "GET POST", handle_members, kAuthenticated},
    {"/api/v2/orgs/{id}/members/{sub}", "DELETE", handle_member, kAuthenticated},
    {"/api/v2/orgs/{id}/owners", "GET POST", handle_members, kAuthenticated},
    {"/api/v2/orgs/{id}/owners/{sub}", "DELETE", handle_member, kAuthenticated},
    {"/api/v2/buckets/{id}/members", "GET POST", handle_members, kAuthenticated},
    {"/api/v2/buckets/{id}/members/{sub}", "DELETE", handle_member, kAuthenticated},
    {"/api/v2/buckets/{id}/owners", "GET POST", handle_members, kAuthenticated},
    {"/api/v2/buckets/{id}/owners/{sub}", "DELETE", handle_member, kAuthenticated},
    {"/api/v2/authorizations", "GET POST", handle_authorizations, kAuthenticated},
    {"/api/v2/authorizations/{id}", "GET PATCH DELETE", handle_authorization, kAuthenticated},
    {"/api/v2/resources", "GET", handle_resources, kAuthenticated},
    {"/api/v2/dbrps", "GET POST", handle_dbrps, kAuthenticated},
    {"/api/v2/dbrps/{id}", "GET PATCH DELETE", handle_dbrp, kAuthenticated},
    {"/api/v2/dashboards", "GET POST", handle_dashboards, kAuthenticated},
    {"/api/v2/dashboards/{id}", "GET PATCH DELETE", handle_dashboard, kAuthenticated},
    {"/api/v2/dashboards/{id}/cells", "POST PUT", handle_cells, kAuthenticated},
    {"/api/v2/dashboards/{id}/cells/{sub}", "PATCH DELETE", handle_cell, kAuthenticated},
    {"/api/v2/dashboards/{id}/cells/{sub}/view", "GET PATCH", handle_cell_view, kAuthenticated},
    {"/api/v2/variables", "GET POST", handle_variables, kAuthenticated},
    {"/api/v2/variables/{id}", "GET PATCH PUT DELETE", handle_variable, kAuthenticated},
    {"/api/v2/tasks", "GET POST", handle_tasks, kAuthenticated},
    {"/api/v2/tasks/{id}", "GET PATCH DELETE", handle_task, kAuthenticated},
    {"/api/v2/tasks/{id}/runs", "GET POST", handle_task_runs, kAuthenticated},
    {"/api/v2/tasks/{id}/runs/{sub}", "GET DELETE", handle_task_run, kAuthenticated},
    {"/api/v2/tasks/{id}/runs/{sub}/logs", "GET", handle_task_run_logs, kAuthenticated},
    {"/api/v2/tasks/{id}/runs/{sub}/retry", "POST", handle_task_run_retry, kAuthenticated},
    {"/api/v2/tasks/{id}/logs", "GET", handle_task_logs, kAuthenticated},
    {"/api/v2/checks", "GET POST", handle_checks, kAuthenticated},
    {"/api/v2/checks/{id}", "GET PUT PATCH DELETE", handle_check, kAuthenticated},
    {"/api/v2/notificationEndpoints", "GET POST", handle_endpoints, kAuthenticated},
    {"/api/v2/notificationEndpoints/{id}", "GET PUT PATCH DELETE", handle_endpoint, kAuthenticated},
    {"/api/v2/notificationRules", "GET POST", handle_rules, kAuthenticated},
    {"/api/v2/notificationRules/{id}", "GET PUT PATCH DELETE", handle_rule, kAuthenticated},
    {"/api/v2/remotes", "GET POST", handle_remotes, kAuthenticated},
    {"/api/v2/remotes/{id}", "GET PATCH DELETE", handle_remote, kAuthenticated},
    {"/api/v2/replications", "GET POST", handle_replications, kAuthenticated},
    {"/api/v2/replications/{id}", "GET PATCH DELETE", handle_replication, kAuthenticated},
    {"/ready", "GET HEAD", handle_ready, kOpen},
    {"/health", "GET HEAD", handle_health, kOpen},
    {"/ping", "GET HEAD", handle_ping, kOpen},
    {"/query", "GET POST", handle_v1_query, kOpen | kLargeBody},  // v1 credentials: the handler checks them
    {"/write", "POST", handle_v1_write, kOpen | kLargeBody},
};

bool method_listed(std::string_view methods, std::string_view m) {
  size_t pos = 0;
  while (pos <= methods.size()) {
    const size_t sp = methods.find(' ', pos);
    if (methods.substr(pos, sp - pos) == m) return true;
    if (sp == std::string_view::npos) break;
    pos = sp + 1;
  }
  return false;
}

// Matches a path against a pattern segment by segment; sets *id and *sub to the "{id}" and
// "{sub}" segments.
bool path_matches(std::string_view pattern, std::string_view path, std::string_view* id, std::string_view* sub) {
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view want = pattern.substr(0, pattern.find('/'));
    const std::string_view got = path.substr(0, path.find('/'));
    if (want == "{id}" || want == "{sub}") {
      if (got.empty()) return false;
      *(want == "{id}" ? id : sub) = got;
    } else if (want != got) {
      return false;
    }
    pattern.remove_prefix(want.size());
    path.remove_prefix(got.size());
  }
  return true;
}

}  // namespace

Response Router::dispatch(const Request& req) {
  std::string_view path = req.path;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  for (const auto& route : kRoutes) {
    std::string_view id, sub;
    if (!path_matches(route.path, path, &id, &sub)) continue;
    if (!method_listed(route.methods, req.method)) return Response::error(ErrorCode::kMethodNotAllowed, "method not allowed");
    if (!(route.flags & kLargeBody) && req.body.size() > db_.options().max_json_bytes)
      return Response::error(ErrorCode::kRequestTooLarge,
                             "request body is too large; the limit is " + std::to_string(db_.options().max_json_bytes) + " bytes");
    Call call{db_, req, id, nullptr, sub};
    if (route.flags & kOpen) return route.handler(call);
    auto who = authenticate(db_, req);
    if (!who.ok()) return Response::error(who.status());
    call.who = &*who;
    return route.handler(call);
  }
  return Response::error(ErrorCode::kNotFound, "path not found");
}

Response Router::handle(const Request& req) noexcept {
  Response r;
  try {
    r = dispatch(req);
  } catch (const std::bad_alloc&) {
    r = Response::error(ErrorCode::kInternal, "out of memory");
  } catch (const std::exception& e) {
    r = Response::error(ErrorCode::kInternal, e.what());
  } catch (...) {
    r = Response::error(ErrorCode::kInternal, "unexpected failure");
  }
  r.headers.emplace_back("x-influxdb-version", kInfluxVersion);
  if (req.method == "HEAD") r.body.clear();
  return r;
}

}  // namespace tidewater::api
