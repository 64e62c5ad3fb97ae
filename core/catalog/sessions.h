// Sign-in sessions (/api/v2/signin), each with an expiry. They are persisted (only the key's
// digest, the user and the expiry) in root/catalog/sessions.json, so a reload of the database
// keeps signed-in sessions valid until they expire. A session authenticates as its user.
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
  // Reads the sessions file (missing: none); expired sessions are dropped.
  Status load(const std::string& path, int64_t now_ns);

  // Returns the new session's secret key (the cookie value) and stores only its digest.
  Result<std::string> create(std::string user_id, int64_t now_ns, int64_t ttl_ns, int64_t* expires_at_ns);
  // The live session for a key, or null when unknown or expired.
  const Session* find(std::string_view key, int64_t now_ns) const;
  // Pushes the expiry of a live session to now + ttl (InfluxDB renews sessions on use). The
  // file is rewritten only when the expiry moved by a minute or more, not on every request.
  void renew(std::string_view key, int64_t now_ns, int64_t ttl_ns);
  Status remove(std::string_view key);
  Status remove_user(std::string_view user_id);
  size_t size() const { return sessions_.size(); }

 private:
  // Writes the sessions file; on failure memory returns to `before`.
  Status save(std::vector<Session> before);

  std::string path_;  // empty: not persisted
  std::vector<Session> sessions_;
  std::vector<int64_t> saved_expiry_;  // per session, the expiry last written
};

}  // namespace tidewater::catalog
