// libFuzzer target for every block decoder (core/storage/encoding: timestamps, floats,
// integers, unsigned, booleans, strings, simple8b, whole blocks). Built by CMake with
// -DTW_SANITIZE=ON and clang (the "asan" preset); run with scripts/fuzz.sh.
//
// Each input is fed to decode_block as is (the checksum rejects almost everything), then with a
// valid CRC-32C appended so the parser behind it is reached, then to every value decoder
// directly. Decoders must return a Status and never crash, read out of bounds or overflow.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/block.h"
#include "core/storage/encoding/boolean_encoder.h"
#include "core/storage/encoding/float_encoder.h"
#include "core/storage/encoding/integer_encoder.h"
#include "core/storage/encoding/simple8b.h"
#include "core/storage/encoding/string_encoder.h"
#include "core/storage/encoding/timestamp_encoder.h"
#include "core/storage/encoding/unsigned_encoder.h"
#include "core/util/coding.h"
#include "core/util/crc32c.h"

using namespace tidewater;
using namespace tidewater::storage;
using namespace tidewater::storage::encoding;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  FieldColumn col;
  BlockStats stats;
  (void)decode_block(in, &col);
  std::string sealed(in);
  util::put_fixed32(sealed, util::crc32c(in));
  (void)read_block_stats(sealed, &stats);
  if (decode_block(sealed, &col).ok()) {
    // A block that decodes must re-encode to one that decodes to the same values.
    std::string again;
    encode_block(col, 0, col.size(), &again);
    FieldColumn col2;
    if (!decode_block(again, &col2).ok() || col2.times != col.times) __builtin_trap();
  }
  constexpr size_t kMax = 1 << 16;  // keep allocations small
  std::vector<int64_t> ints;
  std::vector<uint64_t> uints;
  std::vector<double> floats;
  std::vector<uint8_t> bools;
  std::vector<std::string> strings;
  (void)decode_timestamps(in, &ints, kMax);
  (void)decode_integers(in, &ints, kMax);
  (void)decode_unsigneds(in, &uints, kMax);
  (void)decode_simple8b(in, &uints, kMax);
  (void)decode_floats(in, &floats, kMax);
  (void)decode_booleans(in, &bools, kMax);
  (void)decode_strings(in, &strings, kMax);
  return 0;
}
