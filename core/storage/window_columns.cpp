#include "core/storage/window_columns.h"

#include <algorithm>
#include <limits>

namespace tidewater::storage {
namespace {

int64_t saturate(__int128 v) {
  if (v > std::numeric_limits<int64_t>::max()) return std::numeric_limits<int64_t>::max();
  if (v < std::numeric_limits<int64_t>::min()) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(v);
}

}  // namespace

int64_t window_start(int64_t t, int64_t every, int64_t offset) {
  // 128-bit so that t - offset cannot overflow; the floored remainder aligns negative times
  // (before the epoch) the same way as positive ones.
  const __int128 rel = static_cast<__int128>(t) - offset;
  __int128 rem = rel % every;
  if (rem < 0) rem += every;
  return saturate(static_cast<__int128>(t) - rem);
}

WindowBounds window_bounds(int64_t t, int64_t range_start, int64_t range_stop, int64_t every, int64_t offset) {
  if (every <= 0) return {range_start, range_stop};
  const int64_t start = window_start(t, every, offset);
  const int64_t stop = saturate(static_cast<__int128>(start) + every);
  return {std::max(start, range_start), std::min(stop, range_stop)};
}

}  // namespace tidewater::storage
