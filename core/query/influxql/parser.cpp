// Statement-level rules: the query, SELECT clauses, sources.
#include "core/query/influxql/parser.h"
#include "core/util/regex.h"

#include <charconv>
#include <regex>

namespace tidewater::influxql {

Result<std::vector<Statement>> parse_query(std::string_view text) { return Parser(text).parse_all(); }

Result<std::vector<Statement>> parse_query(std::string_view text, const BindParams& params) {
  return Parser(text, &params).parse_all();
}

const Token& Parser::peek() {
  if (ahead_.empty()) ahead_.push_back(lex_.next());
  return ahead_.front();
}

Token Parser::scan() {
  peek();
  Token t = std::move(ahead_.front());
  ahead_.erase(ahead_.begin());
  return t;
}

bool Parser::enter_nesting(int pos) {
  // 200 levels: far beyond any query a person writes, far inside the smallest stack we run on.
  if (++nesting_ <= 200) return true;
  return fail_message(pos, "expression nested too deeply (more than 200 levels)");
}

bool Parser::fail_message(int pos, std::string message) {
  if (err_) return false;
  // Lines and chars are 1-based, as influxql's ParseError prints them.
  int line = 1, col = 0;
  std::string_view src = lex_.source();
  for (int i = 0; i < pos && i < static_cast<int>(src.size()); ++i) {
    if (src[i] == '\n') { ++line; col = 0; } else { ++col; }
  }
  if (pos > static_cast<int>(src.size())) col += pos - static_cast<int>(src.size());
  message += " at line " + std::to_string(line) + ", char " + std::to_string(col + 1);
  err_ = Status(ErrorCode::kInvalid, std::move(message));
  return false;
}

bool Parser::fail_plain(std::string message) {
  if (!err_) err_ = Status(ErrorCode::kInvalid, std::move(message));
  return false;
}

bool Parser::fail(const Token& found, std::string_view expected) {
  return fail_message(found.pos, "found " + found.display() + ", expected " + std::string(expected));
}

bool Parser::expect_keyword(std::string_view kw) {
  Token t = scan();
  if (t.is_keyword(kw)) return true;
  return fail(t, kw);
}

bool Parser::parse_ident(std::string* out) {
  Token t = scan();
  if (t.tok != Tok::kIdent) return fail(t, "identifier");
  *out = t.text;
  return true;
}

bool Parser::parse_string_or_ident(std::string* out) {
  Token t = scan();
  if (t.tok != Tok::kIdent && t.tok != Tok::kString) return fail(t, "identifier, string");
  *out = t.text;
  return true;
}

bool Parser::parse_int(int64_t* out) {
  Token t = scan();
  if (t.tok != Tok::kInteger) return fail(t, "integer");
  auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), *out);
  if (r.ec != std::errc()) return fail_message(t.pos, "unable to parse integer");
  return true;
}

bool Parser::parse_regex(std::string* out) {
  const Token& t = peek();
  if (!t.is_punct("/")) return fail(scan(), "regex");
  int pos = t.pos;
  ahead_.clear();
  Token re = lex_.scan_regex(pos);
  if (re.tok != Tok::kRegex) return fail_message(pos, "found " + re.text + ", expected regex");
  // Checked once, here, so that a bad pattern is reported with its position.
  Result<std::regex> check = util::compile_regex(re.text);
  if (!check.ok()) return fail_message(pos, check.status().message());
  *out = re.text;
  return true;
}

Result<std::vector<Statement>> Parser::parse_all() {
  std::vector<Statement> out;
  for (;;) {
    while (peek().is_punct(";")) scan();
    if (peek().tok == Tok::kEof) break;
    Token t = peek();
    if (t.is_keyword("SELECT")) {
      SelectStatement s;
      if (!parse_select(&s)) return *err_;
      out.emplace_back(std::move(s));
    } else if (t.is_keyword("SHOW")) {
      ShowStatement s;
      if (!parse_show(&s)) return *err_;
      out.emplace_back(std::move(s));
    } else if (t.is_keyword("DELETE") || t.is_keyword("DROP")) {
      if (!parse_delete(&out)) return *err_;
    } else if (t.is_keyword("CREATE") || t.is_keyword("ALTER") || t.is_keyword("GRANT") || t.is_keyword("REVOKE") ||
               t.is_keyword("SET") || t.is_keyword("KILL") || t.is_keyword("EXPLAIN")) {
      scan();
      UnsupportedStatement u{t.text};
      if (peek().tok == Tok::kKeyword || peek().tok == Tok::kIdent) u.text += " " + peek().display();
      while (peek().tok != Tok::kEof && !peek().is_punct(";")) scan();
      out.emplace_back(std::move(u));
    } else {
      fail(t, "SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL");
      return *err_;
    }
    Token end = scan();
    if (end.tok != Tok::kEof && !end.is_punct(";")) {
      fail(end, ";");
      return *err_;
    }
    if (end.tok == Tok::kEof) break;
  }
  return out;
}

