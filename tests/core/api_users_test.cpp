#include "core/util/file.h"
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {
// "Basic base64(user:password)".
std::string basic(const std::string& user, const std::string& password) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string in = user + ":" + password;
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<uint8_t>(in[i + 2]);
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
    out.push_back(i + 1 < in.size() ? kAlphabet[v >> 6 & 63] : '=');
    out.push_back(i + 2 < in.size() ? kAlphabet[v & 63] : '=');
  }
  return "Basic " + out;
}

// The cookie value a sign-in answer sets ("influxdb-oss-session=...").
std::string session_cookie(const api::Response& r) {
  const std::string h = header_of(r, "set-cookie");
  return h.substr(0, h.find(';'));
}
}  // namespace

TEST_CASE("users: create, list, get, patch, delete with InfluxDB's shapes") {
  ApiFixture f;
  const json me = f.ok_json("GET", "/api/v2/me");
  CHECK(me == json{{"links", {{"self", "/api/v2/users/" + f.user_id}}}, {"id", f.user_id}, {"name", "ada"}, {"status", "active"}});

  const json grace = f.ok_json("POST", "/api/v2/users", R"({"name":"grace"})", 201);
  const std::string id = grace["id"];
  CHECK(grace == json{{"links", {{"self", "/api/v2/users/" + id}}}, {"id", id}, {"name", "grace"}, {"status", "active"}});
  CHECK(f.ok_json("GET", "/api/v2/users/" + id) == grace);

  json list = f.ok_json("GET", "/api/v2/users");
  CHECK(list["links"] == json{{"self", "/api/v2/users"}});
  CHECK(list["users"].size() == 2);
  CHECK(f.ok_json("GET", "/api/v2/users?name=grace")["users"] == json::array({grace}));
  CHECK(f.ok_json("GET", "/api/v2/users?id=" + id)["users"] == json::array({grace}));
  CHECK(f.ok_json("GET", "/api/v2/users?limit=1&offset=1")["users"] == json::array({grace}));

  json patched = f.ok_json("PATCH", "/api/v2/users/" + id, R"({"name":"hopper","status":"inactive"})");
  CHECK(patched["name"] == "hopper");
  CHECK(patched["status"] == "inactive");
  CHECK(body_of(f.call("PATCH", "/api/v2/users/" + id, R"({"status":"gone"})"))["code"] == "invalid");
  auto dup = f.call("POST", "/api/v2/users", R"({"name":"ada"})");
  CHECK(dup.status == 422);
  CHECK(body_of(dup) == json{{"code", "conflict"}, {"message", "user with name ada already exists"}});
  CHECK(f.call("PATCH", "/api/v2/users/" + id, R"({"name":"ada"})").status == 422);
  CHECK(body_of(f.call("POST", "/api/v2/users", R"({"name":""})"))["message"] == "user name is empty");
  CHECK(f.call("POST", "/api/v2/users", R"({"name":7})").status == 400);

  CHECK(f.call("DELETE", "/api/v2/users/" + id).status == 204);
  CHECK(body_of(f.call("GET", "/api/v2/users/" + id)) == json{{"code", "not found"}, {"message", "user not found"}});
  CHECK(f.call("DELETE", "/api/v2/users/" + id).status == 404);
  CHECK(body_of(f.call("GET", "/api/v2/users/xyz"))["message"] == "id must have a length of 16 bytes");
}

TEST_CASE("an org's all-access token cannot manage users, as in InfluxDB") {
  ApiFixture f;
  auto [all, all_id] = f.make_token(f.org_id, ApiFixture::all_access(f.org_id));
  auto r = f.call_as(all, "POST", "/api/v2/users", R"({"name":"x"})");
  CHECK(r.status == 401);
  CHECK(body_of(r)["message"] == "write:users is unauthorized");
  CHECK(body_of(f.call_as(all, "GET", "/api/v2/users"))["users"] == json::array());
  CHECK(body_of(f.call_as(all, "GET", "/api/v2/users/" + f.user_id))["message"] ==
        "read:users/" + f.user_id + " is unauthorized");
  // /me answers for any token: the token's user.
  CHECK(body_of(f.call_as(all, "GET", "/api/v2/me"))["name"] == "ada");
}

