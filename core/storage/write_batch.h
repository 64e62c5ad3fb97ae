// The WAL payload of one acknowledged write: the bucket and its points, in a compact binary form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/point.h"

namespace tidewater::storage {

struct WriteBatch {
  std::string bucket_id;
  std::vector<model::Point> points;
};

void encode_write_batch(const WriteBatch& batch, std::string* out);
// False on a malformed payload (which a valid CRC makes a bug, not a crash).
bool decode_write_batch(std::string_view in, WriteBatch* out);

}  // namespace tidewater::storage
