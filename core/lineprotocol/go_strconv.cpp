#include "core/lineprotocol/go_strconv.h"

#include <cmath>

#include <fast_float/fast_float.h>

namespace tidewater::lineprotocol::internal {
namespace {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decimal digits only, value at most `limit`.
NumError parse_digits(std::string_view s, uint64_t limit, uint64_t* out) {
  if (s.empty()) return NumError::kSyntax;
  uint64_t v = 0;
  for (char c : s) {
    // Like Go, the first offending byte decides: a bad digit is a syntax error, an overflow
    // is a range error even if a bad digit follows.
    if (!is_digit(c)) return NumError::kSyntax;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (limit - d) / 10) return NumError::kRange;
    v = v * 10 + d;
  }
  *out = v;
  return NumError::kNone;
}

size_t skip_digits(std::string_view s, size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

}  // namespace

NumError parse_go_uint64(std::string_view s, uint64_t* out) {
  return parse_digits(s, UINT64_MAX, out);
}

NumError parse_go_int64(std::string_view s, int64_t* out) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t magnitude = 0;
  NumError e = parse_digits(s, limit, &magnitude);
  if (e != NumError::kNone) return e;
  *out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return NumError::kNone;
}

NumError parse_go_float(std::string_view s, double* out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  const size_t mantissa_begin = i;
  const size_t int_end = skip_digits(s, i);
  size_t j = int_end;
  size_t frac_digits = 0;
  if (j < s.size() && s[j] == '.') {
    const size_t frac_end = skip_digits(s, j + 1);
    frac_digits = frac_end - (j + 1);
    j = frac_end;
  }
  if (int_end == mantissa_begin && frac_digits == 0) return NumError::kSyntax;
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    const size_t exp_end = skip_digits(s, k);
    if (exp_end == k) return NumError::kSyntax;
    j = exp_end;
  }
  if (j != s.size()) return NumError::kSyntax;
  // fast_float parses the unsigned text; the sign is applied here so "-0" keeps its sign and
  // a leading '+' (which fast_float rejects) works as in Go.
  double v = 0;
  auto r = fast_float::from_chars(s.data() + mantissa_begin, s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return NumError::kSyntax;
  if (std::isinf(v)) return NumError::kRange;
  *out = negative ? -v : v;
  return NumError::kNone;
}

bool parse_go_bool(std::string_view s, bool* out) {
  if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") {
    *out = true;
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") {
    *out = false;
    return true;
  }
  return false;
}

void append_go_quote(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string go_num_error_text(std::string_view func, std::string_view input, NumError err) {
  std::string text = "strconv.";
  text += func;
  text += ": parsing ";
  append_go_quote(text, input);
  text += err == NumError::kRange ? ": value out of range" : ": invalid syntax";
  return text;
}

}  // namespace tidewater::lineprotocol::internal
