// Catalog changes after creation: updates, deletes with their cascades, and DBRP mappings
// (whose "one default per org and database" rule every change keeps).
#include <algorithm>

#include "core/auth/random.h"
#include "core/catalog/catalog.h"

namespace tidewater::catalog {

namespace {

template <typename T, typename Pred>
std::vector<T> without(const std::vector<T>& items, Pred pred) {
  std::vector<T> out;
  for (const auto& x : items)
    if (!pred(x)) out.push_back(x);
  return out;
}

// Copies the kind, lets `change` edit the item with the ID (or veto with a Status), and hands
// the new contents to `save`. Returns the changed item.
template <typename T, typename Change, typename Save>
Result<T> update_one(const std::vector<T>& items, std::string_view id, const char* not_found, Change change, Save save) {
  std::vector<T> next = items;
  auto it = std::find_if(next.begin(), next.end(), [&](const T& x) { return x.id == id; });
  if (it == next.end()) return Status(ErrorCode::kNotFound, not_found);
  if (Status s = change(*it); !s.ok()) return s;
  T changed = *it;
  if (Status s = save(std::move(next)); !s.ok()) return s;
  return changed;
}

bool same_db(const Dbrp& a, const Dbrp& b) { return a.org_id == b.org_id && a.database == b.database; }

// Keeps exactly one default among the mappings of `like`'s org and database: `preferred` when
// given, else the current default, else the first one.
void settle_default(std::vector<Dbrp>& dbrps, const Dbrp& like, std::string_view preferred) {
  Dbrp* first = nullptr;
  bool have_default = false;
  for (auto& d : dbrps) {
    if (!same_db(d, like)) continue;
    if (!first) first = &d;
    if (!preferred.empty()) d.is_default = d.id == preferred;
    have_default |= d.is_default;
  }
  if (!have_default && first) first->is_default = true;
}

}  // namespace

Result<Org> Catalog::update_org(std::string_view id, const OrgUpdate& u) {
  return update_one(
      orgs_, id, "organization not found",
      [&](Org& o) {
        if (u.name && *u.name != o.name) {
          if (u.name->empty()) return Status(ErrorCode::kInvalid, "org name is empty");
          if (org_by_name(*u.name)) return Status(ErrorCode::kConflict, "organization with name " + *u.name + " already exists");
          o.name = *u.name;
        }
        if (u.description) o.description = *u.description;
        o.updated_at = now_rfc3339();
        return Status::Ok();
      },
      [this](std::vector<Org> next) { return commit({stage(orgs_, std::move(next), "orgs.json")}); });
}

Result<User> Catalog::update_user(std::string_view id, const UserUpdate& u) {
  return update_one(
      users_, id, "user not found",
      [&](User& user) {
        if (u.name && *u.name != user.name) {
          if (u.name->empty()) return Status(ErrorCode::kInvalid, "user name is empty");
          if (user_by_name(*u.name)) return Status(ErrorCode::kConflict, "user with name " + *u.name + " already exists");
          user.name = *u.name;
        }
        if (u.status) user.status = *u.status;
        return Status::Ok();
      },
      [this](std::vector<User> next) { return commit({stage(users_, std::move(next), "users.json")}); });
}

Status Catalog::set_password_hash(std::string_view user_id, std::string hash) {
  auto r = update_one(
      users_, user_id, "user not found",
      [&](User& user) {
        user.password_hash = std::move(hash);
        return Status::Ok();
      },
      [this](std::vector<User> next) { return commit({stage(users_, std::move(next), "users.json")}); });
  return r.ok() ? Status::Ok() : r.status();
}

Result<Bucket> Catalog::update_bucket(std::string_view id, const BucketUpdate& u) {
  return update_one(
      buckets_, id, "bucket not found",
      [&](Bucket& b) {
        if (u.name && *u.name != b.name) {
          if (b.type == "system") return Status(ErrorCode::kInvalid, "system buckets cannot be renamed");
          if (bucket_by_name(b.org_id, *u.name))
            return Status(ErrorCode::kConflict, "bucket with name " + *u.name + " already exists");
          b.name = *u.name;
        }
        if (u.description) b.description = *u.description;
        if (u.retention_seconds) b.retention_seconds = *u.retention_seconds;
        b.updated_at = now_rfc3339();
        return Status::Ok();
      },
      [this](std::vector<Bucket> next) { return commit({stage(buckets_, std::move(next), "buckets.json")}); });
}

Result<Authorization> Catalog::update_authorization(std::string_view id, const AuthorizationUpdate& u) {
  return update_one(
      authorizations_, id, "authorization not found",
      [&](Authorization& a) {
        if (u.status) a.status = *u.status;
        if (u.description) a.description = *u.description;
        a.updated_at = now_rfc3339();
        return Status::Ok();
      },
      [this](std::vector<Authorization> next) {
        return commit({stage(authorizations_, std::move(next), "authorizations.json")});
      });
}

Result<Dbrp> Catalog::add_dbrp(Dbrp d) {
  for (const auto& other : dbrps_)
    if (same_db(other, d) && other.retention_policy == d.retention_policy)
      return Status(ErrorCode::kConflict, "another DBRP mapping with same orgID, db, and rp exists");
  auto id = auth::new_id();
  if (!id.ok()) return id.status();
  d.id = std::move(*id);
  std::vector<Dbrp> next = dbrps_;
  next.push_back(d);
  settle_default(next, d, d.is_default ? d.id : std::string());
  if (Status s = commit({stage(dbrps_, std::move(next), "dbrps.json")}); !s.ok()) return s;
  return *dbrp_by_id(d.id);
}

Result<Dbrp> Catalog::update_dbrp(std::string_view id, const DbrpUpdate& u) {
  const Dbrp* current = dbrp_by_id(id);
  if (!current) return Status(ErrorCode::kNotFound, "unable to find DBRP");
  if (u.retention_policy) {
    for (const auto& other : dbrps_)
      if (other.id != id && same_db(other, *current) && other.retention_policy == *u.retention_policy)
        return Status(ErrorCode::kConflict, "another DBRP mapping with same orgID, db, and rp exists");
  }
  std::vector<Dbrp> next = dbrps_;
  std::string preferred;
  for (auto& d : next) {
    if (d.id != id) continue;
    if (u.retention_policy) d.retention_policy = *u.retention_policy;
    if (u.is_default && *u.is_default) preferred = d.id;
    if (u.is_default && !*u.is_default && d.is_default) {
      // Another mapping of the database (the first) takes over; alone, this one stays default.
      for (const auto& other : next)
        if (other.id != d.id && same_db(other, d) && preferred.empty()) preferred = other.id;
    }
  }
  settle_default(next, *current, preferred);
  if (Status s = commit({stage(dbrps_, std::move(next), "dbrps.json")}); !s.ok()) return s;
  return *dbrp_by_id(id);
}

Status Catalog::delete_dbrp(std::string_view id) {
  const Dbrp* d = dbrp_by_id(id);
  if (!d) return Status(ErrorCode::kNotFound, "unable to find DBRP");
  const Dbrp gone = *d;
  std::vector<Dbrp> next = without(dbrps_, [&](const Dbrp& x) { return x.id == id; });
  settle_default(next, gone, {});
  return commit({stage(dbrps_, std::move(next), "dbrps.json")});
}

Status Catalog::delete_bucket(std::string_view id) {
  const Bucket* b = bucket_by_id(id);
  if (!b) return Status(ErrorCode::kNotFound, "bucket not found");
  if (b->type == "system") return Status(ErrorCode::kInvalid, "system buckets cannot be deleted");
  std::vector<Dbrp> dbrps = without(dbrps_, [&](const Dbrp& d) { return d.bucket_id == id; });
  for (const auto& d : dbrps_)
    if (d.bucket_id == id) settle_default(dbrps, d, {});
  return commit({stage(buckets_, without(buckets_, [&](const Bucket& x) { return x.id == id; }), "buckets.json"),
                 stage(dbrps_, std::move(dbrps), "dbrps.json"),
                 stage(members_,
                       without(members_, [&](const Member& m) { return m.resource_type == "buckets" && m.resource_id == id; }),
                       "members.json")});
}

Status Catalog::delete_authorization(std::string_view id) {
  if (!authorization_by_id(id)) return Status(ErrorCode::kNotFound, "authorization not found");
  return commit({stage(authorizations_, without(authorizations_, [&](const Authorization& a) { return a.id == id; }),
                       "authorizations.json")});
}

Status Catalog::delete_user(std::string_view id) {
  if (!user_by_id(id)) return Status(ErrorCode::kNotFound, "user not found");
  Status s = commit(
      {stage(authorizations_, without(authorizations_, [&](const Authorization& a) { return a.user_id == id; }),
             "authorizations.json"),
       stage(members_, without(members_, [&](const Member& m) { return m.user_id == id; }), "members.json"),
       stage(users_, without(users_, [&](const User& u) { return u.id == id; }), "users.json")});
  if (s.ok()) (void)sessions_.remove_user(id);  // the user is gone: their sessions cannot authenticate
  return s;
}

Result<std::vector<std::string>> Catalog::delete_org(std::string_view id) {
  if (!org_by_id(id)) return Status(ErrorCode::kNotFound, "organization not found");
  std::vector<std::string> bucket_ids;
  for (const auto& b : buckets_)
    if (b.org_id == id) bucket_ids.push_back(b.id);
  // Definitions go first: should that fail, the org is still whole enough to delete again.
  if (Status d = definitions_.remove_org(id); !d.ok()) return d;
  Status s = commit(
      {stage(dbrps_, without(dbrps_, [&](const Dbrp& d) { return d.org_id == id; }), "dbrps.json"),
       stage(buckets_, without(buckets_, [&](const Bucket& b) { return b.org_id == id; }), "buckets.json"),
       stage(authorizations_, without(authorizations_, [&](const Authorization& a) { return a.org_id == id; }),
             "authorizations.json"),
       stage(members_,
             without(members_,
                     [&](const Member& m) {
                       return (m.resource_type == "orgs" && m.resource_id == id) ||
                              (m.resource_type == "buckets" &&
                               std::find(bucket_ids.begin(), bucket_ids.end(), m.resource_id) != bucket_ids.end());
                     }),
             "members.json"),
       stage(orgs_, without(orgs_, [&](const Org& o) { return o.id == id; }), "orgs.json")});
  if (!s.ok()) return s;
  return bucket_ids;
}

}  // namespace tidewater::catalog
