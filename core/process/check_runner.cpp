#include "core/process/check_runner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <nlohmann/json.hpp>

#include "core/api/definition_util.h"
#include "core/api/handlers.h"
#include "core/model/format.h"
#include "core/process/check_status.h"
#include "core/process/delivery.h"
#include "core/process/owner_query.h"
#include "core/process/task_schedule.h"
#include "core/query/flux/literals.h"
#include "core/util/regex.h"

namespace tidewater::process {

using nlohmann::json;

namespace {

constexpr const char* kDefaultStatusMessage = "Check: ${ r._check_name } is: ${ r._level }";

std::string check_cell_text(const query::Cell& c, query::ColumnType type) {
  if (type == query::ColumnType::kTime && std::holds_alternative<int64_t>(c.data))
    return model::format_rfc3339(std::get<int64_t>(c.data));
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "";
        else if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, double>) return model::format_float(v);
        else return std::to_string(v);
      },
      c.data);
}

std::optional<double> check_number(const query::Cell& c) {
  if (auto* d = std::get_if<double>(&c.data)) return *d;
  if (auto* i = std::get_if<int64_t>(&c.data)) return static_cast<double>(*i);
  if (auto* u = std::get_if<uint64_t>(&c.data)) return static_cast<double>(*u);
  return std::nullopt;
}

// The statuses point of one row; false when the row has no value to check.
bool status_point(const json& check, const query::Table& table, size_t row, int64_t t, int64_t dead_before,
                  model::Point* p) {
  const bool deadman = api::str_of(check, "type") == "deadman";
  std::map<std::string, std::string> cols;
  std::vector<model::Tag> tags;
  std::string field = "_value";
  std::optional<double> value;
  int64_t source_time = t;
  for (const auto& col : table.columns) {
    const query::Cell cell = col.cell(row);
    cols[col.name] = check_cell_text(cell, col.type);
    if (col.name == "_time" && std::holds_alternative<int64_t>(cell.data)) source_time = std::get<int64_t>(cell.data);
    if (col.name == "_value") value = check_number(cell);
    if (col.name == "_field" && col.type == query::ColumnType::kString) field = cols[col.name];
    if (col.name.empty() || col.name[0] == '_' || col.type != query::ColumnType::kString || !table.key.has(col.name)) continue;
    if (!cell.is_null()) tags.push_back({col.name, cols[col.name]});
  }
  if (!value && !deadman) return false;
  std::string level;
  if (deadman) {
    std::string dead_level = api::str_of(check, "level");
    for (char& ch : dead_level) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    level = source_time < dead_before ? (dead_level.empty() ? "crit" : dead_level) : "ok";
  } else {
    level = threshold_level(check.value("thresholds", json::array()), *value);
  }
  const std::string source_measurement = cols.count("_measurement") ? cols["_measurement"] : "";
  for (const auto& t : check.value("tags", json::array())) tags.push_back({api::str_of(t, "key"), api::str_of(t, "value")});
  tags.push_back({"_check_id", api::str_of(check, "id")});
  tags.push_back({"_check_name", api::str_of(check, "name")});
  tags.push_back({"_level", level});
  tags.push_back({"_source_measurement", source_measurement});
  tags.push_back({"_type", api::str_of(check, "type")});
  std::sort(tags.begin(), tags.end(), [](const model::Tag& a, const model::Tag& b) { return a.key < b.key; });
  // Duplicated keys (a check tag also on the row) keep the first after sorting.
  tags.erase(std::unique(tags.begin(), tags.end(), [](const model::Tag& a, const model::Tag& b) { return a.key == b.key; }), tags.end());
  for (const auto& tag : tags) cols[tag.key] = tag.value;
  const std::string tmpl = check.value("statusMessageTemplate", "");
  p->measurement = "statuses";
  p->tags = std::move(tags);
  p->fields.push_back({"_message", render_status_message(tmpl.empty() ? kDefaultStatusMessage : tmpl, cols)});
  p->fields.push_back({"_source_timestamp", source_time});
  if (value) p->fields.push_back({field, *value});
  if (deadman) p->fields.push_back({"dead", source_time < dead_before});
  p->time = t;
  return true;
}

int64_t check_duration(const json& check, const char* key, int64_t fallback) {
  int64_t months = 0, nanos = 0;
  std::string error;
  const std::string text = api::str_of(check, key);
  if (text.empty() || !query::flux::parse_duration_literal(text, &months, &nanos, &error) || months != 0) return fallback;
  return nanos;
}

std::string check_tag(const model::Point& p, const std::string& key) {
  for (const auto& tag : p.tags)
    if (tag.key == key) return tag.value;
  return "";
}

