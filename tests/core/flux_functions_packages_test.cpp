// The scalar packages (strings, regexp, date, math, experimental), data-driven: each row is a
// Flux expression and the cell InfluxDB's annotated CSV shows for it.
#include <doctest/doctest.h>

#include "tests/core/flux_test_fixture.h"

using namespace tidewater;
using namespace tidewater::query;
using namespace tidewater::query::flux;
using tidewater::testing::Fixture;

namespace {

// The CSV cell of `expr` (array.from(rows: [{v: expr}])), or "ERROR: ...".
std::string eval_cell(Fixture& f, const std::string& expr) {
  std::string script =
      "import \"array\"\nimport \"strings\"\nimport \"regexp\"\nimport \"date\"\nimport \"math\"\n"
      "import \"experimental\"\noption now = () => 2022-01-01T12:00:00Z\n"
      "array.from(rows: [{v: " + expr + "}])";
  auto r = run_flux(script, f.ctx);
  if (!r.ok()) return "ERROR: " + r.status().message();
  std::string csv = write_annotated_csv(*r, CsvDialect{});
  // Last data line: ",_result,0,<cell>\r\n"
  size_t end = csv.find("\r\n\r\n");
  size_t start = csv.rfind(",", end - 1);
  return csv.substr(start + 1, end - start - 1);
}

struct Case {
  const char* expr;
  const char* want;
};

}  // namespace

TEST_CASE("strings package") {
  Fixture f;
  const Case cases[] = {
      {"strings.toUpper(v: \"kitchen\")", "KITCHEN"},
      {"strings.toLower(v: \"KiTchen\")", "kitchen"},
      {"strings.title(v: \"living room\")", "Living Room"},
      {"strings.hasPrefix(v: \"living room\", prefix: \"liv\")", "true"},
      {"strings.hasSuffix(v: \"living room\", suffix: \"liv\")", "false"},
      {"strings.containsStr(v: \"living room\", substr: \"g r\")", "true"},
      {"strings.replaceAll(v: \"a-b-c\", t: \"-\", u: \"+\")", "a+b+c"},
      {"strings.replace(v: \"a-b-c\", t: \"-\", u: \"+\", i: 1)", "a+b-c"},
      {"strings.trimSpace(v: \"  x y \")", "x y"},
      {"strings.trim(v: \"..x..\", cutset: \".\")", "x"},
      {"strings.trimPrefix(v: \"cpu_total\", prefix: \"cpu_\")", "total"},
      {"strings.trimSuffix(v: \"cpu_total\", suffix: \"_total\")", "cpu"},
      {"strings.substring(v: \"influxdata\", start: 6, end: 10)", "data"},
      {"strings.strlen(v: \"h\xC3\xA9llo\")", "5"},
      {"strings.split(v: \"a,b,c\", t: \",\")[1]", "b"},
      {"strings.splitN(v: \"a|b|c\", t: \"|\", i: 2)[1]", "b|c"},
      {"strings.joinStr(arr: [\"a\", \"b\"], v: \"/\")", "a/b"},
      {"strings.index(v: \"chicken\", substr: \"ken\")", "4"},
      {"strings.lastIndex(v: \"go gopher\", substr: \"go\")", "3"},
      {"strings.countStr(v: \"cheese\", substr: \"e\")", "3"},
      {"strings.repeat(v: \"ab\", i: 3)", "ababab"},
      {"strings.equalFold(v: \"Go\", t: \"GO\")", "true"},
      {"strings.compare(v: \"a\", t: \"b\")", "-1"},
  };
  for (const auto& c : cases) {
    INFO(c.expr);
    CHECK(eval_cell(f, c.expr) == c.want);
  }
}

TEST_CASE("regexp package") {
  Fixture f;
  const Case cases[] = {
      {"regexp.matchRegexpString(r: /^k/, v: \"kitchen\")", "true"},
      {"regexp.matchRegexpString(r: regexp.compile(v: \"^l\"), v: \"kitchen\")", "false"},
      {"regexp.findString(r: /[0-9]+/, v: \"host_42x\")", "42"},
      {"regexp.replaceAllString(r: /a(x*)b/, v: \"-ab-axxb-\", t: \"T\")", "-T-T-"},
      {"regexp.quoteMeta(v: \"1.5+\")", "1\\.5\\+"},
      {"regexp.getString(r: /ab+/)", "ab+"},
      {"regexp.splitRegexp(r: /,\\s*/, v: \"a, b,c\", i: -1)[2]", "c"},
  };
  for (const auto& c : cases) {
    INFO(c.expr);
    CHECK(eval_cell(f, c.expr) == c.want);
  }
}

