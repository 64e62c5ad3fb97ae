// An open database: its catalog and its storage engine under one root directory.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/catalog/catalog.h"
#include "core/model/status.h"
#include "core/replication/replication_queues.h"
#include "core/storage/engine.h"

namespace tidewater::api {

struct DatabaseOptions {
  storage::EngineOptions engine;
  size_t max_write_bytes = 50 << 20;  // larger bodies get 413, as InfluxDB's default limit
  size_t max_json_bytes = 1 << 20;    // the limit for JSON bodies of resource endpoints
  int64_t session_ttl_seconds = 3600; // sign-in sessions last an hour, renewed on use
  // Per query: past this many bytes of tables a Flux query fails (FluxContext::max_memory_bytes).
  size_t max_query_memory_bytes = size_t{1} << 30;
  // Polled by running Flux queries; true cancels them (the wasm host: an AbortSignal, a timeout).
  std::function<bool()> query_interrupted;
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> open(const std::string& root, const DatabaseOptions& options);

  catalog::Catalog& catalog() { return *catalog_; }
  const catalog::Catalog& catalog() const { return *catalog_; }
  storage::Engine& engine() { return *engine_; }
  const storage::Engine& engine() const { return *engine_; }
  const DatabaseOptions& options() const { return options_; }
  // The queues of replications to remote InfluxDB servers (core/replication/).
  replication::ReplicationQueues& replication_queues() { return *replication_queues_; }

  // Notification requests queries queued (query/flux/flux.h NotificationOutbox), JSON each,
  // until the host takes them to send (process/delivery.h).
  std::vector<std::string>& notification_outbox() { return notification_outbox_; }

  // Drops data older than each bucket's retention period: on open, then at most once a
  // minute when called (writes call it).
  void enforce_retention(int64_t now_ns, bool force = false);

  // Flushes the cache to segment files so the next open has no WAL to replay.
  Status close() { return engine_->close(); }

 private:
  Database(DatabaseOptions o) : options_(o) {}
  DatabaseOptions options_;
  int64_t retention_checked_ns_ = 0;
  std::vector<std::string> notification_outbox_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<storage::Engine> engine_;
  std::unique_ptr<replication::ReplicationQueues> replication_queues_;
};

}  // namespace tidewater::api
