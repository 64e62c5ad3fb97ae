// The batches crash_writer writes and crash_kill_test checks: batch N is kPointsPerBatch points
// spread over four series, at times that belong to N alone, each carrying N as its value, so
// a reader can tell from the data which batches are present and whether any is partial.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace tidewater::crash {

constexpr int64_t kPointsPerBatch = 40;
constexpr const char* kOrg = "crash-org";
constexpr const char* kBucket = "crash";

// Line protocol of batch `id` (ns precision).
std::string batch_line_protocol(int64_t id);

// What the database at `root` holds, or an error: the database must open with no damaged
// file, every point must carry the value its time says, and every batch is whole or absent.
struct Contents {
  std::map<int64_t, int64_t> points_per_batch;  // batch id -> points found
  std::string error;                            // empty when consistent
};
Contents read_contents(const std::string& root);

}  // namespace tidewater::crash
