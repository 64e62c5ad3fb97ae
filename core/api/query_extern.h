// The `extern` and `params` members of POST /api/v2/query, turned into Flux source placed
// before the query. `extern` is a Flux File AST in JSON, as the InfluxDB UI sends dashboard
// variables (`option v = {timeRangeStart: -1h, windowPeriod: 10000ms, ...}`); `params` is a
// record of plain values read as `params.name`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/model/status.h"

namespace tidewater::api {

// The File's statements as Flux source, one per line; 400 on node types or shapes it does not
// know.
Result<std::string> extern_to_flux(const nlohmann::json& file);

// `params = {name: value, ...}` for string, integer, float, boolean values (and arrays and
// records of them); 400 on names that are not identifiers or on null values.
Result<std::string> params_to_flux(const nlohmann::json& params);

// Where the query's leading import statements (and the comments between them) end: the extern
// and params go there, since Flux only allows imports at the top of a file. 0 when it has none.
size_t leading_imports_end(std::string_view flux);

// A Flux string literal for the text (quotes, backslashes, "${" and newlines escaped).
std::string flux_string_literal(const std::string& s);
// Letters, digits and underscores, not starting with a digit.
bool is_flux_identifier(const std::string& s);

}  // namespace tidewater::api
