// The host's side of notifications. C++ has no network: checks' notification rules
// (check_runner.h) and queries (slack.message, http.post, monitor.notify) queue requests, the
// host sends them (wasm/scheduler.js with fetch) and reports each outcome here. A request that
// carries a "log" (the notifications row it belongs to) has that row written only then, with
// the tag `_sent` "true" once the host saw a 2xx answer, else "false" and a `_reason` field:
// a message is never recorded as sent before it was.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/api/database.h"
#include "core/model/point.h"

namespace tidewater::process {

// The requests queries queued since the last call, as a JSON array (the outbox is emptied).
std::string take_notifications(api::Database& db);

// Records the host's outcome of one request ({sent, status?, reason?}). Never throws; an
// error (no log, bucket gone) is returned as text, "" when recorded or nothing to record.
std::string record_delivery(api::Database& db, const nlohmann::json& request, const nlohmann::json& result);

// The "log" member a request carries for its notifications row (without _sent) in the org's
// _monitoring: {org, bucket, line} with the row as line protocol.
nlohmann::json delivery_log(const std::string& org_id, const model::Point& row);

}  // namespace tidewater::process
