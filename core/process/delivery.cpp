#include "core/process/delivery.h"

#include <algorithm>
#include <utility>

#include "core/api/handlers.h"
#include "core/lineprotocol/parser.h"
#include "core/lineprotocol/writer.h"

namespace tidewater::process {

using nlohmann::json;

std::string take_notifications(api::Database& db) {
  json out = json::array();
  for (const std::string& request : std::exchange(db.notification_outbox(), {})) {
    json r = json::parse(request, nullptr, false);
    if (!r.is_discarded()) out.push_back(std::move(r));
  }
  return out.dump();
}

json delivery_log(const std::string& org_id, const model::Point& row) {
  return {{"org", org_id}, {"bucket", "_monitoring"}, {"line", lineprotocol::write_lines({row})}};
}

std::string record_delivery(api::Database& db, const json& request, const json& result) {
  try {
    if (!request.is_object() || !request.contains("log") || !request["log"].is_object()) return "";
    const json& log = request["log"];
    const std::string org = log.value("org", ""), bucket_name = log.value("bucket", "_monitoring");
    const catalog::Bucket* bucket = db.catalog().bucket_by_name(org, bucket_name);
    if (!bucket) return "bucket " + bucket_name + " not found";
    auto points = lineprotocol::parse(log.value("line", ""), model::Precision::kNanoseconds, 0);
    if (!points.ok()) return points.status().message();
    const bool sent = result.is_object() && result.value("sent", false) == true;
    std::string reason = sent || !result.is_object() ? "" : result.value("reason", "");
    if (!sent && reason.empty()) reason = "not sent";
    int64_t at = 0;
    for (model::Point& p : *points) {
      // InfluxDB's monitor.notify groups by _sent: a tag of the notifications row.
      p.tags.erase(std::remove_if(p.tags.begin(), p.tags.end(), [](const model::Tag& t) { return t.key == "_sent"; }),
                   p.tags.end());
      p.tags.push_back({"_sent", sent ? "true" : "false"});
      std::sort(p.tags.begin(), p.tags.end(), [](const model::Tag& a, const model::Tag& b) { return a.key < b.key; });
      if (!sent) p.fields.push_back({"_reason", reason});
      at = std::max(at, p.time);
    }
    Status s = api::store_points(db, *bucket, std::move(points).value(), at, "");
    return s.ok() ? "" : s.message();
  } catch (const std::exception& e) {
    return std::string("delivery: ") + e.what();
  } catch (...) {
    return "delivery: unexpected failure";
  }
}

}  // namespace tidewater::process
