// InfluxQL parser: statements, precedence, and InfluxDB's exact error messages (checked
// against InfluxDB 1.6.7's answers for the same text).
#include <doctest/doctest.h>

#include "core/query/influxql/parser.h"

using namespace tidewater;
using namespace tidewater::influxql;

namespace {

SelectStatement select_of(std::string_view q) {
  auto r = parse_query(q);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.status().message()));
  REQUIRE(r->size() == 1);
  REQUIRE(std::holds_alternative<SelectStatement>((*r)[0]));
  return std::get<SelectStatement>((*r)[0]);
}

ShowStatement show_of(std::string_view q) {
  auto r = parse_query(q);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.status().message()));
  REQUIRE(r->size() == 1);
  return std::get<ShowStatement>((*r)[0]);
}

std::string error_of(std::string_view q) {
  auto r = parse_query(q);
  REQUIRE(!r.ok());
  return r.status().message();
}

// Fully parenthesised form, to check precedence.
std::string tree(const Expr& e) {
  if (e.kind != ExprKind::kBinary) return expr_string(e);
  return "(" + tree(*e.args[0]) + " " + binop_text(e.op) + " " + tree(*e.args[1]) + ")";
}

}  // namespace

TEST_CASE("the tutorial query parses into fields, a qualified source and a time range") {
  auto s = select_of(
      "SELECT co,hum,temp,room FROM \"get-started\".autogen.home WHERE time >= '2022-01-01T08:00:00Z' AND time <= "
      "'2022-01-01T20:00:00Z'");
  REQUIRE(s.fields.size() == 4);
  CHECK(s.fields[0].expr->name == "co");
  CHECK(s.fields[3].expr->name == "room");
  REQUIRE(s.sources.size() == 1);
  CHECK(s.sources[0].db == "get-started");
  CHECK(s.sources[0].rp == "autogen");
  CHECK(s.sources[0].name == "home");
  CHECK(tree(*s.condition) == "((time >= '2022-01-01T08:00:00Z') AND (time <= '2022-01-01T20:00:00Z'))");
}

TEST_CASE("sources: bare, rp.m, db..m, regex, several, subquery") {
  auto s = select_of("SELECT * FROM home, autogen.cpu, \"db\"..mem, /^h/, db.rp./x/");
  REQUIRE(s.sources.size() == 5);
  CHECK(s.sources[0].name == "home");
  CHECK(s.sources[1].rp == "autogen");
  CHECK(s.sources[1].name == "cpu");
  CHECK(s.sources[2].db == "db");
  CHECK(s.sources[2].rp == "");
  CHECK(s.sources[2].name == "mem");
  CHECK(*s.sources[3].regex == "^h");
  CHECK(s.sources[4].db == "db");
  CHECK(*s.sources[4].regex == "x");
  auto sub = select_of("SELECT max(m) FROM (SELECT mean(temp) AS m FROM home GROUP BY time(1h), room)");
  REQUIRE(sub.sources[0].subquery);
  CHECK(sub.sources[0].subquery->fields[0].alias == "m");
  CHECK(sub.sources[0].subquery->group_tags == std::vector<std::string>{"room"});
}

TEST_CASE("operator precedence: OR < AND < comparison < additive < multiplicative") {
  auto s = select_of("SELECT a + b * c - d FROM m WHERE a = 1 OR b = 2 AND c =~ /x/ AND (d > 1 OR e < 2)");
  CHECK(tree(*s.fields[0].expr) == "((a + (b * c)) - d)");
  CHECK(tree(*s.condition) == "((a = 1) OR (((b = 2) AND (c =~ /x/)) AND ((d > 1) OR (e < 2))))");
  auto t = select_of("SELECT temp FROM m WHERE time > now() - 1h AND room <> 'x' AND v != -2.5");
  CHECK(tree(*t.condition) == "(((time > (now() - 3600000000000ns)) AND (room != 'x')) AND (v != -2.5))");
}

