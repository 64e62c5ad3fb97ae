// v1 JSON and CSV encoders for InfluxQL results, byte-compatible with InfluxDB's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/model/format.h"
#include "core/query/influxql/result.h"

namespace tidewater::influxql {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], 0 when it is not one (a stray
// continuation byte, an overlong form, a surrogate, past U+10FFFF or cut short).
size_t json_utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned lead = byte(i);
  size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;  // the range allowed for the second byte
  if (lead >= 0xC2 && lead <= 0xDF) n = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) n = 3, lo = lead == 0xE0 ? 0xA0 : 0x80, hi = lead == 0xED ? 0x9F : 0xBF;
  else if (lead >= 0xF0 && lead <= 0xF4) n = 4, lo = lead == 0xF0 ? 0x90 : 0x80, hi = lead == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Like Go's encoder: valid UTF-8 as is, each invalid byte as U+FFFD, so the answer is
      // always valid JSON (a query with stray bytes is echoed in its error message).
      const size_t n = json_utf8_sequence_length(s, i);
      if (n == 0) {
        out += "\\ufffd";
      } else {
        out.append(s.substr(i, n));
        i += n - 1;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      // Go's encoder escapes <, > and & for HTML safety.
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// Divides nanoseconds into the requested epoch unit ("" keeps RFC3339).
int64_t epoch_divisor(const std::string& epoch) {
  if (epoch == "u" || epoch == "\xC2\xB5") return 1000;
  if (epoch == "ms") return 1000000;
  if (epoch == "s") return 1000000000LL;
  if (epoch == "m") return 60000000000LL;
  if (epoch == "h") return 3600000000000LL;
  return 1;
}

void append_value(std::string& out, const Value& v) {
  switch (v.index()) {
    case 0: out += "null"; break;
    case 1: append_json_float(out, std::get<double>(v)); break;
    case 2: out += std::to_string(std::get<int64_t>(v)); break;
    case 3: out += std::to_string(std::get<uint64_t>(v)); break;
    case 4: append_json_string(out, std::get<std::string>(v)); break;
    case 5: out += std::get<bool>(v) ? "true" : "false"; break;
  }
}

void append_time(std::string& out, const Value& v, const OutputOptions& opts, int32_t offset_s) {
  if (v.index() != 2) return append_value(out, v);
  int64_t t = std::get<int64_t>(v);
  if (opts.epoch.empty()) {
    out += '"';
    if (offset_s == 0) {
      model::append_rfc3339(out, t);
    } else {
      // Local wall time with a "+01:00" suffix, as Go's RFC3339Nano in a location.
      std::string local = model::format_rfc3339(t + static_cast<int64_t>(offset_s) * 1000000000LL);
      local.pop_back();  // 'Z'
      out += local;
      int32_t a = offset_s < 0 ? -offset_s : offset_s;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_s < 0 ? '-' : '+', a / 3600, (a / 60) % 60);
      out += buf;
    }
    out += '"';
  } else {
    out += std::to_string(t / epoch_divisor(opts.epoch));
  }
}

void append_series(std::string& out, const Series& s, const OutputOptions& opts) {
  // Go's omitempty: SHOW SERIES and SHOW RETENTION POLICIES have no name.
  out += '{';
  if (!s.name.empty()) {
    out += "\"name\":";
    append_json_string(out, s.name);
    out += ',';
  }
  if (!s.tags.empty()) {
    out += "\"tags\":{";
    for (size_t i = 0; i < s.tags.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, s.tags[i].first);
      out += ':';
      append_json_string(out, s.tags[i].second);
    }
    out += "},";
  }
  out += "\"columns\":[";
  for (size_t i = 0; i < s.columns.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, s.columns[i]);
  }
  out += ']';
  if (!s.values.empty()) {
    out += ",\"values\":[";
    for (size_t r = 0; r < s.values.size(); ++r) {
      if (r) out += ',';
      out += '[';
      const auto& row = s.values[r];
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) out += ',';
        if (c == 0 && s.time_column) append_time(out, row[c], opts, r < s.time_offsets.size() ? s.time_offsets[r] : 0);
        else append_value(out, row[c]);
      }
      out += ']';
    }
    out += ']';
  }
  if (s.partial) out += ",\"partial\":true";
  out += '}';
}

}  // namespace

