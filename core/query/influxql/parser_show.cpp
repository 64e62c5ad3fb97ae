// SHOW statement rules.
#include "core/query/influxql/parser.h"

namespace tidewater::influxql {

bool Parser::parse_show_on_from_where(ShowStatement* s, bool allow_from) {
  if (peek().is_keyword("ON")) {
    scan();
    if (!parse_ident(&s->database)) return false;
  }
  if (allow_from && peek().is_keyword("FROM")) {
    scan();
    if (!parse_sources(&s->sources)) return false;
  }
  return true;
}

namespace {
bool parse_where(Parser& p, ShowStatement* s) {
  if (!p.peek().is_keyword("WHERE")) return true;
  p.scan();
  s->condition = p.parse_expr();
  return s->condition != nullptr;
}
}  // namespace

bool Parser::parse_show(ShowStatement* s) {
  if (!expect_keyword("SHOW")) return false;
  Token t = scan();
  auto cardinality = [&](ShowKind kind) {
    s->kind = kind;
    if (peek().is_keyword("EXACT")) { scan(); s->exact = true; }
    if (!expect_keyword("CARDINALITY")) return false;
    return parse_show_on_from_where(s, true) && parse_where(*this, s);
  };
  if (t.is_keyword("DATABASES")) {
    s->kind = ShowKind::kDatabases;
    return true;
  }
  if (t.is_keyword("RETENTION")) {
    if (!expect_keyword("POLICIES")) return false;
    s->kind = ShowKind::kRetentionPolicies;
    return parse_show_on_from_where(s, false);
  }
  if (t.is_keyword("MEASUREMENT")) return cardinality(ShowKind::kMeasurementCardinality);
  if (t.is_keyword("MEASUREMENTS")) {
    s->kind = ShowKind::kMeasurements;
    if (!parse_show_on_from_where(s, false)) return false;
    if (peek().is_keyword("WITH")) {
      scan();
      if (!expect_keyword("MEASUREMENT")) return false;
      Token op = scan();
      if (op.is_punct("=~")) {
        std::string re;
        if (!parse_regex(&re)) return false;
        s->measurement_regex = re;
      } else if (op.is_punct("=")) {
        std::string name;
        if (!parse_ident(&name)) return false;
        s->measurement_equals = name;
      } else {
        return fail(op, "=, =~");
      }
    }
    return parse_where(*this, s) && parse_limit_offset(&s->limit, &s->offset);
  }
  if (t.is_keyword("SERIES")) {
    if (peek().is_keyword("CARDINALITY") || peek().is_keyword("EXACT")) return cardinality(ShowKind::kSeriesCardinality);
    s->kind = ShowKind::kSeries;
    return parse_show_on_from_where(s, true) && parse_where(*this, s) && parse_limit_offset(&s->limit, &s->offset);
  }
  if (t.is_keyword("FIELD")) {
    Token k = scan();
    if (k.is_keyword("KEY")) return cardinality(ShowKind::kFieldKeyCardinality);
    if (!k.is_keyword("KEYS")) return fail(k, "KEYS");
    s->kind = ShowKind::kFieldKeys;
    return parse_show_on_from_where(s, true) && parse_limit_offset(&s->limit, &s->offset);
  }
  if (t.is_keyword("TAG")) {
    Token k = scan();
    if (k.is_keyword("KEY")) return cardinality(ShowKind::kTagKeyCardinality);
    if (k.is_keyword("KEYS")) {
      s->kind = ShowKind::kTagKeys;
      return parse_show_on_from_where(s, true) && parse_where(*this, s) &&
             parse_limit_offset(&s->limit, &s->offset);
    }
    if (!k.is_keyword("VALUES")) return fail(k, "KEY, KEYS, VALUES");
    s->kind = ShowKind::kTagValues;
    if (peek().is_keyword("EXACT") || peek().is_keyword("CARDINALITY")) {
      s->kind = ShowKind::kTagValuesCardinality;
      if (peek().is_keyword("EXACT")) { scan(); s->exact = true; }
      if (!expect_keyword("CARDINALITY")) return false;
    }
    if (!parse_show_on_from_where(s, true)) return false;
    if (!expect_keyword("WITH") || !expect_keyword("KEY")) return false;
    Token op = scan();
    if (op.is_keyword("IN")) {
      s->key_op = BinOp::kEq;
      Token open = scan();
      if (!open.is_punct("(")) return fail(open, "(");
      for (;;) {
        std::string key;
        if (!parse_ident(&key)) return false;
        s->keys.push_back(key);
        Token sep = scan();
        if (sep.is_punct(")")) break;
        if (!sep.is_punct(",")) return fail(sep, ", or )");
      }
    } else if (op.is_punct("=~") || op.is_punct("!~")) {
      s->key_op = op.is_punct("=~") ? BinOp::kRegexMatch : BinOp::kRegexNotMatch;
      if (!parse_regex(&s->key_regex)) return false;
    } else if (op.is_punct("=") || op.is_punct("!=") || op.is_punct("<>")) {
      s->key_op = op.is_punct("=") ? BinOp::kEq : BinOp::kNeq;
      std::string key;
      if (!parse_ident(&key)) return false;
      s->keys.push_back(key);
    } else {
      return fail(op, "=, !=, =~, !~");
    }
    return parse_where(*this, s) && parse_limit_offset(&s->limit, &s->offset);
  }
  return fail(t, "CONTINUOUS, DATABASES, DIAGNOSTICS, FIELD, GRANTS, MEASUREMENT, MEASUREMENTS, QUERIES, "
                 "RETENTION, SERIES, SHARD, SHARDS, STATS, SUBSCRIPTIONS, TAG, USERS");
}

}  // namespace tidewater::influxql
