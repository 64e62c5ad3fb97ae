#include "core/lineprotocol/line_scanner.h"

#include <cstring>

#include "core/lineprotocol/go_strconv.h"

namespace tidewater::lineprotocol::internal {
namespace {

bool fail(ScanError* err, size_t pos, std::string reason) {
  err->pos = pos;
  err->reason = std::move(reason);
  return false;
}

inline bool is_numeric(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// Byte classes for skipping ordinary bytes in a tight loop: most of a line is names and
// digits, which no scanner decision depends on.
struct ByteSet {
  bool member[256] = {};
  constexpr explicit ByteSet(std::string_view bytes) {
    for (char c : bytes) member[static_cast<unsigned char>(c)] = true;
  }
  bool operator()(char c) const { return member[static_cast<unsigned char>(c)]; }
};
constexpr ByteSet kFieldsSpecial("\\\"=, ");
constexpr ByteSet kFieldValueSpecial("\\\",");

inline size_t skip_ordinary(std::string_view buf, size_t i, const ByteSet& special) {
  while (i < buf.size() && !special(buf[i])) ++i;
  return i;
}

// The slow path of scan_line_end, a literal transcription of scanLine.
size_t scan_line_end_slow(std::string_view buf, size_t i) {
  const size_t n = buf.size();
  bool quoted = false;
  bool fields = false;
  size_t equals = 0;
  size_t commas = 0;
  while (i < n) {
    const char c = buf[i];
    if (c == '\\' && i + 2 < n) {  // an escape; note the +2: a final "\x" is not skipped
      i += 2;
      continue;
    }
    if (c == ' ') fields = true;
    if (fields) {
      if (!quoted && c == '=') {
        ++i;
        ++equals;
        continue;
      }
      if (!quoted && c == ',') {
        ++i;
        ++commas;
        continue;
      }
      if (c == '"' && equals > commas) {
        ++i;
        quoted = !quoted;
        continue;
      }
    }
    if (c == '\n' && !quoted) break;
    ++i;
  }
  return i;
}

enum class KeyState { kTagKey, kFields };

// scanMeasurement. On success *i is after the comma (tags follow) or at the space.
bool scan_measurement(std::string_view buf, size_t* i, KeyState* state, ScanError* err) {
  const size_t n = buf.size();
  size_t p = *i;
  if (p >= n || buf[p] == ',') return fail(err, p, "missing measurement");
  for (;;) {
    ++p;
    if (p >= n) return fail(err, p, "missing fields");
    if (buf[p - 1] == '\\') continue;
    if (buf[p] == ',') {
      *state = KeyState::kTagKey;
      *i = p + 1;
      return true;
    }
    if (buf[p] == ' ') {
      *state = KeyState::kFields;
      *i = p;
      return true;
    }
  }
}

// scanTagsKey: *i moves past the '='.
bool scan_tag_key(std::string_view buf, size_t* i, ScanError* err) {
  const size_t n = buf.size();
  size_t p = *i;
  if (p >= n || buf[p] == ' ' || buf[p] == ',' || buf[p] == '=') {
    return fail(err, p, "missing tag key");
  }
  for (;;) {
    ++p;
    if (p >= n || ((buf[p] == ' ' || buf[p] == ',') && buf[p - 1] != '\\')) {
      return fail(err, p, "missing tag value");
    }
    if (buf[p] == '=' && buf[p - 1] != '\\') {
      *i = p + 1;
      return true;
    }
  }
}

// scanTagsValue: *i ends at the comma or space after the value.
bool scan_tag_value(std::string_view buf, size_t* i, KeyState* state, ScanError* err) {
  const size_t n = buf.size();
  size_t p = *i;
  if (p >= n || buf[p] == ',' || buf[p] == ' ') return fail(err, p, "missing tag value");
  for (;;) {
    ++p;
    if (p >= n) return fail(err, p, "missing fields");
    if (buf[p - 1] == '\\') continue;
    if (buf[p] == '=') return fail(err, p, "invalid tag format");
    if (buf[p] == ',') {
      *state = KeyState::kTagKey;
      *i = p;
      return true;
    }
    if (buf[p] == ' ') {
      *state = KeyState::kFields;
      *i = p;
      return true;
    }
  }
}

bool is_reserved_tag_key(std::string_view key) {
  return key == "_measurement" || key == "_field" || key == "time";
}

// scanNumber from the first byte of the value; *i ends after the number.
bool scan_number(std::string_view buf, size_t* i, ScanError* err) {
  const size_t n = buf.size();
  const size_t start = *i;
  size_t p = start;
  bool is_int = false;
  bool is_unsigned = false;
  if (p < n && buf[p] == '-') {
    ++p;
    if (p == n) return fail(err, p, "invalid number");
  }
  bool decimal = false;
  bool scientific = false;
  for (; p < n; ++p) {
    const char c = buf[p];
    if (c == ',' || c == ' ') break;
    if (c == 'i' && p > start && !(is_int || is_unsigned)) {
      is_int = true;
      continue;
    }
    if (c == 'u' && p > start && !(is_int || is_unsigned)) {
      is_unsigned = true;
      continue;
    }
    if (c == '.') {
      if (decimal) return fail(err, p, "invalid number");
      decimal = true;
    }
    if (p > start && (c == 'e' || c == 'E')) {
      scientific = true;
      continue;
    }
    if ((c == '+' || c == '-') && (buf[p - 1] == 'e' || buf[p - 1] == 'E')) continue;
    if (!is_numeric(c)) return fail(err, p, "invalid number");  // also NaN, which Go rejects here
  }
  if ((is_int || is_unsigned) && (decimal || scientific)) return fail(err, p, "invalid number");
  size_t digits = p - start;
  if (is_int) --digits;
  if (decimal) --digits;
  if (buf[start] == '-') --digits;
  if (digits == 0) return fail(err, p, "invalid number");

  // Like InfluxDB, parse here only what might be out of range; the rest is parsed when the
  // value is decoded.
  if (is_int) {
    if (buf[p - 1] != 'i') return fail(err, p, "invalid number");
    const std::string_view text = buf.substr(start, p - 1 - start);
    int64_t v;
    NumError e;
    if (text.size() >= 19 && (e = parse_go_int64(text, &v)) != NumError::kNone) {
      return fail(err, p,
                  "unable to parse integer " + std::string(text) + ": " +
                      go_num_error_text("ParseInt", text, e));
    }
  } else if (is_unsigned) {
    if (buf[p - 1] != 'u') return fail(err, p, "invalid number");
    if (buf[start] == '-') return fail(err, p, "invalid number");
    const std::string_view text = buf.substr(start, p - 1 - start);
    uint64_t v;
    NumError e;
    if (text.size() >= 20 && (e = parse_go_uint64(text, &v)) != NumError::kNone) {
      return fail(err, p,
                  "unable to parse unsigned " + std::string(text) + ": " +
                      go_num_error_text("ParseUint", text, e));
    }
  } else {
    const std::string_view text = buf.substr(start, p - start);
    double v;
    if ((scientific || text.size() >= 25) && parse_go_float(text, &v) != NumError::kNone) {
      return fail(err, p, "invalid float");
    }
  }
  *i = p;
  return true;
}

// scanBoolean from the first byte of the value; *i ends after it.
bool scan_boolean(std::string_view buf, size_t* i, ScanError* err) {
  const size_t n = buf.size();
  const size_t start = *i;
  size_t p = start;
  if (p < n && buf[p] != 't' && buf[p] != 'f' && buf[p] != 'T' && buf[p] != 'F') {
    return fail(err, p, "invalid boolean");
  }
  ++p;
  while (p < n && buf[p] != ',' && buf[p] != ' ') ++p;
  *i = p;
  const std::string_view text = buf.substr(start, p - start);
  if (text.size() == 1) return true;
  bool valid = false;
  switch (text[0]) {
    case 't': valid = text == "true"; break;
    case 'f': valid = text == "false"; break;
    case 'T': valid = text == "TRUE" || text == "True"; break;
    case 'F': valid = text == "FALSE" || text == "False"; break;
  }
  if (!valid) return fail(err, start, "invalid boolean");  // point at the value, not past it
  return true;
}

}  // namespace

size_t skip_whitespace(std::string_view buf, size_t i) {
  while (i < buf.size() && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\0')) ++i;
  return i;
}

size_t scan_line_end(std::string_view buf, size_t pos) {
  // Fast path: a line without quotes or backslashes simply ends at the next newline.
  const char* begin = buf.data() + pos;
  const size_t rest = buf.size() - pos;
  const void* nl = std::memchr(begin, '\n', rest);
  const size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - begin) : rest;
  if (std::memchr(begin, '"', len) == nullptr && std::memchr(begin, '\\', len) == nullptr) {
    return pos + len;
  }
  return scan_line_end_slow(buf, pos);
}

bool scan_key(std::string_view line, Span* measurement, std::vector<TagSpan>* tags,
              size_t* key_end, ScanError* err) {
  tags->clear();
  size_t i = skip_whitespace(line, 0);
  const size_t start = i;
  KeyState state;
  if (!scan_measurement(line, &i, &state, err)) return false;
  measurement->begin = start;
  measurement->end = state == KeyState::kTagKey ? i - 1 : i;
  while (state == KeyState::kTagKey) {
    TagSpan tag;
    tag.key.begin = i;
    if (!scan_tag_key(line, &i, err)) return false;
    tag.key.end = i - 1;
    tag.value.begin = i;
    if (!scan_tag_value(line, &i, &state, err)) return false;
    tag.value.end = i;
    tags->push_back(tag);
    if (state == KeyState::kTagKey) ++i;  // past the comma
  }
  for (const TagSpan& tag : *tags) {
    const std::string_view key = tag.key.of(line);
    if (is_reserved_tag_key(key)) {
      return fail(err, tag.key.begin, "cannot use reserved tag key \"" + std::string(key) + "\"");
    }
  }
  *key_end = i;
  return true;
}

bool scan_fields(std::string_view line, size_t pos, Span* fields, ScanError* err) {
  const size_t n = line.size();
  const size_t start = skip_whitespace(line, pos);
  size_t i = start;
  bool quoted = false;
  size_t equals = 0;
  size_t commas = 0;
  while (i < n) {
    i = skip_ordinary(line, i, kFieldsSpecial);
    if (i >= n) break;
    const char c = line[i];
    if (c == '\\' && i + 1 < n) {  // escaped byte, in keys and inside strings alike
      i += 2;
      continue;
    }
    if (c == '"' && equals > commas) {  // a quote only counts in a value
      quoted = !quoted;
      ++i;
      continue;
    }
    if (c == '=' && !quoted) {
      ++equals;
      if (line[i - 1] == ' ' && line[i - 2] != '\\') return fail(err, i, "missing field key");
      if (line[i - 1] == ',' && line[i - 2] != '\\') return fail(err, i, "missing field key");
      if (i + 1 >= n) return fail(err, i + 1, "missing field value");
      const char v = line[i + 1];
      if (v == ',' || v == ' ') return fail(err, i + 1, "missing field value");
      if (is_numeric(v) || v == '-' || v == 'N' || v == 'n') {
        ++i;
        if (!scan_number(line, &i, err)) return false;
        continue;
      }
      if (v != '"') {
        ++i;
        if (!scan_boolean(line, &i, err)) return false;
        continue;
      }
    }
    if (c == ',' && !quoted) ++commas;
    if (c == ' ' && !quoted) break;
    ++i;
  }
  fields->begin = start;
  fields->end = i;
  if (quoted) return fail(err, i, "unbalanced quotes");
  if (equals == 0 || commas != equals - 1) return fail(err, start, "invalid field format");
  return true;
}

bool scan_time(std::string_view line, size_t pos, Span* timestamp, ScanError* err) {
  const size_t n = line.size();
  const size_t start = skip_whitespace(line, pos);
  size_t i = start;
  for (; i < n; ++i) {
    const char c = line[i];
    if (c == '\n' || c == ' ') break;
    if (i == start && c == '-') continue;
    if (c < '0' || c > '9') return fail(err, i, "bad timestamp");
  }
  timestamp->begin = start;
  timestamp->end = i;
  return true;
}

size_t scan_to(std::string_view buf, size_t i, char stop) {
  while (i < buf.size()) {
    const void* hit = std::memchr(buf.data() + i, stop, buf.size() - i);
    if (hit == nullptr) return buf.size();
    i = static_cast<size_t>(static_cast<const char*>(hit) - buf.data());
    if (i == 0 || buf[i - 1] != '\\') return i;
    ++i;
  }
  return i;
}

size_t scan_field_value(std::string_view buf, size_t i) {
  const size_t n = buf.size();
  bool quoted = false;
  while (i < n) {
    i = skip_ordinary(buf, i, kFieldValueSpecial);
    if (i >= n) break;
    const char c = buf[i];
    if (c == '\\' && i + 1 < n && (buf[i + 1] == '"' || buf[i + 1] == '\\')) {
      i += 2;
      continue;
    }
    if (c == '"') {
      quoted = !quoted;
      ++i;
      continue;
    }
    if (c == ',' && !quoted) break;
    ++i;
  }
  return i;
}

}  // namespace tidewater::lineprotocol::internal
