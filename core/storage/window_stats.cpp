#include "core/storage/window_stats.h"

#include <algorithm>

#include "core/storage/bucket_reader.h"

namespace tidewater::storage {
namespace {

// Sums wrap for integers (Go's int64 arithmetic); floats add plainly.
double plus(double a, double b) { return a + b; }
int64_t plus(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }
uint64_t plus(uint64_t a, uint64_t b) { return a + b; }

// Float min/max ignore NaN, the rule the block statistics follow (block.cpp); on equal values
// the earlier one stays, as there.
template <typename T>
T lesser(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return b;
    if (b != b) return a;
  }
  return std::min(a, b);
}
template <typename T>
T greater(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return b;
    if (b != b) return a;
  }
  return std::max(a, b);
}

// Whether any of the entry's blocks spans a time in [lo, hi].
bool blocks_overlap(const segment::SegmentEntry& e, int64_t lo, int64_t hi) {
  auto it = std::lower_bound(e.blocks.begin(), e.blocks.end(), lo,
                             [](const segment::BlockRef& b, int64_t t) { return b.max_time < t; });
  return it != e.blocks.end() && it->min_time <= hi;
}

bool column_overlaps(const FieldColumn& c, int64_t lo, int64_t hi) {
  auto it = std::lower_bound(c.times.begin(), c.times.end(), lo);
  return it != c.times.end() && *it <= hi;
}

// Keeps the values of col in [range.start, range.stop).
void cut_to(FieldColumn& col, const TimeRange& range) {
  if (col.size() == 0 || (col.times.front() >= range.start && col.times.back() < range.stop)) return;
  segment::remove_range(col, TimeRange{model::kMinTime - 1, range.start});
  segment::remove_range(col, TimeRange{range.stop, model::kMaxTime + 1});
}

}  // namespace

WindowScanCounters& window_scan_counters() {
  thread_local WindowScanCounters counters;
  return counters;
}

WindowBuilder::WindowBuilder(model::FieldType type, const TimeRange& range, int64_t every, int64_t offset)
    : range_(range), every_(every), offset_(offset) {
  out_.type = type;
}

bool WindowBuilder::same_window(int64_t a, int64_t b) const {
  return every_ <= 0 || window_start(a, every_, offset_) == window_start(b, every_, offset_);
}

bool WindowBuilder::enter(int64_t t) {
  if (!out_.start.empty() && t < window_stop_) return false;
  const WindowBounds w = window_bounds(t, range_.start, range_.stop, every_, offset_);
  window_stop_ = every_ <= 0 ? range_.stop : w.stop;  // clipping moves only the range's last stop
  out_.start.push_back(w.start);
  out_.stop.push_back(w.stop);
  out_.count.push_back(0);
  out_.first_time.push_back(t);
  out_.last_time.push_back(t);
  return true;
}

template <typename T>
void WindowBuilder::add(WindowAggregates<T>& agg, bool fresh, int64_t n, T sum, T min, T max, T first, T last) {
  if (fresh) {
    agg.sum.push_back(sum);
    agg.min.push_back(min);
    agg.max.push_back(max);
    agg.first.push_back(first);
    agg.last.push_back(last);
    return;
  }
  agg.sum.back() = plus(agg.sum.back(), sum);
  agg.min.back() = lesser(agg.min.back(), min);
  agg.max.back() = greater(agg.max.back(), max);
  agg.last.back() = last;
}

void WindowBuilder::add_values(const FieldColumn& col, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; ++i) {
    const int64_t t = col.times[i];
    const bool fresh = enter(t);
    out_.count.back() += 1;
    out_.last_time.back() = t;
    switch (out_.type) {
      case model::FieldType::kFloat: {
        const double v = col.floats[i];
        add(out_.floats, fresh, 1, v, v, v, v, v);
        break;
      }
      case model::FieldType::kInteger: {
        const int64_t v = col.integers[i];
        add(out_.integers, fresh, 1, v, v, v, v, v);
        break;
      }
      case model::FieldType::kUnsigned: {
        const uint64_t v = col.unsigneds[i];
        add(out_.unsigneds, fresh, 1, v, v, v, v, v);
        break;
      }
      case model::FieldType::kString:
      case model::FieldType::kBoolean: break;
    }
  }
}

void WindowBuilder::add_block(const encoding::BlockStats& s) {
  const bool fresh = enter(s.min_time);
  const auto n = static_cast<int64_t>(s.count);
  out_.count.back() += n;
  out_.last_time.back() = s.max_time;
  switch (out_.type) {
    case model::FieldType::kFloat:
      add(out_.floats, fresh, n, std::get<double>(s.sum), std::get<double>(s.min), std::get<double>(s.max),
          std::get<double>(s.first), std::get<double>(s.last));
      break;
    case model::FieldType::kInteger:
      add(out_.integers, fresh, n, std::get<int64_t>(s.sum), std::get<int64_t>(s.min), std::get<int64_t>(s.max),
          std::get<int64_t>(s.first), std::get<int64_t>(s.last));
      break;
    case model::FieldType::kUnsigned:
      add(out_.unsigneds, fresh, n, std::get<uint64_t>(s.sum), std::get<uint64_t>(s.min), std::get<uint64_t>(s.max),
          std::get<uint64_t>(s.first), std::get<uint64_t>(s.last));
      break;
    case model::FieldType::kString:
    case model::FieldType::kBoolean: break;
  }
}

