// The engine's one scheduler entry point: everything due at now_ns (task runs, then checks).
// Hosts call it on a timer and once on open (wasm/scheduler.js through the bindings' runDue).
#pragma once

#include <vector>

#include "core/process/task_runner.h"

namespace tidewater::process {

std::vector<RunOutcome> run_due(api::Database& db, int64_t now_ns, const SchedulerOptions& options = {});

}  // namespace tidewater::process
