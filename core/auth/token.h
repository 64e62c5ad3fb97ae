// API token secrets: generated once, shown once, stored only as a SHA-256 digest.
#pragma once

#include <string>
#include <string_view>

#include "core/model/status.h"

namespace tidewater::auth {

// 64 random bytes, URL-safe base64 with padding, like InfluxDB's tokens.
Result<std::string> new_token_secret();
// The stored form: hex SHA-256 of the secret.
std::string token_digest(std::string_view secret);

}  // namespace tidewater::auth
