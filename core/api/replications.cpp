// /api/v2/replications: a local bucket copied to a bucket of a remote (/api/v2/remotes), in
// InfluxDB 2.7's shape {id, orgID, name, description, remoteID, localBucketID, remoteBucketID
// or remoteBucketName, maxQueueSizeBytes, currentQueueSizeBytes, latestResponseCode,
// latestErrorMessage, dropNonRetryableData, maxAgeSeconds}. The queue itself is in
// core/replication/; the sender (wasm/replication_sender.js) records the latest response.
#include "core/api/definition_util.h"
#include "core/api/request_util.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

constexpr const char* kReplicationsKind = "replications";
constexpr const char* kReplicationNotFound = "replication not found";
// InfluxDB 2.7's limits for the queue size.
constexpr int64_t kDefaultMaxQueueBytes = 67108860;
constexpr int64_t kMinMaxQueueBytes = 33554430;
constexpr int64_t kDefaultMaxAgeSeconds = 604800;

json replication_json(Call& c, const json& doc) {
  json out = doc;
  if (!out.contains("description")) out["description"] = "";
  auto q = c.db.replication_queues().queue(doc);
  out["currentQueueSizeBytes"] = q.ok() ? static_cast<int64_t>((*q)->queued_bytes()) : 0;
  out["remainingBytesToBeSynced"] = out["currentQueueSizeBytes"];
  if (!out.contains("latestResponseCode")) out["latestResponseCode"] = 0;
  if (!out.contains("latestErrorMessage")) out["latestErrorMessage"] = "";
  return out;
}

Status check_replication(const Call& c, const json& doc) {
  const auto& catalog = c.db.catalog();
  const std::string org = str_of(doc, "orgID"), name = str_of(doc, "name");
  if (name.empty()) return Status(ErrorCode::kInvalid, "replication name is required");
  const json* remote = catalog.definitions().find("remotes", str_of(doc, "remoteID"));
  if (!remote || str_of(*remote, "orgID") != org) return Status(ErrorCode::kNotFound, "remote not found");
  const catalog::Bucket* bucket = catalog.bucket_by_id(str_of(doc, "localBucketID"));
  if (!bucket || bucket->org_id != org) return Status(ErrorCode::kNotFound, "local bucket not found");
  if (str_of(doc, "remoteBucketID").empty() && str_of(doc, "remoteBucketName").empty())
    return Status(ErrorCode::kInvalid, "one of remoteBucketID or remoteBucketName is required");
  if (doc["maxQueueSizeBytes"].get<int64_t>() < kMinMaxQueueBytes)
    return Status(ErrorCode::kInvalid, "maxQueueSizeBytes must be at least " + std::to_string(kMinMaxQueueBytes));
  if (doc["maxAgeSeconds"].get<int64_t>() < 0) return Status(ErrorCode::kInvalid, "maxAgeSeconds must be non-negative");
  for (const json& other : catalog.definitions().all(kReplicationsKind))
    if (other["orgID"] == doc["orgID"] && other["id"] != doc["id"] && other["name"] == doc["name"])
      return Status(ErrorCode::kConflict, "replication with name " + name + " already exists");
  return Status::Ok();
}

const std::vector<FieldSpec> kReplicationEditable = {
    {"name", FieldType::kString},          {"description", FieldType::kString},
    {"remoteID", FieldType::kString},      {"remoteBucketID", FieldType::kString},
    {"remoteBucketName", FieldType::kString}, {"maxQueueSizeBytes", FieldType::kInteger},
    {"dropNonRetryableData", FieldType::kBool}, {"maxAgeSeconds", FieldType::kInteger}};

Response save_replication(Call& c, json doc, int status) {
  doc["updatedAt"] = catalog::now_rfc3339();
  if (Status s = check_replication(c, doc); !s.ok()) return Response::error(s);
  if (Status s = c.db.catalog().definitions().put(kReplicationsKind, doc); !s.ok()) return Response::error(s);
  return json_response(status, replication_json(c, doc));
}

Response post_replication(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = json::object();
  if (Status s = copy_fields(*body, {{"orgID", FieldType::kString, true}, {"name", FieldType::kString, true},
                                     {"remoteID", FieldType::kString, true}, {"localBucketID", FieldType::kString, true}},
                             &doc);
      !s.ok())
    return Response::error(s);
  if (Status s = copy_fields(*body, kReplicationEditable, &doc); !s.ok()) return Response::error(s);
  auto org = body_org(c.db.catalog(), *body, false);
  if (!org.ok()) return Response::error(org.status());
  if (Status s = authorize(*c.who, Action::kWrite, "replications", *org, ""); !s.ok()) return Response::error(s);
  // Replicating reads the local bucket; a caller who may not read it may not replicate it.
  if (Status s = authorize(*c.who, Action::kRead, "buckets", *org, str_of(doc, "localBucketID")); !s.ok())
    return Response::error(s);
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  doc["id"] = *id;
  if (!doc.contains("maxQueueSizeBytes")) doc["maxQueueSizeBytes"] = kDefaultMaxQueueBytes;
  if (!doc.contains("maxAgeSeconds")) doc["maxAgeSeconds"] = kDefaultMaxAgeSeconds;
  if (!doc.contains("dropNonRetryableData")) doc["dropNonRetryableData"] = false;
  doc["createdAt"] = catalog::now_rfc3339();
  return save_replication(c, std::move(doc), 201);
}

Response list_replications(Call& c) {
  auto found = readable_list(c, kReplicationsKind, "replications", true);
  if (!found.ok()) return Response::error(found.status());
  const char* filters[] = {"name", "remoteID", "localBucketID"};
  json out = json::array();
  for (const json* d : *found) {
    bool keep = true;
    for (const char* f : filters) {
      const auto want = c.req.query_param(f).value_or("");
      keep &= want.empty() || str_of(*d, f) == want;
    }
    if (keep) out.push_back(replication_json(c, *d));
  }
  return json_response(200, {{"replications", out}});
}

}  // namespace

Response handle_replications(Call& c) { return c.req.method == "POST" ? post_replication(c) : list_replications(c); }

Response handle_replication(Call& c) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, kReplicationsKind, "replications", c.id, kReplicationNotFound, action);
  if (!found.ok()) return Response::error(found.status());
  if (c.req.method == "GET") return json_response(200, replication_json(c, **found));
  if (c.req.method == "DELETE") {
    if (Status s = c.db.catalog().definitions().remove(kReplicationsKind, c.id, kReplicationNotFound); !s.ok())
      return Response::error(s);
    if (Status s = c.db.replication_queues().remove(c.id); !s.ok()) return Response::error(s);
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = **found;
  if (Status s = copy_fields(*body, kReplicationEditable, &doc); !s.ok()) return Response::error(s);
  // A new remote or remote bucket starts with a clean status.
  if (body->contains("remoteID") || body->contains("remoteBucketID") || body->contains("remoteBucketName")) {
    doc["latestResponseCode"] = 0;
    doc["latestErrorMessage"] = "";
  }
  return save_replication(c, std::move(doc), 200);
}

}  // namespace tidewater::api
