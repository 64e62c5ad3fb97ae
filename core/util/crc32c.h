// CRC-32C (Castagnoli), the checksum of WAL records and segment files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tidewater::util {

uint32_t crc32c_extend(uint32_t crc, const void* data, size_t n);
inline uint32_t crc32c(std::string_view data) { return crc32c_extend(0, data.data(), data.size()); }

}  // namespace tidewater::util
