#include "core/api/database.h"

#include <chrono>

#include "core/util/file.h"

namespace tidewater::api {

Result<std::unique_ptr<Database>> Database::open(const std::string& root, const DatabaseOptions& options) {
  if (Status s = util::make_dirs(root); !s.ok()) return s;
  std::unique_ptr<Database> db(new Database(options));
  auto catalog = catalog::Catalog::open(root);
  if (!catalog.ok()) return catalog.status();
  db->catalog_ = std::move(*catalog);
  auto engine = storage::Engine::open(root, options.engine);
  if (!engine.ok()) return engine.status();
  db->engine_ = std::move(*engine);
  db->replication_queues_ = std::make_unique<replication::ReplicationQueues>(root, options.engine.sync);
  db->enforce_retention(std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count(), true);
  return db;
}

void Database::enforce_retention(int64_t now_ns, bool force) {
  constexpr int64_t kInterval = 60'000'000'000;
  if (!force && now_ns - retention_checked_ns_ < kInterval) return;
  retention_checked_ns_ = now_ns;
  for (const auto& b : catalog_->buckets()) {
    if (b.retention_seconds > 0) engine_->enforce_retention(b.id, now_ns - b.retention_seconds * 1'000'000'000);
  }
}

}  // namespace tidewater::api