TEST_CASE("sign in with Basic credentials, use the session cookie, sign out") {
  ApiFixture f;
  auto r = f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "lovelace-1815")}});
  REQUIRE(r.status == 204);
  const std::string set_cookie = header_of(r, "set-cookie");
  CHECK(set_cookie.rfind("influxdb-oss-session=", 0) == 0);
  CHECK(set_cookie.find("; Path=/api/; Expires=") != std::string::npos);
  CHECK(set_cookie.find(" GMT; HttpOnly; SameSite=Strict") != std::string::npos);
  const std::string cookie = session_cookie(r);

  // The session acts with the user's permissions: ada owns the instance.
  auto me = f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", "theme=dark; " + cookie}});
  CHECK(me.status == 200);
  CHECK(body_of(me)["id"] == f.user_id);
  CHECK(f.call_as("", "GET", "/api/v2/buckets", "", {{"Cookie", cookie}}).status == 200);
  CHECK(f.call_as("", "POST", "/api/v2/write?org=o&bucket=b", "m v=1", {{"Cookie", cookie}}).status == 204);
  CHECK(f.call_as("", "POST", "/api/v2/orgs", R"({"name":"by-session"})", {{"Cookie", cookie}}).status == 201);

  CHECK(f.call_as("", "POST", "/api/v2/signout", "", {{"Cookie", cookie}}).status == 204);
  CHECK(f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", cookie}}).status == 401);
  CHECK(f.call_as("", "POST", "/api/v2/signout", "", {{"Cookie", cookie}}).status == 401);

  // Wrong password, unknown user, no credentials: 401, no cookie.
  for (const auto& h : {basic("ada", "wrong-password"), basic("nobody", "lovelace-1815"), std::string("Basic !!")}) {
    auto bad = f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", h}});
    CHECK(bad.status == 401);
    CHECK(body_of(bad) == json{{"code", "unauthorized"}, {"message", "unauthorized access"}});
    CHECK(header_of(bad, "set-cookie").empty());
  }
  CHECK(f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", "influxdb-oss-session=made-up"}}).status == 401);
}

TEST_CASE("a session of a user without org membership has only the user's own permissions") {
  ApiFixture f;
  const std::string id = f.ok_json("POST", "/api/v2/users", R"({"name":"grace"})", 201)["id"];
  CHECK(f.call("POST", "/api/v2/users/" + id + "/password", R"({"password":"short"})").status == 400);
  CHECK(f.call("POST", "/api/v2/users/" + id + "/password", R"({"password":"amazing-grace"})").status == 204);
  auto r = f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("grace", "amazing-grace")}});
  REQUIRE(r.status == 204);
  const std::string cookie = session_cookie(r);
  CHECK(f.call_as("", "GET", "/api/v2/users/" + id, "", {{"Cookie", cookie}}).status == 200);
  CHECK(body_of(f.call_as("", "GET", "/api/v2/buckets", "", {{"Cookie", cookie}}))["buckets"] == json::array());
  CHECK(f.call_as("", "POST", "/api/v2/write?org=o&bucket=b", "m v=1", {{"Cookie", cookie}}).status == 403);
  // Deactivating the user ends their sessions.
  f.ok_json("PATCH", "/api/v2/users/" + id, R"({"status":"inactive"})");
  CHECK(f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", cookie}}).status == 401);
  CHECK(f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("grace", "amazing-grace")}}).status == 403);
}

