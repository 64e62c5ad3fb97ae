#include "core/catalog/catalog.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/auth/random.h"
#include "core/auth/token.h"
#include "core/model/format.h"
#include "core/util/file.h"

namespace tidewater::catalog {

using nlohmann::json;

// The persisted forms. Field names match InfluxDB's JSON where there is one.
static void to_json(json& j, const Org& o) {
  j = {{"id", o.id}, {"name", o.name}, {"description", o.description}, {"createdAt", o.created_at}, {"updatedAt", o.updated_at}};
}
static void from_json(const json& j, Org& o) {
  o.id = j.at("id"), o.name = j.at("name"), o.description = j.value("description", "");
  o.created_at = j.value("createdAt", ""), o.updated_at = j.value("updatedAt", "");
}
static void to_json(json& j, const User& u) {
  j = {{"id", u.id}, {"name", u.name}, {"status", u.status}, {"passwordHash", u.password_hash}};
}
static void from_json(const json& j, User& u) {
  u.id = j.at("id"), u.name = j.at("name"), u.status = j.value("status", "active"), u.password_hash = j.value("passwordHash", "");
}
static void to_json(json& j, const Bucket& b) {
  j = {{"id", b.id}, {"orgID", b.org_id}, {"name", b.name}, {"description", b.description}, {"type", b.type},
       {"retentionSeconds", b.retention_seconds}, {"createdAt", b.created_at}, {"updatedAt", b.updated_at}};
}
static void from_json(const json& j, Bucket& b) {
  b.id = j.at("id"), b.org_id = j.at("orgID"), b.name = j.at("name"), b.description = j.value("description", "");
  b.type = j.value("type", "user"), b.retention_seconds = j.value("retentionSeconds", int64_t{0});
  b.created_at = j.value("createdAt", ""), b.updated_at = j.value("updatedAt", "");
}
static void to_json(json& j, const Dbrp& d) {
  j = {{"id", d.id}, {"orgID", d.org_id}, {"bucketID", d.bucket_id}, {"database", d.database},
       {"retention_policy", d.retention_policy}, {"default", d.is_default}};
}
static void from_json(const json& j, Dbrp& d) {
  d.id = j.at("id"), d.org_id = j.at("orgID"), d.bucket_id = j.at("bucketID"), d.database = j.at("database");
  d.retention_policy = j.at("retention_policy"), d.is_default = j.value("default", false);
}
static void to_json(json& j, const Member& m) {
  j = {{"userID", m.user_id}, {"resourceType", m.resource_type}, {"resourceID", m.resource_id}, {"role", m.role}};
}
static void from_json(const json& j, Member& m) {
  m.user_id = j.at("userID"), m.resource_type = j.at("resourceType"), m.resource_id = j.value("resourceID", "");
  m.role = j.value("role", "member");
}
static json permission_json(const auth::Permission& p) {
  json r = {{"type", p.resource.type}};
  if (p.resource.id) r["id"] = *p.resource.id;
  if (p.resource.org_id) r["orgID"] = *p.resource.org_id;
  if (p.resource.name) r["name"] = *p.resource.name;
  if (p.resource.org) r["org"] = *p.resource.org;
  return {{"action", std::string(auth::action_name(p.action))}, {"resource", r}};
}
static auth::Permission permission_from_json(const json& j) {
  auth::Permission p{};
  auth::parse_action(j.at("action").get<std::string>(), &p.action);
  const json& r = j.at("resource");
  p.resource.type = r.at("type");
  if (r.contains("id")) p.resource.id = r["id"].get<std::string>();
  if (r.contains("orgID")) p.resource.org_id = r["orgID"].get<std::string>();
  if (r.contains("name")) p.resource.name = r["name"].get<std::string>();
  if (r.contains("org")) p.resource.org = r["org"].get<std::string>();
  return p;
}
static void to_json(json& j, const Authorization& a) {
  json perms = json::array();
  for (const auto& p : a.permissions) perms.push_back(permission_json(p));
  j = {{"id", a.id}, {"tokenDigest", a.token_digest}, {"status", a.status}, {"description", a.description},
       {"orgID", a.org_id}, {"userID", a.user_id}, {"permissions", perms}, {"createdAt", a.created_at},
       {"updatedAt", a.updated_at}};
}
static void from_json(const json& j, Authorization& a) {
  a.id = j.at("id"), a.token_digest = j.at("tokenDigest"), a.status = j.value("status", "active");
  a.description = j.value("description", ""), a.org_id = j.value("orgID", ""), a.user_id = j.value("userID", "");
  a.created_at = j.value("createdAt", ""), a.updated_at = j.value("updatedAt", "");
  for (const auto& p : j.at("permissions")) a.permissions.push_back(permission_from_json(p));
}

namespace {

template <typename T>
Status load_kind(const std::string& path, std::vector<T>* out) {
  auto text = util::read_file(path);
  if (!text.ok()) return text.status().code() == ErrorCode::kNotFound ? Status::Ok() : text.status();
  try {
    *out = json::parse(*text).get<std::vector<T>>();
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, "catalog file " + path + " is unreadable: " + e.what());
  }
  return Status::Ok();
}

template <typename T>
Status save_kind(const std::string& path, const std::vector<T>& items) {
  return util::write_file_atomic(path, json(items).dump());
}

}  // namespace

