// The merging t-digest that Flux's quantile(method: "estimate_tdigest") uses (the algorithm
// of github.com/influxdata/tdigest, compression 1000): small inputs stay exact centroids, and
// Quantile interpolates between centroid midpoints exactly as that library does, so results
// match InfluxDB to the last bit for the sizes tests use.
#pragma once

#include <cstddef>
#include <vector>

namespace tidewater::query::flux {

class TDigest {
 public:
  explicit TDigest(double compression = 1000);
  void add(double x, double weight = 1);
  // NaN when empty or q outside [0, 1].
  double quantile(double q);

 private:
  struct Centroid {
    double mean;
    double weight;
  };
  void process();
  double integrated_q(double k) const;
  double integrated_location(double q) const;

  double compression_;
  size_t max_processed_;
  size_t max_unprocessed_;
  std::vector<Centroid> processed_, unprocessed_;
  std::vector<double> cumulative_;
  double processed_weight_ = 0, unprocessed_weight_ = 0;
  double min_, max_;
};

}  // namespace tidewater::query::flux
