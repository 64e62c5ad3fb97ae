#include "core/lineprotocol/parse_error.h"

namespace tidewater::lineprotocol {

std::string format_parse_error(const ParseError& error) {
  std::string text = error.message;
  text += ": line ";
  text += std::to_string(error.line);
  text += ", column ";
  text += std::to_string(error.column);
  return text;
}

}  // namespace tidewater::lineprotocol
