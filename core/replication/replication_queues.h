// The open replication queues of one database, under root/replication/<replication ID>/.
// Writes to a replicated bucket pass their points here (store_points in core/api/write.cpp):
// the points become line protocol once and go into the queue of every replication of that
// bucket. Replications themselves are catalog definitions (kind "replications", fields as in
// InfluxDB 2.7: localBucketID, maxQueueSizeBytes, ...); this class only keeps their queues.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/definitions.h"
#include "core/model/point.h"
#include "core/replication/replication_queue.h"

namespace tidewater::replication {

class ReplicationQueues {
 public:
  ReplicationQueues(std::string root, bool sync) : dir_(std::move(root) + "/replication"), sync_(sync) {}

  // Line protocol of the points when some replication copies the bucket, else "".
  static std::string lines_to_replicate(const catalog::Definitions& defs, std::string_view bucket_id,
                                        const std::vector<model::Point>& points);
  // Appends the lines to the queue of every replication of the bucket.
  Status enqueue(const catalog::Definitions& defs, std::string_view bucket_id, std::string_view lines);

  // The queue of a replication document (opened on first use, its limit kept current).
  Result<ReplicationQueue*> queue(const nlohmann::json& replication);
  // Closes and deletes a replication's queue (the replication was deleted).
  Status remove(std::string_view replication_id);
  // Deletes the replications of a deleted bucket and their queues, as InfluxDB deletes a
  // bucket's replications with it (nothing would ever fill or need those queues again).
  Status remove_bucket(catalog::Definitions& defs, std::string_view bucket_id);

 private:
  std::string dir_;
  bool sync_;
  std::map<std::string, std::unique_ptr<ReplicationQueue>, std::less<>> open_;
};

}  // namespace tidewater::replication
