#include "core/util/regex.h"

#include <algorithm>
#include <cctype>
#include <new>
#include <vector>

namespace tidewater::util {
namespace {

// libstdc++ compiles a pattern by recursive descent; nesting deeper than real queries ever
// write is refused before it can exhaust a small (wasm) stack. Go allows 1000; we allow less.
constexpr size_t kMaxNesting = 100;

Status invalid(const std::string& what, const std::string& pattern) {
  return Status(ErrorCode::kInvalid, "error parsing regexp: " + what + ": `" + pattern + "`");
}

// Reads "{n}", "{n,}" or "{n,m}" at pattern[i]; false when the text there is not a repeat
// (Go then takes the brace literally). *largest is the larger bound, or -1 past the limit.
bool read_repeat(const std::string& p, size_t i, size_t* end, long* largest) {
  size_t j = i + 1;
  long bound[2] = {-1, -1};
  for (int part = 0; part < 2; ++part) {
    size_t start = j;
    long value = 0;
    while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) {
      // Saturate instead of overflowing: anything past the limit is refused anyway.
      value = std::min<long>(value * 10 + (p[j] - '0'), kMaxRegexRepeat + 1);
      ++j;
    }
    if (j > start) bound[part] = value;
    if (part == 0) {
      if (j == start) return false;
      if (j < p.size() && p[j] == '}') break;
      if (j >= p.size() || p[j] != ',') return false;
      ++j;
    }
  }
  if (j >= p.size() || p[j] != '}') return false;
  *end = j + 1;
  *largest = std::max(bound[0], bound[1]);
  return true;
}

// "\1".."\9": a backreference, which RE2 has not (Go refuses it), and whose number libstdc++
// reads without a bound.
bool backreference(const std::string& p, size_t i) {
  return p[i] == '\\' && i + 1 < p.size() && p[i + 1] >= '1' && p[i + 1] <= '9';
}

// Go's rules that std::regex would not enforce: every repeat count, and the product of nested
// repeat counts, at most 1000; nesting bounded.
Status check_structure(const std::string& p, const std::string& original) {
  std::vector<long> outer;   // the enclosing groups' largest repeat product so far
  long current = 1;          // largest repeat product inside the group being read
  long last_atom = 1;        // the repeat product inside the atom a quantifier would apply to
  for (size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '\\') {
      if (backreference(p, i)) return invalid("invalid escape sequence", original);
      i += 2;
      last_atom = 1;
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') {
        if (backreference(p, j)) return invalid("invalid escape sequence", original);
        j += p[j] == '\\' ? 2 : 1;
      }
      i = j + 1;
      last_atom = 1;
    } else if (c == '(') {
      if (outer.size() >= kMaxNesting) return invalid("expression nests too deeply", original);
      outer.push_back(current);
      current = 1;
      ++i;
    } else if (c == ')') {
      last_atom = current;
      if (!outer.empty()) {
        current = std::max(outer.back(), current);
        outer.pop_back();
      }
      ++i;
    } else if (c == '{') {
      size_t end = 0;
      long largest = 0;
      if (!read_repeat(p, i, &end, &largest)) {
        last_atom = 1;
        ++i;
        continue;
      }
      long product = std::max(largest, 1L) * last_atom;
      if (largest > kMaxRegexRepeat || product > kMaxRegexRepeat) {
        return invalid("invalid repeat count", original);
      }
      current = std::max(current, product);
      i = end;
    } else {
      last_atom = 1;
      ++i;
    }
  }
  return Status::Ok();
}

// Go's words for what std::regex found wrong.
std::string go_wording(std::regex_constants::error_type code) {
  namespace rc = std::regex_constants;
  switch (code) {
    case rc::error_paren: return "missing closing )";
    case rc::error_brack: return "missing closing ]";
    case rc::error_range: return "invalid character class range";
    case rc::error_escape: return "invalid escape sequence";
    case rc::error_badrepeat: return "missing argument to repetition operator";
    case rc::error_brace:
    case rc::error_badbrace: return "invalid repeat count";
    case rc::error_complexity:
    case rc::error_space:
    case rc::error_stack: return "expression too large";
    default: return "invalid or unsupported syntax";
  }
}

}  // namespace

Result<std::regex> compile_regex(const std::string& pattern) {
  std::string body = pattern;
  auto flags = std::regex::ECMAScript;
  if (body.rfind("(?i)", 0) == 0) {
    body.erase(0, 4);
    flags |= std::regex::icase;
  }
  Status s = check_structure(body, pattern);
  if (!s.ok()) return s;
  // std::regex reports a bad pattern only by throwing; this is the one place that catches it.
  try {
    return std::regex(body, flags);
  } catch (const std::regex_error& e) {
    return invalid(go_wording(e.code()), pattern);
  } catch (const std::bad_alloc&) {
    return invalid("expression too large", pattern);
  }
}

}  // namespace tidewater::util
