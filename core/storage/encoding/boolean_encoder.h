// Booleans (one uint8_t per value, 0 = false, anything else = true; decoded as 0/1).
// Header byte, varint count, then:
//   kConstant  (0x51): one byte, 0 or 1           (every value the same)
//   kBitPacked (0x52): ceil(count / 8) bytes, value i in bit (i % 8) of byte (i / 8)
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

void encode_booleans(std::span<const uint8_t> values, std::string* out);
Status decode_booleans(std::string_view in, std::vector<uint8_t>* out, size_t max_count = kMaxDecodedValues);

}  // namespace tidewater::storage::encoding
