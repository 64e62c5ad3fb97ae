// The date package (parts of a time, truncate, add, sub) and experimental's addDuration and
// subDuration. Times may be given as durations relative to now(), as Flux allows. Times are
// UTC: the location argument is accepted only as UTC.
#include "core/model/civil_time.h"
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

namespace {

constexpr int64_t kSecond = 1000000000;
constexpr int64_t kDay = 86400 * kSecond;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Result<int64_t> time_arg(Interpreter& interp, const Arguments& a, std::string_view fn, std::string_view name) {
  const Value* v = a.get(name);
  if (v == nullptr) return argument_error(a, fn, "missing required argument " + std::string(name));
  if (v->is(Value::Kind::kTime)) return v->as_time().unix_nanos;
  if (v->is(Value::Kind::kDuration)) {
    auto now = interp.now();
    if (!now.ok()) return now;
    return add_duration(*now, v->as_duration());
  }
  return argument_error(a, fn, "argument " + std::string(name) + " must be a time or duration, got " +
                                   std::string(kind_name(v->kind())));
}

Status check_location(const Arguments& a, std::string_view fn) {
  const Value* loc = a.get("location");
  if (loc == nullptr || !loc->is(Value::Kind::kRecord)) return Status::Ok();
  const Value* zone = loc->as_record().get("zone");
  const Value* offset = loc->as_record().get("offset");
  bool utc = (zone == nullptr || (zone->is(Value::Kind::kString) && zone->as_string() == "UTC")) &&
             (offset == nullptr || (offset->is(Value::Kind::kDuration) && offset->as_duration() == DurationValue{}));
  if (!utc) return argument_error(a, fn, "only the UTC location is supported");
  return Status::Ok();
}

struct Parts {
  int64_t year;
  int64_t month;
  int64_t day;
  int64_t days;          // since the epoch
  int64_t nanos_of_day;
};

Parts parts_of(int64_t t) {
  Parts p;
  p.days = floor_div(t, kDay);
  p.nanos_of_day = t - p.days * kDay;
  auto c = model::civil_from_days(p.days);
  p.year = c.year;
  p.month = c.month;
  p.day = c.day;
  return p;
}

// Sunday = 0; 1970-01-01 was a Thursday.
int64_t sunday_weekday(int64_t days) { return (((days % 7) + 7) % 7 + 4) % 7; }

int64_t iso_week(const Parts& p) {
  int64_t weekday = (sunday_weekday(p.days) + 6) % 7;  // Monday = 0
  int64_t yday = p.days - model::days_from_civil(p.year, 1, 1);
  int64_t week = (yday - weekday + 10) / 7;
  if (week < 1) {
    int64_t py = p.year - 1;
    int64_t pdays = model::days_from_civil(py, 12, 31);
    Parts prev = parts_of(pdays * kDay);
    return iso_week(prev);
  }
  int64_t days_in_year = model::is_leap_year(p.year) ? 366 : 365;
  if (week == 53 && (yday - weekday) > days_in_year - 4) return 1;
  return week;
}

using PartFn = int64_t (*)(const Parts&, int64_t t);

Value part(const char* name, PartFn f) {
  std::string fn = std::string("date.") + name;
  return make_builtin(name, [fn, f](Interpreter& interp, const Arguments& a) -> Result<Value> {
    Status s = check_location(a, fn);
    if (!s.ok()) return s;
    auto t = time_arg(interp, a, fn, "t");
    if (!t.ok()) return t.status();
    return Value(f(parts_of(*t), *t));
  });
}

// date.truncate: down to a whole unit; months and years follow the calendar, weeks and smaller
// units are multiples since the epoch (as Go's time.Truncate).
Result<Value> truncate(Interpreter& interp, const Arguments& a) {
  Status s = check_location(a, "date.truncate");
  if (!s.ok()) return s;
  auto t = time_arg(interp, a, "date.truncate", "t");
  if (!t.ok()) return t.status();
  auto unit = duration_argument(a, "date.truncate", "unit");
  if (!unit.ok()) return unit.status();
  if (unit->months < 0 || unit->nanos < 0 || (unit->months == 0 && unit->nanos == 0) ||
      (unit->months != 0 && unit->nanos != 0)) {
    return argument_error(a, "date.truncate", "unit must be a positive duration of one kind");
  }
  if (unit->months > 0) {
    Parts p = parts_of(*t);
    int64_t total = p.year * 12 + (p.month - 1);
    total = floor_div(total, unit->months) * unit->months;
    int64_t y = floor_div(total, 12), m = total - y * 12 + 1;
    return Value(TimeValue{model::days_from_civil(y, static_cast<unsigned>(m), 1) * kDay});
  }
  return Value(TimeValue{floor_div(*t, unit->nanos) * unit->nanos});
}

// date.add / experimental.addDuration and their subtracting twins.
Value shift(const char* name, std::string fn, const char* time_name, bool subtract) {
  std::string tn = time_name;
  return make_builtin(name, [fn, tn, subtract](Interpreter& interp, const Arguments& a) -> Result<Value> {
    Status s = check_location(a, fn);
    if (!s.ok()) return s;
    auto d = duration_argument(a, fn, "d");
    if (!d.ok()) return d.status();
    auto t = time_arg(interp, a, fn, tn);
    if (!t.ok()) return t.status();
    DurationValue by = *d;
    if (subtract) by = DurationValue{-by.months, -by.nanos};
    return Value(TimeValue{add_duration(*t, by)});
  });
}

}  // namespace

