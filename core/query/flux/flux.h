// Entry point of the Flux engine: run a script against buckets, get named results.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/point.h"
#include "core/model/status.h"
#include "core/query/result.h"
#include "core/storage/series.h"

namespace tidewater::query::flux {

// One bucket as buckets() lists it.
struct BucketInfo {
  std::string name;
  std::string id;
  std::string organization_id;
  int64_t retention_ns = 0;  // 0 = forever
};

// Requests a query asks the host to send (slack.message, http.post, monitor.notify): C++ has
// no network, so they wait here and the host sends them after the query (wasm/scheduler.js).
// A request is a JSON document {url, method, headers, body}; attach_log adds the notifications
// row a delivery report completes ({org, bucket, measurement, tags, time}, process/delivery.h).
class NotificationOutbox {
 public:
  virtual ~NotificationOutbox() = default;
  // Returns the request's index within this query.
  virtual size_t queue(std::string request_json) = 0;
  virtual size_t size() const = 0;
  virtual void attach_log(size_t index, std::string log_json) = 0;
};

// The default bound on the bytes of tables one query may hold at once.
inline constexpr size_t kDefaultQueryMemoryBytes = size_t{1} << 30;

struct FluxContext {
  // now() unless the script sets `option now = () => ...`.
  int64_t now_ns = 0;
  // Resolves a bucket name in the caller's organization and checks read permission. Its
  // error statuses (e.g. kNotFound `could not find bucket "x"`) reach the caller unchanged.
  std::function<Result<const storage::BucketReader*>(std::string_view bucket_name)> open_bucket;
  // buckets(): the buckets the caller may read. Unset: buckets() fails.
  std::function<Result<std::vector<BucketInfo>>()> list_buckets;
  // to(): writes points to a bucket (by name) of the caller's organization, checking the
  // caller's write permission; its error statuses reach the caller unchanged. Unset: to() fails.
  std::function<Status(std::string_view bucket_name, const std::vector<model::Point>& points)> write_points;
  // Past this many bytes of tables held at once the query fails (kInvalid, "query exceeded
  // its memory limit of N bytes ..."), instead of exhausting the wasm heap.
  size_t max_memory_bytes = kDefaultQueryMemoryBytes;
  // Polled while the query runs (every few hundred function calls and whenever tables are
  // materialized): once it answers true the query stops with kUnavailable "query canceled".
  // The JS host sets it from an AbortSignal or a timeout. Unset: never interrupted.
  std::function<bool()> interrupted;
  // Where slack/http/monitor.notify queue what they send. Unset: nothing can be sent (they
  // answer as not sent, never failing the query).
  std::shared_ptr<NotificationOutbox> notifications;
};

// Parses, evaluates and executes a script. Results come in the order they were yielded;
// a table-valued expression statement without yield() becomes "_result".
Result<std::vector<ResultSet>> run_flux(std::string_view script, const FluxContext& context);

}  // namespace tidewater::query::flux
