// Credentials: /api/v2/signin and /signout (sessions behind the influxdb-oss-session cookie)
// and password changes, by the user themselves (Basic credentials with the old password) or by
// whoever may write the user (POST /users/{id}/password).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/auth/password.h"
#include "core/model/civil_time.h"

namespace tidewater::api {

namespace {

Status unauthorized() { return Status(ErrorCode::kUnauthorized, "unauthorized access"); }

// The user named by Basic credentials, when the password matches.
Result<const catalog::User*> check_credentials(const Database& db, const Request& req) {
  auto creds = basic_credentials(req);
  if (!creds) return unauthorized();
  const catalog::User* user = db.catalog().user_by_name(creds->first);
  if (!user || user->password_hash.empty() || !auth::verify_password(creds->second, user->password_hash))
    return unauthorized();
  if (user->status != "active") return Status(ErrorCode::kForbidden, "User is inactive");
  return user;
}

// "Wed, 21 Oct 2015 07:28:00 GMT", as cookies carry their expiry.
std::string http_date(int64_t unix_seconds) {
  static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t days = unix_seconds / 86400, secs = unix_seconds % 86400;
  if (secs < 0) secs += 86400, --days;
  const int weekday = static_cast<int>(((days % 7) + 7) % 7);
  const model::CivilDate date = model::civil_from_days(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02d:%02d:%02d GMT", kDays[weekday], static_cast<int>(date.day),
                kMonths[date.month - 1], static_cast<long long>(date.year), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

// Reads {"password": "..."} and stores its hash for the user.
Response set_password(Database& db, const Request& req, std::string_view user_id) {
  auto body = json_object_body(req);
  if (!body.ok()) return Response::error(body.status());
  auto password = optional_string(*body, "password");
  if (!password.ok()) return Response::error(password.status());
  if (!db.catalog().user_by_id(user_id)) return Response::error(ErrorCode::kNotFound, "user not found");
  if (Status s = auth::validate_password(password->value_or("")); !s.ok()) return Response::error(s);
  auto hash = auth::hash_password(**password);
  if (!hash.ok()) return Response::error(hash.status());
  if (Status s = db.catalog().set_password_hash(user_id, std::move(*hash)); !s.ok()) return Response::error(s);
  return Response::no_content();
}

}  // namespace

Response handle_signin(Call& c) {
  auto user = check_credentials(c.db, c.req);
  if (!user.ok()) return Response::error(user.status());
  const int64_t now = now_unix_ns();
  int64_t expires = 0;
  auto key = c.db.catalog().sessions().create((*user)->id, now, c.db.options().session_ttl_seconds * 1'000'000'000, &expires);
  if (!key.ok()) return Response::error(key.status());
  Response r = Response::no_content();
  r.headers.emplace_back("set-cookie", std::string(kSessionCookie) + "=" + *key + "; Path=/api/; Expires=" +
                                           http_date(expires / 1'000'000'000) + "; HttpOnly; SameSite=Strict");
  return r;
}

Response handle_signout(Call& c) {
  auto key = cookie_value(c.req, kSessionCookie);
  if (!key || !c.db.catalog().sessions().find(*key, now_unix_ns())) return Response::error(unauthorized());
  if (Status s = c.db.catalog().sessions().remove(*key); !s.ok()) return Response::error(s);
  return Response::no_content();
}

Response handle_me_password(Call& c) {
  auto user = check_credentials(c.db, c.req);
  if (!user.ok()) return Response::error(user.status());
  return set_password(c.db, c.req, (*user)->id);
}

Response handle_user_password(Call& c) {
  if (Status s = check_id(c.id); !s.ok()) return Response::error(s);
  if (c.req.method == "PUT") {
    // The user changes their own password, proving the old one with Basic credentials.
    auto user = check_credentials(c.db, c.req);
    if (!user.ok()) return Response::error(user.status());
    if ((*user)->id != c.id) return Response::error(ErrorCode::kForbidden, "cannot change another user's password");
    return set_password(c.db, c.req, c.id);
  }
  auto who = authenticate(c.db, c.req);
  if (!who.ok()) return Response::error(who.status());
  if (Status s = authorize(*who, auth::Action::kWrite, "users", "", c.id); !s.ok()) return Response::error(s);
  return set_password(c.db, c.req, c.id);
}

}  // namespace tidewater::api