void register_date_package(PackageMap& packages) {
  std::vector<std::pair<std::string, Value>> members = {
      {"truncate", make_builtin("truncate", truncate)},
      {"add", shift("add", "date.add", "to", false)},
      {"sub", shift("sub", "date.sub", "from", true)},
      {"time", part("time", [](const Parts&, int64_t t) { return t; })},
      {"second", part("second", [](const Parts& p, int64_t) { return p.nanos_of_day / kSecond % 60; })},
      {"minute", part("minute", [](const Parts& p, int64_t) { return p.nanos_of_day / (60 * kSecond) % 60; })},
      {"hour", part("hour", [](const Parts& p, int64_t) { return p.nanos_of_day / (3600 * kSecond); })},
      {"weekDay", part("weekDay", [](const Parts& p, int64_t) { return sunday_weekday(p.days); })},
      {"monthDay", part("monthDay", [](const Parts& p, int64_t) { return p.day; })},
      {"yearDay", part("yearDay", [](const Parts& p, int64_t) { return p.days - model::days_from_civil(p.year, 1, 1) + 1; })},
      {"month", part("month", [](const Parts& p, int64_t) { return p.month; })},
      {"year", part("year", [](const Parts& p, int64_t) { return p.year; })},
      {"week", part("week", [](const Parts& p, int64_t) { return iso_week(p); })},
      {"quarter", part("quarter", [](const Parts& p, int64_t) { return (p.month - 1) / 3 + 1; })},
      {"millisecond", part("millisecond", [](const Parts& p, int64_t) { return p.nanos_of_day % kSecond / 1000000; })},
      {"microsecond", part("microsecond", [](const Parts& p, int64_t) { return p.nanos_of_day % kSecond / 1000; })},
      {"nanosecond", part("nanosecond", [](const Parts& p, int64_t) { return p.nanos_of_day % kSecond; })},
  };
  const char* days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  for (int64_t i = 0; i < 7; ++i) members.emplace_back(days[i], Value(i));
  const char* months[] = {"January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December"};
  for (int64_t i = 0; i < 12; ++i) members.emplace_back(months[i], Value(i + 1));
  packages["date"] = make_package(std::move(members));
  std::vector<std::pair<std::string, Value>> experimental = {
      {"addDuration", shift("addDuration", "experimental.addDuration", "to", false)},
      {"subDuration", shift("subDuration", "experimental.subDuration", "from", true)},
  };
  add_experimental_table_functions(experimental);
  packages["experimental"] = make_package(std::move(experimental));
}

}  // namespace tidewater::query::flux