// The series a status belongs to: its tags but the level.
std::string check_series_key(const model::Point& p) {
  std::string key;
  for (const auto& tag : p.tags)
    if (tag.key != "_level") key += tag.key + "=" + tag.value + ",";
  return key;
}

bool rule_tags_match(const json& rule, const model::Point& status) {
  for (const auto& tr : rule.value("tagRules", json::array())) {
    const std::string value = check_tag(status, api::str_of(tr, "key")), op = api::str_of(tr, "operator");
    bool equal = value == api::str_of(tr, "value");
    if (op == "equalregex" || op == "notequalregex") {
      auto re = util::compile_regex(api::str_of(tr, "value"));
      equal = re.ok() && std::regex_search(value, *re);
    }
    if ((op == "notequal" || op == "notequalregex") == equal) return false;
  }
  return true;
}

// Whether a status rule fires for a change from `previous` to `current` (lowercase levels; ""
// when the series had no status before). With a previousLevel it fires on changes only.
bool status_rule_fires(const json& sr, const std::string& previous, const std::string& current) {
  auto upper = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string want_now = api::str_of(sr, "currentLevel"), want_before = api::str_of(sr, "previousLevel");
  if (!want_now.empty() && want_now != "ANY" && want_now != upper(current)) return false;
  if (want_before.empty()) return true;
  if (previous.empty() || previous == current) return false;
  return want_before == "ANY" || want_before == upper(previous);
}

// The request an endpoint gets for a status (InfluxDB's HTTP endpoint posts the status as
// JSON; Slack gets {channel, text}).
json endpoint_request(const json& endpoint, const json& rule, const model::Point& status, const std::string& message) {
  json headers = {{"Content-Type", "application/json"}};
  const json extra_headers = endpoint.value("headers", json::object());  // must outlive the loop
  for (const auto& header : extra_headers.items())
    if (header.value().is_string()) headers[header.key()] = header.value();
  json body;
  if (api::str_of(endpoint, "type") == "slack") {
    body = {{"channel", api::str_of(rule, "channel")}, {"text", message}};
  } else {
    body = json::object();
    for (const auto& tag : status.tags) body[tag.key] = tag.value;
    body["_message"] = message;
    body["_notification_rule_id"] = rule["id"];
    body["_notification_rule_name"] = rule["name"];
    body["_notification_endpoint_id"] = endpoint["id"];
    body["_notification_endpoint_name"] = endpoint["name"];
    body["_time"] = model::format_rfc3339(status.time);
  }
  const std::string method = api::str_of(endpoint, "method");
  // browser-notification and in-app-log are delivered by the host without a request: it reads
  // type, title and message.
  return {{"url", api::str_of(endpoint, "url")}, {"method", method.empty() ? "POST" : method}, {"headers", headers},
          {"body", body.dump()}, {"ruleID", rule["id"]}, {"endpointID", endpoint["id"]},
          {"type", api::str_of(endpoint, "type")}, {"title", api::str_of(rule, "name")}, {"message", message}};
}

// Status changes against the check's notification rules: an outbox request per firing rule,
// carrying its `notifications` row for _monitoring. `levels` holds each series' last level.
void notify_statuses(api::Database& db, const json& check, const std::vector<model::Point>& statuses, json& levels,
                     std::vector<std::string>* outbox) {
  const auto& defs = db.catalog().definitions();
  for (const model::Point& status : statuses) {
    const std::string series = check_series_key(status), current = check_tag(status, "_level");
    const std::string previous = levels.value(series, "");
    levels[series] = current;
    for (const json& rule : defs.all("notificationRules")) {
      if (api::str_of(rule, "orgID") != api::str_of(check, "orgID") || api::str_of(rule, "status") == "inactive") continue;
      bool fires = false;
      for (const auto& sr : rule.value("statusRules", json::array())) fires = fires || status_rule_fires(sr, previous, current);
      if (!fires || !rule_tags_match(rule, status)) continue;
      const json* endpoint = defs.find("notificationEndpoints", api::str_of(rule, "endpointID"));
      if (!endpoint || api::str_of(*endpoint, "status") == "inactive") continue;
      std::map<std::string, std::string> cols;
      for (const auto& tag : status.tags) cols[tag.key] = tag.value;
      for (const auto& f : status.fields)
        if (f.key == "_message") cols["_message"] = std::get<std::string>(f.value);
      const std::string tmpl = api::str_of(rule, "messageTemplate");
      const std::string message = tmpl.empty() ? cols["_message"] : render_status_message(tmpl, cols);
      model::Point row;
      row.measurement = "notifications";
      row.tags = status.tags;
      row.tags.push_back({"_notification_rule_id", api::str_of(rule, "id")});
      row.tags.push_back({"_notification_rule_name", api::str_of(rule, "name")});
      row.tags.push_back({"_notification_endpoint_id", api::str_of(*endpoint, "id")});
      row.tags.push_back({"_notification_endpoint_name", api::str_of(*endpoint, "name")});
      std::sort(row.tags.begin(), row.tags.end(), [](const model::Tag& a, const model::Tag& b) { return a.key < b.key; });
      row.fields.push_back({"_message", message});
      row.fields.push_back({"_status_timestamp", status.time});
      row.time = status.time;
      // Written once the host reports the delivery, with _sent (delivery.h).
      json request = endpoint_request(*endpoint, rule, status, message);
      request["log"] = delivery_log(api::str_of(check, "orgID"), row);
      outbox->push_back(request.dump());
    }
  }
}

