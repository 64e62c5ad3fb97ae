// Unsigned integers (uint64): the integer format (integer_encoder.h) on the same 64 bits, with
// its own headers (0x41 run, 0x42 delta, 0x43 values). Deltas wrap modulo 2^64; frame of
// reference packs values near UINT64_MAX as tightly as values near 0.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

void encode_unsigneds(std::span<const uint64_t> values, std::string* out);
Status decode_unsigneds(std::string_view in, std::vector<uint64_t>* out, size_t max_count = kMaxDecodedValues);

}  // namespace tidewater::storage::encoding
