// Packages whose functions are plain Flux pipelines over builtins, defined as Flux does in its
// standard library: influxdata/influxdb/schema and influxdata/influxdb/v1 (fieldsAsCols and the
// deprecated aliases of the schema functions). Evaluating them in
// Flux keeps their semantics (defaults, the tables they return) identical to the pipelines
// users could write by hand.
#include "core/query/flux/functions/registry.h"

namespace tidewater::query::flux {

namespace {

const char kSchema[] = R"flux(
tagValues = (bucket, tag, predicate=(r) => true, start=-30d, stop=now()) =>
    from(bucket: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: predicate)
        |> keep(columns: [tag])
        |> group()
        |> distinct(column: tag)

tagKeys = (bucket, predicate=(r) => true, start=-30d, stop=now()) =>
    from(bucket: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: predicate)
        |> keys()
        |> keep(columns: ["_value"])
        |> distinct()

measurementTagValues = (bucket, measurement, tag, start=-30d, stop=now()) =>
    tagValues(bucket: bucket, tag: tag, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

measurementTagKeys = (bucket, measurement, start=-30d, stop=now()) =>
    tagKeys(bucket: bucket, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

fieldKeys = (bucket, predicate=(r) => true, start=-30d, stop=now()) =>
    tagValues(bucket: bucket, tag: "_field", predicate: predicate, start: start, stop: stop)

measurementFieldKeys = (bucket, measurement, start=-30d, stop=now()) =>
    fieldKeys(bucket: bucket, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

measurements = (bucket, start=-30d, stop=now()) =>
    tagValues(bucket: bucket, tag: "_measurement", start: start, stop: stop)

fieldsAsCols = (tables=<-) =>
    tables
        |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
)flux";

}  // namespace

const char* flux_source_package(std::string_view path) {
  if (path == "influxdata/influxdb/schema") return kSchema;
  // v1's schema functions are deprecated aliases of schema's; fieldsAsCols is defined in both.
  if (path == "influxdata/influxdb/v1") return kSchema;
  return notification_flux_source(path);
}

}  // namespace tidewater::query::flux
