// from(bucket:) and range(start:, stop:).
#include <algorithm>

#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

namespace {

Result<Value> from(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "from", {"bucket", "bucketID", "host", "org", "orgID", "token"});
  if (!s.ok()) return s;
  if (args.get("bucket") == nullptr) {
    if (args.get("bucketID") != nullptr) return argument_error(args, "from", "bucketID is not supported yet; use bucket");
    return argument_error(args, "from", "must specify one of bucket or bucketID");
  }
  auto bucket = string_argument(args, "from", "bucket");
  if (!bucket.ok()) return bucket.status();
  if (!interp.context().open_bucket) return Status(ErrorCode::kInternal, "from: no storage is available");
  auto reader = interp.context().open_bucket(*bucket);
  if (!reader.ok()) return reader.status();
  auto read = std::make_shared<StorageRead>();
  read->bucket = *bucket;
  read->reader = *reader;
  return Value(std::shared_ptr<const TableStream>(read));
}

// A range bound: a time, a duration relative to now, or an integer of Unix seconds.
Result<int64_t> bound(Interpreter& interp, const Arguments& args, std::string_view name, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kTime: return v.as_time().unix_nanos;
    case Value::Kind::kDuration: {
      auto now = interp.now();
      if (!now.ok()) return now;
      return add_duration(*now, v.as_duration());
    }
    case Value::Kind::kInt: {
      int64_t ns;
      if (__builtin_mul_overflow(v.as_int(), int64_t{1000000000}, &ns)) {
        return argument_error(args, "range", std::string(name) + " is out of range");
      }
      return ns;
    }
    default:
      return argument_error(args, "range", std::string(name) + " must be a time, duration or int, got " +
                                               std::string(kind_name(v.kind())));
  }
}

// range() on tables already in memory: keep rows with _start <= _time < _stop and set the
// _start/_stop columns (added at the front and to the group key when missing).
Result<std::vector<Table>> range_tables(std::vector<Table> tables, storage::TimeRange r) {
  std::vector<Table> out;
  for (auto& t : tables) {
    const Column* time = t.column("_time");
    if (time == nullptr || time->type != ColumnType::kTime) {
      return Status(ErrorCode::kInvalid, "range: missing time column \"_time\"");
    }
    std::vector<uint8_t> keep(t.rows());
    size_t kept = 0;
    for (size_t i = 0; i < keep.size(); ++i) {
      keep[i] = !time->is_null(i) && time->ints[i] >= r.start && time->ints[i] < r.stop;
      kept += keep[i];
    }
    if (kept == 0) continue;
    if (kept != keep.size()) t.filter_rows(keep);
    for (const char* name : {"_stop", "_start"}) {
      int64_t v = std::string_view(name) == "_start" ? r.start : r.stop;
      int idx = t.column_index(name);
      Column c(name, ColumnType::kTime);
      c.ints.assign(kept, v);
      if (idx >= 0) {
        t.columns[idx] = std::move(c);
      } else {
        t.columns.insert(t.columns.begin(), std::move(c));
      }
      auto& entries = t.key.entries;
      entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const auto& e) { return e.name == name; }),
                    entries.end());
      entries.insert(entries.begin(), GroupKey::Entry{name, ColumnType::kTime, Cell{v}});
    }
    out.push_back(std::move(t));
  }
  return out;
}

Result<Value> range(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "range", {"start", "stop"});
  if (!s.ok()) return s;
  auto input = piped_tables(args, "range");
  if (!input.ok()) return input.status();
  auto start_v = required_argument(args, "range", "start");
  if (!start_v.ok()) return start_v.status();
  storage::TimeRange r;
  auto start = bound(interp, args, "start", *start_v);
  if (!start.ok()) return start.status();
  r.start = *start;
  if (const Value* stop_v = args.get("stop")) {
    auto stop = bound(interp, args, "stop", *stop_v);
    if (!stop.ok()) return stop.status();
    r.stop = *stop;
  } else {
    auto now = interp.now();
    if (!now.ok()) return now.status();
    r.stop = *now;
  }
  // Storage holds nothing outside InfluxDB's valid time range; reading it is harmless.
  if (auto* read = dynamic_cast<const StorageRead*>(input->get()); read != nullptr && !read->range) {
    auto refined = std::make_shared<StorageRead>(*read);
    refined->range = r;
    return Value(std::shared_ptr<const TableStream>(refined));
  }
  auto derived = std::make_shared<DerivedStream>(
      *input, [r](Interpreter&, std::vector<Table> tables) { return range_tables(std::move(tables), r); }, r);
  return Value(std::shared_ptr<const TableStream>(derived));
}

}  // namespace

void register_storage_functions(Scope& universe) {
  universe.set("from", make_builtin("from", from));
  universe.set("range", make_builtin("range", range));
}

}  // namespace tidewater::query::flux
