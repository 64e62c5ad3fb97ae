// Strings. Header byte, varint count, then:
//   kPlain      (0x61): count varint lengths, then the bytes of every string, concatenated
//   kDictionary (0x62): varint m (distinct strings), m x (varint length, bytes), then packed
//                       ints (packed_ints.h) of the count indices into the dictionary
// The encoder writes the dictionary when it is smaller (values repeat: states, hostnames).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

void encode_strings(std::span<const std::string> values, std::string* out);
Status decode_strings(std::string_view in, std::vector<std::string>* out, size_t max_count = kMaxDecodedValues);

}  // namespace tidewater::storage::encoding
