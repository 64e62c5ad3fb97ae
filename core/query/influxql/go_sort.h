// Go's sort.Sort (Go 1.19+, pattern-defeating quicksort), reproduced step for step.
//
// InfluxDB 1.6.7 (Debian's build uses Go 1.19) sorts a window's points by value with the
// unstable sort.Sort before picking percentile()'s point; among equal values, which point (and
// so which time) lands at the rank depends on that algorithm's exact swaps. Tidewater answers
// as influxd does by sorting the same way. Less(i, j) and Swap(i, j) index the sorted range.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tidewater::influxql {

template <class Less, class Swap>
class GoSorter {
 public:
  GoSorter(Less less, Swap swap) : less_(less), swap_(swap) {}

  void sort(long n) {
    if (n <= 1) return;
    pdqsort(0, n, bit_length(static_cast<uint64_t>(n)));
  }

 private:
  enum Hint { kUnknown, kIncreasing, kDecreasing };

  static int bit_length(uint64_t x) {
    int n = 0;
    while (x) { ++n; x >>= 1; }
    return n;
  }

  void insertion_sort(long a, long b) {
    for (long i = a + 1; i < b; ++i)
      for (long j = i; j > a && less_(j, j - 1); --j) swap_(j, j - 1);
  }

  void sift_down(long lo, long hi, long first) {
    long root = lo;
    for (;;) {
      long child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && less_(first + child, first + child + 1)) ++child;
      if (!less_(first + root, first + child)) return;
      swap_(first + root, first + child);
      root = child;
    }
  }

  void heap_sort(long a, long b) {
    long first = a, hi = b - a;
    for (long i = (hi - 1) / 2; i >= 0; --i) sift_down(i, hi, first);
    for (long i = hi - 1; i >= 0; --i) {
      swap_(first, first + i);
      sift_down(0, i, first);
    }
  }

  void order2(long* a, long* b, int* swaps) {
    if (less_(*b, *a)) {
      ++*swaps;
      long t = *a;
      *a = *b;
      *b = t;
    }
  }

  long median(long a, long b, long c, int* swaps) {
    order2(&a, &b, swaps);
    order2(&b, &c, swaps);
    order2(&a, &b, swaps);
    return b;
  }

  long choose_pivot(long a, long b, Hint* hint) {
    long l = b - a;
    int swaps = 0;
    long i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
    if (l >= 8) {
      if (l >= 50) {  // Tukey's ninther
        i = median(i - 1, i, i + 1, &swaps);
        j = median(j - 1, j, j + 1, &swaps);
        k = median(k - 1, k, k + 1, &swaps);
      }
      j = median(i, j, k, &swaps);
    }
    *hint = swaps == 0 ? kIncreasing : (swaps == 12 ? kDecreasing : kUnknown);
    return j;
  }

  void reverse_range(long a, long b) {
    for (long i = a, j = b - 1; i < j; ++i, --j) swap_(i, j);
  }

  bool partial_insertion_sort(long a, long b) {
    long i = a + 1;
    for (int step = 0; step < 5; ++step) {
      while (i < b && !less_(i, i - 1)) ++i;
      if (i == b) return true;
      if (b - a < 50) return false;
      swap_(i, i - 1);
      if (i - a >= 2) {
        for (long j = i - 1; j >= 1; --j) {
          if (!less_(j, j - 1)) break;
          swap_(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (long j = i + 1; j < b; ++j) {
          if (!less_(j, j - 1)) break;
          swap_(j, j - 1);
        }
      }
    }
    return false;
  }

  void break_patterns(long a, long b) {
    long length = b - a;
    if (length < 8) return;
    uint64_t random = static_cast<uint64_t>(length);
    uint64_t modulus = uint64_t{1} << bit_length(static_cast<uint64_t>(length));
    long idx = a + (length / 4) * 2 - 1;
    for (long i = 0; i < 3; ++i) {
      random ^= random << 13;
      random ^= random >> 17;
      random ^= random << 5;
      long other = static_cast<long>(random & (modulus - 1));
      if (other >= length) other -= length;
      swap_(idx - 1 + i, a + other);
    }
  }

  long partition_equal(long a, long b, long pivot) {
    swap_(a, pivot);
    long i = a + 1, j = b - 1;
    for (;;) {
      while (i <= j && !less_(a, i)) ++i;
      while (i <= j && less_(a, j)) --j;
      if (i > j) break;
      swap_(i, j);
      ++i;
      --j;
    }
    return i;
  }

  long partition(long a, long b, long pivot, bool* already) {
    swap_(a, pivot);
    long i = a + 1, j = b - 1;
    while (i <= j && less_(i, a)) ++i;
    while (i <= j && !less_(j, a)) --j;
    if (i > j) {
      swap_(j, a);
      *already = true;
      return j;
    }
    swap_(i, j);
    ++i;
    --j;
    for (;;) {
      while (i <= j && less_(i, a)) ++i;
      while (i <= j && !less_(j, a)) --j;
      if (i > j) break;
      swap_(i, j);
      ++i;
      --j;
    }
    swap_(j, a);
    *already = false;
    return j;
  }

  void pdqsort(long a, long b, int limit) {
    bool was_balanced = true, was_partitioned = true;
    for (;;) {
      long length = b - a;
      if (length <= 12) {
        insertion_sort(a, b);
        return;
      }
      if (limit == 0) {
        heap_sort(a, b);
        return;
      }
      if (!was_balanced) {
        break_patterns(a, b);
        --limit;
      }
      Hint hint;
      long pivot = choose_pivot(a, b, &hint);
      if (hint == kDecreasing) {
        reverse_range(a, b);
        pivot = (b - 1) - (pivot - a);
        hint = kIncreasing;
      }
      if (was_balanced && was_partitioned && hint == kIncreasing && partial_insertion_sort(a, b)) return;
      if (a > 0 && !less_(a - 1, pivot)) {
        a = partition_equal(a, b, pivot);
        continue;
      }
      bool already = false;
      long mid = partition(a, b, pivot, &already);
      was_partitioned = already;
      long left = mid - a, right = b - mid, threshold = length / 8;
      if (left < right) {
        was_balanced = left >= threshold;
        pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        was_balanced = right >= threshold;
        pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  Less less_;
  Swap swap_;
};

}  // namespace tidewater::influxql
