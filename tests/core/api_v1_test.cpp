// The v1 compatibility API: /write and /query as InfluxDB 2.7 answers them (credentials, DBRP
// mappings, precision, errors, epoch/pretty/chunked/CSV output).
#include <fstream>
#include <sstream>

#include "core/api/request_util.h"
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

struct V1 : ApiFixture {
  V1() {
    auto r = call("POST", "/write?db=b&precision=s",
                  "home,room=Kitchen temp=21,co=0i 1641024000\nhome,room=Living temp=22.5,co=3i 1641027600\n");
    INFO(r.body);
    REQUIRE(r.status == 204);
  }
  api::Response query(const std::string& target, const std::string& as_token = "") {
    return call_as(as_token.empty() ? token : as_token, "GET", target);
  }
};

std::string q(const std::string& text) { return api::query_escape(text); }

}  // namespace

TEST_CASE("v1 /query answers SELECT by GET, POST form and POST body") {
  V1 f;
  const std::string want =
      R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",22.5]]}]}]})"
      "\n";
  auto r = f.query("/query?db=b&q=" + q("SELECT temp FROM home"));
  CHECK(r.status == 200);
  CHECK(header_of(r, "content-type") == "application/json");
  CHECK(r.body == want);
  r = f.call_as(f.token, "POST", "/query?db=b", "q=" + q("SELECT temp FROM home"),
                {{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(r.body == want);
  r = f.call_as(f.token, "POST", "/query?db=b", "SELECT temp FROM home", {{"Content-Type", "application/vnd.influxql"}});
  CHECK(r.body == want);
  // The form's value wins over the URL's, as Go's FormValue.
  r = f.call_as(f.token, "POST", "/query?db=nope&q=x", "db=b&q=" + q("SELECT temp FROM home"),
                {{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(r.body == want);
}

TEST_CASE("v1 /query: several statements, epoch, pretty, CSV and chunks") {
  V1 f;
  auto r = f.query("/query?db=b&epoch=s&q=" + q("SELECT co FROM home; SELECT count(temp) FROM home"));
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co"],"values":[[1641024000,0],[1641027600,3]]}]},{"statement_id":1,"series":[{"name":"home","columns":["time","count"],"values":[[0,2]]}]}]})"
        "\n");
  r = f.query("/query?db=b&epoch=ms&pretty=true&q=" + q("SELECT count(temp) FROM home"));
  CHECK(r.body.find("{\n    \"results\": [\n        {\n            \"statement_id\": 0,") == 0);
  CHECK(r.body.find("0,\n                            2") != std::string::npos);
  r = f.call_as(f.token, "GET", "/query?db=b&q=" + q("SELECT temp FROM home"), "", {{"Accept", "application/csv"}});
  CHECK(header_of(r, "content-type") == "application/csv");
  CHECK(r.body == "name,tags,time,temp\nhome,,1641024000000000000,21\nhome,,1641027600000000000,22.5\n");
  r = f.query("/query?db=b&chunked=true&chunk_size=1&q=" + q("SELECT temp FROM home"));
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]],"partial":true}],"partial":true}]})"
        "\n"
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T09:00:00Z",22.5]]}]}]})"
        "\n");
  r = f.query("/query?db=b&params=" + q(R"({"room":"Kitchen"})") + "&q=" + q("SELECT temp FROM home WHERE room = $room"));
  CHECK(r.body.find(R"("values":[["2022-01-01T08:00:00Z",21]])") != std::string::npos);
}

TEST_CASE("v1 credentials: u/p, Token [user:]token, Basic; none or wrong is 401") {
  V1 f;
  const std::string target = "/query?db=b&q=" + q("SELECT count(temp) FROM home");
  auto plain = [&](const std::string& t, std::vector<std::pair<std::string, std::string>> h = {}) {
    api::Request req = api::Request::from_target("GET", t);
    for (auto& [k, v] : h) req.set_header(k, v);
    return f.router->handle(req);
  };
  CHECK(plain(target + "&u=ada&p=" + q(f.token)).status == 200);
  CHECK(plain(target, {{"Authorization", "Token ada:" + f.token}}).status == 200);
  const std::string basic = "ada:" + f.token;
  static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string enc;
  for (size_t i = 0; i < basic.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(basic[i]) << 16;
    if (i + 1 < basic.size()) n |= static_cast<unsigned char>(basic[i + 1]) << 8;
    if (i + 2 < basic.size()) n |= static_cast<unsigned char>(basic[i + 2]);
    enc += b64[n >> 18 & 63];
    enc += b64[n >> 12 & 63];
    enc += i + 1 < basic.size() ? b64[n >> 6 & 63] : '=';
    enc += i + 2 < basic.size() ? b64[n & 63] : '=';
  }
  CHECK(plain(target, {{"Authorization", "Basic " + enc}}).status == 200);
  auto none = plain(target);
  CHECK(none.status == 401);
  CHECK(none.body == R"({"code":"unauthorized","message":"unauthorized access"})");
  CHECK(plain(target + "&u=ada&p=wrong").status == 401);
  api::Request w = api::Request::from_target("POST", "/write?db=b");
  w.set_header("Authorization", "Token nope");
  w.body = "p v=1";
  CHECK(f.router->handle(w).status == 401);
}

