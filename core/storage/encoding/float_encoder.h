// Floats (IEEE-754 doubles), two encodings chosen per block by whichever output is smaller.
// Every value round-trips bit-exactly, NaN payloads, -0.0, infinities and subnormals included.
//
//   kGorilla (0x21): varint count, then a bit stream (LSB-first, padded to a byte): the first
//     value's 64 bits, then per value the XOR with the previous one, as in Facebook's Gorilla
//     paper: '0' when equal; '1','0' + the meaningful bits when they fit the previous window;
//     '1','1' + 5 bits leading zeros (capped at 31) + 6 bits (length - 1) + length bits.
//   kDecimal (0x22): in the spirit of ALP (Afroozeh & Boncz, SIGMOD 2023): for the smallest
//     exponent e (0..18, picked on a sample) such that v == double(d) / 10^e for d = round(v*10^e),
//     the integers d are stored, the other values are exceptions stored raw:
//       varint count, byte e, byte mode, varint k, k x (varint position gap, 8 raw bytes),
//       mode 0: svarint d[0], packed ints of the deltas d[i]-d[i-1]   (random walks)
//       mode 1: packed ints of d                                       (uncorrelated values)
//     Exception slots hold the previous integer (so they do not widen the deltas).
//     Division by an exact power of ten is correctly rounded, so values parsed from decimal
//     text with at most e decimals (57.23, 0.1, 1e-5) decode bit-exactly on every platform.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

void encode_floats(std::span<const double> values, std::string* out);
Status decode_floats(std::string_view in, std::vector<double>* out, size_t max_count = kMaxDecodedValues);

// One encoding forced (tests, benchmarks). Both decode with decode_floats.
void encode_floats_gorilla(std::span<const double> values, std::string* out);
void encode_floats_decimal(std::span<const double> values, std::string* out);

}  // namespace tidewater::storage::encoding
