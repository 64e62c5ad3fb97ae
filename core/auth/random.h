// Cryptographic randomness and comparisons for secrets.
#pragma once

#include <string>
#include <string_view>

#include "core/model/status.h"

namespace tidewater::auth {

// n bytes from the OS (getrandom natively; crypto.getRandomValues or node:crypto in wasm,
// through Emscripten's getentropy).
Status random_bytes(size_t n, std::string* out);
// Compares secrets in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);
// A new 16-hex-digit resource ID, as InfluxDB's IDs look.
Result<std::string> new_id();

}  // namespace tidewater::auth
