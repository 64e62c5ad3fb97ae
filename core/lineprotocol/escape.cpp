#include "core/lineprotocol/escape.h"

#include <cstring>

namespace tidewater::lineprotocol::internal {
namespace {

inline bool is_name_code(char c) { return c == ',' || c == '"' || c == ' ' || c == '='; }
inline bool is_tag_code(char c) { return c == ',' || c == ' ' || c == '='; }
inline bool is_string_code(char c) { return c == '\\' || c == '"'; }

// One left-to-right pass: "\X" becomes X when X is a code, anything else is copied.
template <typename IsCode>
void assign_unescaped(std::string& out, std::string_view raw, IsCode is_code) {
  if (std::memchr(raw.data(), '\\', raw.size()) == nullptr) {
    out.assign(raw.data(), raw.size());  // the common case: reuses out's capacity, no scan
    return;
  }
  out.clear();
  const size_t n = raw.size();
  for (size_t i = 0; i < n; ++i) {
    if (raw[i] == '\\' && i + 1 < n && is_code(raw[i + 1])) ++i;
    out += raw[i];
  }
}

// Escapes the bytes of `always`; a byte of `unescape_codes` that follows a literal backslash
// is escaped too, because the reader would otherwise take that backslash as its escape.
template <typename Always, typename Codes>
void append_escaped(std::string& out, std::string_view text, Always always, Codes unescape_codes) {
  char previous = 0;
  for (char c : text) {
    if (always(c) || (previous == '\\' && unescape_codes(c))) out += '\\';
    out += c;
    previous = c;
  }
}

}  // namespace

void assign_unescaped_name(std::string& out, std::string_view raw) {
  assign_unescaped(out, raw, is_name_code);
}

void assign_unescaped_tag(std::string& out, std::string_view raw) {
  assign_unescaped(out, raw, is_tag_code);
}

void assign_unescaped_string(std::string& out, std::string_view raw) {
  assign_unescaped(out, raw, is_string_code);
}

void append_escaped_measurement(std::string& out, std::string_view text) {
  append_escaped(out, text, [](char c) { return c == ',' || c == ' '; }, is_name_code);
}

void append_escaped_tag(std::string& out, std::string_view text) {
  append_escaped(out, text, is_tag_code, is_tag_code);
}

void append_escaped_field_key(std::string& out, std::string_view text) {
  append_escaped(out, text, is_tag_code, is_name_code);
}

void append_escaped_string(std::string& out, std::string_view text) {
  append_escaped(out, text, is_string_code, is_string_code);
}

}  // namespace tidewater::lineprotocol::internal
