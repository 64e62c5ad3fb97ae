// /api/v2/dashboards with cells and views, and /api/v2/variables: InfluxDB 2.7's shapes,
// persistence across reopen, bad input that changes nothing.
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

TEST_CASE("dashboards: create, list, get, patch, delete") {
  ApiFixture f;
  json d = f.ok_json("POST", "/api/v2/dashboards",
                     json{{"orgID", f.org_id}, {"name", "Home"}, {"description", "rooms"}}.dump(), 201);
  const std::string id = d["id"];
  CHECK(id.size() == 16);
  CHECK(d["orgID"] == f.org_id);
  CHECK(d["name"] == "Home");
  CHECK(d["description"] == "rooms");
  CHECK(d["cells"] == json::array());
  CHECK(d["labels"] == json::array());
  CHECK(d["meta"]["createdAt"].is_string());
  CHECK(d["links"]["self"] == "/api/v2/dashboards/" + id);
  CHECK(d["links"]["cells"] == "/api/v2/dashboards/" + id + "/cells");
  CHECK(d["links"]["org"] == "/api/v2/orgs/" + f.org_id);

  json list = f.ok_json("GET", "/api/v2/dashboards?orgID=" + f.org_id);
  REQUIRE(list["dashboards"].size() == 1);
  CHECK(list["dashboards"][0]["id"] == id);
  CHECK(list["links"]["self"].get<std::string>().rfind("/api/v2/dashboards?", 0) == 0);
  CHECK(f.ok_json("GET", "/api/v2/dashboards?id=" + id)["dashboards"].size() == 1);

  json patched = f.ok_json("PATCH", "/api/v2/dashboards/" + id, R"({"name":"House"})");
  CHECK(patched["name"] == "House");
  CHECK(patched["description"] == "rooms");
  CHECK(f.ok_json("GET", "/api/v2/dashboards/" + id)["name"] == "House");

  CHECK(f.call("DELETE", "/api/v2/dashboards/" + id).status == 204);
  auto gone = f.call("GET", "/api/v2/dashboards/" + id);
  CHECK(gone.status == 404);
  CHECK(body_of(gone) == json{{"code", "not found"}, {"message", "dashboard not found"}});
}

TEST_CASE("dashboards: cells and views") {
  ApiFixture f;
  const std::string id = f.ok_json("POST", "/api/v2/dashboards", json{{"orgID", f.org_id}, {"name", "D"}}.dump(), 201)["id"];
  const std::string base = "/api/v2/dashboards/" + id + "/cells";
  json cell = f.ok_json("POST", base, R"({"name":"Temp","x":0,"y":0,"w":4,"h":3})", 201);
  const std::string cell_id = cell["id"];
  CHECK(cell["viewID"] == cell_id);
  CHECK(cell["w"] == 4);
  CHECK(cell["links"]["self"] == base + "/" + cell_id);
  CHECK(cell["links"]["view"] == base + "/" + cell_id + "/view");

  json view = f.ok_json("GET", base + "/" + cell_id + "/view");
  CHECK(view["id"] == cell_id);
  CHECK(view["name"] == "Temp");
  CHECK(view["properties"] == json{{"shape", "empty"}});
  const json props = {{"type", "xy"}, {"shape", "chronograf-v2"}, {"queries", json::array({{{"text", "from(bucket: \"b\")"}}})}};
  view = f.ok_json("PATCH", base + "/" + cell_id + "/view", json{{"name", "Temperature"}, {"properties", props}}.dump());
  CHECK(view["name"] == "Temperature");
  CHECK(view["properties"] == props);

  // usingView copies another cell's view.
  json copy = f.ok_json("POST", base, json{{"usingView", cell_id}, {"x", 4}, {"w", 4}, {"h", 3}}.dump(), 201);
  CHECK(f.ok_json("GET", base + "/" + copy["id"].get<std::string>() + "/view")["properties"] == props);

  json moved = f.ok_json("PATCH", base + "/" + cell_id, R"({"x":2,"y":5})");
  CHECK(moved["x"] == 2);
  CHECK(moved["y"] == 5);
  CHECK(moved["w"] == 4);

  // Dashboards list cells; ?include=properties adds their views.
  json d = f.ok_json("GET", "/api/v2/dashboards/" + id);
  REQUIRE(d["cells"].size() == 2);
  CHECK_FALSE(d["cells"][0].contains("properties"));
  json withProps = f.ok_json("GET", "/api/v2/dashboards/" + id + "?include=properties");
  CHECK(withProps["cells"][0]["properties"] == props);
  CHECK(withProps["cells"][0]["name"] == "Temperature");

  // PUT replaces the cell list (only existing cells): here one cell, moved.
  json replaced = f.ok_json("PUT", base, json::array({{{"id", cell_id}, {"x", 0}, {"y", 0}, {"w", 12}, {"h", 4}}}).dump(), 201);
  REQUIRE(replaced["cells"].size() == 1);
  CHECK(replaced["cells"][0]["w"] == 12);
  auto unknown = f.call("PUT", base, R"([{"id":"aaaaaaaaaaaaaaaa","x":0}])");
  CHECK(unknown.status == 400);
  CHECK(f.ok_json("GET", "/api/v2/dashboards/" + id)["cells"].size() == 1);

  CHECK(f.call("DELETE", base + "/" + cell_id).status == 204);
  CHECK(f.call("DELETE", base + "/" + cell_id).status == 404);
  CHECK(body_of(f.call("GET", base + "/" + cell_id + "/view"))["message"] == "cell not found");
  CHECK(f.ok_json("GET", "/api/v2/dashboards/" + id)["cells"].empty());

  f.reopen();
  CHECK(f.ok_json("GET", "/api/v2/dashboards/" + id)["name"] == "D");
}

