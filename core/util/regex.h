// Regular expressions as InfluxDB users write them (Go's RE2 syntax) compiled to std::regex.
// std::regex is the only engine both builds have, and it trusts its pattern: a repeat count
// past INT_MAX overflows inside libstdc++, and nested counts ({1000}){1000} build automata
// that exhaust memory. Every pattern from a query passes through compile_regex, which rejects
// what Go's regexp package rejects before std::regex sees it.
#pragma once

#include <regex>
#include <string>

#include "core/model/status.h"

namespace tidewater::util {

// Go's limit: a repeat count, and the product of nested repeat counts, at most 1000.
inline constexpr int kMaxRegexRepeat = 1000;

// Compiles pattern (ECMAScript grammar, the common ground with RE2 for the patterns queries
// use). A leading "(?i)" makes it case-insensitive, as in Go. Errors are Go's wording
// ("invalid repeat count", ...) without position; callers add where the pattern came from.
Result<std::regex> compile_regex(const std::string& pattern);

}  // namespace tidewater::util
