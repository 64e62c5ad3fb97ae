// InfluxQL tokens and the scanner that produces them.
//
// Error messages must match InfluxDB's byte for byte ("found X, expected Y at line 1, char N"),
// so tokens keep the text InfluxDB would print for them and their 0-based offsets; the
// scanner also reproduces where influxql's scanner places EOF (one past the end when the
// last token was ended by looking ahead, e.g. an identifier).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidewater::influxql {

enum class Tok {
  kEof,
  kIllegal,
  kIdent,     // name or "quoted name"
  kKeyword,   // unquoted reserved word; text holds it upper-cased
  kNumber,    // 1.5
  kInteger,   // 15
  kDuration,  // 15m
  kString,    // 'text' (text holds the unescaped content)
  kRegex,     // /re/ (only when the parser asks for one)
  kBoundParam,  // $name (text holds the name)
  kBadString,
  kBadRegex,
  kPunct,     // operators and punctuation; text holds the symbol
};

struct Token {
  Tok tok = Tok::kEof;
  std::string text;
  int pos = 0;  // 0-based byte offset
  // How InfluxDB names the token in "found X": the literal, or EOF.
  std::string display() const;
  bool is_keyword(std::string_view kw) const { return tok == Tok::kKeyword && text == kw; }
  bool is_punct(std::string_view p) const { return tok == Tok::kPunct && text == p; }
};

// Produces tokens on demand (whitespace and comments dropped). Regex literals are context
// dependent, so the parser rescans at a '/' with scan_regex.
class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}
  Token next();
  // Rescans from byte offset pos (which must hold '/') as a /regex/ and continues after it.
  Token scan_regex(int pos);
  std::string_view source() const { return src_; }

 private:
  Token scan_token();
  Token scan_number(size_t start);
  Token scan_ident(size_t start);
  Token scan_quoted(size_t start, char quote);
  std::string_view src_;
  size_t i_ = 0;
  bool eof_after_lookahead_ = false;
  size_t last_end_ = 0;
};

bool is_keyword(std::string_view upper);

// Parses a duration literal ("15m", "1h30m" is not InfluxQL; single unit only) into ns.
bool parse_duration_literal(std::string_view text, int64_t* ns);

}  // namespace tidewater::influxql