TEST_CASE("v1 /write: precision, DBRP lookup and InfluxDB's errors") {
  V1 f;
  CHECK(f.call("POST", "/write?db=b&precision=h", "p v=1 1").status == 204);
  CHECK(f.call("POST", "/write?db=b&precision=m", "p v=2 1").status == 204);
  CHECK(f.call("POST", "/write?db=b&rp=autogen&precision=u", "p v=3 1").status == 204);
  CHECK(f.call("POST", "/write?db=b&precision=ms", "p v=4 1").status == 204);
  CHECK(f.call("POST", "/write?db=b&precision=n", "p v=5 1").status == 204);
  auto r = f.query("/query?db=b&epoch=ns&q=" + q("SELECT v FROM p"));
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","v"],"values":[[1,5],[1000,3],[1000000,4],[60000000000,2],[3600000000000,1]]}]}]})"
        "\n");

  r = f.call("POST", "/write", "p v=1");
  CHECK(r.status == 400);
  CHECK(r.body == R"({"code":"invalid","message":"missing db"})");
  r = f.call("POST", "/write?db=nope", "p v=1");
  CHECK(r.status == 404);
  CHECK(r.body == R"({"code":"not found","message":"no dbrp mapping found"})");
  CHECK(f.call("POST", "/write?db=b&rp=other", "p v=1").status == 404);
  r = f.call("POST", "/write?db=b", "p v=");
  CHECK(r.status == 400);
  CHECK(body_of(r)["code"] == "invalid");
  CHECK(f.call("POST", "/write?db=b", "").status == 400);
  r = f.call("POST", "/write?db=b", "p v=\"text\" 1");
  CHECK(r.status == 422);
  CHECK(body_of(r)["message"].get<std::string>().rfind("failure writing points to database: partial write: ", 0) == 0);

  auto [reader, id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, f.bucket_id));
  r = f.call_as(reader, "POST", "/write?db=b", "p v=1");
  CHECK(r.status == 403);
  CHECK(r.body == R"({"code":"forbidden","message":"insufficient permissions for write"})");
  CHECK(f.query("/query?db=b&q=" + q("SELECT count(temp) FROM home"), reader).status == 200);
}

TEST_CASE("v1 /query: databases and retention policies are DBRP mappings") {
  V1 f;
  const std::string other = f.new_bucket(f.org_id, "raw");
  f.ok_json("POST", "/api/v2/dbrps",
            json{{"orgID", f.org_id}, {"bucketID", other}, {"database", "telegraf"}, {"retention_policy", "weekly"}, {"default", true}}.dump(),
            201);
  CHECK(f.call("POST", "/write?db=telegraf", "cpu usage=0.5 1000000000").status == 204);
  auto r = f.query("/query?q=" + q("SELECT usage FROM telegraf.weekly.cpu; SELECT usage FROM cpu") + "&db=telegraf&epoch=s");
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","usage"],"values":[[1,0.5]]}]},{"statement_id":1,"series":[{"name":"cpu","columns":["time","usage"],"values":[[1,0.5]]}]}]})"
        "\n");
  // System buckets have virtual mappings too, as in InfluxDB 2.7.
  r = f.query("/query?q=" + q("SHOW DATABASES"));
  CHECK(r.body == R"({"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["telegraf"],["_monitoring"],["_tasks"],["b"],["raw"]]}]}]})" "\n");
  r = f.query("/query?db=telegraf&q=" + q("SHOW RETENTION POLICIES"));
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"series":[{"columns":["name","duration","shardGroupDuration","replicaN","default"],"values":[["weekly","0s","168h0m0s",1,true]]}]}]})"
        "\n");
  r = f.query("/query?db=nope&q=" + q("SELECT usage FROM cpu; SELECT usage FROM b.nope.cpu"));
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"error":"database not found: nope"},{"statement_id":1,"error":"retention policy not found: nope"}]})"
        "\n");
  // A token that reads only bucket b sees only its database.
  auto [reader, id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, f.bucket_id));
  r = f.query("/query?q=" + q("SHOW DATABASES"), reader);
  CHECK(r.body == R"({"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["b"]]}]}]})" "\n");
  r = f.query("/query?db=telegraf&q=" + q("SELECT usage FROM cpu"), reader);
  CHECK(r.body == R"({"results":[{"statement_id":0,"error":"insufficient permissions"}]})" "\n");
}

