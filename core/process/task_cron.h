// Cron expressions for task schedules, in UTC as InfluxDB evaluates them: five fields
// (minute hour day-of-month month day-of-week) or six with seconds first; each field `*`,
// numbers, ranges `a-b`, steps `*/n` or `a-b/n`, and lists; month and weekday names; the
// shorthands @yearly, @monthly, @weekly, @daily, @hourly. When both day fields are
// restricted, either may match (as in classic cron).
#pragma once

#include <bitset>
#include <cstdint>
#include <string_view>

#include "core/model/status.h"

namespace tidewater::process {

struct CronSpec {
  std::bitset<60> seconds, minutes;
  std::bitset<24> hours;
  std::bitset<32> days;    // 1..31
  std::bitset<13> months;  // 1..12
  std::bitset<7> weekdays; // 0 = Sunday
  bool any_day = true, any_weekday = true;
};

// 400 "invalid cron expression ..." when it does not parse.
Result<CronSpec> parse_cron(std::string_view expr);

// The first matching whole second strictly after `after_ns`; 400 when none within 5 years.
Result<int64_t> next_cron_time(const CronSpec& spec, int64_t after_ns);

}  // namespace tidewater::process
