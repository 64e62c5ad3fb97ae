// The FluxContext a query runs with on behalf of someone: from() and buckets() see the buckets
// of one org that the permissions may read, to() writes with what they may write. Shared by
// /api/v2/query (the caller's token) and task runs (the task owner's permissions).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/api/database.h"
#include "core/auth/permission.h"
#include "core/query/flux/flux.h"

namespace tidewater::api {

class FluxBinding {
 public:
  // Everything referenced must outlive the binding; readers live until it is destroyed.
  FluxBinding(Database& db, std::string org_id, std::vector<auth::Permission> permissions, int64_t now_ns);
  // Hands the requests the query queued to the database's notification outbox.
  ~FluxBinding();
  FluxBinding(const FluxBinding&) = delete;
  FluxBinding& operator=(const FluxBinding&) = delete;

  const query::flux::FluxContext& context() const { return ctx_; }

 private:
  Database& db_;
  std::string org_id_;
  std::vector<auth::Permission> permissions_;
  std::vector<std::unique_ptr<storage::BucketReader>> readers_;
  query::flux::FluxContext ctx_;
  class QueryOutbox;
  std::shared_ptr<QueryOutbox> outbox_;
};

}  // namespace tidewater::api
