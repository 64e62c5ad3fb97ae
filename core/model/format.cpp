#include "core/model/format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/model/civil_time.h"

namespace tidewater::model {
namespace {

bool read_digits(std::string_view s, size_t& i, size_t n, int* out) {
  if (i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  i += n;
  *out = v;
  return true;
}

}  // namespace

void append_float(std::string& out, double v) {
  if (std::isnan(v)) { out += "NaN"; return; }
  if (std::isinf(v)) { out += v > 0 ? "+Inf" : "-Inf"; return; }
  if (v == 0) { out += std::signbit(v) ? "-0" : "0"; return; }
  // The shortest %.*e that parses back to v has the same digits as Go's shortest form: if any
  // p-digit decimal round-trips, the correctly rounded one does.
  char buf[40];
  for (int prec = 0; prec < 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  // buf is "-d.ddde+XX": collect the digits and the decimal exponent.
  const char* p = buf;
  if (*p == '-') { out += '-'; ++p; }
  char digits[20];
  int nd = 0;
  for (; *p && *p != 'e'; ++p)
    if (*p != '.') digits[nd++] = *p;
  const int exp10 = std::atoi(p + 1);  // value = 0.d1d2... * 10^(exp10+1)
  const int point = exp10 + 1;         // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out.append(digits, static_cast<size_t>(nd));
  } else if (point >= nd) {
    out.append(digits, static_cast<size_t>(nd));
    out.append(static_cast<size_t>(point - nd), '0');
  } else {
    out.append(digits, static_cast<size_t>(point));
    out += '.';
    out.append(digits + point, static_cast<size_t>(nd - point));
  }
}

std::string format_float(double v) {
  std::string s;
  append_float(s, v);
  return s;
}

void append_rfc3339(std::string& out, int64_t ns) {
  int64_t secs = ns / 1000000000;
  int64_t frac = ns % 1000000000;
  if (frac < 0) { frac += 1000000000; secs -= 1; }
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) { rem += 86400; days -= 1; }
  const CivilDate date = civil_from_days(days);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(date.year), date.month, date.day,
                        static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  out.append(buf, static_cast<size_t>(n));
  if (frac != 0) {
    char f[16];
    std::snprintf(f, sizeof f, "%09lld", static_cast<long long>(frac));
    int len = 9;
    while (len > 0 && f[len - 1] == '0') --len;
    out += '.';
    out.append(f, static_cast<size_t>(len));
  }
  out += 'Z';
}

std::string format_rfc3339(int64_t ns) {
  std::string s;
  append_rfc3339(s, ns);
  return s;
}

bool parse_rfc3339(std::string_view s, int64_t* out) {
  size_t i = 0;
  int year, mon, day, hh, mm, ss;
  if (!read_digits(s, i, 4, &year) || i >= s.size() || s[i++] != '-') return false;
  if (!read_digits(s, i, 2, &mon) || i >= s.size() || s[i++] != '-') return false;
  if (!read_digits(s, i, 2, &day) || i >= s.size() || (s[i] != 'T' && s[i] != 't')) return false;
  ++i;
  if (!read_digits(s, i, 2, &hh) || i >= s.size() || s[i++] != ':') return false;
  if (!read_digits(s, i, 2, &mm) || i >= s.size() || s[i++] != ':') return false;
  if (!read_digits(s, i, 2, &ss)) return false;
  if (mon < 1 || mon > 12 || day < 1 || hh > 23 || mm > 59 || ss > 59) return false;
  if (static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(mon))) return false;
  int64_t frac = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (n < 9) frac = frac * 10 + (s[i] - '0');
      ++n, ++i;
    }
    if (n == 0) return false;
    for (int k = n; k < 9; ++k) frac *= 10;
  }
  int64_t offset = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    const int sign = s[i++] == '-' ? -1 : 1;
    int oh, om;
    if (!read_digits(s, i, 2, &oh) || i >= s.size() || s[i++] != ':' || !read_digits(s, i, 2, &om)) return false;
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return false;
  }
  if (i != s.size()) return false;
  const int64_t secs = days_from_civil(year, static_cast<unsigned>(mon), static_cast<unsigned>(day)) * 86400 +
                       hh * 3600 + mm * 60 + ss - offset;
  // Range check in seconds first so the multiplication cannot overflow.
  if (secs > 9223372035 || secs < -9223372036) return false;
  __int128 ns = static_cast<__int128>(secs) * 1000000000 + frac;
  if (ns > INT64_MAX || ns < INT64_MIN) return false;
  *out = static_cast<int64_t>(ns);
  return true;
}

}  // namespace tidewater::model