TEST_CASE("dashboards: bad input changes nothing") {
  ApiFixture f;
  const std::string id = f.ok_json("POST", "/api/v2/dashboards", json{{"orgID", f.org_id}, {"name", "D"}}.dump(), 201)["id"];
  struct Case {
    const char* method;
    std::string target, body;
    int status;
  } cases[] = {
      {"POST", "/api/v2/dashboards", "{", 400},
      {"POST", "/api/v2/dashboards", "[]", 400},
      {"POST", "/api/v2/dashboards", json{{"orgID", f.org_id}}.dump(), 400},
      {"POST", "/api/v2/dashboards", json{{"orgID", f.org_id}, {"name", 3}}.dump(), 400},
      {"POST", "/api/v2/dashboards", json{{"orgID", "123"}, {"name", "x"}}.dump(), 400},
      {"POST", "/api/v2/dashboards", json{{"orgID", "aaaaaaaaaaaaaaaa"}, {"name", "x"}}.dump(), 404},
      {"PATCH", "/api/v2/dashboards/" + id, R"({"name":false})", 400},
      {"PATCH", "/api/v2/dashboards/" + id, R"({"name":""})", 400},
      {"GET", "/api/v2/dashboards/xyz", "", 400},
      {"GET", "/api/v2/dashboards/aaaaaaaaaaaaaaaa", "", 404},
      {"POST", "/api/v2/dashboards/" + id + "/cells", R"({"x":"1"})", 400},
      {"POST", "/api/v2/dashboards/" + id + "/cells", R"({"usingView":"aaaaaaaaaaaaaaaa"})", 404},
      {"PUT", "/api/v2/dashboards/" + id + "/cells", R"({"id":"x"})", 400},
      {"PATCH", "/api/v2/dashboards/" + id + "/cells/aaaaaaaaaaaaaaaa", R"({"x":1})", 404},
      {"DELETE", "/api/v2/dashboards/" + id + "/cells", "", 405},
  };
  for (const auto& c : cases) {
    auto r = f.call(c.method, c.target, c.body);
    INFO(c.method << " " << c.target << " " << c.body << " -> " << r.body);
    CHECK(r.status == c.status);
    const json j = body_of(r);
    CHECK(j["code"].is_string());
    CHECK(j["message"].is_string());
  }
  json d = f.ok_json("GET", "/api/v2/dashboards");
  REQUIRE(d["dashboards"].size() == 1);
  CHECK(d["dashboards"][0]["name"] == "D");
  CHECK(d["dashboards"][0]["cells"].empty());
}