void append_json_float(std::string& out, double v) {
  if (std::isnan(v) || std::isinf(v)) {
    out += "null";  // Go's encoder refuses these; null keeps the document valid.
    return;
  }
  double a = std::fabs(v);
  if (a == 0 || (a >= 1e-6 && a < 1e21)) {
    model::append_float(out, v);
    return;
  }
  // Go: strconv 'e' with the shortest round-trip digits, then "e-07" becomes "e-7".
  char buf[40];
  for (int prec = 0; prec < 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s(buf);
  size_t e = s.find('e');
  std::string mant = s.substr(0, e), exp = s.substr(e + 1);
  char sign = exp[0];
  std::string digits = exp.substr(1);
  while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
  out += mant;
  out += 'e';
  if (sign == '-') out += '-';
  else out += '+';
  out += digits;
}

std::string statement_json(const StatementResult& r, const OutputOptions& opts) {
  std::string out = "{\"statement_id\":" + std::to_string(r.statement_id);
  if (!r.series.empty()) {
    out += ",\"series\":[";
    for (size_t i = 0; i < r.series.size(); ++i) {
      if (i) out += ',';
      append_series(out, r.series[i], opts);
    }
    out += ']';
  }
  if (r.partial) out += ",\"partial\":true";
  if (!r.error.empty()) {
    out += ",\"error\":";
    append_json_string(out, r.error);
  }
  out += '}';
  return out;
}

std::string results_json(const std::vector<StatementResult>& results, const OutputOptions& opts) {
  std::string out = "{\"results\":[";
  for (size_t i = 0; i < results.size(); ++i) {
    if (i) out += ',';
    out += statement_json(results[i], opts);
  }
  out += "]}";
  return out;
}

std::vector<std::string> chunked_json(const std::vector<StatementResult>& results, size_t chunk_size,
                                      const OutputOptions& opts) {
  if (chunk_size == 0) chunk_size = 10000;  // InfluxDB's default chunk size
  std::vector<std::string> out;
  auto emit = [&](const StatementResult& r) { out.push_back(results_json({r}, opts)); };
  for (const auto& r : results) {
    if (!r.error.empty() || r.series.empty()) {
      emit(r);
      continue;
    }
    std::vector<StatementResult> chunks;
    for (const auto& s : r.series) {
      size_t rows = s.values.size();
      for (size_t from = 0; from < rows || (rows == 0 && from == 0); from += chunk_size) {
        StatementResult c;
        c.statement_id = r.statement_id;
        Series part = s;
        part.values.assign(s.values.begin() + static_cast<long>(from),
                           s.values.begin() + static_cast<long>(std::min(rows, from + chunk_size)));
        if (!s.time_offsets.empty()) {
          part.time_offsets.assign(s.time_offsets.begin() + static_cast<long>(from),
                                   s.time_offsets.begin() + static_cast<long>(std::min(rows, from + chunk_size)));
        }
        part.partial = from + chunk_size < rows;
        c.series.push_back(std::move(part));
        chunks.push_back(std::move(c));
        if (rows == 0) break;
      }
    }
    for (size_t i = 0; i < chunks.size(); ++i) {
      chunks[i].partial = i + 1 < chunks.size();
      emit(chunks[i]);
    }
  }
  return out;
}

std::string error_json(const std::string& message) {
  std::string out = "{\"error\":";
  append_json_string(out, message);
  out += '}';
  return out;
}

std::string results_csv(const std::vector<StatementResult>& results, const OutputOptions& opts) {
  // InfluxDB's CSV: a header per series shape, tags as k=v joined by ',', times as epoch ns.
  std::string out;
  auto field = [](std::string& o, const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) { o += s; return; }
    o += '"';
    for (char c : s) { if (c == '"') o += '"'; o += c; }
    o += '"';
  };
  std::string last_header;
  for (const auto& r : results) {
    for (const auto& s : r.series) {
      std::string header = "name,tags";
      for (const auto& c : s.columns) { header += ','; header += c; }
      if (header != last_header) {
        if (!last_header.empty()) out += '\n';
        out += header + '\n';
        last_header = header;
      }
      // Tags as line protocol writes them: room=Living\ Room,floor=1.
      auto escaped = [](const std::string& v) {
        std::string e;
        for (char ch : v) {
          if (ch == ',' || ch == ' ' || ch == '=') e += '\\';
          e += ch;
        }
        return e;
      };
      std::string tags;
      for (size_t i = 0; i < s.tags.size(); ++i) {
        if (i) tags += ',';
        tags += escaped(s.tags[i].first) + "=" + escaped(s.tags[i].second);
      }
      for (const auto& row : s.values) {
        field(out, s.name);
        out += ',';
        field(out, tags);
        for (size_t c = 0; c < row.size(); ++c) {
          out += ',';
          std::string cell;
          if (c == 0 && s.time_column && row[c].index() == 2) {
            cell = std::to_string(std::get<int64_t>(row[c]) / (opts.epoch.empty() ? 1 : epoch_divisor(opts.epoch)));
          } else if (row[c].index() == 4) {
            cell = std::get<std::string>(row[c]);
          } else if (row[c].index() != 0) {
            append_value(cell, row[c]);
          }
          field(out, cell);
        }
        out += '\n';
      }
    }
  }
  return out;
}

}  // namespace tidewater::influxql
