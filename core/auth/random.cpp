#include "core/auth/random.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/auth/sha256.h"

namespace tidewater::auth {

Status random_bytes(size_t n, std::string* out) {
  out->assign(n, '\0');
  for (size_t off = 0; off < n;) {
    const size_t chunk = std::min<size_t>(256, n - off);  // getentropy's limit
    if (::getentropy(out->data() + off, chunk) != 0) {
      return Status(ErrorCode::kInternal, std::string("no source of randomness: ") + std::strerror(errno));
    }
    off += chunk;
  }
  return Status::Ok();
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Result<std::string> new_id() {
  std::string raw;
  if (Status s = random_bytes(8, &raw); !s.ok()) return s;
  raw[0] = static_cast<char>(raw[0] | 0x01);  // never the all-zero ID InfluxDB treats as invalid
  return to_hex(reinterpret_cast<const uint8_t*>(raw.data()), raw.size());
}

}  // namespace tidewater::auth
