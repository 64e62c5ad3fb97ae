// POST /write?db=&rp=&precision=: InfluxDB 2.7's v1 write. The bucket comes from the DBRP
// mapping of the token's org (rp "" = the default mapping); parsing and storing are
// /api/v2/write's (write_line_protocol), with the v1 handler's own texts.
#include "core/api/v1_handlers.h"

namespace tidewater::api {

namespace {

// models.GetPrecisionMultiplier: u, ms, s, m, h; anything else (n, ns, "") is nanoseconds.
model::Precision v1_precision(std::string_view p) {
  if (p == "u") return model::Precision::kMicroseconds;
  if (p == "ms") return model::Precision::kMilliseconds;
  if (p == "s") return model::Precision::kSeconds;
  if (p == "m") return model::Precision::kMinutes;
  if (p == "h") return model::Precision::kHours;
  return model::Precision::kNanoseconds;
}

}  // namespace

Response handle_v1_write(Call& c) {
  auto who = authenticate_v1(c.db, c.req);
  if (!who.ok()) return Response::error(who.status());
  const std::string db = std::string(c.req.query_param("db").value_or(""));
  if (db.empty()) return Response::error(ErrorCode::kInvalid, "missing db");
  const std::string rp = std::string(c.req.query_param("rp").value_or(""));
  auto& catalog = c.db.catalog();
  const auto mappings = org_dbrps(catalog, who->org_id);
  const catalog::Dbrp* mapping = find_dbrp_mapping(mappings, db, rp);
  if (!mapping) return Response::error(ErrorCode::kNotFound, "no dbrp mapping found");
  const catalog::Bucket* bucket = catalog.bucket_by_id(mapping->bucket_id);
  if (!bucket) return Response::error(ErrorCode::kNotFound, "bucket not found");
  if (!can(*who, auth::Action::kWrite, "buckets", bucket->org_id, bucket->id))
    return Response::error(ErrorCode::kForbidden, "insufficient permissions for write");
  return write_line_protocol(c.db, *bucket, c.req.body, v1_precision(c.req.query_param("precision").value_or("")),
                             "failure writing points to database: ");
}

}  // namespace tidewater::api
