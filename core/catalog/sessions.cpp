#include "core/catalog/sessions.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/auth/token.h"
#include "core/util/file.h"

namespace tidewater::catalog {

using nlohmann::json;

namespace {
constexpr int64_t kRenewSaveNs = 60'000'000'000;
}

Status Sessions::load(const std::string& path, int64_t now_ns) {
  path_ = path;
  sessions_.clear();
  auto text = util::read_file(path);
  if (!text.ok()) return text.status().code() == ErrorCode::kNotFound ? Status::Ok() : text.status();
  const json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Status(ErrorCode::kInternal, "catalog file " + path + " is unreadable");
  for (const auto& s : j) {
    if (!s.is_object() || !s.value("digest", json()).is_string() || !s.value("userID", json()).is_string() ||
        !s.value("expiresAt", json()).is_number_integer())
      return Status(ErrorCode::kInternal, "catalog file " + path + " holds a malformed session");
    Session session{s["digest"], s["userID"], s["expiresAt"]};
    if (session.expires_at_ns > now_ns) sessions_.push_back(std::move(session));
  }
  saved_expiry_.clear();
  for (const auto& s : sessions_) saved_expiry_.push_back(s.expires_at_ns);
  return Status::Ok();
}

Status Sessions::save(std::vector<Session> before) {
  if (path_.empty()) return Status::Ok();
  json j = json::array();
  for (const auto& s : sessions_) j.push_back({{"digest", s.key_digest}, {"userID", s.user_id}, {"expiresAt", s.expires_at_ns}});
  if (Status st = util::write_file_atomic(path_, j.dump()); !st.ok()) {
    sessions_ = std::move(before);
    return st;
  }
  saved_expiry_.clear();
  for (const auto& s : sessions_) saved_expiry_.push_back(s.expires_at_ns);
  return Status::Ok();
}

Result<std::string> Sessions::create(std::string user_id, int64_t now_ns, int64_t ttl_ns, int64_t* expires_at_ns) {
  auto key = auth::new_token_secret();
  if (!key.ok()) return key.status();
  std::vector<Session> before = sessions_;
  // Expired sessions are forgotten here, so the list never grows past the live ones.
  std::erase_if(sessions_, [&](const Session& s) { return s.expires_at_ns <= now_ns; });
  *expires_at_ns = now_ns + ttl_ns;
  sessions_.push_back({auth::token_digest(*key), std::move(user_id), *expires_at_ns});
  if (Status s = save(std::move(before)); !s.ok()) return s;
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
  for (size_t i = 0; i < sessions_.size(); ++i) {
    Session& s = sessions_[i];
    if (s.key_digest != digest || s.expires_at_ns <= now_ns) continue;
    std::vector<Session> before = sessions_;
    s.expires_at_ns = now_ns + ttl_ns;
    // A failed save keeps the old expiry: the session stays valid, only not extended.
    if (i < saved_expiry_.size() && s.expires_at_ns - saved_expiry_[i] >= kRenewSaveNs) (void)save(std::move(before));
  }
}

Status Sessions::remove(std::string_view key) {
  const std::string digest = auth::token_digest(key);
  std::vector<Session> before = sessions_;
  std::erase_if(sessions_, [&](const Session& s) { return s.key_digest == digest; });
  return save(std::move(before));
}

Status Sessions::remove_user(std::string_view user_id) {
  std::vector<Session> before = sessions_;
  std::erase_if(sessions_, [&](const Session& s) { return s.user_id == user_id; });
  if (sessions_.size() == before.size()) return Status::Ok();
  return save(std::move(before));
}

}  // namespace tidewater::catalog
