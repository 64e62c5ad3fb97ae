// The catalog: orgs, users, buckets and authorizations, kept in memory and persisted as one
// small JSON file per kind under root/catalog/, each rewritten atomically.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/permission.h"
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

class Catalog {
 public:
  static Result<std::unique_ptr<Catalog>> open(const std::string& root);

  bool onboarded() const { return !users_.empty(); }

  const std::vector<Org>& orgs() const { return orgs_; }
  const std::vector<User>& users() const { return users_; }
  const std::vector<Bucket>& buckets() const { return buckets_; }
  const std::vector<Authorization>& authorizations() const { return authorizations_; }

  const Org* org_by_id(std::string_view id) const;
  const Org* org_by_name(std::string_view name) const;
  const User* user_by_id(std::string_view id) const;
  const Bucket* bucket_by_id(std::string_view id) const;
  const Bucket* bucket_by_name(std::string_view org_id, std::string_view name) const;
  // Finds the authorization whose digest matches the secret (constant-time comparison).
  const Authorization* authorization_by_token(std::string_view secret) const;

  // Each adder assigns the ID and timestamps, persists, and returns the stored value.
  Result<Org> add_org(Org org);
  // The user's ID may be chosen ahead (setup names it in the operator token first).
  Result<User> add_user(User user, std::string id = {});
  Result<Bucket> add_bucket(Bucket bucket);
  Result<Authorization> add_authorization(Authorization auth);

 private:
  explicit Catalog(std::string dir) : dir_(std::move(dir)) {}
  Status load();
  Status save_orgs() const;
  Status save_users() const;
  Status save_buckets() const;
  Status save_authorizations() const;

  std::string dir_;
  std::vector<Org> orgs_;
  std::vector<User> users_;
  std::vector<Bucket> buckets_;
  std::vector<Authorization> authorizations_;
};

// Now as InfluxDB writes resource timestamps (RFC3339Nano, UTC).
std::string now_rfc3339();

}  // namespace tidewater::catalog
