#include "tests/crash/crash_batches.h"

#include "core/api/database.h"

namespace tidewater::crash {

namespace {
// Times start well after the epoch so that no point is ever taken for a default timestamp.
constexpr int64_t kBaseTime = 1'600'000'000'000'000'000;
}  // namespace

std::string batch_line_protocol(int64_t id) {
  std::string lp;
  for (int64_t i = 0; i < kPointsPerBatch; ++i) {
    lp += "crash,writer=w" + std::to_string(i % 4) + " batch=" + std::to_string(id) + "i,point=" + std::to_string(i) +
          "i " + std::to_string(kBaseTime + id * kPointsPerBatch + i) + "\n";
  }
  return lp;
}

Contents read_contents(const std::string& root) {
  Contents out;
  auto db = api::Database::open(root, {});
  if (!db.ok()) {
    out.error = "database does not open: " + db.status().message();
    return out;
  }
  const storage::Engine& engine = (*db)->engine();
  if (!engine.damaged_files().empty()) out.error = "damaged file at open: " + engine.damaged_files().front();
  const catalog::Org* org = (*db)->catalog().org_by_name(kOrg);
  const catalog::Bucket* bucket = org ? (*db)->catalog().bucket_by_name(org->id, kBucket) : nullptr;
  if (!bucket) {
    out.error = "bucket " + std::string(kBucket) + " is missing from the catalog";
    return out;
  }
  storage::SeriesFilter filter;
  filter.field = "batch";
  engine.reader(bucket->id)->scan(filter, {}, [&](const storage::SeriesKey& key, std::string_view, const storage::FieldColumn& col) {
    if (col.type != model::FieldType::kInteger && out.error.empty()) out.error = "field batch changed type";
    for (size_t i = 0; i < col.size() && i < col.integers.size(); ++i) {
      const int64_t offset = col.times[i] - kBaseTime;
      const int64_t id = offset / kPointsPerBatch;
      if ((offset < 0 || col.integers[i] != id) && out.error.empty())
        out.error = "point at time " + std::to_string(col.times[i]) + " holds batch " + std::to_string(col.integers[i]);
      ++out.points_per_batch[id];
    }
  });
  for (const auto& [id, n] : out.points_per_batch)
    if (n != kPointsPerBatch && out.error.empty())
      out.error = "batch " + std::to_string(id) + " is partial: " + std::to_string(n) + " of " + std::to_string(kPointsPerBatch) + " points";
  // Dropped without close(): to the files this reader was never there.
  return out;
}

}  // namespace tidewater::crash