int64_t now_unix_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string now_rfc3339() { return model::format_rfc3339(now_unix_ns()); }

Result<std::unique_ptr<Catalog>> Catalog::open(const std::string& root) {
  std::unique_ptr<Catalog> c(new Catalog(root + "/catalog"));
  if (Status s = util::make_dirs(c->dir_); !s.ok()) return s;
  if (Status s = c->load(); !s.ok()) return s;
  return c;
}

Status Catalog::load() {
  if (Status s = load_kind(dir_ + "/orgs.json", &orgs_); !s.ok()) return s;
  if (Status s = load_kind(dir_ + "/users.json", &users_); !s.ok()) return s;
  if (Status s = load_kind(dir_ + "/buckets.json", &buckets_); !s.ok()) return s;
  if (Status s = load_kind(dir_ + "/authorizations.json", &authorizations_); !s.ok()) return s;
  if (Status s = load_kind(dir_ + "/dbrps.json", &dbrps_); !s.ok()) return s;
  if (Status s = load_kind(dir_ + "/members.json", &members_); !s.ok()) return s;
  if (Status s = definitions_.load(dir_); !s.ok()) return s;
  if (Status s = sessions_.load(dir_ + "/sessions.json", now_unix_ns()); !s.ok()) return s;
  // Databases set up before memberships existed: the first user is the operator.
  if (members_.empty() && !users_.empty()) members_.push_back({users_.front().id, "instance", "", "owner"});
  return Status::Ok();
}

template <typename T>
Catalog::Staged Catalog::stage(std::vector<T>& items, std::vector<T> next, const char* file) {
  auto other = std::make_shared<std::vector<T>>(std::move(next));
  const std::string path = dir_ + "/" + file;
  return {[&items, other] { items.swap(*other); }, [&items, path] { return save_kind(path, items); }};
}

// catalog_update.cpp stages every kind too.
template Catalog::Staged Catalog::stage(std::vector<Org>&, std::vector<Org>, const char*);
template Catalog::Staged Catalog::stage(std::vector<User>&, std::vector<User>, const char*);
template Catalog::Staged Catalog::stage(std::vector<Bucket>&, std::vector<Bucket>, const char*);
template Catalog::Staged Catalog::stage(std::vector<Authorization>&, std::vector<Authorization>, const char*);
template Catalog::Staged Catalog::stage(std::vector<Dbrp>&, std::vector<Dbrp>, const char*);
template Catalog::Staged Catalog::stage(std::vector<Member>&, std::vector<Member>, const char*);

Status Catalog::commit(std::vector<Staged> changes) {
  for (size_t done = 0; done < changes.size(); ++done) {
    changes[done].swap();
    if (Status s = changes[done].save(); !s.ok()) {
      changes[done].swap();
      // Kinds already saved get their old contents back, in memory and (best effort) on disk.
      for (size_t i = done; i-- > 0;) {
        changes[i].swap();
        (void)changes[i].save();
      }
      return s;
    }
  }
  return Status::Ok();
}

namespace {
template <typename T, typename Pred>
const T* find_first(const std::vector<T>& v, Pred pred) {
  for (const auto& x : v)
    if (pred(x)) return &x;
  return nullptr;
}
}  // namespace

