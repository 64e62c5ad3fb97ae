#include "core/catalog/sessions.h"

#include <algorithm>

#include "core/auth/token.h"

namespace tidewater::catalog {

Result<std::string> Sessions::create(std::string user_id, int64_t now_ns, int64_t ttl_ns, int64_t* expires_at_ns) {
  // Expired sessions are forgotten here, so the list never grows past the live ones.
  std::erase_if(sessions_, [&](const Session& s) { return s.expires_at_ns <= now_ns; });
  auto key = auth::new_token_secret();
  if (!key.ok()) return key.status();
  *expires_at_ns = now_ns + ttl_ns;
  sessions_.push_back({auth::token_digest(*key), std::move(user_id), *expires_at_ns});
  return key;
}

const Session* Sessions::find(std::string_view key, int64_t now_ns) const {
  const std::string digest = auth::token_digest(key);
  for (const auto& s : sessions_)
    if (s.key_digest == digest) return s.expires_at_ns > now_ns ? &s : nullptr;
  return nullptr;
}

void Sessions::renew(std::string_view key, int64_t now_ns, int64_t ttl_ns) {
  const std::string digest = auth::token_digest(key);
  for (auto& s : sessions_)
    if (s.key_digest == digest && s.expires_at_ns > now_ns) s.expires_at_ns = now_ns + ttl_ns;
}

void Sessions::remove(std::string_view key) {
  const std::string digest = auth::token_digest(key);
  std::erase_if(sessions_, [&](const Session& s) { return s.key_digest == digest; });
}

void Sessions::remove_user(std::string_view user_id) {
  std::erase_if(sessions_, [&](const Session& s) { return s.user_id == user_id; });
}

}  // namespace tidewater::catalog
