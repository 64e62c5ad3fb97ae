#include "core/query/influxql/lexer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tidewater::influxql {
namespace {

constexpr std::array kKeywords = {
    "ALL",     "ALTER",     "ANALYZE",  "ANY",        "AS",       "ASC",      "BEGIN",    "BY",
    "CARDINALITY", "CREATE", "CONTINUOUS", "DATABASE", "DATABASES", "DEFAULT", "DELETE", "DESC",
    "DESTINATIONS", "DIAGNOSTICS", "DISTINCT", "DROP", "DURATION", "END", "EVERY", "EXACT",
    "EXPLAIN", "FIELD", "FOR", "FROM", "GRANT", "GRANTS", "GROUP", "GROUPS", "IN", "INF", "INSERT",
    "INTO", "KEY", "KEYS", "KILL", "LIMIT", "MEASUREMENT", "MEASUREMENTS", "NAME", "OFFSET", "ON",
    "ORDER", "PASSWORD", "POLICIES", "POLICY", "PRIVILEGES", "QUERIES", "QUERY", "READ",
    "REPLICATION", "RESAMPLE", "RETENTION", "REVOKE", "SELECT", "SERIES", "SET", "SHARD",
    "SHARDS", "SHOW", "SLIMIT", "SOFFSET", "STATS", "SUBSCRIPTION", "SUBSCRIPTIONS", "TAG", "TO", "USER",
    "USERS", "VALUES", "WHERE", "WITH", "WRITE", "AND", "OR", "TRUE", "FALSE"};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool is_keyword(std::string_view up) {
  return std::find(kKeywords.begin(), kKeywords.end(), up) != kKeywords.end();
}

std::string Token::display() const {
  if (tok == Tok::kEof) return "EOF";
  return text;
}

bool parse_duration_literal(std::string_view text, int64_t* ns) {
  size_t i = 0;
  int64_t n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (n > (INT64_MAX - 9) / 10) return false;
    n = n * 10 + (text[i] - '0');
    ++i;
  }
  if (i == 0) return false;
  std::string_view unit = text.substr(i);
  int64_t mult = 0;
  if (unit == "ns") mult = 1;
  else if (unit == "u" || unit == "\xC2\xB5") mult = 1000;
  else if (unit == "ms") mult = 1000000;
  else if (unit == "s") mult = 1000000000LL;
  else if (unit == "m") mult = 60000000000LL;
  else if (unit == "h") mult = 3600000000000LL;
  else if (unit == "d") mult = 86400000000000LL;
  else if (unit == "w") mult = 604800000000000LL;
  else return false;
  if (n > INT64_MAX / mult) return false;  // overflows int64 nanoseconds: not a valid duration
  *ns = n * mult;
  return true;
}

Token Lexer::next() {
  // Skip whitespace and comments (-- to end of line, /* */).
  for (;;) {
    while (i_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[i_]))) ++i_;
    if (src_.substr(i_, 2) == "--") {
      while (i_ < src_.size() && src_[i_] != '\n') ++i_;
      continue;
    }
    if (src_.substr(i_, 2) == "/*") {
      size_t end = src_.find("*/", i_ + 2);
      i_ = end == std::string_view::npos ? src_.size() : end + 2;
      continue;
    }
    break;
  }
  if (i_ >= src_.size()) {
    // influxql reports EOF right after the last token, one further after an identifier
    // (its scanner looked ahead); trailing whitespace does not count.
    return Token{Tok::kEof, "", static_cast<int>(last_end_) + (eof_after_lookahead_ ? 1 : 0)};
  }
  Token t = scan_token();
  last_end_ = i_;
  eof_after_lookahead_ = t.tok == Tok::kIdent && t.text.size() == i_ - static_cast<size_t>(t.pos);
  if (t.tok == Tok::kKeyword) eof_after_lookahead_ = true;
  return t;
}

