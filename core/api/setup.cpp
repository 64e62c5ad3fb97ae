// /api/v2/setup: the one-time onboarding that creates the first user, org, bucket and the
// operator token.
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/resource_json.h"
#include "core/auth/password.h"
#include "core/auth/random.h"
#include "core/auth/token.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

Result<std::string> string_member(const json& body, const char* key, const char* empty_message) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty()))
    return Status(ErrorCode::kInvalid, empty_message);
  if (!it->is_string()) return Status(ErrorCode::kInvalid, std::string(key) + " must be a string");
  return it->get<std::string>();
}

Result<int64_t> retention_seconds(const json& body) {
  if (auto it = body.find("retentionPeriodSeconds"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0)
      return Status(ErrorCode::kInvalid, "retentionPeriodSeconds must be a non-negative integer");
    return it->get<int64_t>();
  }
  if (auto it = body.find("retentionPeriodHrs"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0)
      return Status(ErrorCode::kInvalid, "retentionPeriodHrs must be a non-negative integer");
    return it->get<int64_t>() * 3600;
  }
  return int64_t{0};
}

Response post_setup(Database& db, const Request& req) {
  auto& catalog = db.catalog();
  if (catalog.onboarded()) return Response::error(ErrorCode::kConflict, "onboarding has already been completed");
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Response::error(ErrorCode::kInvalid, "failed to decode request body: invalid JSON");
  auto username = string_member(body, "username", "username is empty");
  if (!username.ok()) return Response::error(username.status());
  auto org_name = string_member(body, "org", "org name is empty");
  if (!org_name.ok()) return Response::error(org_name.status());
  auto bucket_name = string_member(body, "bucket", "bucket name is empty");
  if (!bucket_name.ok()) return Response::error(bucket_name.status());
  auto retention = retention_seconds(body);
  if (!retention.ok()) return Response::error(retention.status());
  const std::string password = body.value("password", "");
  std::string password_hash;
  if (!password.empty()) {
    if (Status s = auth::validate_password(password); !s.ok()) return Response::error(s);
    auto h = auth::hash_password(password);
    if (!h.ok()) return Response::error(h.status());
    password_hash = std::move(*h);
  }
  std::string token = body.value("token", "");
  if (token.empty()) {
    auto t = auth::new_token_secret();
    if (!t.ok()) return Response::error(t.status());
    token = std::move(*t);
  }

  // The user is stored last: until it exists, setup is still allowed, so a failure part-way
  // leaves a database that can be set up again.
  auto org = catalog.add_org({"", *org_name, "", "", ""});
  if (!org.ok()) return Response::error(org.status());
  catalog::Bucket b;
  b.org_id = org->id;
  b.name = *bucket_name;
  b.retention_seconds = *retention;
  auto bucket = catalog.add_bucket(std::move(b));
  if (!bucket.ok()) return Response::error(bucket.status());
  auto user_id = auth::new_id();
  if (!user_id.ok()) return Response::error(user_id.status());
  catalog::Authorization a;
  a.token_digest = auth::token_digest(token);
  a.description = *username + "'s Token";
  a.org_id = org->id;
  a.user_id = *user_id;
  a.permissions = auth::operator_permissions();
  auto authorization = catalog.add_authorization(std::move(a));
  if (!authorization.ok()) return Response::error(authorization.status());
  catalog::User u;
  u.name = *username;
  u.password_hash = std::move(password_hash);
  // The first user owns the instance (the operator) and the org, as InfluxDB's setup maps them.
  if (Status s = catalog.add_member({*user_id, "instance", "", "owner"}); !s.ok()) return Response::error(s);
  if (Status s = catalog.add_member({*user_id, "orgs", org->id, "owner"}); !s.ok()) return Response::error(s);
  auto user = catalog.add_user(std::move(u), *user_id);
  if (!user.ok()) return Response::error(user.status());

  json out = {{"user", user_json(*user)},
              {"org", org_json(*org)},
              {"bucket", bucket_json(*bucket)},
              {"auth", authorization_json(catalog, *authorization, token)}};
  return Response::json(201, out.dump());
}

}  // namespace

Response handle_setup(Call& c) {
  if (c.req.method == "GET") return Response::json(200, json{{"allowed", !c.db.catalog().onboarded()}}.dump());
  return post_setup(c.db, c.req);
}

}  // namespace tidewater::api
