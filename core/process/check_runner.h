// Runs threshold and deadman checks on their every/offset, as InfluxDB's check tasks do: each
// due time t runs the check's query over [t - every, t) (deadman: [t - staleTime, t)) as its
// owner, and writes one `statuses` row per result row to the org's _monitoring bucket:
// tags _check_id, _check_name, _level, _source_measurement, _type, the check's tags and the
// row's tags; fields _message, _source_timestamp and the checked value under its field name;
// time t.
//
// Notification rules of the check's org then see each status against its series' previous
// level (kept on the check as lastLevels): a rule whose statusRules and tagRules match adds a
// request for its endpoint to the run's outbox, which the host sends (C++ has no network;
// wasm/scheduler.js uses fetch); the host's report writes its `notifications` row to
// _monitoring with _sent true or false (delivery.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/api/database.h"
#include "core/process/task_runner.h"

namespace tidewater::process {

// One outcome per check run (task_id holds the check's ID, kind "check"). Never throws.
std::vector<RunOutcome> run_due_checks(api::Database& db, int64_t now_ns, const SchedulerOptions& options = {});

}  // namespace tidewater::process
