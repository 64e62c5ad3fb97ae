// A task's `option task = {name, every | cron, offset, ...}` read from its Flux script with the
// Flux parser, and rewritten when a PATCH changes one of them (InfluxDB keeps the script and
// the task's fields in agreement).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model/status.h"

namespace tidewater::api {

struct TaskOptions {
  std::string name, every, cron, offset;  // every/offset as written in the script ("1h")
};

// 400 "invalid options: ..." when the script does not parse, has no task option, or the option
// lacks a name or has both or neither of every and cron.
Result<TaskOptions> parse_task_options(std::string_view flux);

struct TaskOptionsUpdate {
  std::optional<std::string> name, every, cron, offset;
};

// The script with the given options replaced or added (every drops cron and cron drops every);
// other properties of the option keep their source text. The result is checked again.
Result<std::string> rewrite_task_options(std::string_view flux, const TaskOptionsUpdate& update);

}  // namespace tidewater::api
