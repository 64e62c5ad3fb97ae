// What one row of a check's query means, as InfluxDB's monitor.check decides it: the level
// from a threshold check's thresholds (crit, then warn, info, ok) or a deadman check's
// staleness, and the status message from the check's template.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace tidewater::process {

// "crit", "warn", "info", "ok" or "unknown": the first of crit/warn/info whose threshold the
// value crosses; else "ok" when the check has no OK threshold or the value meets it.
// Threshold types: greater (value > v), lesser (value < v), equal (value == v), range
// (within: min < value < max; outside: value < min or value > max).
std::string threshold_level(const nlohmann::json& thresholds, double value);

// Renders "${ r._check_name } is: ${ r._level }" (and r["col"]) with the status row's columns;
// unknown references render empty.
std::string render_status_message(const std::string& tmpl, const std::map<std::string, std::string>& row);

}  // namespace tidewater::process