Token Lexer::scan_token() {
  size_t start = i_;
  char c = src_[i_];
  if (ident_start(c)) return scan_ident(start);
  if (std::isdigit(static_cast<unsigned char>(c)) ||
      (c == '.' && i_ + 1 < src_.size() && std::isdigit(static_cast<unsigned char>(src_[i_ + 1])))) {
    return scan_number(start);
  }
  if (c == '$' && i_ + 1 < src_.size() && (ident_char(src_[i_ + 1]) || src_[i_ + 1] == '"')) {
    ++i_;
    Token name = src_[i_] == '"' ? scan_quoted(i_, '"') : scan_ident(i_);
    std::string text = name.tok == Tok::kKeyword ? std::string(src_.substr(start + 1, i_ - start - 1)) : name.text;
    return Token{Tok::kBoundParam, text, static_cast<int>(start)};
  }
  if (c == '"') return scan_quoted(start, '"');
  if (c == '\'') return scan_quoted(start, '\'');
  auto punct = [&](size_t n) {
    i_ += n;
    return Token{Tok::kPunct, std::string(src_.substr(start, n)), static_cast<int>(start)};
  };
  std::string_view two = src_.substr(i_, 2);
  if (two == "!=" || two == "<>" || two == "<=" || two == ">=" || two == "=~" || two == "!~" || two == "::") {
    return punct(2);
  }
  if (std::string_view("+-*/%&|^=<>(),;.:").find(c) != std::string_view::npos) return punct(1);
  ++i_;
  return Token{Tok::kIllegal, std::string(1, c), static_cast<int>(start)};
}

Token Lexer::scan_ident(size_t start) {
  while (i_ < src_.size() && ident_char(src_[i_])) ++i_;
  std::string_view word = src_.substr(start, i_ - start);
  std::string up = upper(word);
  if (is_keyword(up)) return Token{Tok::kKeyword, up, static_cast<int>(start)};
  return Token{Tok::kIdent, std::string(word), static_cast<int>(start)};
}

Token Lexer::scan_number(size_t start) {
  while (i_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[i_]))) ++i_;
  bool is_float = false;
  if (i_ < src_.size() && src_[i_] == '.') {
    is_float = true;
    ++i_;
    while (i_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[i_]))) ++i_;
  }
  if (!is_float && i_ < src_.size()) {
    // Duration units directly after an integer: ns, u, µ, ms, s, m, h, d, w.
    std::string_view rest = src_.substr(i_);
    size_t n = 0;
    if (rest.substr(0, 2) == "ns" || rest.substr(0, 2) == "ms" || rest.substr(0, 2) == "\xC2\xB5") n = 2;
    else if (!rest.empty() && std::string_view("usmhdw").find(rest[0]) != std::string_view::npos) n = 1;
    if (n > 0 && !(n < rest.size() && ident_char(rest[n]))) {
      i_ += n;
      return Token{Tok::kDuration, std::string(src_.substr(start, i_ - start)), static_cast<int>(start)};
    }
  }
  // Unlike identifiers, a number ending the query leaves EOF right after it (as influxql).
  return Token{is_float ? Tok::kNumber : Tok::kInteger, std::string(src_.substr(start, i_ - start)),
               static_cast<int>(start)};
}

Token Lexer::scan_quoted(size_t start, char quote) {
  ++i_;
  std::string out;
  while (i_ < src_.size()) {
    char c = src_[i_];
    if (c == quote) {
      ++i_;
      return Token{quote == '"' ? Tok::kIdent : Tok::kString, out, static_cast<int>(start)};
    }
    if (c == '\n') break;
    if (c == '\\' && i_ + 1 < src_.size()) {
      char e = src_[i_ + 1];
      if (e == 'n') out += '\n';
      else if (e == '\\' || e == '\'' || e == '"') out += e;
      else { out += '\\'; out += e; }
      i_ += 2;
      continue;
    }
    out += c;
    ++i_;
  }
  return Token{Tok::kBadString, out, static_cast<int>(start)};
}

Token Lexer::scan_regex(int pos) {
  size_t& i = i_;
  i = static_cast<size_t>(pos) + 1;
  std::string out;
  while (i < src_.size()) {
    char c = src_[i];
    if (c == '/') {
      ++i;
      last_end_ = i;
      eof_after_lookahead_ = false;
      return Token{Tok::kRegex, out, pos};
    }
    if (c == '\\' && i + 1 < src_.size() && src_[i + 1] == '/') {
      out += '/';
      i += 2;
      continue;
    }
    out += c;
    ++i;
  }
  return Token{Tok::kBadRegex, out, pos};
}

}  // namespace tidewater::influxql
