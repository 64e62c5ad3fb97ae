// SHOW statements, answered from the series storage hands out (shapes as InfluxDB 1.x/2.7).
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/query/influxql/data.h"
#include "core/query/influxql/eval.h"
#include "core/query/influxql/exec.h"

namespace tidewater::influxql {
namespace {

// Line protocol escaping of a series key ("home,room=Living\ Room").
void append_escaped(std::string& out, std::string_view s, bool is_measurement) {
  for (char c : s) {
    if (c == ',' || c == ' ' || (!is_measurement && c == '=')) out += '\\';
    out += c;
  }
}

std::string series_key_text(const storage::SeriesKey& key) {
  std::string out;
  append_escaped(out, key.measurement, true);
  for (const auto& t : key.tags) {
    out += ',';
    append_escaped(out, t.key, false);
    out += '=';
    append_escaped(out, t.value, false);
  }
  return out;
}

Series make_series(std::string name, std::vector<std::string> columns) {
  Series s;
  s.name = std::move(name);
  s.columns = std::move(columns);
  s.time_column = false;
  return s;
}

// Limit and offset on a series' rows.
void page(Series& s, int64_t limit, int64_t offset) {
  size_t off = std::min(s.values.size(), static_cast<size_t>(std::max<int64_t>(offset, 0)));
  s.values.erase(s.values.begin(), s.values.begin() + static_cast<long>(off));
  if (limit > 0 && s.values.size() > static_cast<size_t>(limit)) s.values.resize(static_cast<size_t>(limit));
}

// WHERE on SHOW statements sees tags (and the time range, already applied by the read).
bool series_passes(const ExprPtr& rest, const SeriesData& s) {
  if (!rest) return true;
  return truthy(eval(*rest, [&](const Expr& v) -> Value {
    if (s.has_tag(v.name)) return s.tag(v.name);
    return std::string();
  }));
}

}  // namespace

Result<std::vector<Series>> execute_show(const ShowStatement& stmt, const InfluxqlContext& ctx) {
  std::vector<Series> out;
  if (stmt.kind == ShowKind::kDatabases) {
    Series s = make_series("databases", {"name"});
    if (ctx.list_databases) {
      for (const auto& db : ctx.list_databases()) s.values.push_back({db});
    }
    out.push_back(std::move(s));
    return out;
  }
  std::string db = stmt.database.empty() ? ctx.database : stmt.database;
  if (db.empty()) return Status(ErrorCode::kInvalid, "database name required");
  if (stmt.kind == ShowKind::kRetentionPolicies) {
    if (!ctx.list_retention_policies) return Status(ErrorCode::kNotFound, "database not found: " + db);
    auto rps = ctx.list_retention_policies(db);
    if (!rps.ok()) return rps.status();
    Series s = make_series("", {"name", "duration", "shardGroupDuration", "replicaN", "default"});
    for (const auto& rp : *rps) {
      s.values.push_back({rp.name, rp.duration, rp.shard_group_duration, rp.replica_n, rp.is_default});
    }
    out.push_back(std::move(s));
    return out;
  }

  Source where;
  where.db = db;
  Result<const storage::BucketReader*> reader = open_source_bucket(where, ctx);
  if (!reader.ok()) return reader.status();
  Result<SplitCondition> split = split_condition(stmt.condition, ctx.now_ns);
  if (!split.ok()) return split.status();

  // Which measurements: FROM sources, WITH MEASUREMENT, or all.
  ScanRequest req;
  req.range = split->range;
  req.keys_only = true;
  if (stmt.measurement_equals) req.measurement = *stmt.measurement_equals;
  if (stmt.measurement_regex) req.measurement_regex = cached_regex(*stmt.measurement_regex);
  std::vector<MeasurementData> ms;
  if (stmt.sources.empty()) {
    ms = scan_measurements(**reader, req);
  } else {
    // FROM a, /b/: each source read once, measurements kept once, by name.
    for (const auto& src : stmt.sources) {
      ScanRequest one = req;
      if (src.regex) one.measurement_regex = cached_regex(*src.regex);
      else one.measurement = src.name;
      for (auto& m : scan_measurements(**reader, one)) {
        bool seen = std::any_of(ms.begin(), ms.end(), [&](const MeasurementData& x) { return x.name == m.name; });
        if (!seen) ms.push_back(std::move(m));
      }
    }
    std::sort(ms.begin(), ms.end(), [](const MeasurementData& a, const MeasurementData& b) { return a.name < b.name; });
  }
  for (auto& m : ms) {
    std::vector<SeriesData> kept;
    for (auto& s : m.series) {
      if (series_passes(split->rest, s)) kept.push_back(std::move(s));
    }
    m.series = std::move(kept);
  }
  ms.erase(std::remove_if(ms.begin(), ms.end(), [](const MeasurementData& m) { return m.series.empty(); }), ms.end());

  auto count_series = [](std::string name, std::string column, int64_t n) {
    Series s = make_series(std::move(name), {std::move(column)});
    s.values.push_back({n});
    return s;
  };
  switch (stmt.kind) {
    case ShowKind::kMeasurements: {
      Series s = make_series("measurements", {"name"});
      for (const auto& m : ms) s.values.push_back({m.name});
      page(s, stmt.limit, stmt.offset);
      if (!s.values.empty()) out.push_back(std::move(s));
      break;
    }
    case ShowKind::kMeasurementCardinality:
      if (!ms.empty()) out.push_back(count_series("", stmt.exact || !stmt.sources.empty() || stmt.condition ? "count" : "cardinality estimation",
                                                  static_cast<int64_t>(ms.size())));
      break;
    case ShowKind::kSeries: {
      Series s = make_series("", {"key"});
      std::vector<std::string> keys;
      for (const auto& m : ms)
        for (const auto& sd : m.series) keys.push_back(series_key_text(sd.key));
      std::sort(keys.begin(), keys.end());
      for (auto& k : keys) s.values.push_back({k});
      page(s, stmt.limit, stmt.offset);
      if (!s.values.empty()) out.push_back(std::move(s));
      break;
    }
    case ShowKind::kSeriesCardinality: {
      // InfluxDB counts exactly when FROM or WHERE narrows the series.
      if (!stmt.exact && stmt.sources.empty() && !stmt.condition) {
        int64_t n = 0;
        for (const auto& m : ms) n += static_cast<int64_t>(m.series.size());
        if (n > 0) out.push_back(count_series("", "cardinality estimation", n));
        break;
      }
      for (const auto& m : ms) out.push_back(count_series(m.name, "count", static_cast<int64_t>(m.series.size())));
      break;
    }
    case ShowKind::kTagKeys:
    case ShowKind::kTagKeyCardinality: {
      for (const auto& m : ms) {
        if (m.tag_keys.empty()) continue;
        if (stmt.kind == ShowKind::kTagKeyCardinality) {
          out.push_back(count_series(m.name, "count", static_cast<int64_t>(m.tag_keys.size())));
          continue;
        }
        Series s = make_series(m.name, {"tagKey"});
        for (const auto& k : m.tag_keys) s.values.push_back({k});
        page(s, stmt.limit, stmt.offset);
        if (!s.values.empty()) out.push_back(std::move(s));
      }
      break;
    }
    case ShowKind::kTagValues:
    case ShowKind::kTagValuesCardinality: {
      std::regex key_re(stmt.key_regex.empty() ? ".*" : stmt.key_regex);
      auto key_selected = [&](const std::string& key) {
        switch (stmt.key_op) {
          case BinOp::kEq: return std::find(stmt.keys.begin(), stmt.keys.end(), key) != stmt.keys.end();
          case BinOp::kNeq: return std::find(stmt.keys.begin(), stmt.keys.end(), key) == stmt.keys.end();
          case BinOp::kRegexMatch: return std::regex_search(key, key_re);
          default: return !std::regex_search(key, key_re);
        }
      };
      for (const auto& m : ms) {
        std::set<std::pair<std::string, std::string>> pairs;
        for (const auto& sd : m.series)
          for (const auto& t : sd.key.tags)
            if (key_selected(t.key)) pairs.emplace(t.key, t.value);
        if (pairs.empty()) continue;
        if (stmt.kind == ShowKind::kTagValuesCardinality) {
          out.push_back(count_series(m.name, "count", static_cast<int64_t>(pairs.size())));
          continue;
        }
        Series s = make_series(m.name, {"key", "value"});
        for (const auto& p : pairs) s.values.push_back({p.first, p.second});
        page(s, stmt.limit, stmt.offset);
        if (!s.values.empty()) out.push_back(std::move(s));
      }
      break;
    }
    case ShowKind::kFieldKeys:
    case ShowKind::kFieldKeyCardinality: {
      for (const auto& m : ms) {
        if (stmt.kind == ShowKind::kFieldKeyCardinality) {
          out.push_back(count_series(m.name, "count", static_cast<int64_t>(m.fields.size())));
          continue;
        }
        Series s = make_series(m.name, {"fieldKey", "fieldType"});
        for (const auto& kv : m.fields) s.values.push_back({kv.first, std::string(model::field_type_name(kv.second))});
        page(s, stmt.limit, stmt.offset);
        if (!s.values.empty()) out.push_back(std::move(s));
      }
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace tidewater::influxql
