#include "core/replication/replication_queues.h"

#include <algorithm>
#include <cstdint>

#include "core/lineprotocol/writer.h"
#include "core/util/file.h"

namespace tidewater::replication {

using nlohmann::json;

namespace {

bool replicates_bucket(const json& replication, std::string_view bucket_id) {
  auto it = replication.find("localBucketID");
  return it != replication.end() && it->is_string() && it->get_ref<const std::string&>() == bucket_id;
}

}  // namespace

std::string ReplicationQueues::lines_to_replicate(const catalog::Definitions& defs, std::string_view bucket_id,
                                                  const std::vector<model::Point>& points) {
  for (const json& r : defs.all("replications"))
    if (replicates_bucket(r, bucket_id)) return lineprotocol::write_lines(points);
  return {};
}

Status ReplicationQueues::enqueue(const catalog::Definitions& defs, std::string_view bucket_id, std::string_view lines) {
  if (lines.empty()) return Status::Ok();
  for (const json& r : defs.all("replications")) {
    if (!replicates_bucket(r, bucket_id)) continue;
    auto q = queue(r);
    if (!q.ok()) return q.status();
    if (Status s = (*q)->append(lines); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<ReplicationQueue*> ReplicationQueues::queue(const json& replication) {
  const std::string id = replication.value("id", "");
  if (id.empty()) return Status(ErrorCode::kInternal, "replication without an id");
  QueueOptions options;
  options.sync = sync_;
  if (auto m = replication.find("maxQueueSizeBytes"); m != replication.end() && m->is_number_integer() && m->get<int64_t>() > 0)
    options.max_bytes = m->get<uint64_t>();
  // maxAgeSeconds (InfluxDB's default a week; 0 keeps queued data however old it gets).
  if (auto m = replication.find("maxAgeSeconds"); m != replication.end() && m->is_number_integer() && m->get<int64_t>() > 0)
    options.max_age_ns = std::min<int64_t>(m->get<int64_t>(), INT64_MAX / 1'000'000'000) * 1'000'000'000;
  auto it = open_.find(id);
  if (it == open_.end()) {
    auto q = ReplicationQueue::open(dir_ + "/" + id, options);
    if (!q.ok()) return q.status();
    it = open_.emplace(id, std::move(*q)).first;
  }
  it->second->set_max_bytes(options.max_bytes);
  it->second->set_max_age_ns(options.max_age_ns);
  if (Status s = it->second->drop_expired(); !s.ok()) return s;
  return it->second.get();
}

Status ReplicationQueues::remove(std::string_view replication_id) {
  if (auto it = open_.find(replication_id); it != open_.end()) open_.erase(it);
  return util::remove_tree(dir_ + "/" + std::string(replication_id));
}

Status ReplicationQueues::remove_bucket(catalog::Definitions& defs, std::string_view bucket_id) {
  std::vector<std::string> ids;
  for (const json& r : defs.all("replications"))
    if (replicates_bucket(r, bucket_id)) ids.push_back(r.value("id", ""));
  if (ids.empty()) return Status::Ok();
  // The definitions go first: a crash in between leaves folders no replication names, which
  // hold no one's data, rather than replications without their queues.
  if (Status s = defs.remove_where("replications", "localBucketID", bucket_id); !s.ok()) return s;
  for (const std::string& id : ids) {
    if (id.empty()) continue;
    if (Status s = remove(id); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace tidewater::replication
