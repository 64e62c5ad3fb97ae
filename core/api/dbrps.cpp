// /api/v2/dbrps: InfluxQL database/retention-policy mappings. Besides the explicit mappings,
// every bucket has a virtual one (database = the bucket's name, or its part before "/";
// retention policy "autogen" or the part after "/"; ID = the bucket's ID), listed as
// InfluxDB 2.7 lists it. Access follows the mapped bucket's permissions.
#include <nlohmann/json.hpp>

#include "core/api/handlers.h"
#include "core/api/request_util.h"
#include "core/api/resource_json.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

Status no_dbrp() { return Status(ErrorCode::kNotFound, "unable to find DBRP"); }

Result<std::string> org_of(const catalog::Catalog& catalog, std::string_view id, std::string_view name) {
  if (!id.empty()) {
    if (!check_id(id).ok()) return Status(ErrorCode::kInvalid, "invalid org ID \"" + std::string(id) + "\"");
    return std::string(id);
  }
  if (name.empty()) return Status(ErrorCode::kInvalid, "either 'org' or 'orgID' must be provided");
  const catalog::Org* org = catalog.org_by_name(name);
  if (!org) return Status(ErrorCode::kNotFound, "invalid org \"" + std::string(name) + "\"");
  return org->id;
}

Result<std::string> org_of_query(const Call& c) {
  return org_of(c.db.catalog(), c.req.query_param("orgID").value_or(""), c.req.query_param("org").value_or(""));
}

// InfluxQL names: printable, not "." or "..", no slashes.
bool valid_name(const std::string& s) {
  if (s.empty() || s == "." || s == ".." || s.find_first_of("/\\") != std::string::npos) return false;
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return false;
  return true;
}

// Lists show mappings whose bucket the caller may read or write (the v1 write path finds
// buckets through them), as InfluxDB filters them.
bool listable(const Identity& who, const catalog::Dbrp& d) {
  return can(who, Action::kRead, "buckets", d.org_id, d.bucket_id) || can(who, Action::kWrite, "buckets", d.org_id, d.bucket_id);
}

// The mapping with the ID in the org, explicit or virtual.
Result<std::pair<catalog::Dbrp, bool>> find_dbrp(const catalog::Catalog& catalog, std::string_view org_id, std::string_view id) {
  if (Status s = check_id(id); !s.ok()) return s;
  if (const catalog::Dbrp* d = catalog.dbrp_by_id(id); d && d->org_id == org_id) return std::make_pair(*d, false);
  if (const catalog::Bucket* b = catalog.bucket_by_id(id); b && b->org_id == org_id)
    return std::make_pair(virtual_dbrp(catalog, *b), true);
  return no_dbrp();
}

Response list_dbrps(Call& c) {
  auto org_id = org_of_query(c);
  if (!org_id.ok()) return Response::error(org_id.status());
  const auto id = c.req.query_param("id").value_or("");
  const auto bucket_id = c.req.query_param("bucketID").value_or("");
  if (!id.empty() && !check_id(id).ok()) return Response::error(ErrorCode::kInvalid, "invalid DBRP ID \"" + std::string(id) + "\"");
  if (!bucket_id.empty() && !check_id(bucket_id).ok())
    return Response::error(ErrorCode::kInvalid, "invalid bucket ID \"" + std::string(bucket_id) + "\"");
  const auto db = c.req.query_param("db").value_or(""), rp = c.req.query_param("rp").value_or("");
  std::optional<bool> is_default;
  if (auto v = c.req.query_param("default"); v && !v->empty()) {
    if (*v == "true") is_default = true;
    else if (*v == "false") is_default = false;
    else return Response::error(ErrorCode::kInvalid, "invalid default parameter");
  }
  auto& catalog = c.db.catalog();
  std::vector<std::pair<catalog::Dbrp, bool>> all;
  for (const auto& d : catalog.dbrps())
    if (d.org_id == *org_id) all.emplace_back(d, false);
  for (const auto& b : catalog.buckets())
    if (b.org_id == *org_id) all.emplace_back(virtual_dbrp(catalog, b), true);
  json content = json::array();
  for (const auto& [d, is_virtual] : all) {
    if ((!id.empty() && d.id != id) || (!bucket_id.empty() && d.bucket_id != bucket_id) || (!db.empty() && d.database != db) ||
        (!rp.empty() && d.retention_policy != rp) || (is_default && d.is_default != *is_default))
      continue;
    if (listable(*c.who, d)) content.push_back(dbrp_json(d, is_virtual));
  }
  return Response::json(200, json{{"content", content}}.dump());
}