WindowColumns compute_windows(const FieldColumn& col, const TimeRange& range, int64_t every, int64_t offset) {
  WindowBuilder b(col.type, range, every, offset);
  const auto lo = std::lower_bound(col.times.begin(), col.times.end(), range.start) - col.times.begin();
  const auto hi = std::lower_bound(col.times.begin(), col.times.end(), range.stop) - col.times.begin();
  if (lo < hi) b.add_values(col, static_cast<size_t>(lo), static_cast<size_t>(hi));
  return b.columns();
}

void BucketReader::scan_windows(const SeriesFilter& filter, const TimeRange& range, int64_t every, int64_t offset,
                                const WindowFn& fn) const {
  scan(filter, range, [&](const SeriesKey& key, std::string_view field, const FieldColumn& col) {
    const WindowColumns w = compute_windows(col, range, every, offset);
    if (w.size() > 0) fn(key, field, w);
  });
}

void window_scan(const std::vector<const Engine::SegmentFile*>& segments, const std::vector<Engine::Tombstone>& tombstones,
                 int64_t retention_cutoff, const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range,
                 int64_t every, int64_t offset, const WindowFn& fn) {
  if (range.start >= range.stop) return;
  const TimeRange seg_range = segment_range(range, retention_cutoff);
  SourceMap items = collect_sources(segments, seg_range, cache, filter, range);
  WindowScanCounters& counters = window_scan_counters();
  std::vector<encoding::BlockStats> clean;
  FieldColumn merged, part_col, block;
  for (auto& [id_field, item] : items) {
    const std::string& field = id_field.second;
    auto entry_of = [](const SeriesFieldSources::Part& p) -> const segment::SegmentEntry& {
      return p.seg->reader->entries()[p.entry];
    };
    // As in merged_scan, a source of another type than a newer one restarts the merge: only
    // the newest run of sources of the final type counts.
    const model::FieldType type = item.has_cache ? item.cache_col.type : entry_of(item.parts.back()).type;
    size_t first_part = 0;
    for (size_t i = 0; i < item.parts.size(); ++i) {
      if (entry_of(item.parts[i]).type != type) first_part = i + 1;
    }
    WindowBuilder builder(type, range, every, offset);
    clean.clear();
    merged = FieldColumn{};
    merged.type = type;
    for (size_t pi = first_part; pi < item.parts.size(); ++pi) {
      const auto& part = item.parts[pi];
      const segment::SegmentEntry& e = entry_of(part);
      part_col = FieldColumn{};
      part_col.type = type;
      for (size_t bi = 0; bi < e.blocks.size(); ++bi) {
        const segment::BlockRef& blk = e.blocks[bi];
        if (blk.max_time < seg_range.start || blk.min_time >= seg_range.stop) continue;
        bool use_stats = blk.min_time >= seg_range.start && blk.max_time < seg_range.stop &&
                         builder.same_window(blk.min_time, blk.max_time);
        for (size_t ti = 0; use_stats && ti < tombstones.size(); ++ti) {
          const auto& t = tombstones[ti];
          use_stats = !(t.del.range.start <= blk.max_time && t.del.range.stop > blk.min_time &&
                        tombstone_applies(t, part.seg->seq, item.key, field));
        }
        for (size_t qi = first_part; use_stats && qi < item.parts.size(); ++qi) {
          use_stats = qi == pi || !blocks_overlap(entry_of(item.parts[qi]), blk.min_time, blk.max_time);
        }
        if (use_stats && item.has_cache) use_stats = !column_overlaps(item.cache_col, blk.min_time, blk.max_time);
        if (use_stats) {
          encoding::BlockStats stats;
          if (part.seg->reader->read_block_stats(part.entry, bi, &stats).ok()) {
            ++counters.blocks_from_stats;
            clean.push_back(std::move(stats));
            continue;
          }
        }
        // Decoded: cut to the range, tombstones applied. A block that fails to decode (the
        // file passed its checksum at open, so only a bug gets here) is left out.
        ++counters.blocks_decoded;
        if (!part.seg->reader->read_block(part.entry, bi, &block).ok()) continue;
        cut_to(block, seg_range);
        for (const auto& t : tombstones) {
          if (tombstone_applies(t, part.seg->seq, item.key, field)) segment::remove_range(block, t.del.range);
        }
        for (size_t i = 0; i < block.size(); ++i) segment::append_value(part_col, block, i);
      }
      if (part_col.size() > 0) merged = merged.size() == 0 ? std::move(part_col) : segment::merge_columns(merged, part_col);
    }
    if (item.has_cache && item.cache_col.size() > 0) {
      merged = merged.size() == 0 ? std::move(item.cache_col) : segment::merge_columns(merged, item.cache_col);
    }
    // Clean blocks share no time with each other or with the merged values: interleave.
    std::sort(clean.begin(), clean.end(),
              [](const encoding::BlockStats& a, const encoding::BlockStats& b) { return a.min_time < b.min_time; });
    size_t i = 0;
    for (const auto& stats : clean) {
      const auto upto = static_cast<size_t>(
          std::lower_bound(merged.times.begin() + static_cast<std::ptrdiff_t>(i), merged.times.end(), stats.min_time) -
          merged.times.begin());
      builder.add_values(merged, i, upto);
      builder.add_block(stats);
      i = upto;
    }
    builder.add_values(merged, i, merged.size());
    if (builder.columns().size() > 0) fn(item.key, field, builder.columns());
  }
}

}  // namespace tidewater::storage
