// /api/v2/remotes and /api/v2/replications: shapes, validation, permissions, persistence, the
// remote token kept secret, and writes to a replicated bucket reaching its queue.
#include <doctest/doctest.h>

#include "core/replication/replication_outbox.h"
#include "core/util/file.h"
#include "tests/core/api_fixture.h"

using namespace tidewater;
using tidewater::testing::ApiFixture;
using tidewater::testing::body_of;
using nlohmann::json;

namespace {

json make_remote(ApiFixture& f, const std::string& name = "influx") {
  return f.ok_json("POST", "/api/v2/remotes",
                   json{{"orgID", f.org_id}, {"name", name}, {"remoteURL", "http://127.0.0.1:9"},
                        {"remoteAPIToken", "remote-secret"}, {"remoteOrgID", "0123456789abcdef"}}.dump(), 201);
}

json make_replication(ApiFixture& f, const std::string& remote_id) {
  return f.ok_json("POST", "/api/v2/replications",
                   json{{"orgID", f.org_id}, {"name", "r"}, {"remoteID", remote_id}, {"localBucketID", f.bucket_id},
                        {"remoteBucketName", "dest"}}.dump(), 201);
}

}  // namespace

TEST_CASE("remotes: created, listed, patched, deleted; the token is never returned") {
  ApiFixture f;
  json remote = make_remote(f);
  CHECK(remote["name"] == "influx");
  CHECK(remote["remoteURL"] == "http://127.0.0.1:9");
  CHECK(remote["allowInsecureTLS"] == false);
  CHECK(!remote.contains("remoteAPIToken"));
  const std::string id = remote["id"];
  auto list = f.ok_json("GET", "/api/v2/remotes?orgID=" + f.org_id);
  REQUIRE(list["remotes"].size() == 1);
  CHECK(!list["remotes"][0].contains("remoteAPIToken"));
  CHECK(f.call("GET", "/api/v2/remotes").status == 400);  // the org is required
  auto patched = f.ok_json("PATCH", "/api/v2/remotes/" + id, R"({"remoteURL":"https://example.invalid","remoteAPIToken":"new"})");
  CHECK(patched["remoteURL"] == "https://example.invalid");
  CHECK(!patched.contains("remoteAPIToken"));
  CHECK(f.call("POST", "/api/v2/remotes", json{{"orgID", f.org_id}, {"name", "x"}, {"remoteURL", "ftp://a"}, {"remoteAPIToken", "t"}}.dump()).status == 400);
  CHECK(f.call("POST", "/api/v2/remotes", json{{"orgID", f.org_id}, {"name", "influx"}, {"remoteURL", "http://a"}, {"remoteAPIToken", "t"}}.dump()).status == 422);
  CHECK(f.call("DELETE", "/api/v2/remotes/" + id).status == 204);
  CHECK(f.call("GET", "/api/v2/remotes/" + id).status == 404);
}

TEST_CASE("replications: validated, persisted, and writes to the bucket are queued") {
  ApiFixture f;
  const std::string remote_id = make_remote(f)["id"];
  CHECK(f.call("POST", "/api/v2/replications",
               json{{"orgID", f.org_id}, {"name", "r"}, {"remoteID", remote_id}, {"localBucketID", f.bucket_id}}.dump()).status == 400);
  CHECK(f.call("POST", "/api/v2/replications",
               json{{"orgID", f.org_id}, {"name", "r"}, {"remoteID", "0000000000000001"}, {"localBucketID", f.bucket_id},
                    {"remoteBucketName", "d"}}.dump()).status == 404);
  CHECK(f.call("POST", "/api/v2/replications",
               json{{"orgID", f.org_id}, {"name", "r"}, {"remoteID", remote_id}, {"localBucketID", f.bucket_id},
                    {"remoteBucketName", "d"}, {"maxQueueSizeBytes", 1000}}.dump()).status == 400);
  json r = make_replication(f, remote_id);
  CHECK(r["maxQueueSizeBytes"] == 67108860);
  CHECK(r["maxAgeSeconds"] == 604800);
  CHECK(r["dropNonRetryableData"] == false);
  CHECK(r["currentQueueSizeBytes"] == 0);
  CHECK(r["latestResponseCode"] == 0);
  const std::string id = r["id"];
  // A remote in use cannot be deleted.
  CHECK(f.call("DELETE", "/api/v2/remotes/" + remote_id).status == 422);

  auto w = f.call("POST", "/api/v2/write?org=o&bucket=b&precision=s", "m,t=a v=1i 1\nm,t=b x=2.5 2\n");
  INFO(w.body);
  REQUIRE(w.status == 204);
  auto got = f.ok_json("GET", "/api/v2/replications/" + id);
  CHECK(got["currentQueueSizeBytes"].get<int64_t>() > 0);

  // The outbox hands the lines to the sender, with the remote's token.
  auto targets = json::parse(replication::outbox_targets(*f.db));
  REQUIRE(targets["replications"].size() == 1);
  CHECK(targets["replications"][0]["remote"]["remoteAPIToken"] == "remote-secret");
  auto batch = json::parse(replication::outbox_next_batch(*f.db, id, 1 << 20));
  CHECK(batch["lines"] == "m,t=a v=1i 1000000000\nm,t=b x=2.5 2000000000\n");
  CHECK(replication::outbox_report(*f.db, id, "", false, 0, "network error: refused") == "");
  f.reopen();  // the queue and the status survive a reopen
  got = f.ok_json("GET", "/api/v2/replications/" + id);
  CHECK(got["latestErrorMessage"] == "network error: refused");
  CHECK(got["currentQueueSizeBytes"].get<int64_t>() > 0);
  batch = json::parse(replication::outbox_next_batch(*f.db, id, 1 << 20));
  CHECK(replication::outbox_report(*f.db, id, batch["end"].get<std::string>(), true, 204, "") == "");
  got = f.ok_json("GET", "/api/v2/replications/" + id);
  CHECK(got["currentQueueSizeBytes"] == 0);
  CHECK(got["latestResponseCode"] == 204);
  CHECK(json::parse(replication::outbox_next_batch(*f.db, id, 1 << 20))["lines"] == "");

  // Other buckets are not queued; a deleted replication takes its queue along.
  f.ok_json("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "other"}}.dump(), 201);
  REQUIRE(f.call("POST", "/api/v2/write?org=o&bucket=other", "m v=1 1\n").status == 204);
  CHECK(f.ok_json("GET", "/api/v2/replications/" + id)["currentQueueSizeBytes"] == 0);
  auto patched = f.ok_json("PATCH", "/api/v2/replications/" + id, R"({"remoteBucketName":"dest2","dropNonRetryableData":true})");
  CHECK(patched["remoteBucketName"] == "dest2");
  CHECK(patched["dropNonRetryableData"] == true);
  CHECK(f.call("DELETE", "/api/v2/replications/" + id).status == 204);
  CHECK(f.ok_json("GET", "/api/v2/replications?orgID=" + f.org_id)["replications"].empty());
  CHECK(f.call("DELETE", "/api/v2/remotes/" + remote_id).status == 204);
}

TEST_CASE("a deleted bucket takes its replications and their queue folders along") {
  ApiFixture f;
  const std::string remote_id = make_remote(f)["id"];
  const std::string id = make_replication(f, remote_id)["id"];
  REQUIRE(f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1 1\n").status == 204);
  const std::string queue_dir = f.dir.path() + "/replication/" + id;
  REQUIRE(util::file_exists(queue_dir));
  CHECK(f.call("DELETE", "/api/v2/buckets/" + f.bucket_id).status == 204);
  CHECK(f.call("GET", "/api/v2/replications/" + id).status == 404);
  CHECK(!util::file_exists(queue_dir));
  f.reopen();
  CHECK(f.ok_json("GET", "/api/v2/replications?orgID=" + f.org_id)["replications"].empty());
  CHECK(f.call("DELETE", "/api/v2/remotes/" + remote_id).status == 204);  // no longer in use
}

TEST_CASE("remotes and replications follow the token's permissions") {
  ApiFixture f;
  const std::string remote_id = make_remote(f)["id"];
  make_replication(f, remote_id);
  auto [reader, reader_id] = f.make_token(f.org_id, json::array({{{"action", "read"}, {"resource", {{"type", "remotes"}, {"orgID", f.org_id}}}},
                                                                  {{"action", "read"}, {"resource", {{"type", "replications"}, {"orgID", f.org_id}}}}}));
  CHECK(body_of(f.call_as(reader, "GET", "/api/v2/remotes?orgID=" + f.org_id))["remotes"].size() == 1);
  CHECK(body_of(f.call_as(reader, "GET", "/api/v2/replications?orgID=" + f.org_id))["replications"].size() == 1);
  CHECK(f.call_as(reader, "POST", "/api/v2/remotes",
                  json{{"orgID", f.org_id}, {"name", "y"}, {"remoteURL", "http://a"}, {"remoteAPIToken", "t"}}.dump()).status == 401);
  auto [nobody, nobody_id] = f.make_token(f.org_id, json::array({{{"action", "read"}, {"resource", {{"type", "buckets"}, {"orgID", f.org_id}}}}}));
  CHECK(body_of(f.call_as(nobody, "GET", "/api/v2/remotes?orgID=" + f.org_id))["remotes"].empty());
  CHECK(f.call_as(nobody, "GET", "/api/v2/remotes/" + remote_id).status == 401);
}
