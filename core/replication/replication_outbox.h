// What the sender (wasm/replication_sender.js; C++ makes no HTTP requests) asks of the engine:
// the replications to send and their remotes (with the remote token, which the HTTP API never
// returns), the next batch of a queue, and the outcome of sending it. Answers are JSON text so
// the bindings pass them on as they are; nothing throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/api/database.h"

namespace tidewater::replication {

// {"replications": [{id, orgID, name, localBucketID, remoteBucketID, remoteBucketName,
//   dropNonRetryableData, latestResponseCode, latestErrorMessage, queuedBytes,
//   remote: {id, remoteURL, remoteAPIToken, remoteOrgID, allowInsecureTLS, remoteAPIVersion}}]}
std::string outbox_targets(api::Database& db);

// {"lines": "...", "end": "segment:offset", "records": n}; "lines" is "" when the queue is
// empty; {"error": "..."} on failure or an unknown replication.
std::string outbox_next_batch(api::Database& db, std::string_view replication_id, size_t max_bytes);

// Records a send's outcome on the replication (latestResponseCode, latestErrorMessage; code 0
// for a network failure) and, when `acknowledge`, commits the queue through `end`. Returns
// "" or the error.
std::string outbox_report(api::Database& db, std::string_view replication_id, std::string_view end, bool acknowledge,
                          int code, std::string_view message);

}  // namespace tidewater::replication
