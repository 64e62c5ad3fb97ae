#include "core/process/task_cron.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace tidewater::process {

namespace {

constexpr int64_t kCronSecondNs = 1'000'000'000;

Status cron_invalid(std::string_view expr, const std::string& why) {
  return Status(ErrorCode::kInvalid, "invalid cron expression \"" + std::string(expr) + "\": " + why);
}

// A number or a month/weekday name (names are 3 letters, case-insensitive).
bool cron_value(std::string_view s, const char* const* names, int first, int* out) {
  if (s.empty()) return false;
  if (names) {
    for (int i = 0; names[i]; ++i) {
      std::string_view n(names[i]);
      if (s.size() == 3 && std::tolower(s[0]) == n[0] && std::tolower(s[1]) == n[1] && std::tolower(s[2]) == n[2]) {
        *out = first + i;
        return true;
      }
    }
  }
  int v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9' || v > 1000) return false;
    v = v * 10 + (ch - '0');
  }
  *out = v;
  return true;
}

// One field into bits lo..hi; *restricted is false for a bare `*` (or `?`).
template <size_t N>
bool cron_field(std::string_view field, int lo, int hi, const char* const* names, int names_first, std::bitset<N>* bits,
                bool* restricted) {
  *restricted = !(field == "*" || field == "?");
  while (!field.empty()) {
    const size_t comma = field.find(',');
    std::string_view part = field.substr(0, comma);
    field = comma == std::string_view::npos ? std::string_view() : field.substr(comma + 1);
    int step = 1, a = lo, b = hi;
    if (const size_t slash = part.find('/'); slash != std::string_view::npos) {
      if (!cron_value(part.substr(slash + 1), nullptr, 0, &step) || step <= 0) return false;
      part = part.substr(0, slash);
    }
    if (part != "*" && part != "?") {
      const size_t dash = part.find('-');
      if (!cron_value(part.substr(0, dash), names, names_first, &a)) return false;
      b = a;
      if (dash != std::string_view::npos && !cron_value(part.substr(dash + 1), names, names_first, &b)) return false;
      if (dash == std::string_view::npos && step > 1) b = hi;  // "5/15": from 5 on
    }
    if (names_first == 0 && names && b == 7) b = 6, bits->set(0);  // weekday 7 is Sunday too
    if (a < lo || b > hi || a > b) return false;
    for (int v = a; v <= b; v += step) bits->set(static_cast<size_t>(v));
  }
  return true;
}

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
void cron_civil(int64_t days, int* y, int* m, int* d) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

bool cron_day_matches(const CronSpec& s, int64_t days) {
  int y, m, d;
  cron_civil(days, &y, &m, &d);
  if (!s.months[static_cast<size_t>(m)]) return false;
  const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  const bool day_ok = s.days[static_cast<size_t>(d)], weekday_ok = s.weekdays[static_cast<size_t>(weekday)];
  if (!s.any_day && !s.any_weekday) return day_ok || weekday_ok;
  return day_ok && weekday_ok;
}

}  // namespace

Result<CronSpec> parse_cron(std::string_view expr) {
  static const std::array<std::pair<const char*, const char*>, 6> kShorthands = {{{"@yearly", "0 0 1 1 *"},
      {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"}, {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},
      {"@hourly", "0 * * * *"}}};
  std::string_view text = expr;
  for (const auto& [name, full] : kShorthands)
    if (text == name) text = full;
  std::vector<std::string_view> fields;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  if (fields.size() != 5 && fields.size() != 6) return cron_invalid(expr, "expected 5 or 6 fields");
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", nullptr};
  static const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr};
  CronSpec s;
  bool restricted = false;
  size_t f = 0;
  if (fields.size() == 6) {
    if (!cron_field(fields[f++], 0, 59, nullptr, 0, &s.seconds, &restricted)) return cron_invalid(expr, "bad seconds");
  } else {
    s.seconds.set(0);
  }
  if (!cron_field(fields[f++], 0, 59, nullptr, 0, &s.minutes, &restricted)) return cron_invalid(expr, "bad minutes");
  if (!cron_field(fields[f++], 0, 23, nullptr, 0, &s.hours, &restricted)) return cron_invalid(expr, "bad hours");
  if (!cron_field(fields[f++], 1, 31, nullptr, 0, &s.days, &restricted)) return cron_invalid(expr, "bad day of month");
  s.any_day = !restricted;
  if (!cron_field(fields[f++], 1, 12, kMonths, 1, &s.months, &restricted)) return cron_invalid(expr, "bad month");
  if (!cron_field(fields[f++], 0, 7, kDays, 0, &s.weekdays, &restricted)) return cron_invalid(expr, "bad day of week");
  s.any_weekday = !restricted;
  return s;
}

Result<int64_t> next_cron_time(const CronSpec& s, int64_t after_ns) {
  // Whole seconds: the first candidate is the next second boundary after `after_ns`.
  int64_t t = after_ns / kCronSecondNs - (after_ns % kCronSecondNs < 0) + 1;
  const int64_t limit = t + int64_t{5} * 366 * 86400;
  while (t <= limit) {
    const int64_t days = t / 86400 - (t % 86400 < 0);
    const int64_t sod = t - days * 86400;
    if (!cron_day_matches(s, days)) {
      t = (days + 1) * 86400;
      continue;
    }
    const int hour = static_cast<int>(sod / 3600), minute = static_cast<int>(sod / 60 % 60), second = static_cast<int>(sod % 60);
    if (!s.hours[static_cast<size_t>(hour)]) {
      t = days * 86400 + (hour + 1) * 3600;
      continue;
    }
    if (!s.minutes[static_cast<size_t>(minute)]) {
      t = days * 86400 + hour * 3600 + (minute + 1) * 60;
      continue;
    }
    if (!s.seconds[static_cast<size_t>(second)]) {
      ++t;
      continue;
    }
    return t * kCronSecondNs;
  }
  return Status(ErrorCode::kInvalid, "cron expression matches no time in the next 5 years");
}

}  // namespace tidewater::process