// DELETE FROM m [WHERE ...], DROP MEASUREMENT m, DROP SERIES [FROM m] [WHERE ...]; other
// DROPs (DATABASE, RETENTION POLICY, ...) become UnsupportedStatement.
bool Parser::parse_delete(std::vector<Statement>* out) {
  DeleteStatement s;
  Token t = scan();
  if (t.is_keyword("DROP")) {
    Token what = scan();
    if (what.is_keyword("MEASUREMENT")) {
      s.kind = "DROP MEASUREMENT";
      Source src;
      if (!parse_ident(&src.name)) return false;
      s.sources.push_back(std::move(src));
      out->emplace_back(std::move(s));
      return true;
    }
    if (!what.is_keyword("SERIES")) {
      while (peek().tok != Tok::kEof && !peek().is_punct(";")) scan();
      out->emplace_back(UnsupportedStatement{"DROP " + what.display()});
      return true;
    }
    s.kind = "DROP SERIES";
  } else {
    s.kind = "DELETE";
  }
  if (peek().is_keyword("FROM")) {
    scan();
    if (!parse_sources(&s.sources)) return false;
  }
  if (peek().is_keyword("WHERE")) {
    scan();
    s.condition = parse_expr();
    if (!s.condition) return false;
  }
  if (s.sources.empty() && !s.condition) return fail(scan(), "FROM, WHERE");
  out->emplace_back(std::move(s));
  return true;
}

bool Parser::parse_select(SelectStatement* s) {
  if (!expect_keyword("SELECT")) return false;
  if (!parse_fields(s)) return false;
  if (!expect_keyword("FROM")) return false;
  if (!parse_sources(&s->sources)) return false;
  if (peek().is_keyword("WHERE")) {
    scan();
    s->condition = parse_expr();
    if (!s->condition) return false;
  }
  if (!parse_group_by(s) || !parse_fill(s) || !parse_order_and_limits(s)) return false;
  return true;
}

bool Parser::parse_fields(SelectStatement* s) {
  for (;;) {
    SelectField f;
    f.expr = parse_expr();
    if (!f.expr) return false;
    if (peek().is_keyword("AS")) {
      scan();
      if (!parse_ident(&f.alias)) return false;
    }
    s->fields.push_back(std::move(f));
    if (!peek().is_punct(",")) return true;
    scan();
  }
}

// FROM m, "db"."rp"."m", db..m, /re/, (SELECT ...).
bool Parser::parse_sources(std::vector<Source>* out) {
  for (;;) {
    Source src;
    const Token& t = peek();
    if (t.is_punct("/")) {
      std::string re;
      if (!parse_regex(&re)) return false;
      src.regex = re;
    } else if (t.is_punct("(")) {
      Token open = scan();
      auto sub = std::make_shared<SelectStatement>();
      bool parsed = enter_nesting(open.pos) && parse_select(sub.get());
      leave_nesting();
      if (!parsed) return false;
      Token close = scan();
      if (!close.is_punct(")")) return fail(close, ")");
      src.subquery = sub;
    } else {
      std::vector<std::string> segs;
      std::string seg;
      if (!parse_ident(&seg)) return false;
      segs.push_back(seg);
      while (peek().is_punct(".") && segs.size() < 3) {
        scan();
        if (peek().is_punct(".")) { segs.emplace_back(); continue; }
        if (peek().is_punct("/") && segs.size() == 2) break;
        if (!parse_ident(&seg)) return false;
        segs.push_back(seg);
      }
      if (peek().is_punct("/")) {
        std::string re;
        if (!parse_regex(&re)) return false;
        src.regex = re;
        segs.push_back("");
      }
      src.name = segs.back();
      if (segs.size() >= 2) src.rp = segs[segs.size() - 2];
      if (segs.size() == 3) src.db = segs[0];
    }
    out->push_back(std::move(src));
    if (!peek().is_punct(",")) return true;
    scan();
  }
}