TEST_CASE("v1 /query: parse errors, missing q, DELETE and DROP MEASUREMENT") {
  V1 f;
  auto r = f.query("/query?db=b&q=" + q("SELECT"));
  CHECK(r.status == 400);
  CHECK(r.body.rfind(R"({"error":"error parsing query: found EOF)", 0) == 0);
  r = f.query("/query?db=b");
  CHECK(r.status == 400);
  CHECK(r.body == R"({"error":"missing required parameter \"q\""})" "\n");
  r = f.query("/query?db=b&q=" + q("DELETE FROM home WHERE room = 'Kitchen'"));
  CHECK(r.body == R"({"results":[{"statement_id":0}]})" "\n");
  r = f.query("/query?db=b&q=" + q("SELECT count(temp) FROM home"));
  CHECK(r.body.find(R"("values":[["1970-01-01T00:00:00Z",1]])") != std::string::npos);
  f.query("/query?db=b&q=" + q("DROP MEASUREMENT home"));
  r = f.query("/query?db=b&q=" + q("SELECT count(temp) FROM home"));
  CHECK(r.body == R"({"results":[{"statement_id":0}]})" "\n");
  CHECK(f.call("DELETE", "/query?db=b&q=x").status == 405);
}

TEST_CASE("tutorial InfluxQL step: GET /query?db=get-started&rp=autogen gives InfluxDB's answer") {
  ApiFixture f;
  f.new_bucket(f.org_id, "get-started");
  std::ifstream in(std::string(TW_SHARED_DIR) + "/tutorial/home.lp");
  std::stringstream lp;
  lp << in.rdbuf();
  REQUIRE(f.call("POST", "/write?db=get-started&precision=s", lp.str()).status == 204);
  const std::string q = api::query_escape(
      R"(SELECT co,hum,temp,room FROM "get-started".autogen.home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z')");
  auto r = f.call("GET", "/query?db=get-started&rp=autogen&q=" + q);
  CHECK(r.status == 200);
  // As InfluxDB 1.6.7 answered on the same data (see influxql_exec_test.cpp).
  CHECK(r.body ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","temp","room"],"values":[["2022-01-01T08:00:00Z",0,35.9,21,"Kitchen"],["2022-01-01T08:00:00Z",0,35.9,21.1,"Living Room"],["2022-01-01T09:00:00Z",0,36.2,23,"Kitchen"],["2022-01-01T09:00:00Z",0,35.9,21.4,"Living Room"],["2022-01-01T10:00:00Z",0,36.1,22.7,"Kitchen"],["2022-01-01T10:00:00Z",0,36,21.8,"Living Room"],["2022-01-01T11:00:00Z",0,36,22.4,"Kitchen"],["2022-01-01T11:00:00Z",0,36,22.2,"Living Room"],["2022-01-01T12:00:00Z",0,36,22.5,"Kitchen"],["2022-01-01T12:00:00Z",0,35.9,22.2,"Living Room"],["2022-01-01T13:00:00Z",1,36.5,22.8,"Kitchen"],["2022-01-01T13:00:00Z",0,36,22.4,"Living Room"],["2022-01-01T14:00:00Z",1,36.3,22.8,"Kitchen"],["2022-01-01T14:00:00Z",0,36.1,22.3,"Living Room"],["2022-01-01T15:00:00Z",3,36.2,22.7,"Kitchen"],["2022-01-01T15:00:00Z",1,36.1,22.3,"Living Room"],["2022-01-01T16:00:00Z",7,36,22.4,"Kitchen"],["2022-01-01T16:00:00Z",4,36,22.4,"Living Room"],["2022-01-01T17:00:00Z",9,36,22.7,"Kitchen"],["2022-01-01T17:00:00Z",5,35.9,22.6,"Living Room"],["2022-01-01T18:00:00Z",18,36.9,23.3,"Kitchen"],["2022-01-01T18:00:00Z",9,36.2,22.8,"Living Room"],["2022-01-01T19:00:00Z",22,36.6,23.1,"Kitchen"],["2022-01-01T19:00:00Z",14,36.3,22.5,"Living Room"],["2022-01-01T20:00:00Z",26,36.5,22.7,"Kitchen"],["2022-01-01T20:00:00Z",17,36.4,22.2,"Living Room"]]}]}]})"
        "\n");
}