const Org* Catalog::org_by_id(std::string_view id) const {
  return find_first(orgs_, [&](const Org& o) { return o.id == id; });
}
const Org* Catalog::org_by_name(std::string_view name) const {
  return find_first(orgs_, [&](const Org& o) { return o.name == name; });
}
const User* Catalog::user_by_id(std::string_view id) const {
  return find_first(users_, [&](const User& u) { return u.id == id; });
}
const User* Catalog::user_by_name(std::string_view name) const {
  return find_first(users_, [&](const User& u) { return u.name == name; });
}
const Authorization* Catalog::authorization_by_id(std::string_view id) const {
  return find_first(authorizations_, [&](const Authorization& a) { return a.id == id; });
}
const Dbrp* Catalog::dbrp_by_id(std::string_view id) const {
  return find_first(dbrps_, [&](const Dbrp& d) { return d.id == id; });
}
const Bucket* Catalog::bucket_by_id(std::string_view id) const {
  return find_first(buckets_, [&](const Bucket& b) { return b.id == id; });
}
const Bucket* Catalog::bucket_by_name(std::string_view org_id, std::string_view name) const {
  return find_first(buckets_, [&](const Bucket& b) { return b.org_id == org_id && b.name == name; });
}

const Authorization* Catalog::authorization_by_token(std::string_view secret) const {
  const std::string digest = auth::token_digest(secret);
  const Authorization* found = nullptr;
  // Compare against every digest so the time taken does not depend on which one matched.
  for (const auto& a : authorizations_)
    if (auth::constant_time_equal(a.token_digest, digest)) found = &a;
  return found;
}

// Appends one item under a fresh (or given) ID, through stage/commit so a failed save rolls back.
template <typename T>
Result<T> Catalog::append(std::vector<T>& items, T item, const char* file, std::string id) {
  if (id.empty()) {
    auto fresh = auth::new_id();
    if (!fresh.ok()) return fresh.status();
    id = std::move(*fresh);
  }
  item.id = std::move(id);
  std::vector<T> next = items;
  next.push_back(item);
  if (Status s = commit({stage(items, std::move(next), file)}); !s.ok()) return s;
  return item;
}

Result<Org> Catalog::add_org(Org org) {
  if (org_by_name(org.name)) return Status(ErrorCode::kConflict, "organization with name " + org.name + " already exists");
  auto id = auth::new_id();
  if (!id.ok()) return id.status();
  org.id = std::move(*id);
  org.created_at = org.updated_at = now_rfc3339();
  // The org and its system buckets are one change: _monitoring (7 days) and _tasks (3 days).
  std::vector<Bucket> buckets = buckets_;
  for (const auto& [name, days, what] : {std::tuple{"_monitoring", 7, "monitoring"}, std::tuple{"_tasks", 3, "task"}}) {
    Bucket b;
    auto bucket_id = auth::new_id();
    if (!bucket_id.ok()) return bucket_id.status();
    b.id = std::move(*bucket_id), b.org_id = org.id, b.name = name, b.type = "system";
    b.retention_seconds = int64_t{days} * 86400;
    b.description = std::string("System bucket for ") + what + " logs";
    b.created_at = b.updated_at = org.created_at;
    buckets.push_back(std::move(b));
  }
  std::vector<Org> orgs = orgs_;
  orgs.push_back(org);
  if (Status s = commit({stage(orgs_, std::move(orgs), "orgs.json"), stage(buckets_, std::move(buckets), "buckets.json")});
      !s.ok())
    return s;
  return org;
}

Result<User> Catalog::add_user(User user, std::string id) {
  if (user_by_name(user.name)) return Status(ErrorCode::kConflict, "user with name " + user.name + " already exists");
  return append(users_, std::move(user), "users.json", std::move(id));
}

Result<Bucket> Catalog::add_bucket(Bucket bucket) {
  if (bucket_by_name(bucket.org_id, bucket.name))
    return Status(ErrorCode::kConflict, "bucket with name " + bucket.name + " already exists");
  bucket.created_at = bucket.updated_at = now_rfc3339();
  return append(buckets_, std::move(bucket), "buckets.json");
}

Result<Authorization> Catalog::add_authorization(Authorization a) {
  a.created_at = a.updated_at = now_rfc3339();
  return append(authorizations_, std::move(a), "authorizations.json");
}

namespace {
bool same_member(const Member& a, const Member& b) {
  return a.user_id == b.user_id && a.resource_type == b.resource_type && a.resource_id == b.resource_id &&
         a.role == b.role;
}
}  // namespace

Status Catalog::add_member(Member member) {
  for (const auto& m : members_)
    if (same_member(m, member)) return Status::Ok();
  std::vector<Member> next = members_;
  next.push_back(std::move(member));
  return commit({stage(members_, std::move(next), "members.json")});
}

Status Catalog::remove_member(const Member& member) {
  std::vector<Member> next;
  for (const auto& m : members_)
    if (!same_member(m, member)) next.push_back(m);
  if (next.size() == members_.size()) return Status(ErrorCode::kNotFound, "user resource mapping not found");
  return commit({stage(members_, std::move(next), "members.json")});
}

}  // namespace tidewater::catalog