bool Parser::parse_group_by(SelectStatement* s) {
  if (!peek().is_keyword("GROUP")) return true;
  scan();
  if (!expect_keyword("BY")) return false;
  for (;;) {
    const Token& t = peek();
    if (t.is_punct("*")) {
      scan();
      s->group_all_tags = true;
    } else if (t.is_punct("/")) {
      std::string re;
      if (!parse_regex(&re)) return false;
      s->group_tag_regexes.push_back(re);
    } else if (t.tok == Tok::kIdent && t.text == "time" && !ahead_.empty()) {
      Token tt = scan();
      if (!peek().is_punct("(")) {
        s->group_tags.push_back(tt.text);
      } else {
        scan();
        Token d = scan();
        if (d.tok != Tok::kDuration) {
          s->invalid = "time dimension must have duration argument";
          while (!peek().is_punct(")") && peek().tok != Tok::kEof) scan();
          d = Token{};
        }
        parse_duration_literal(d.text, &s->group_interval);
        if (s->invalid.empty() && peek().is_punct(",")) {
          scan();
          bool neg = false;
          if (peek().is_punct("-")) { scan(); neg = true; }
          Token o = scan();
          if (o.tok == Tok::kDuration) {
            parse_duration_literal(o.text, &s->group_offset);
            if (neg) s->group_offset = -s->group_offset;
          } else if (o.tok == Tok::kIdent && o.text == "now") {
            // time(10m, now()) is not supported: keep offset 0.
            if (scan().is_punct("(")) scan();
          } else {
            return fail(o, "duration");
          }
        }
        Token close = scan();
        if (!close.is_punct(")")) return fail(close, ")");
      }
    } else {
      std::string tag;
      if (!parse_ident(&tag)) return false;
      s->group_tags.push_back(tag);
    }
    if (!peek().is_punct(",")) return true;
    scan();
  }
}

bool Parser::parse_fill(SelectStatement* s) {
  const Token& t = peek();
  if (t.tok != Tok::kIdent || t.text != "fill") return true;
  scan();
  Token open = scan();
  if (!open.is_punct("(")) return fail(open, "(");
  bool neg = false;
  if (peek().is_punct("-")) { scan(); neg = true; }
  Token v = scan();
  if (v.tok == Tok::kIdent && v.text == "null") s->fill = FillKind::kNull;
  else if (v.tok == Tok::kIdent && v.text == "none") s->fill = FillKind::kNone;
  else if (v.tok == Tok::kIdent && v.text == "previous") s->fill = FillKind::kPrevious;
  else if (v.tok == Tok::kIdent && v.text == "linear") s->fill = FillKind::kLinear;
  else if (v.tok == Tok::kInteger || v.tok == Tok::kNumber) {
    s->fill = FillKind::kValue;
    s->fill_value = std::stod(v.text) * (neg ? -1 : 1);
    s->fill_value_is_int = v.tok == Tok::kInteger;
  } else {
    return fail_plain("expected number argument in fill()");
  }
  Token close = scan();
  if (!close.is_punct(")")) return fail(close, ")");
  return true;
}

bool Parser::parse_limit_offset(int64_t* limit, int64_t* offset) {
  if (peek().is_keyword("LIMIT")) {
    scan();
    if (!parse_int(limit)) return false;
  }
  if (peek().is_keyword("OFFSET")) {
    scan();
    if (!parse_int(offset)) return false;
  }
  return true;
}

bool Parser::parse_order_and_limits(SelectStatement* s) {
  if (peek().is_keyword("ORDER")) {
    scan();
    if (!expect_keyword("BY")) return false;
    Token t = scan();
    if (t.is_keyword("ASC") || t.is_keyword("DESC")) {
      s->order_desc = t.is_keyword("DESC");
    } else if (t.tok == Tok::kIdent) {
      if (t.text != "time") return fail_plain("only ORDER BY time supported at this time");
      if (peek().is_keyword("ASC") || peek().is_keyword("DESC")) s->order_desc = scan().is_keyword("DESC");
    } else {
      return fail(t, "identifier, ASC, DESC");
    }
  }
  if (!parse_limit_offset(&s->limit, &s->offset)) return false;
  if (peek().is_keyword("SLIMIT")) {
    scan();
    if (!parse_int(&s->slimit)) return false;
  }
  if (peek().is_keyword("SOFFSET")) {
    scan();
    if (!parse_int(&s->soffset)) return false;
  }
  const Token& t = peek();
  if (t.tok == Tok::kIdent && t.text == "tz") {
    scan();
    Token open = scan();
    if (!open.is_punct("(")) return fail(open, "(");
    Token z = scan();
    if (z.tok != Tok::kString) return fail(z, "string");
    s->tz = z.text;
    Token close = scan();
    if (!close.is_punct(")")) return fail(close, ")");
  }
  return true;
}

}  // namespace tidewater::influxql
