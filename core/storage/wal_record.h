// What the WAL holds: each record is one acknowledged change to a bucket, in a compact binary
// form. The first byte names the kind, so replay applies writes and deletes in their order.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model/point.h"
#include "core/storage/series.h"

namespace tidewater::storage {

struct WriteBatch {
  std::string bucket_id;
  std::vector<model::Point> points;
};

// Deletes the values of matching series fields in [range.start, range.stop).
struct DeleteRange {
  std::string bucket_id;
  SeriesFilter predicate;
  TimeRange range;
};

using WalRecord = std::variant<WriteBatch, DeleteRange>;

void encode_wal_record(const WalRecord& record, std::string* out);
// The same for a write batch, without building a WalRecord (which would copy the points).
void encode_write_batch(const WriteBatch& batch, std::string* out);
// False on a malformed payload (which a valid CRC makes a bug or a newer format, not a crash).
bool decode_wal_record(std::string_view in, WalRecord* out);

}  // namespace tidewater::storage
