// Canonical line protocol for points: what InfluxDB would write, and what parse() reads back
// to the same points.
//
//   measurement[,tag=value...] field=value[,field=value...] time_ns
//
// Floats use Go's shortest 'f' form (an integral float stays a float: "1", never "1i"),
// integers end in 'i', unsigned integers in 'u', strings are quoted with \" and \\ escaped,
// booleans are true/false, and the timestamp is always written, in nanoseconds.
//
// Line protocol cannot express everything a model::Point can hold; such parts are dropped:
// tags with an empty key or value (InfluxDB ignores them too), NaN/Inf floats (InfluxDB
// refuses them) and an empty field key anywhere but first. InfluxDB has no escaped form
// either for a name ending in a backslash, or for a field key holding a backslash followed by
// ',', ' ' or '=' (its scanner and its unescaper read backslashes differently), or for a
// measurement or first field key starting with a tab or NUL (skipped as whitespace) and a
// measurement starting with '#' (a comment); such names are written as they are and will
// not read back the same.
#pragma once

#include <string>
#include <vector>

#include "core/model/point.h"

namespace tidewater::lineprotocol {

// Appends one line, terminated by '\n'. Writes nothing if no field is writable.
void append_line(std::string& out, const model::Point& point);

// All points, one line each.
void append_lines(std::string& out, const std::vector<model::Point>& points);
std::string write_lines(const std::vector<model::Point>& points);

}  // namespace tidewater::lineprotocol
