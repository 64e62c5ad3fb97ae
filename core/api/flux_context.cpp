#include "core/api/flux_context.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "core/api/handlers.h"
#include "core/api/request_util.h"

namespace tidewater::api {

// A query's requests, kept apart until the query ends so that monitor.notify can attach the
// notifications row each one completes; the org is the query's.
class FluxBinding::QueryOutbox : public query::flux::NotificationOutbox {
 public:
  explicit QueryOutbox(std::string org_id) : org_id_(std::move(org_id)) {}
  size_t queue(std::string request_json) override {
    requests_.push_back(std::move(request_json));
    return requests_.size() - 1;
  }
  size_t size() const override { return requests_.size(); }
  void attach_log(size_t index, std::string log_json) override {
    if (index >= requests_.size()) return;
    nlohmann::json request = nlohmann::json::parse(requests_[index], nullptr, false);
    nlohmann::json log = nlohmann::json::parse(log_json, nullptr, false);
    if (request.is_discarded() || log.is_discarded()) return;
    log["org"] = org_id_;
    request["log"] = std::move(log);
    requests_[index] = request.dump();
  }
  std::vector<std::string> take() { return std::exchange(requests_, {}); }

 private:
  std::string org_id_;
  std::vector<std::string> requests_;
};

FluxBinding::~FluxBinding() {
  for (auto& request : outbox_->take()) db_.notification_outbox().push_back(std::move(request));
}

FluxBinding::FluxBinding(Database& db, std::string org_id, std::vector<auth::Permission> permissions, int64_t now_ns)
    : db_(db), org_id_(std::move(org_id)), permissions_(std::move(permissions)) {
  ctx_.now_ns = now_ns;
  outbox_ = std::make_shared<QueryOutbox>(org_id_);
  ctx_.notifications = outbox_;
  // Buckets the permissions may not read are "not found", as in InfluxDB.
  ctx_.open_bucket = [this](std::string_view name) -> Result<const storage::BucketReader*> {
    const catalog::Bucket* b = db_.catalog().bucket_by_name(org_id_, name);
    if (!b || !auth::allows(permissions_, auth::Action::kRead, "buckets", b->org_id, b->id))
      return Status(ErrorCode::kNotFound, "could not find bucket \"" + std::string(name) + "\"");
    readers_.push_back(db_.engine().reader(b->id));
    return readers_.back().get();
  };
  ctx_.list_buckets = [this]() -> Result<std::vector<query::flux::BucketInfo>> {
    std::vector<query::flux::BucketInfo> out;
    for (const catalog::Bucket& b : db_.catalog().buckets()) {
      if (b.org_id != org_id_ || !auth::allows(permissions_, auth::Action::kRead, "buckets", b.org_id, b.id)) continue;
      out.push_back({b.name, b.id, b.org_id, b.retention_seconds * 1'000'000'000});
    }
    return out;
  };
  // to(): as a write to the bucket (InfluxDB checks write permission).
  ctx_.write_points = [this](std::string_view name, const std::vector<model::Point>& points) -> Status {
    const catalog::Bucket* b = db_.catalog().bucket_by_name(org_id_, name);
    if (!b) return Status(ErrorCode::kNotFound, "bucket \"" + std::string(name) + "\" not found");
    if (!auth::allows(permissions_, auth::Action::kWrite, "buckets", b->org_id, b->id))
      return Status(ErrorCode::kForbidden, "insufficient permissions for write");
    return store_points(db_, *b, points, now_unix_ns(), "");
  };
}

}  // namespace tidewater::api
