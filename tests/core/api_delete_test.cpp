#include "core/api/delete_predicate.h"
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;
using api::TagCondition;

TEST_CASE("delete predicates: InfluxDB's grammar (AND, =, !=, quoted keys and values)") {
  struct Case {
    std::string text;
    std::vector<TagCondition> want;
  };
  const Case cases[] = {
      {"", {}},
      {"   ", {}},
      {R"(_measurement="home")", {{"_measurement", "home", true}}},
      {R"(_measurement="home" AND room="Kitchen")", {{"_measurement", "home", true}, {"room", "Kitchen", true}}},
      {R"(room != 'Living Room' and "tag key"="v")", {{"room", "Living Room", false}, {"tag key", "v", true}}},
      {R"((a="1" AND (b="2")) AND c=d)", {{"a", "1", true}, {"b", "2", true}, {"c", "d", true}}},
      {R"(a="with \"quote\"")", {{"a", "with \"quote\"", true}}},
  };
  for (const auto& c : cases) {
    auto got = api::parse_delete_predicate(c.text);
    INFO(c.text);
    REQUIRE(got.ok());
    CHECK(*got == c.want);
  }
  struct Bad {
    std::string text;
    std::string message;
  };
  const Bad bad[] = {
      {R"(a="1" OR b="2")", "the logical operator OR is not supported yet at position 6"},
      {R"(a=~/x/)", "operator: \"=~\" at position: 1 is not supported yet"},
      {R"(a!~/x/)", "operator: \"!~\" at position: 1 is not supported yet"},
      {R"(a > "1")", "invalid operator at position 2"},
      {R"(a=)", "invalid tag value at position 2"},
      {R"(a="1" b="2")", "bad logical expression, at position 6"},
      {R"((a="1")", "extra ( seen"},
      {R"(a="1"))", "extra ) seen"},
      {R"(a="1" AND)", "bad logical expression, at position 9"},
      {R"(a="unterminated)", "invalid tag value at position 2"},
      {R"(_field="temp")", "delete by field is not supported"},
      {"AND", "bad logical expression, at position 0"},
  };
  for (const auto& b : bad) {
    auto got = api::parse_delete_predicate(b.text);
    INFO(b.text);
    REQUIRE_FALSE(got.ok());
    CHECK(got.status().code() == ErrorCode::kInvalid);
    CHECK(got.status().message() == b.message);
  }
}

TEST_CASE("a delete request matches series by measurement and tags") {
  api::DeleteRequest r;
  r.conditions = {{"_measurement", "home", true}, {"room", "Kitchen", false}};
  CHECK(r.matches({"home", {{"room", "Living Room"}}}));
  CHECK_FALSE(r.matches({"home", {{"room", "Kitchen"}}}));
  CHECK(r.matches({"home", {}}));  // a missing tag compares as ""
  CHECK_FALSE(r.matches({"other", {{"room", "Living Room"}}}));
  CHECK(api::DeleteRequest{}.matches({"anything", {}}));
}

TEST_CASE("POST /api/v2/delete validates, authorizes and answers 204") {
  ApiFixture f;
  const std::string ok = R"({"start":"2022-01-01T00:00:00Z","stop":"2022-01-02T00:00:00Z","predicate":"_measurement=\"home\""})";
  CHECK(f.call("POST", "/api/v2/delete?org=o&bucket=b", ok).status == 204);
  CHECK(f.call("POST", "/api/v2/delete?orgID=" + f.org_id + "&bucketID=" + f.bucket_id,
               R"({"start":"1970-01-01T00:00:00Z","stop":"2262-01-01T00:00:00.5Z"})")
            .status == 204);
  struct Case {
    std::string target, body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"/api/v2/delete?org=o&bucket=b", "{", 400, "invalid request; error parsing request json: the body must be a JSON object"},
      {"/api/v2/delete?org=o&bucket=b", R"({"stop":"2022-01-02T00:00:00Z"})", 400,
       "invalid request; error parsing request json: invalid RFC3339Nano for field start, please format your time with "
       "RFC3339Nano format, example: 2009-01-02T23:00:00Z"},
      {"/api/v2/delete?org=o&bucket=b", R"({"start":"2022-01-01T00:00:00Z","stop":"yesterday"})", 400,
       "invalid request; error parsing request json: invalid RFC3339Nano for field stop, please format your time with "
       "RFC3339Nano format, example: 2009-01-01T23:00:00Z"},
      {"/api/v2/delete?org=o&bucket=b",
       R"({"start":"2022-01-01T00:00:00Z","stop":"2022-01-02T00:00:00Z","predicate":"a=\"1\" or b=\"2\""})", 400,
       "invalid request; error parsing request json: the logical operator OR is not supported yet at position 6"},
      {"/api/v2/delete?org=o&bucket=b", R"({"start":"2022-01-01T00:00:00Z","stop":"2022-01-02T00:00:00Z","predicate":5})",
       400, "invalid request; error parsing request json: predicate must be a string"},
      {"/api/v2/delete?bucket=b", ok, 400, "Please provide either orgID or org"},
      {"/api/v2/delete?org=o", ok, 400, "Please provide either bucketID or bucket"},
      {"/api/v2/delete?org=nope&bucket=b", ok, 404, "organization name \"nope\" not found"},
      {"/api/v2/delete?org=o&bucket=nope", ok, 404, "bucket \"nope\" not found"},
      {"/api/v2/delete?org=o&bucketID=0123456789abcdef", ok, 404, "bucket not found"},
  };
  for (const auto& c : cases) {
    auto r = f.call("POST", c.target, c.body);
    INFO(c.target << " " << c.body << " -> " << r.body);
    CHECK(r.status == c.status);
    CHECK(body_of(r)["message"] == c.message);
  }
  auto [reader, reader_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, f.bucket_id));
  auto denied = f.call_as(reader, "POST", "/api/v2/delete?org=o&bucket=b", ok);
  CHECK(denied.status == 403);
  CHECK(body_of(denied) == json{{"code", "forbidden"}, {"message", "insufficient permissions to delete"}});
  auto [writer, writer_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("write", f.org_id, f.bucket_id));
  CHECK(f.call_as(writer, "POST", "/api/v2/delete?org=o&bucket=b", ok).status == 204);
}

TEST_CASE("delete removes exactly the matching points, and the removal survives reopening") {
  ApiFixture f;
  REQUIRE(f.call("POST", "/api/v2/write?org=o&bucket=b&precision=s",
                 "cpu,host=a v=1 100\ncpu,host=a v=2 200\ncpu,host=b v=3 100\nmem,host=a v=4 100\n").status == 204);
  auto del = f.call("POST", "/api/v2/delete?org=o&bucket=b",
                    R"({"start":"1970-01-01T00:00:00Z","stop":"1970-01-01T00:02:30Z","predicate":"_measurement=\"cpu\" AND host!=\"b\""})");
  CHECK(del.status == 204);
  const std::string q = R"(from(bucket: "b") |> range(start: 0, stop: 1000))";
  auto count_rows = [&] {
    const std::string csv = f.call_as(f.token, "POST", "/api/v2/query?org=o", q, {{"Content-Type", "application/vnd.flux"}}).body;
    size_t n = 0;
    for (size_t i = csv.find(",_result,"); i != std::string::npos; i = csv.find(",_result,", i + 1)) ++n;
    return n;
  };
  CHECK(count_rows() == 3);  // cpu,host=a at 100 is gone; 200 is after stop
  f.reopen();
  CHECK(count_rows() == 3);
}