TEST_CASE("variables: query, constant and map arguments") {
  ApiFixture f;
  const json query_args = {{"type", "query"}, {"values", {{"query", "buckets()"}, {"language", "flux"}}}};
  json v = f.ok_json("POST", "/api/v2/variables",
                     json{{"orgID", f.org_id}, {"name", "bucket"}, {"arguments", query_args}, {"selected", {"b"}}}.dump(), 201);
  const std::string id = v["id"];
  CHECK(v["arguments"] == query_args);
  CHECK(v["selected"] == json::array({"b"}));
  CHECK(v["labels"] == json::array());
  CHECK(v["links"]["self"] == "/api/v2/variables/" + id);
  CHECK(v["links"]["org"] == "/api/v2/orgs/" + f.org_id);
  CHECK(v["createdAt"].is_string());
  const json constant = {{"type", "constant"}, {"values", {"a", "b"}}};
  const json map = {{"type", "map"}, {"values", {{"k", "v"}}}};
  f.ok_json("POST", "/api/v2/variables", json{{"orgID", f.org_id}, {"name", "c"}, {"arguments", constant}}.dump(), 201);
  const std::string map_id =
      f.ok_json("POST", "/api/v2/variables", json{{"orgID", f.org_id}, {"name", "m"}, {"arguments", map}}.dump(), 201)["id"];

  auto dup = f.call("POST", "/api/v2/variables", json{{"orgID", f.org_id}, {"name", "c"}, {"arguments", constant}}.dump());
  CHECK(dup.status == 422);  // InfluxDB answers "conflict" with 422
  CHECK(body_of(dup)["code"] == "conflict");
  for (const json& bad : {json{{"type", "constant"}, {"values", {1, 2}}}, json{{"type", "map"}, {"values", {"x"}}},
                          json{{"type", "query"}, {"values", "x"}}, json{{"type", "other"}, {"values", json::array()}}}) {
    auto r = f.call("POST", "/api/v2/variables", json{{"orgID", f.org_id}, {"name", "z"}, {"arguments", bad}}.dump());
    INFO(bad.dump() << " -> " << r.body);
    CHECK(r.status == 400);
  }
  CHECK(f.call("POST", "/api/v2/variables", json{{"orgID", f.org_id}, {"name", "a b"}, {"arguments", map}}.dump()).status == 400);
  CHECK(f.call("POST", "/api/v2/variables", json{{"orgID", f.org_id}, {"arguments", map}}.dump()).status == 400);

  json list = f.ok_json("GET", "/api/v2/variables?orgID=" + f.org_id);
  CHECK(list["variables"].size() == 3);
  CHECK(list["links"]["self"] == "/api/v2/variables?orgID=" + f.org_id);

  json patched = f.ok_json("PATCH", "/api/v2/variables/" + id, R"({"selected":["_monitoring"],"description":"d"})");
  CHECK(patched["selected"] == json::array({"_monitoring"}));
  CHECK(patched["arguments"] == query_args);
  CHECK(f.call("PATCH", "/api/v2/variables/" + id, R"({"name":"c"})").status == 422);
  json put = f.ok_json("PUT", "/api/v2/variables/" + map_id, json{{"name", "m2"}, {"arguments", constant}}.dump());
  CHECK(put["name"] == "m2");
  CHECK(put["orgID"] == f.org_id);
  CHECK(put["arguments"] == constant);

  f.reopen();
  CHECK(f.ok_json("GET", "/api/v2/variables/" + map_id)["name"] == "m2");
  CHECK(f.call("DELETE", "/api/v2/variables/" + map_id).status == 204);
  CHECK(body_of(f.call("GET", "/api/v2/variables/" + map_id))["message"] == "variable not found");
}

TEST_CASE("definitions of a deleted org are deleted") {
  ApiFixture f;
  const std::string org = f.new_org("other");
  const std::string id = f.ok_json("POST", "/api/v2/dashboards", json{{"orgID", org}, {"name", "D"}}.dump(), 201)["id"];
  CHECK(f.call("DELETE", "/api/v2/orgs/" + org).status == 204);
  CHECK(f.call("GET", "/api/v2/dashboards/" + id).status == 404);
}
