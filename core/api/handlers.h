// One handler per resource group; router.cpp maps methods and paths to them.
#pragma once

#include <string_view>

#include "core/api/authenticate.h"
#include "core/api/database.h"
#include "core/api/http.h"

namespace tidewater::api {

// What a handler gets: the request, the {id} and {sub} segments of routes that have them
// (e.g. /dashboards/{id}/cells/{sub}), and the caller, authenticated by the router (null only
// on routes open without credentials).
struct Call {
  Database& db;
  const Request& req;
  std::string_view id;
  const Identity* who;
  std::string_view sub = {};
};

Response handle_setup(Call& c);           // GET, POST /api/v2/setup
Response handle_write(Call& c);           // POST /api/v2/write
Response handle_query(Call& c);           // POST /api/v2/query
Response handle_health(Call& c);          // GET /health
Response handle_ping(Call& c);            // GET, HEAD /ping
Response handle_signin(Call& c);          // POST /api/v2/signin (Basic credentials)
Response handle_signout(Call& c);         // POST /api/v2/signout
Response handle_me(Call& c);              // GET /api/v2/me
Response handle_me_password(Call& c);     // PUT /api/v2/me/password (Basic credentials)
Response handle_users(Call& c);           // GET, POST /api/v2/users
Response handle_user(Call& c);            // GET, PATCH, DELETE /api/v2/users/{id}
Response handle_user_password(Call& c);   // POST, PUT /api/v2/users/{id}/password
Response handle_orgs(Call& c);            // GET, POST /api/v2/orgs
Response handle_org(Call& c);             // GET, PATCH, DELETE /api/v2/orgs/{id}
Response handle_buckets(Call& c);         // GET, POST /api/v2/buckets
Response handle_bucket(Call& c);          // GET, PATCH, DELETE /api/v2/buckets/{id}
Response handle_authorizations(Call& c);  // GET, POST /api/v2/authorizations
Response handle_authorization(Call& c);   // GET, PATCH, DELETE /api/v2/authorizations/{id}
Response handle_resources(Call& c);       // GET /api/v2/resources
Response handle_dbrps(Call& c);           // GET, POST /api/v2/dbrps
Response handle_dbrp(Call& c);            // GET, PATCH, DELETE /api/v2/dbrps/{id}
Response handle_delete(Call& c);          // POST /api/v2/delete
Response handle_members(Call& c);         // GET, POST /api/v2/{orgs,buckets}/{id}/{members,owners}
Response handle_member(Call& c);          // DELETE /api/v2/{orgs,buckets}/{id}/{members,owners}/{sub}
Response handle_ready(Call& c);           // GET /ready

// Stored definitions (definition_util.h has their shared plumbing).
Response handle_dashboards(Call& c);      // GET, POST /api/v2/dashboards
Response handle_dashboard(Call& c);       // GET, PATCH, DELETE /api/v2/dashboards/{id}
Response handle_cells(Call& c);           // POST, PUT /api/v2/dashboards/{id}/cells
Response handle_cell(Call& c);            // PATCH, DELETE /api/v2/dashboards/{id}/cells/{sub}
Response handle_cell_view(Call& c);       // GET, PATCH /api/v2/dashboards/{id}/cells/{sub}/view
Response handle_variables(Call& c);       // GET, POST /api/v2/variables
Response handle_variable(Call& c);        // GET, PATCH, PUT, DELETE /api/v2/variables/{id}
Response handle_tasks(Call& c);           // GET, POST /api/v2/tasks
Response handle_task(Call& c);            // GET, PATCH, DELETE /api/v2/tasks/{id}
Response handle_task_runs(Call& c);       // GET, POST /api/v2/tasks/{id}/runs
Response handle_task_run(Call& c);        // GET, DELETE /api/v2/tasks/{id}/runs/{sub}
Response handle_task_run_logs(Call& c);   // GET /api/v2/tasks/{id}/runs/{sub}/logs
Response handle_task_run_retry(Call& c);  // POST /api/v2/tasks/{id}/runs/{sub}/retry
Response handle_task_logs(Call& c);       // GET /api/v2/tasks/{id}/logs
Response handle_checks(Call& c);          // GET, POST /api/v2/checks
Response handle_check(Call& c);           // GET, PUT, PATCH, DELETE /api/v2/checks/{id}
Response handle_endpoints(Call& c);       // GET, POST /api/v2/notificationEndpoints
Response handle_endpoint(Call& c);        // GET, PUT, PATCH, DELETE /api/v2/notificationEndpoints/{id}
Response handle_rules(Call& c);           // GET, POST /api/v2/notificationRules
Response handle_rule(Call& c);            // GET, PUT, PATCH, DELETE /api/v2/notificationRules/{id}
Response handle_remotes(Call& c);         // GET, POST /api/v2/remotes
Response handle_remote(Call& c);          // GET, PATCH, DELETE /api/v2/remotes/{id}
Response handle_replications(Call& c);    // GET, POST /api/v2/replications
Response handle_replication(Call& c);     // GET, PATCH, DELETE /api/v2/replications/{id}

// Parses line protocol into a bucket and answers as /api/v2/write does (204, 400, 413, 422);
// the v1 /write handler shares it, prefixing partial-write messages with its own text.
Response write_line_protocol(Database& db, const catalog::Bucket& bucket, const std::string& body,
                             model::Precision precision, std::string_view failure_prefix);
// Stores parsed points as a write does (retention cut-off, shard duration); InfluxDB's
// partial-write errors (422) for points beyond retention or with conflicting field types.
Status store_points(Database& db, const catalog::Bucket& bucket, std::vector<model::Point> points, int64_t now,
                    std::string_view failure_prefix);
// The virtual DBRP mapping every bucket has (database = name before "/", rp "autogen" or the rest).
catalog::Dbrp virtual_dbrp(const catalog::Catalog& catalog, const catalog::Bucket& b);

// The version we answer to, in InfluxDB's X-Influxdb-Version header and /health.
inline constexpr const char* kInfluxVersion = "v2.7.12";

}  // namespace tidewater::api
