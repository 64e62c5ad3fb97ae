// Password hashing: PBKDF2-HMAC-SHA256 with a per-user random salt.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/status.h"

namespace tidewater::auth {

// RFC 8018 PBKDF2 with HMAC-SHA256, dk_len bytes.
std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, uint32_t iterations, size_t dk_len);

// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view password, std::string_view encoded);

// InfluxDB requires passwords of at least 8 characters.
Status validate_password(std::string_view password);

}  // namespace tidewater::auth