// One run of the check at scheduled time t: the error, or "".
std::string run_check_at(api::Database& db, const json& check, const Schedule& schedule, int64_t t, json& levels,
                         std::vector<std::string>* outbox) {
  const bool deadman = api::str_of(check, "type") == "deadman";
  const int64_t since = check_duration(check, "timeSince", 0);
  const int64_t window = deadman ? check_duration(check, "staleTime", std::max<int64_t>(since * 2, schedule.every_ns)) : schedule.every_ns;
  const std::string text = check.value("query", json::object()).value("text", "");
  if (text.empty()) return "check has no query";
  // The dashboard's query variables, bound to this run's window.
  const std::string flux = "option v = {timeRangeStart: " + model::format_rfc3339(t - window) +
                           ", timeRangeStop: " + model::format_rfc3339(t) + ", windowPeriod: " +
                           api::str_of(check, "every") + "}\n" + text;
  auto results = run_owner_query(db, check, flux, t);
  if (!results.ok()) return results.status().message();
  std::vector<model::Point> points;
  for (const auto& rs : *results)
    for (const auto& table : rs.tables) {
      // A deadman check looks at each series' latest row only (monitor.deadman).
      const size_t first = deadman && table.rows() ? table.rows() - 1 : 0;
      for (size_t row = first; row < table.rows(); ++row) {
        model::Point p;
        if (status_point(check, table, row, t, t - since, &p)) points.push_back(std::move(p));
      }
    }
  if (points.empty()) return "";
  notify_statuses(db, check, points, levels, outbox);
  const catalog::Bucket* monitoring = db.catalog().bucket_by_name(api::str_of(check, "orgID"), "_monitoring");
  if (!monitoring) return "bucket _monitoring not found";
  Status s = api::store_points(db, *monitoring, std::move(points), t, "");
  return s.ok() ? "" : s.message();
}

}  // namespace

std::vector<RunOutcome> run_due_checks(api::Database& db, int64_t now_ns, const SchedulerOptions& options) {
  std::vector<RunOutcome> out;
  try {
    const std::vector<json> checks = db.catalog().definitions().all("checks");
    for (const json& check : checks) {
      if (api::str_of(check, "status") == "inactive") continue;
      const std::string id = api::str_of(check, "id");
      auto schedule = parse_schedule(api::str_of(check, "every"), "", api::str_of(check, "offset"));
      const int64_t after = definition_time(check, "latestCompleted");
      if (!after) {
        // First seen by the scheduler: it starts from now rather than catching up the past.
        json started = check;
        started["latestCompleted"] = model::format_rfc3339(now_ns);
        (void)db.catalog().definitions().put("checks", started);
        continue;
      }
      Result<DueRuns> due = schedule.ok() ? due_runs(*schedule, after, now_ns, options.max_catch_up) : Result<DueRuns>(schedule.status());
      if (!due.ok()) {
        out.push_back({id, "", "failed", due.status().message(), "check", now_ns, false});
        continue;
      }
      if (due->times.empty()) continue;
      json updated = check;
      json levels = check.value("lastLevels", json::object());
      for (int64_t t : due->times) {
        std::vector<std::string> outbox;
        std::string error = run_check_at(db, check, *schedule, t, levels, &outbox);
        out.push_back({id, "", error.empty() ? "success" : "failed", error, "check", t, false, std::move(outbox)});
        updated["latestCompleted"] = model::format_rfc3339(t);
        updated["lastLevels"] = levels;
        updated["lastRunStatus"] = error.empty() ? "success" : "failed";
        if (error.empty()) updated.erase("lastRunError");
        else updated["lastRunError"] = error;
      }
      (void)db.catalog().definitions().put("checks", updated);
    }
  } catch (const std::exception& e) {
    out.push_back({"", "", "failed", std::string("checks: ") + e.what(), "check", now_ns, false});
  } catch (...) {
    out.push_back({"", "", "failed", "checks: unexpected failure", "check", now_ns, false});
  }
  return out;
}

}  // namespace tidewater::process