TEST_CASE("date and experimental packages") {
  Fixture f;
  const Case cases[] = {
      {"date.truncate(t: 2019-06-03T13:59:01Z, unit: 1s)", "2019-06-03T13:59:01Z"},
      {"date.truncate(t: 2019-06-03T13:59:01Z, unit: 1h)", "2019-06-03T13:00:00Z"},
      {"date.truncate(t: 2019-06-03T13:59:01Z, unit: 1d)", "2019-06-03T00:00:00Z"},
      {"date.truncate(t: 2019-06-03T13:59:01Z, unit: 1w)", "2019-05-30T00:00:00Z"},
      {"date.truncate(t: 2019-06-03T13:59:01Z, unit: 1mo)", "2019-06-01T00:00:00Z"},
      {"date.truncate(t: 2019-06-03T13:59:01Z, unit: 1y)", "2019-01-01T00:00:00Z"},
      {"date.truncate(t: -1h, unit: 1d)", "2022-01-01T00:00:00Z"},
      {"date.hour(t: 2020-02-11T12:21:03.293534940Z)", "12"},
      {"date.minute(t: 2020-02-11T12:21:03.293534940Z)", "21"},
      {"date.second(t: 2020-02-11T12:21:03.293534940Z)", "3"},
      {"date.millisecond(t: 2020-02-11T12:21:03.293534940Z)", "293"},
      {"date.nanosecond(t: 2020-02-11T12:21:03.293534940Z)", "293534940"},
      {"date.weekDay(t: 2020-02-11T12:21:03Z)", "2"},
      {"date.weekDay(t: 1969-12-28T00:00:00Z)", "0"},
      {"date.monthDay(t: 2020-02-11T12:21:03Z)", "11"},
      {"date.yearDay(t: 2020-02-11T12:21:03Z)", "42"},
      {"date.month(t: 2020-02-11T12:21:03Z)", "2"},
      {"date.year(t: 2020-02-11T12:21:03Z)", "2020"},
      {"date.quarter(t: 2020-08-11T12:21:03Z)", "3"},
      {"date.week(t: 2020-02-11T12:21:03Z)", "7"},
      {"date.week(t: 2021-01-01T00:00:00Z)", "53"},
      {"date.add(d: 1mo, to: 2021-01-31T00:00:00Z)", "2021-02-28T00:00:00Z"},
      {"date.sub(d: 6h, from: 2021-01-01T00:00:00Z)", "2020-12-31T18:00:00Z"},
      {"date.add(d: 1h, to: -1h)", "2022-01-01T12:00:00Z"},
      {"experimental.addDuration(d: 1mo, to: 2021-01-15T00:00:00Z)", "2021-02-15T00:00:00Z"},
      {"experimental.subDuration(d: 1y, from: 2021-01-15T00:00:00Z)", "2020-01-15T00:00:00Z"},
      {"date.Monday", "1"},
      {"date.December", "12"},
  };
  for (const auto& c : cases) {
    INFO(c.expr);
    CHECK(eval_cell(f, c.expr) == c.want);
  }
}

TEST_CASE("math package") {
  Fixture f;
  const Case cases[] = {
      {"math.abs(x: -1.5)", "1.5"},
      {"math.floor(x: 1.7)", "1"},
      {"math.ceil(x: 1.2)", "2"},
      {"math.round(x: 2.5)", "3"},
      {"math.round(x: -2.5)", "-3"},
      {"math.pow(x: 2.0, y: 10.0)", "1024"},
      {"math.sqrt(x: 16.0)", "4"},
      {"math.log(x: 1.0)", "0"},
      {"math.log10(x: 1000.0)", "3"},
      {"math.mod(x: 7.0, y: 4.0)", "3"},
      {"math.atan2(y: 1.0, x: 1.0) * 4.0", "3.141592653589793"},
      {"math.maxFloat > 1000000000000000000000000000000.0 and math.isInf(f: math.maxFloat * 2.0, sign: 1)", "true"},
      {"math.maxInt", "9223372036854775807"},
      {"math.mInf(sign: -1)", "-Inf"},
      {"math.isInf(f: math.mInf(sign: 1), sign: 0)", "true"},
      {"math.isNaN(f: math.NaN())", "true"},
      {"math.max(x: 1.0, y: 3.0)", "3"},
      {"math.pi", "3.141592653589793"},
      {"math.abs(x: 1)", "ERROR"},
  };
  for (const auto& c : cases) {
    INFO(c.expr);
    std::string got = eval_cell(f, c.expr);
    if (std::string(c.want) == "ERROR") {
      CHECK(got.rfind("ERROR: ", 0) == 0);
    } else {
      CHECK(got == c.want);
    }
  }
}
