#include "core/auth/password.h"

#include <cstdlib>
#include <vector>

#include "core/auth/random.h"
#include "core/auth/sha256.h"

namespace tidewater::auth {
namespace {

// High enough to make offline guessing slow, low enough that sign-in in wasm stays well
// under a second on a phone.
constexpr uint32_t kIterations = 100000;

bool from_hex(std::string_view hex, std::string* out) {
  if (hex.size() % 2) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    auto nib = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    const int hi = nib(hex[i]), lo = nib(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi << 4 | lo));
  }
  return true;
}

}  // namespace

std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, uint32_t iterations, size_t dk_len) {
  std::string out;
  for (uint32_t block = 1; out.size() < dk_len; ++block) {
    std::string msg(salt);
    for (int s = 24; s >= 0; s -= 8) msg.push_back(static_cast<char>(block >> s));
    Digest u = hmac_sha256(password, msg);
    Digest t = u;
    for (uint32_t i = 1; i < iterations; ++i) {
      u = hmac_sha256(password, std::string_view(reinterpret_cast<const char*>(u.data()), u.size()));
      for (size_t k = 0; k < t.size(); ++k) t[k] ^= u[k];
    }
    out.append(reinterpret_cast<const char*>(t.data()), std::min(t.size(), dk_len - out.size()));
  }
  return out;
}

Result<std::string> hash_password(std::string_view password) {
  std::string salt;
  if (Status s = random_bytes(16, &salt); !s.ok()) return s;
  const std::string dk = pbkdf2_hmac_sha256(password, salt, kIterations, 32);
  return "pbkdf2-sha256$" + std::to_string(kIterations) + "$" +
         to_hex(reinterpret_cast<const uint8_t*>(salt.data()), salt.size()) + "$" +
         to_hex(reinterpret_cast<const uint8_t*>(dk.data()), dk.size());
}

bool verify_password(std::string_view password, std::string_view encoded) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= encoded.size(); ++i) {
    if (i == encoded.size() || encoded[i] == '$') {
      parts.push_back(encoded.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  const uint32_t iterations = static_cast<uint32_t>(std::strtoul(std::string(parts[1]).c_str(), nullptr, 10));
  std::string salt, want;
  if (iterations == 0 || !from_hex(parts[2], &salt) || !from_hex(parts[3], &want)) return false;
  const std::string got = pbkdf2_hmac_sha256(password, salt, iterations, want.size());
  return constant_time_equal(got, want);
}

Status validate_password(std::string_view password) {
  if (password.size() < 8) return Status(ErrorCode::kInvalid, "passwords must be at least 8 characters long");
  return Status::Ok();
}

}  // namespace tidewater::auth