TEST_CASE("fields: casts, aliases, calls, wildcards, regexes") {
  auto s = select_of("SELECT temp::field, room::tag, mean(temp) AS m, *, /^h/, count(*), percentile(co, 95) FROM home");
  REQUIRE(s.fields.size() == 7);
  CHECK(s.fields[0].expr->cast == "field");
  CHECK(s.fields[1].expr->cast == "tag");
  CHECK(s.fields[2].alias == "m");
  CHECK(s.fields[2].expr->kind == ExprKind::kCall);
  CHECK(s.fields[3].expr->kind == ExprKind::kWildcard);
  CHECK(s.fields[4].expr->kind == ExprKind::kRegex);
  CHECK(s.fields[5].expr->args[0]->kind == ExprKind::kWildcard);
  CHECK(s.fields[6].expr->args[1]->integer == 95);
}

TEST_CASE("GROUP BY, fill, ORDER BY, limits and tz") {
  auto s = select_of(
      "SELECT mean(temp) FROM home WHERE time > 0 GROUP BY time(2h, 30m), room, * fill(previous) ORDER BY time DESC "
      "LIMIT 5 OFFSET 1 SLIMIT 2 SOFFSET 3 tz('Europe/Paris')");
  CHECK(s.group_interval == 7200000000000LL);
  CHECK(s.group_offset == 1800000000000LL);
  CHECK(s.group_tags == std::vector<std::string>{"room"});
  CHECK(s.group_all_tags);
  CHECK(s.fill == FillKind::kPrevious);
  CHECK(s.order_desc);
  CHECK(s.limit == 5);
  CHECK(s.offset == 1);
  CHECK(s.slimit == 2);
  CHECK(s.soffset == 3);
  CHECK(s.tz == "Europe/Paris");
  auto f = select_of("SELECT count(co) FROM home GROUP BY time(1h) fill(-1.5)");
  CHECK(f.fill == FillKind::kValue);
  CHECK(f.fill_value == -1.5);
  CHECK(select_of("SELECT mean(x) FROM m GROUP BY time(1h) fill(none)").fill == FillKind::kNone);
  CHECK(select_of("SELECT mean(x) FROM m GROUP BY time(1h) fill(linear)").fill == FillKind::kLinear);
}

TEST_CASE("several statements separated by semicolons") {
  auto r = parse_query("SELECT a FROM m; SHOW DATABASES;SHOW MEASUREMENTS ;");
  REQUIRE(r.ok());
  CHECK(r->size() == 3);
}

TEST_CASE("SHOW statements") {
  CHECK(show_of("SHOW DATABASES").kind == ShowKind::kDatabases);
  CHECK(show_of("SHOW RETENTION POLICIES ON \"get-started\"").database == "get-started");
  auto m = show_of("SHOW MEASUREMENTS WITH MEASUREMENT =~ /ho.*/ LIMIT 1");
  CHECK(*m.measurement_regex == "ho.*");
  CHECK(m.limit == 1);
  CHECK(*show_of("SHOW MEASUREMENTS WITH MEASUREMENT = home").measurement_equals == "home");
  CHECK(show_of("SHOW TAG KEYS FROM home").sources[0].name == "home");
  auto tv = show_of("SHOW TAG VALUES FROM home WITH KEY IN (room, floor) WHERE room = 'Kitchen'");
  CHECK(tv.keys == std::vector<std::string>{"room", "floor"});
  CHECK(tv.condition);
  CHECK(show_of("SHOW TAG VALUES WITH KEY =~ /r/").key_op == BinOp::kRegexMatch);
  CHECK(show_of("SHOW FIELD KEYS ON db FROM home").kind == ShowKind::kFieldKeys);
  CHECK(show_of("SHOW SERIES FROM home WHERE room = 'x'").kind == ShowKind::kSeries);
  CHECK(show_of("SHOW MEASUREMENT CARDINALITY").kind == ShowKind::kMeasurementCardinality);
  auto sc = show_of("SHOW SERIES EXACT CARDINALITY");
  CHECK(sc.kind == ShowKind::kSeriesCardinality);
  CHECK(sc.exact);
  CHECK(show_of("SHOW TAG VALUES CARDINALITY WITH KEY = room").kind == ShowKind::kTagValuesCardinality);
}