Response post_dbrp(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  catalog::Dbrp d;
  std::optional<std::string> fields[4];
  const char* keys[4] = {"orgID", "org", "bucketID", "database"};
  for (int i = 0; i < 4; ++i) {
    auto v = optional_string(*body, keys[i]);
    if (!v.ok()) return Response::error(ErrorCode::kInvalid, "invalid json structure");
    fields[i] = *v;
  }
  auto rp = optional_string(*body, "retention_policy");
  auto is_default = optional_bool(*body, "default");
  if (!rp.ok() || !is_default.ok()) return Response::error(ErrorCode::kInvalid, "invalid json structure");
  auto& catalog = c.db.catalog();
  auto org_id = org_of(catalog, fields[0].value_or(""), fields[1].value_or(""));
  if (!org_id.ok()) return Response::error(org_id.status());
  d.org_id = *org_id;
  d.bucket_id = fields[2].value_or("");
  if (!check_id(d.bucket_id).ok()) return Response::error(ErrorCode::kInvalid, "invalid bucket ID \"" + d.bucket_id + "\"");
  d.database = fields[3].value_or("");
  d.retention_policy = rp->value_or("");
  d.is_default = is_default->value_or(false);
  if (!valid_name(d.database))
    return Response::error(ErrorCode::kInvalid, "DBRP provided is invalid: database must contain at least one character "
                                                "and only be letters, numbers, '_', '-', and '.'");
  if (!valid_name(d.retention_policy))
    return Response::error(ErrorCode::kInvalid, "DBRP provided is invalid: retentionPolicy must contain at least one "
                                                "character and only be letters, numbers, '_', '-', and '.'");
  const catalog::Bucket* bucket = catalog.bucket_by_id(d.bucket_id);
  if (!bucket || bucket->org_id != d.org_id) return Response::error(ErrorCode::kNotFound, "bucket not found");
  if (Status s = authorize(*c.who, Action::kWrite, "buckets", d.org_id, d.bucket_id); !s.ok()) return Response::error(s);
  auto stored = catalog.add_dbrp(std::move(d));
  if (!stored.ok()) return Response::error(stored.status());
  return Response::json(201, dbrp_json(*stored, false).dump());
}

}  // namespace

catalog::Dbrp virtual_dbrp(const catalog::Catalog& catalog, const catalog::Bucket& b) {
  catalog::Dbrp d;
  d.id = d.bucket_id = b.id;
  d.org_id = b.org_id;
  const size_t slash = b.name.find('/');
  d.database = b.name.substr(0, slash);
  d.retention_policy = slash == std::string::npos ? "autogen" : b.name.substr(slash + 1);
  d.is_default = true;
  for (const auto& m : catalog.dbrps()) d.is_default &= m.bucket_id != b.id;
  return d;
}

Response handle_dbrps(Call& c) { return c.req.method == "POST" ? post_dbrp(c) : list_dbrps(c); }

Response handle_dbrp(Call& c) {
  auto org_id = org_of_query(c);
  if (!org_id.ok()) return Response::error(org_id.status());
  auto& catalog = c.db.catalog();
  auto found = find_dbrp(catalog, *org_id, c.id);
  if (!found.ok()) return Response::error(found.status());
  const auto& [d, is_virtual] = *found;
  if (c.req.method == "GET") {
    if (Status s = authorize(*c.who, Action::kRead, "buckets", d.org_id, d.bucket_id); !s.ok()) return Response::error(s);
    return Response::json(200, json{{"content", dbrp_json(d, is_virtual)}}.dump());
  }
  if (Status s = authorize(*c.who, Action::kWrite, "buckets", d.org_id, d.bucket_id); !s.ok()) return Response::error(s);
  if (c.req.method == "DELETE") {
    // A virtual mapping comes from its bucket: there is nothing to delete, as in InfluxDB.
    if (!is_virtual) {
      if (Status s = catalog.delete_dbrp(d.id); !s.ok()) return Response::error(s);
    }
    return Response::no_content();
  }
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(ErrorCode::kInvalid, "invalid json structure");
  auto rp = optional_string(*body, "retention_policy");
  auto is_default = optional_bool(*body, "default");
  if (!rp.ok() || !is_default.ok()) return Response::error(ErrorCode::kInvalid, "invalid json structure");
  if (*rp && !valid_name(**rp))
    return Response::error(ErrorCode::kInvalid, "DBRP provided is invalid: retentionPolicy must contain at least one "
                                                "character and only be letters, numbers, '_', '-', and '.'");
  if (is_virtual) return Response::error(no_dbrp());
  auto updated = catalog.update_dbrp(d.id, {*rp, *is_default});
  if (!updated.ok()) return Response::error(updated.status());
  return Response::json(200, json{{"content", dbrp_json(*updated, false)}}.dump());
}

}  // namespace tidewater::api