TEST_CASE("password changes: PUT /me/password proves the old password") {
  ApiFixture f;
  auto r = f.call_as("", "PUT", "/api/v2/me/password", R"({"password":"new-password-1"})",
                     {{"Authorization", basic("ada", "lovelace-1815")}});
  CHECK(r.status == 204);
  CHECK(f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "lovelace-1815")}}).status == 401);
  CHECK(f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "new-password-1")}}).status == 204);
  CHECK(f.call_as("", "PUT", "/api/v2/me/password", R"({"password":"x-password-2"})",
                  {{"Authorization", basic("ada", "lovelace-1815")}}).status == 401);
  CHECK(f.call_as("", "PUT", "/api/v2/me/password", R"({"password":"short"})",
                  {{"Authorization", basic("ada", "new-password-1")}}).status == 400);
  CHECK(f.call_as("", "PUT", "/api/v2/users/" + f.user_id + "/password", R"({"password":"third-password"})",
                  {{"Authorization", basic("ada", "new-password-1")}}).status == 204);
  // The password and signed-in sessions survive reopening; a signed-out session stays out.
  auto session = f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "third-password")}});
  REQUIRE(session.status == 204);
  auto ended = f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "third-password")}});
  REQUIRE(ended.status == 204);
  CHECK(f.call_as("", "POST", "/api/v2/signout", "", {{"Cookie", session_cookie(ended)}}).status == 204);
  f.reopen();
  CHECK(f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", session_cookie(session)}}).status == 200);
  CHECK(f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", session_cookie(ended)}}).status == 401);
  CHECK(f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "third-password")}}).status == 204);
  // Only digests are stored: the cookie value is not in the file.
  auto file = util::read_file(f.dir.path() + "/catalog/sessions.json");
  REQUIRE(file.ok());
  const std::string cookie = session_cookie(session);
  CHECK(file->find(cookie.substr(cookie.find('=') + 1)) == std::string::npos);
}

TEST_CASE("an expired session does not come back after a reopen") {
  ApiFixture f;
  auto session = f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", basic("ada", "lovelace-1815")}});
  REQUIRE(session.status == 204);
  // Rewrite the stored expiry into the past, as if the hour had gone by.
  const std::string path = f.dir.path() + "/catalog/sessions.json";
  auto text = util::read_file(path);
  REQUIRE(text.ok());
  json stored = json::parse(*text);
  REQUIRE(stored.size() == 1);
  stored[0]["expiresAt"] = 1;
  REQUIRE(util::write_file_atomic(path, stored.dump()).ok());
  f.reopen();
  CHECK(f.call_as("", "GET", "/api/v2/me", "", {{"Cookie", session_cookie(session)}}).status == 401);
  CHECK(f.db->catalog().sessions().size() == 0);
}

TEST_CASE("deleting a user revokes their tokens") {
  ApiFixture f;
  const std::string id = f.ok_json("POST", "/api/v2/users", R"({"name":"grace"})", 201)["id"];
  auto created = f.ok_json("POST", "/api/v2/authorizations",
                           json{{"orgID", f.org_id}, {"userID", id},
                                {"permissions", ApiFixture::bucket_permission("read", f.org_id, f.bucket_id)}}.dump(), 201);
  const std::string token = created["token"];
  CHECK(created["user"] == "grace");
  CHECK(f.call_as(token, "GET", "/api/v2/buckets/" + f.bucket_id).status == 200);
  f.ok_json("PATCH", "/api/v2/users/" + id, R"({"status":"inactive"})");
  CHECK(body_of(f.call_as(token, "GET", "/api/v2/buckets/" + f.bucket_id))["message"] == "User is inactive");
  f.ok_json("PATCH", "/api/v2/users/" + id, R"({"status":"active"})");
  CHECK(f.call("DELETE", "/api/v2/users/" + id).status == 204);
  CHECK(f.call_as(token, "GET", "/api/v2/buckets/" + f.bucket_id).status == 401);
  CHECK(f.db->catalog().authorization_by_id(created["id"].get<std::string>()) == nullptr);
}
