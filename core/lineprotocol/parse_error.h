// How a rejected line protocol batch is described.
#pragma once

#include <cstddef>
#include <string>

namespace tidewater::lineprotocol {

struct ParseError {
  size_t line = 0;    // 1-based line of the offending byte in the whole input
  size_t column = 0;  // 1-based byte column of that byte within its line
  // InfluxDB 2.7's text: "unable to parse '<the line>': <reason>", where <the line> is the
  // line without its leading whitespace.
  std::string message;
};

// "<message>: line <line>, column <column>", e.g.
// "unable to parse 'm v=': missing field value: line 1, column 5".
std::string format_parse_error(const ParseError& error);

}  // namespace tidewater::lineprotocol
