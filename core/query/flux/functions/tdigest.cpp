#include "core/query/flux/functions/tdigest.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace tidewater::query::flux {

namespace {
constexpr double kPi = 3.14159265358979323846;

// The weighted mean of two points, clamped between them.
double weighted_average(double x1, double w1, double x2, double w2) {
  if (x1 > x2) {
    std::swap(x1, x2);
    std::swap(w1, w2);
  }
  double x = (x1 * w1 + x2 * w2) / (w1 + w2);
  return std::max(x1, std::min(x, x2));
}
}  // namespace

TDigest::TDigest(double compression)
    : compression_(compression),
      max_processed_(static_cast<size_t>(2 * std::ceil(compression))),
      max_unprocessed_(static_cast<size_t>(8 * std::ceil(compression))),
      min_(DBL_MAX),
      max_(-DBL_MAX) {}

void TDigest::add(double x, double weight) {
  if (std::isnan(x) || !(weight > 0) || std::isinf(weight)) return;
  unprocessed_.push_back({x, weight});
  unprocessed_weight_ += weight;
  if (processed_.size() > max_processed_ || unprocessed_.size() > max_unprocessed_) process();
}

double TDigest::integrated_q(double k) const {
  return (std::sin(std::min(k, compression_) * kPi / compression_ - kPi / 2.0) + 1.0) / 2.0;
}

double TDigest::integrated_location(double q) const {
  return compression_ * (std::asin(2.0 * q - 1.0) + kPi / 2.0) / kPi;
}

void TDigest::process() {
  if (unprocessed_.empty() && processed_.size() <= max_processed_) return;
  unprocessed_.insert(unprocessed_.end(), processed_.begin(), processed_.end());
  std::stable_sort(unprocessed_.begin(), unprocessed_.end(),
                   [](const Centroid& a, const Centroid& b) { return a.mean < b.mean; });
  processed_.clear();
  processed_.push_back(unprocessed_[0]);
  processed_weight_ += unprocessed_weight_;
  unprocessed_weight_ = 0;
  double so_far = unprocessed_[0].weight;
  double limit = processed_weight_ * integrated_q(1.0);
  for (size_t i = 1; i < unprocessed_.size(); ++i) {
    const Centroid& c = unprocessed_[i];
    double projected = so_far + c.weight;
    if (projected <= limit) {
      so_far = projected;
      Centroid& last = processed_.back();
      last.weight += c.weight;
      last.mean += c.weight * (c.mean - last.mean) / last.weight;
    } else {
      double k1 = integrated_location(so_far / processed_weight_);
      limit = processed_weight_ * integrated_q(k1 + 1.0);
      so_far += c.weight;
      processed_.push_back(c);
    }
  }
  min_ = std::min(min_, processed_.front().mean);
  max_ = std::max(max_, processed_.back().mean);
  unprocessed_.clear();
  cumulative_.clear();
  double prev = 0;
  for (const auto& c : processed_) {
    cumulative_.push_back(prev + c.weight / 2.0);
    prev += c.weight;
  }
  cumulative_.push_back(prev);
}

double TDigest::quantile(double q) {
  process();
  if (q < 0 || q > 1 || processed_.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (processed_.size() == 1) return processed_[0].mean;
  double index = q * processed_weight_;
  if (index <= processed_[0].weight / 2.0) {
    return min_ + 2.0 * index / processed_[0].weight * (processed_[0].mean - min_);
  }
  size_t lower = static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), index) - cumulative_.begin());
  if (lower + 1 < cumulative_.size()) {
    double z1 = index - cumulative_[lower - 1];
    double z2 = cumulative_[lower] - index;
    return weighted_average(processed_[lower - 1].mean, z2, processed_[lower].mean, z1);
  }
  const Centroid& last = processed_.back();
  double z1 = index - processed_weight_ - last.weight / 2.0;
  double z2 = last.weight / 2.0 - z1;
  return weighted_average(last.mean, z1, max_, z2);
}

}  // namespace tidewater::query::flux
