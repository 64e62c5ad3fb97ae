// Sign-in sessions (/api/v2/signin): in memory only, each with an expiry, as InfluxDB keeps
// them. A session authenticates as its user, with the user's permissions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"

namespace tidewater::catalog {

struct Session {
  std::string key_digest;  // SHA-256 of the cookie value
  std::string user_id;
  int64_t expires_at_ns = 0;
};

class Sessions {
 public:
  // Returns the new session's secret key (the cookie value) and stores only its digest.
  Result<std::string> create(std::string user_id, int64_t now_ns, int64_t ttl_ns, int64_t* expires_at_ns);
  // The live session for a key, or null when unknown or expired.
  const Session* find(std::string_view key, int64_t now_ns) const;
  // Pushes the expiry of a live session to now + ttl (InfluxDB renews sessions on use).
  void renew(std::string_view key, int64_t now_ns, int64_t ttl_ns);
  void remove(std::string_view key);
  void remove_user(std::string_view user_id);
  size_t size() const { return sessions_.size(); }

 private:
  std::vector<Session> sessions_;
};

}  // namespace tidewater::catalog