TEST_CASE("error messages and positions are InfluxDB's") {
  CHECK(error_of("SELECT") == "found EOF, expected identifier, string, number, bool at line 1, char 8");
  CHECK(error_of("select *") == "found EOF, expected FROM at line 1, char 9");
  CHECK(error_of("select * from") == "found EOF, expected identifier at line 1, char 15");
  CHECK(error_of("SELECT * FORM m") == "found FORM, expected FROM at line 1, char 10");
  CHECK(error_of("selec * from m") ==
        "found selec, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, "
        "char 1");
  CHECK(error_of("SELECT * FROM m LIMIT x") == "found x, expected integer at line 1, char 23");
  CHECK(error_of("SELECT * FROM m foo") == "found foo, expected ; at line 1, char 17");
  CHECK(error_of("SELECT field1 AS") == "found EOF, expected identifier at line 1, char 18");
  CHECK(error_of("SELECT * FROM m WHERE") == "found EOF, expected identifier, string, number, bool at line 1, char 23");
  CHECK(error_of("SELECT * FROM m GROUP") == "found EOF, expected BY at line 1, char 23");
  CHECK(error_of("SHOW FOO") ==
        "found FOO, expected CONTINUOUS, DATABASES, DIAGNOSTICS, FIELD, GRANTS, MEASUREMENT, MEASUREMENTS, QUERIES, "
        "RETENTION, SERIES, SHARD, SHARDS, STATS, SUBSCRIPTIONS, TAG, USERS at line 1, char 6");
  CHECK(error_of("SELECT * FROM m ORDER BY field1") == "only ORDER BY time supported at this time");
  CHECK(error_of("SELECT a FROM m WHERE (a > 1") == "found EOF, expected ) at line 1, char 29");
  CHECK(error_of("SELECT mean(temp) FROM home GROUP BY time(1h) fill(foo)") == "expected number argument in fill()");
  CHECK(error_of("SELECT * FROM m;\nSELECT x FROM") == "found EOF, expected identifier at line 2, char 15");
  CHECK(error_of("SHOW TAG VALUES") == "found EOF, expected WITH at line 1, char 17");
  CHECK(error_of("SELECT * FROM home WHERE a =~ 5") == "found 5, expected regex at line 1, char 31");
}

TEST_CASE("DELETE, DROP and statements that are parsed but not run") {
  auto r = parse_query(
      "DELETE FROM home WHERE room = 'Kitchen' AND time < '2022-01-01T12:00:00Z'; DROP MEASUREMENT home; "
      "DROP SERIES FROM home WHERE room = 'x'; CREATE DATABASE foo; DROP DATABASE foo; SELECT a FROM m");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 6);
  CHECK(std::get<DeleteStatement>((*r)[0]).kind == "DELETE");
  CHECK(std::get<DeleteStatement>((*r)[1]).kind == "DROP MEASUREMENT");
  CHECK(std::get<DeleteStatement>((*r)[1]).sources[0].name == "home");
  CHECK(std::get<DeleteStatement>((*r)[2]).kind == "DROP SERIES");
  CHECK(std::get<UnsupportedStatement>((*r)[3]).text == "CREATE DATABASE");
  CHECK(std::get<UnsupportedStatement>((*r)[4]).text == "DROP DATABASE");
  CHECK(std::holds_alternative<SelectStatement>((*r)[5]));
  CHECK(error_of("DELETE") == "found EOF, expected FROM, WHERE at line 1, char 8");
}

TEST_CASE("nesting is bounded: hostile input fails with an error, never exhausts the stack") {
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  CHECK(select_of("SELECT " + repeat("(", 150) + "v" + repeat(")", 150) + " FROM m").fields.size() == 1);
  CHECK(select_of("SELECT * FROM " + repeat("(SELECT * FROM ", 50) + "m" + repeat(")", 50)).sources.size() == 1);
  for (const std::string& q : {"SELECT " + repeat("(", 100000) + "v" + repeat(")", 100000) + " FROM m",
                               "SELECT " + repeat("- ", 100000) + "v FROM m",
                               "SELECT " + repeat("abs(", 100000) + "v" + repeat(")", 100000) + " FROM m",
                               "SELECT * FROM " + repeat("(SELECT * FROM ", 5000) + "m" + repeat(")", 5000)}) {
    CHECK(error_of(q).find("expression nested too deeply (more than 200 levels) at line 1, char ") == 0);
  }
}
