#include "core/query/flux/literals.h"

#include <charconv>
#include <fast_float/fast_float.h>

#include "core/model/format.h"

namespace tidewater::query::flux {

namespace {
constexpr int64_t kSecond = 1000000000LL;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kWeek = 7 * kDay;
}  // namespace

bool parse_int_literal(std::string_view text, int64_t* out, std::string* error) {
  auto r = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
    *error = "invalid integer literal \"" + std::string(text) + "\": value out of range";
    return false;
  }
  return true;
}

bool parse_float_literal(std::string_view text, double* out, std::string* error) {
  auto r = fast_float::from_chars(text.data(), text.data() + text.size(), *out);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
    *error = "invalid float literal \"" + std::string(text) + "\"";
    return false;
  }
  return true;
}

bool parse_datetime_literal(std::string_view text, int64_t* unix_nanos, std::string* error) {
  std::string full(text);
  if (full.size() == 10) full += "T00:00:00Z";
  if (!model::parse_rfc3339(full, unix_nanos)) {
    *error = "invalid date time literal \"" + std::string(text) + "\"";
    return false;
  }
  return true;
}

bool parse_duration_literal(std::string_view text, int64_t* months, int64_t* nanos, std::string* error) {
  *months = 0;
  *nanos = 0;
  size_t i = 0;
  auto fail = [&] {
    *error = "invalid duration literal \"" + std::string(text) + "\"";
    return false;
  };
  while (i < text.size()) {
    size_t b = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (b == i) return fail();
    int64_t mag = 0;
    auto r = std::from_chars(text.data() + b, text.data() + i, mag);
    if (r.ec != std::errc()) return fail();
    size_t u = i;
    while (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) ++i;
    std::string_view unit = text.substr(u, i - u);
    int64_t mul = 0;
    int64_t mo = 0;
    if (unit == "y") mo = 12;
    else if (unit == "mo") mo = 1;
    else if (unit == "w") mul = kWeek;
    else if (unit == "d") mul = kDay;
    else if (unit == "h") mul = kHour;
    else if (unit == "m") mul = kMinute;
    else if (unit == "s") mul = kSecond;
    else if (unit == "ms") mul = 1000000;
    else if (unit == "us" || unit == "\xC2\xB5s") mul = 1000;
    else if (unit == "ns") mul = 1;
    else return fail();
    int64_t add = 0;
    if (mo != 0) {
      if (__builtin_mul_overflow(mag, mo, &add) || __builtin_add_overflow(*months, add, months)) return fail();
    } else {
      if (__builtin_mul_overflow(mag, mul, &add) || __builtin_add_overflow(*nanos, add, nanos)) return fail();
    }
  }
  return true;
}

size_t decode_string_escape(std::string_view next, std::string* out) {
  if (next.empty()) return 0;
  switch (next[0]) {
    case 'n': *out += '\n'; return 1;
    case 'r': *out += '\r'; return 1;
    case 't': *out += '\t'; return 1;
    case '\\': *out += '\\'; return 1;
    case '"': *out += '"'; return 1;
    case '$': *out += '$'; return 1;
    case 'x': {
      if (next.size() < 3) return 0;
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int h = hex(next[1]), l = hex(next[2]);
      if (h < 0 || l < 0) return 0;
      *out += static_cast<char>(h * 16 + l);
      return 3;
    }
    default: return 0;
  }
}

std::string decode_regex_literal(std::string_view t) {
  std::string_view body = t.substr(1, t.size() >= 2 ? t.size() - 2 : 0);
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '/') {
      out += '/';
      ++i;
    } else {
      out += body[i];
    }
  }
  return out;
}

std::string format_duration(int64_t months, int64_t nanos) {
  std::string out;
  bool negative = months < 0 || nanos < 0;
  uint64_t mo = months < 0 ? -static_cast<uint64_t>(months) : months;
  uint64_t ns = nanos < 0 ? -static_cast<uint64_t>(nanos) : nanos;
  if (negative) out += '-';
  auto part = [&](uint64_t v, const char* unit) {
    if (v) out += std::to_string(v) + unit;
  };
  part(mo / 12, "y");
  part(mo % 12, "mo");
  part(ns / kWeek, "w");
  ns %= kWeek;
  part(ns / kDay, "d");
  ns %= kDay;
  part(ns / kHour, "h");
  ns %= kHour;
  part(ns / kMinute, "m");
  ns %= kMinute;
  part(ns / kSecond, "s");
  ns %= kSecond;
  part(ns / 1000000, "ms");
  ns %= 1000000;
  part(ns / 1000, "us");
  part(ns % 1000, "ns");
  if (out.empty() || out == "-") out = "0s";
  return out;
}

}  // namespace tidewater::query::flux
