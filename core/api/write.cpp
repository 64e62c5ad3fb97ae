// POST /api/v2/write: line protocol into a bucket.
#include "core/api/authenticate.h"
#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/lineprotocol/parser.h"

namespace tidewater::api {

Response handle_write(Call& c) {
  Database& db = c.db;
  const Request& req = c.req;
  auto org = resolve_org(db, req);
  if (!org.ok()) return Response::error(org.status());
  auto bucket_param = req.query_param("bucket");
  if (!bucket_param || bucket_param->empty()) return Response::error(ErrorCode::kNotFound, "bucket not found");
  const catalog::Bucket* bucket = db.catalog().bucket_by_name((*org)->id, *bucket_param);
  if (!bucket) {
    const catalog::Bucket* by_id = db.catalog().bucket_by_id(*bucket_param);
    if (by_id && by_id->org_id == (*org)->id) bucket = by_id;
  }
  if (!bucket) return Response::error(ErrorCode::kNotFound, "bucket \"" + std::string(*bucket_param) + "\" not found");
  if (!auth::allows(c.who->permissions, auth::Action::kWrite, "buckets", bucket->org_id, bucket->id))
    return Response::error(ErrorCode::kForbidden, "insufficient permissions for write");

  model::Precision precision = model::Precision::kNanoseconds;
  if (auto p = req.query_param("precision"); p && !model::parse_precision(*p, &precision))
    return Response::error(ErrorCode::kInvalid, "invalid precision; valid precision units are ns, us, ms, and s");
  return write_line_protocol(db, *bucket, req.body, precision, "");
}

Response write_line_protocol(Database& db, const catalog::Bucket& bucket, const std::string& body,
                             model::Precision precision, std::string_view failure_prefix) {
  if (body.size() > db.options().max_write_bytes)
    return Response::error(ErrorCode::kRequestTooLarge,
                           "unable to read data: points batch is too large; the limit is " +
                               std::to_string(db.options().max_write_bytes) + " bytes");

  const int64_t now = now_unix_ns();
  auto points = lineprotocol::parse(body, precision, now);
  if (!points.ok()) return Response::error(points.status());
  if (points->empty()) return Response::error(ErrorCode::kInvalid, "writing requires points");
  Status stored = store_points(db, bucket, std::move(*points), now, failure_prefix);
  if (!stored.ok()) return Response::error(stored);
  return Response::no_content();
}

Status store_points(Database& db, const catalog::Bucket& bucket, std::vector<model::Point> points, int64_t now,
                    std::string_view failure_prefix) {
  db.enforce_retention(now);
  // New segment files follow InfluxDB's shard duration for the bucket's current retention.
  db.engine().set_shard_duration(bucket.id, storage::shard_duration_for_retention(bucket.retention_seconds * 1'000'000'000));
  const int64_t min_time = bucket.retention_seconds > 0 ? now - bucket.retention_seconds * 1'000'000'000 : model::kMinTime;
  // Replicated buckets queue what they accept for the remote (core/replication/).
  const std::string replicated = replication::ReplicationQueues::lines_to_replicate(db.catalog().definitions(), bucket.id, points);
  auto outcome = db.engine().write(bucket.id, std::move(points), min_time);
  if (!outcome.ok()) return outcome.status();
  if (Status s = db.replication_queues().enqueue(db.catalog().definitions(), bucket.id, replicated); !s.ok()) return s;
  if (outcome->points_expired > 0)
    return Status(ErrorCode::kUnprocessableEntity,
                  std::string(failure_prefix) + "partial write: points beyond retention policy dropped=" + std::to_string(outcome->points_expired));
  if (outcome->points_dropped > 0)
    return Status(ErrorCode::kUnprocessableEntity,
                  std::string(failure_prefix) + "partial write: " + outcome->first_conflict + " dropped=" + std::to_string(outcome->points_dropped));
  return Status::Ok();
}

}  // namespace tidewater::api
