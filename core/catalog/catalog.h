// The catalog: orgs, users, buckets, authorizations, DBRP mappings and memberships, kept in
// memory and persisted as one small JSON file per kind under root/catalog/, each rewritten
// atomically. Every change persists before it returns; when persisting fails, memory is
// rolled back so that memory and files agree. Sessions are persisted too (sessions.h).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/permission.h"
#include "core/catalog/definitions.h"
#include "core/catalog/sessions.h"
#include "core/model/status.h"

namespace tidewater::catalog {

struct Org {
  std::string id, name, description, created_at, updated_at;
};

struct User {
  std::string id, name, status = "active", password_hash;
};

struct Bucket {
  std::string id, org_id, name, description;
  std::string type = "user";       // "user" or "system"
  int64_t retention_seconds = 0;   // 0 keeps data forever
  std::string created_at, updated_at;
};

struct Authorization {
  std::string id;
  std::string token_digest;        // SHA-256 of the secret; the secret itself is never stored
  std::string status = "active";   // "active" or "inactive"
  std::string description;
  std::string org_id, user_id;
  std::vector<auth::Permission> permissions;
  std::string created_at, updated_at;
};

// An explicit (physical) DBRP mapping: an InfluxQL database/retention policy naming a bucket.
// Exactly one mapping per (org, database) is the default.
struct Dbrp {
  std::string id, org_id, bucket_id, database, retention_policy;
  bool is_default = false;
};

// A user's role on an org or on the whole instance (InfluxDB's user resource mappings). The
// user who ran setup owns the instance (the operator) and the first org.
struct Member {
  std::string user_id;
  std::string resource_type;  // "orgs", "buckets" or "instance"
  std::string resource_id;    // the org's or bucket's ID; empty for the instance
  std::string role;           // "owner" or "member"
};

// Optional changes of PATCH-style updates: a field left empty is unchanged.
struct OrgUpdate {
  std::optional<std::string> name, description;
};
struct UserUpdate {
  std::optional<std::string> name, status;
};
struct BucketUpdate {
  std::optional<std::string> name, description;
  std::optional<int64_t> retention_seconds;
};
struct AuthorizationUpdate {
  std::optional<std::string> status, description;
};
struct DbrpUpdate {
  std::optional<std::string> retention_policy;
  std::optional<bool> is_default;
};

class Catalog {
 public:
  static Result<std::unique_ptr<Catalog>> open(const std::string& root);

  bool onboarded() const { return !users_.empty(); }

  const std::vector<Org>& orgs() const { return orgs_; }
  const std::vector<User>& users() const { return users_; }
  const std::vector<Bucket>& buckets() const { return buckets_; }
  const std::vector<Authorization>& authorizations() const { return authorizations_; }
  const std::vector<Dbrp>& dbrps() const { return dbrps_; }
  const std::vector<Member>& members() const { return members_; }

  const Org* org_by_id(std::string_view id) const;
  const Org* org_by_name(std::string_view name) const;
  const User* user_by_id(std::string_view id) const;
  const User* user_by_name(std::string_view name) const;
  const Bucket* bucket_by_id(std::string_view id) const;
  const Bucket* bucket_by_name(std::string_view org_id, std::string_view name) const;
  const Authorization* authorization_by_id(std::string_view id) const;
  const Dbrp* dbrp_by_id(std::string_view id) const;
  // Finds the authorization whose digest matches the secret (constant-time comparison).
  const Authorization* authorization_by_token(std::string_view secret) const;

  // Each adder assigns the ID and timestamps, persists, and returns the stored value.
  // A new org comes with the system buckets InfluxDB gives every org: _monitoring (7 days)
  // and _tasks (3 days).
  Result<Org> add_org(Org org);
  // The user's ID may be chosen ahead (setup names it in the operator token first).
  Result<User> add_user(User user, std::string id = {});
  Result<Bucket> add_bucket(Bucket bucket);
  Result<Authorization> add_authorization(Authorization auth);
  // The first mapping of an (org, database) becomes its default; a new default replaces the old.
  Result<Dbrp> add_dbrp(Dbrp dbrp);
  // Adding a mapping that exists already changes nothing.
  Status add_member(Member member);
  // 404 when no such mapping exists.
  Status remove_member(const Member& member);

  // Updates return the stored value; 404 when the ID is unknown, 422 on a name conflict.
  Result<Org> update_org(std::string_view id, const OrgUpdate& update);
  Result<User> update_user(std::string_view id, const UserUpdate& update);
  Status set_password_hash(std::string_view user_id, std::string hash);
  Result<Bucket> update_bucket(std::string_view id, const BucketUpdate& update);
  Result<Authorization> update_authorization(std::string_view id, const AuthorizationUpdate& update);
  Result<Dbrp> update_dbrp(std::string_view id, const DbrpUpdate& update);

  // Deleting an org deletes its buckets (returned, so their data can be dropped), DBRP
  // mappings, authorizations, memberships and definitions. Deleting a bucket deletes its mappings
  // and memberships;
  // deleting a user deletes their authorizations and memberships.
  Result<std::vector<std::string>> delete_org(std::string_view id);
  Status delete_user(std::string_view id);
  Status delete_bucket(std::string_view id);
  Status delete_authorization(std::string_view id);
  Status delete_dbrp(std::string_view id);

  // Dashboards, variables, tasks, checks and notifications (definitions.h).
  Definitions& definitions() { return definitions_; }
  const Definitions& definitions() const { return definitions_; }

  Sessions& sessions() { return sessions_; }
  const Sessions& sessions() const { return sessions_; }

 private:
  // One kind's new contents, swapped in by commit() and swapped back if a save fails.
  struct Staged {
    std::function<void()> swap;
    std::function<Status()> save;
  };
  template <typename T>
  Staged stage(std::vector<T>& items, std::vector<T> next, const char* file);
  template <typename T>
  Result<T> append(std::vector<T>& items, T item, const char* file, std::string id = {});
  // Applies staged changes in order; on a failed save restores every kind (memory and file).
  Status commit(std::vector<Staged> changes);

  explicit Catalog(std::string dir) : dir_(std::move(dir)) {}
  Status load();

  std::string dir_;
  std::vector<Org> orgs_;
  std::vector<User> users_;
  std::vector<Bucket> buckets_;
  std::vector<Authorization> authorizations_;
  std::vector<Dbrp> dbrps_;
  std::vector<Member> members_;
  Definitions definitions_;
  Sessions sessions_;
};

// Now in Unix nanoseconds.
int64_t now_unix_ns();
// Now as InfluxDB writes resource timestamps (RFC3339Nano, UTC).
std::string now_rfc3339();

}  // namespace tidewater::catalog
