// Entry point of the Flux engine: run a script against buckets, get named results.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/query/result.h"
#include "core/storage/series.h"

namespace tidewater::query::flux {

struct FluxContext {
  // now() unless the script sets `option now = () => ...`.
  int64_t now_ns = 0;
  // Resolves a bucket name in the caller's organization and checks read permission. Its
  // error statuses (e.g. kNotFound `could not find bucket "x"`) reach the caller unchanged.
  std::function<Result<const storage::BucketReader*>(std::string_view bucket_name)> open_bucket;
};

// Parses, evaluates and executes a script. Results come in the order they were yielded;
// a table-valued expression statement without yield() becomes "_result".
Result<std::vector<ResultSet>> run_flux(std::string_view script, const FluxContext& context);

}  // namespace tidewater::query::flux
