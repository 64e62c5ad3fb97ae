// SELECT across sources: resolving buckets, reading with pushdown, subqueries, SLIMIT.
#include "core/query/influxql/exec.h"

#include <algorithm>
#include <map>
#include <regex>

#include "core/query/influxql/data.h"
#include "core/query/influxql/select.h"
#include "core/query/influxql/selector_pushdown.h"
#include "core/query/influxql/eval.h"

namespace tidewater::influxql {
namespace {

// A subquery's series as a measurement: its tags become tags, its columns fields. A series
// with several rows at one time (a raw subquery over several series) becomes several series
// with the same tags, the k-th of them holding the k-th row of each time, so no row is lost.
MeasurementData as_measurement(const std::vector<Series>& series, const std::string& name) {
  MeasurementData m;
  m.name = name;
  for (const auto& s : series) {
    std::vector<size_t> occurrence(s.values.size(), 0);
    size_t parts = s.values.empty() ? 0 : 1;
    std::map<int64_t, size_t> seen;
    for (size_t r = 0; r < s.values.size(); ++r) {
      occurrence[r] = seen[std::get<int64_t>(s.values[r][0])]++;
      parts = std::max(parts, occurrence[r] + 1);
    }
    for (size_t part = 0; part < parts; ++part) {
      SeriesData sd;
      sd.key.measurement = name;
      for (const auto& t : s.tags) sd.key.tags.push_back(model::Tag{t.first, t.second});
      for (size_t c = 1; c < s.columns.size(); ++c) {
        storage::FieldColumn col;
        bool typed = false;
        for (size_t r = 0; r < s.values.size(); ++r) {
          if (occurrence[r] != part) continue;
          const Value& v = s.values[r][c];
          if (v.index() == 0) continue;
          model::FieldType type = model::FieldType::kFloat;
          switch (v.index()) {
            case 2: type = model::FieldType::kInteger; break;
            case 3: type = model::FieldType::kUnsigned; break;
            case 4: type = model::FieldType::kString; break;
            case 5: type = model::FieldType::kBoolean; break;
            default: break;
          }
          if (!typed) { col.type = type; typed = true; }
          if (type != col.type) continue;
          col.times.push_back(std::get<int64_t>(s.values[r][0]));
          switch (v.index()) {
            case 1: col.floats.push_back(std::get<double>(v)); break;
            case 2: col.integers.push_back(std::get<int64_t>(v)); break;
            case 3: col.unsigneds.push_back(std::get<uint64_t>(v)); break;
            case 4: col.strings.push_back(std::get<std::string>(v)); break;
            default: col.booleans.push_back(std::get<bool>(v)); break;
          }
        }
        if (!typed) continue;
        m.fields.emplace(s.columns[c], col.type);
        sd.fields.emplace(s.columns[c], std::move(col));
      }
      for (const auto& t : sd.key.tags) m.tag_keys.push_back(t.key);
      m.series.push_back(std::move(sd));
    }
  }
  std::sort(m.tag_keys.begin(), m.tag_keys.end());
  m.tag_keys.erase(std::unique(m.tag_keys.begin(), m.tag_keys.end()), m.tag_keys.end());
  return m;
}

// The names a statement reads (fields, tags, call arguments); false when a wildcard or regex
// selects fields by pattern, so every field must be read.
bool referenced_names(const Expr& e, std::vector<std::string>* out) {
  if (e.kind == ExprKind::kWildcard || e.kind == ExprKind::kRegex) return false;
  if (e.kind == ExprKind::kVarRef) out->push_back(e.name);
  for (const auto& a : e.args) {
    if (a && !referenced_names(*a, out)) return false;
  }
  return true;
}

std::vector<std::string> fields_to_read(const SelectStatement& stmt) {
  std::vector<std::string> names;
  for (const auto& f : stmt.fields) {
    if (!referenced_names(*f.expr, &names)) return {};
  }
  if (stmt.condition && !referenced_names(*stmt.condition, &names)) return {};
  if (names.empty()) return {};
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

Result<const storage::BucketReader*> open_source_bucket(const Source& src, const InfluxqlContext& ctx) {
  std::string db = src.db.empty() ? ctx.database : src.db;
  std::string rp = src.rp.empty() ? ctx.retention_policy : src.rp;
  if (db.empty()) return Status(ErrorCode::kInvalid, "database name required");
  if (!ctx.open_bucket) return Status(ErrorCode::kNotFound, "database not found: " + db);
  return ctx.open_bucket(db, rp);
}

Result<std::vector<Series>> execute_select(const SelectStatement& stmt, const InfluxqlContext& ctx) {
  std::string invalid = validate_select(stmt);
  if (!invalid.empty()) return Status(ErrorCode::kInvalid, invalid);
  Result<SplitCondition> split = split_condition(stmt.condition, ctx.now_ns);
  if (!split.ok()) return split.status();
  SelectRun run{&stmt, std::move(split.value()), ctx.now_ns, nullptr, &ctx.interrupted};
  bool utc = stmt.tz.empty() || stmt.tz == "UTC" || stmt.tz == "Etc/UTC" || stmt.tz == "GMT";
  if (!utc) {
    if (!ctx.zone_offset || !ctx.zone_offset(stmt.tz, ctx.now_ns)) {
      return Status(ErrorCode::kInvalid, "unable to find time zone " + stmt.tz);
    }
    std::string zone = stmt.tz;
    auto lookup = ctx.zone_offset;
    run.zone_offset_ns = [zone, lookup](int64_t t) { return lookup(zone, t).value_or(0) * 1000000000LL; };
  }
  // GROUP BY time without an upper bound stops at now(), as InfluxDB does.
  if (stmt.group_interval > 0 && !run.cond.has_stop) {
    run.cond.range.stop = ctx.now_ns + 1;
    run.cond.has_stop = true;
  }

  std::vector<MeasurementData> measurements;
  for (const auto& src : stmt.sources) {
    if (src.subquery) {
      // The outer GROUP BY tags are passed down: the inner statement groups by them too, so
      // its rows keep those tags (InfluxDB propagates the outer dimensions the same way).
      SelectStatement grouped = *src.subquery;
      grouped.group_tags.insert(grouped.group_tags.end(), stmt.group_tags.begin(), stmt.group_tags.end());
      grouped.group_tag_regexes.insert(grouped.group_tag_regexes.end(), stmt.group_tag_regexes.begin(),
                                       stmt.group_tag_regexes.end());
      grouped.group_all_tags = grouped.group_all_tags || stmt.group_all_tags;
      Result<std::vector<Series>> inner = execute_select(grouped, ctx);
      if (!inner.ok()) return inner.status();
      std::map<std::string, std::vector<Series>> by_name;
      for (auto& s : *inner) by_name[s.name].push_back(std::move(s));
      for (auto& kv : by_name) {
        MeasurementData m = as_measurement(kv.second, kv.first);
        // The outer time range applies to the subquery's rows.
        for (auto& sd : m.series) {
          for (auto& f : sd.fields) {
            storage::FieldColumn& col = f.second;
            storage::FieldColumn kept;
            kept.type = col.type;
            for (size_t i = 0; i < col.size(); ++i) {
              if (col.times[i] < run.cond.range.start || col.times[i] >= run.cond.range.stop) continue;
              kept.times.push_back(col.times[i]);
              switch (col.type) {
                case model::FieldType::kFloat: kept.floats.push_back(col.floats[i]); break;
                case model::FieldType::kInteger: kept.integers.push_back(col.integers[i]); break;
                case model::FieldType::kUnsigned: kept.unsigneds.push_back(col.unsigneds[i]); break;
                case model::FieldType::kString: kept.strings.push_back(col.strings[i]); break;
                case model::FieldType::kBoolean: kept.booleans.push_back(col.booleans[i]); break;
              }
            }
            col = std::move(kept);
          }
        }
        measurements.push_back(std::move(m));
      }
      continue;
    }
    Result<const storage::BucketReader*> reader = open_source_bucket(src, ctx);
    if (!reader.ok()) return reader.status();
    ScanRequest req;
    if (src.regex) req.measurement_regex = cached_regex(*src.regex);
    else req.measurement = src.name;
    req.range = run.cond.range;
    req.tag_equals = run.cond.tag_equals;
    req.tag_alternatives = run.cond.tag_alternatives;
    req.only_fields = fields_to_read(stmt);
    req.selectors = selector_pushdown(run);
    throw_if_interrupted(run.interrupted);
    std::vector<MeasurementData> found = scan_measurements(**reader, req);
    if (found.empty() && (!req.tag_equals.empty() || !req.tag_alternatives.empty())) {
      // A pushed-down name may be a field rather than a tag: read again without it.
      req.tag_equals.clear();
      req.tag_alternatives.clear();
      req.selectors.reset();  // the condition may read a field after all
      found = scan_measurements(**reader, req);
    }
    for (auto& m : found) measurements.push_back(std::move(m));
  }
  std::stable_sort(measurements.begin(), measurements.end(),
                   [](const MeasurementData& a, const MeasurementData& b) { return a.name < b.name; });

  MeasurementData schema;
  for (const auto& m : measurements) {
    for (const auto& kv : m.fields) schema.fields.emplace(kv.first, kv.second);
    schema.tag_keys.insert(schema.tag_keys.end(), m.tag_keys.begin(), m.tag_keys.end());
  }
  std::sort(schema.tag_keys.begin(), schema.tag_keys.end());
  schema.tag_keys.erase(std::unique(schema.tag_keys.begin(), schema.tag_keys.end()), schema.tag_keys.end());

  std::vector<Series> out;
  for (const auto& m : measurements) {
    Result<std::vector<Series>> part = execute_select_on(run, m, schema);
    if (!part.ok()) return part.status();
    std::vector<Series>& series = *part;
    // SLIMIT/SOFFSET count series per measurement.
    size_t from = std::min(series.size(), static_cast<size_t>(stmt.soffset));
    size_t to = stmt.slimit > 0 ? std::min(series.size(), from + static_cast<size_t>(stmt.slimit)) : series.size();
    for (size_t i = from; i < to; ++i) {
      if (run.zone_offset_ns) {
        for (const auto& row : series[i].values) {
          int64_t t = row.empty() || row[0].index() != 2 ? 0 : std::get<int64_t>(row[0]);
          series[i].time_offsets.push_back(static_cast<int32_t>(run.zone_offset_ns(t) / 1000000000LL));
        }
      }
      out.push_back(std::move(series[i]));
    }
  }
  return out;
}

Status execute_delete(const DeleteStatement& stmt, const InfluxqlContext& ctx) {
  if (!ctx.delete_data) return Status(ErrorCode::kInvalid, stmt.kind + " is not supported by this server");
  Result<SplitCondition> split = split_condition(stmt.condition, ctx.now_ns);
  if (!split.ok()) return split.status();
  // Storage deletes by measurement, time range and tag equality (as /api/v2/delete does).
  size_t terms = 0;
  std::vector<const Expr*> stack;
  if (split->rest) stack.push_back(split->rest.get());
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (e->kind == ExprKind::kBinary && e->op == BinOp::kAnd) {
      stack.push_back(e->args[0].get());
      stack.push_back(e->args[1].get());
    } else {
      ++terms;
    }
  }
  if (terms != split->tag_equals.size()) {
    return Status(ErrorCode::kInvalid, stmt.kind + " supports only time ranges and tag = 'value' conditions joined by AND");
  }
  std::vector<Source> sources = stmt.sources;
  if (sources.empty()) sources.emplace_back();
  for (const auto& src : sources) {
    if (src.regex || src.subquery) return Status(ErrorCode::kInvalid, stmt.kind + " needs measurement names");
    DeleteRequest req{src.name, split->range, split->tag_equals};
    std::string db = src.db.empty() ? ctx.database : src.db;
    if (db.empty()) return Status(ErrorCode::kInvalid, "database name required");
    Status s = ctx.delete_data(db, src.rp.empty() ? ctx.retention_policy : src.rp, req);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

StatementResult execute_statement(const Statement& stmt, int statement_id, const InfluxqlContext& ctx) {
  StatementResult r;
  r.statement_id = statement_id;
  if (const auto* del = std::get_if<DeleteStatement>(&stmt)) {
    Status s = execute_delete(*del, ctx);
    if (!s.ok()) r.error = s.message();
    return r;
  }
  if (const auto* other = std::get_if<UnsupportedStatement>(&stmt)) {
    r.error = "statement not supported: " + other->text;
    return r;
  }
  Result<std::vector<Series>> series = std::holds_alternative<SelectStatement>(stmt)
                                           ? execute_select(std::get<SelectStatement>(stmt), ctx)
                                           : execute_show(std::get<ShowStatement>(stmt), ctx);
  if (!series.ok()) {
    r.error = series.status().message();
    return r;
  }
  r.series = std::move(series.value());
  return r;
}

}  // namespace tidewater::influxql
