#include "core/auth/token.h"

#include "core/auth/random.h"
#include "core/auth/sha256.h"

namespace tidewater::auth {

Result<std::string> new_token_secret() {
  std::string raw;
  if (Status s = random_bytes(64, &raw); !s.ok()) return s;
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= raw.size(); i += 3) {
    const uint32_t v = static_cast<uint8_t>(raw[i]) << 16 | static_cast<uint8_t>(raw[i + 1]) << 8 | static_cast<uint8_t>(raw[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  // 64 = 21*3 + 1: one byte left, two characters and "==".
  const uint32_t v = static_cast<uint8_t>(raw[i]) << 16;
  out.push_back(kAlphabet[(v >> 18) & 63]);
  out.push_back(kAlphabet[(v >> 12) & 63]);
  out += "==";
  return out;
}

std::string token_digest(std::string_view secret) { return to_hex(sha256(secret)); }

}  // namespace tidewater::auth
