#include "core/replication/replication_outbox.h"

#include <exception>
#include <nlohmann/json.hpp>

namespace tidewater::replication {

using nlohmann::json;

namespace {

std::string outbox_error(std::string_view message) { return json{{"error", message}}.dump(); }

const json* outbox_replication(api::Database& db, std::string_view id) {
  return db.catalog().definitions().find("replications", id);
}

}  // namespace

std::string outbox_targets(api::Database& db) {
  try {
    json out = json::array();
    const auto& defs = db.catalog().definitions();
    for (const json& r : defs.all("replications")) {
      const json* remote = defs.find("remotes", r.value("remoteID", ""));
      if (!remote) continue;
      json t = json::object();
      for (const char* k : {"id", "orgID", "name", "localBucketID", "remoteBucketID", "remoteBucketName"}) t[k] = r.value(k, "");
      t["dropNonRetryableData"] = r.value("dropNonRetryableData", false);
      t["latestResponseCode"] = r.value("latestResponseCode", 0);
      t["latestErrorMessage"] = r.value("latestErrorMessage", "");
      auto q = db.replication_queues().queue(r);
      t["queuedBytes"] = q.ok() ? (*q)->queued_bytes() : 0;
      t["remote"] = {{"id", remote->value("id", "")},
                     {"remoteURL", remote->value("remoteURL", "")},
                     {"remoteAPIToken", remote->value("remoteAPIToken", "")},
                     {"remoteOrgID", remote->value("remoteOrgID", "")},
                     {"allowInsecureTLS", remote->value("allowInsecureTLS", false)},
                     {"remoteAPIVersion", remote->value("remoteAPIVersion", "v2")}};
      out.push_back(std::move(t));
    }
    return json{{"replications", out}}.dump();
  } catch (const std::exception& e) {
    return outbox_error(e.what());
  }
}

std::string outbox_next_batch(api::Database& db, std::string_view replication_id, size_t max_bytes) {
  try {
    const json* r = outbox_replication(db, replication_id);
    if (!r) return outbox_error("replication not found");
    auto q = db.replication_queues().queue(*r);
    if (!q.ok()) return outbox_error(q.status().message());
    auto batch = (*q)->peek(max_bytes);
    if (!batch.ok()) return outbox_error(batch.status().message());
    if (!*batch) return json{{"lines", ""}, {"records", 0}}.dump();
    // Line protocol is UTF-8 checked by the parser before it was queued; replace anything
    // else rather than fail the whole batch.
    return json{{"lines", (*batch)->lines}, {"end", (*batch)->end.to_string()}, {"records", (*batch)->records}}.dump(
        -1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return outbox_error(e.what());
  }
}

std::string outbox_report(api::Database& db, std::string_view replication_id, std::string_view end, bool acknowledge,
                          int code, std::string_view message) {
  try {
    const json* r = outbox_replication(db, replication_id);
    if (!r) return "replication not found";
    if (acknowledge) {
      auto position = QueuePosition::parse(end);
      if (!position) return "invalid queue position \"" + std::string(end) + "\"";
      auto q = db.replication_queues().queue(*r);
      if (!q.ok()) return q.status().message();
      if (Status s = (*q)->acknowledge(*position); !s.ok()) return s.message();
    }
    // The catalog file is rewritten only when the status changes, not on every batch.
    if (r->value("latestResponseCode", 0) != code || r->value("latestErrorMessage", "") != message) {
      json doc = *r;
      doc["latestResponseCode"] = code;
      doc["latestErrorMessage"] = message;
      if (Status s = db.catalog().definitions().put("replications", std::move(doc)); !s.ok()) return s.message();
    }
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace tidewater::replication
