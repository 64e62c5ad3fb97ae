#include <doctest/doctest.h>

#include "core/query/csv/annotated_csv_writer.h"

using namespace tidewater::query;

namespace {

constexpr int64_t kT0 = 1709251200000000000;  // 2024-03-01T00:00:00Z
constexpr int64_t kT1 = 1709251260000000000;  // 2024-03-01T00:01:00Z

// A from|>range-shaped table with one row and a double (or other) _value.
Table series_table(const std::string& field, const std::string& host, Cell value, ColumnType type,
                   size_t rows = 1) {
  Table t;
  Column start("_start", ColumnType::kTime), stop("_stop", ColumnType::kTime), time("_time", ColumnType::kTime);
  Column v("_value", type), f("_field", ColumnType::kString), m("_measurement", ColumnType::kString),
      h("host", ColumnType::kString);
  for (size_t i = 0; i < rows; ++i) {
    start.append(Cell{kT0});
    stop.append(Cell{kT1});
    time.append(Cell{kT0 + static_cast<int64_t>(i) * 500000000});
    v.append(value);
    f.append(Cell{field});
    m.append(Cell{std::string("cpu")});
    h.append(Cell{host});
  }
  for (Column* c : {&start, &stop, &time, &v, &f, &m, &h}) t.columns.push_back(std::move(*c));
  t.key.entries = {{"_start", ColumnType::kTime, Cell{kT0}},
                   {"_stop", ColumnType::kTime, Cell{kT1}},
                   {"_field", ColumnType::kString, Cell{field}},
                   {"_measurement", ColumnType::kString, Cell{std::string("cpu")}},
                   {"host", ColumnType::kString, Cell{host}}};
  return t;
}

const char* kHeader =
    "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string\r\n"
    "#group,false,false,true,true,false,false,true,true,true\r\n";

}  // namespace

TEST_CASE("tables with the same columns share one block; the table counter restarts per result") {
  ResultSet a{"_result", {}};
  a.tables.push_back(series_table("usage", "a", Cell{1.5}, ColumnType::kFloat, 2));
  a.tables.push_back(series_table("usage", "b", Cell{0.1}, ColumnType::kFloat));
  ResultSet b{"other", {}};
  b.tables.push_back(series_table("usage", "c", Cell{-2.0}, ColumnType::kFloat));
  std::string got = write_annotated_csv({a, b}, CsvDialect{});
  std::string want = std::string(kHeader) +
                     "#default,_result,,,,,,,,\r\n"
                     ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
                     ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,1.5,usage,cpu,a\r\n"
                     ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00.5Z,1.5,usage,cpu,a\r\n"
                     ",,1,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,0.1,usage,cpu,b\r\n"
                     "\r\n" +
                     kHeader +
                     "#default,other,,,,,,,,\r\n"
                     ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
                     ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,-2,usage,cpu,c\r\n"
                     "\r\n";
  CHECK(got == want);
}

TEST_CASE("without annotations: plain CSV, rows carry the result name") {
  ResultSet a{"_result", {}};
  a.tables.push_back(series_table("usage", "a", Cell{1.5}, ColumnType::kFloat));
  a.tables.push_back(series_table("n", "a", Cell{int64_t{7}}, ColumnType::kInt));
  CsvDialect d;
  d.annotations.clear();
  std::string got = write_annotated_csv({a}, d);
  CHECK(got ==
        ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
        ",_result,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,1.5,usage,cpu,a\r\n"
        "\r\n"
        ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
        ",_result,1,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,7,n,cpu,a\r\n"
        "\r\n");

  d.header = false;
  d.delimiter = '\t';
  ResultSet one{"_result", {}};
  one.tables.push_back(series_table("usage", "a", Cell{1.5}, ColumnType::kFloat));
  CHECK(write_annotated_csv({one}, d) ==
        "\t_result\t0\t2024-03-01T00:00:00Z\t2024-03-01T00:01:00Z\t2024-03-01T00:00:00Z\t1.5\tusage\tcpu\ta\r\n\r\n");
}

TEST_CASE("only the requested annotations, in the requested order") {
  ResultSet a{"_result", {}};
  a.tables.push_back(series_table("ok", "a", Cell{true}, ColumnType::kBool));
  CsvDialect d;
  d.annotations = {"group", "datatype"};
  CHECK(write_annotated_csv({a}, d) ==
        "#group,false,false,true,true,false,false,true,true,true\r\n"
        "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,boolean,string,string,string\r\n"
        ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
        ",_result,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,true,ok,cpu,a\r\n"
        "\r\n");
}

TEST_CASE("fields with delimiters, quotes, newlines or leading spaces are quoted as Go's csv does") {
  ResultSet a{"_result", {}};
  a.tables.push_back(series_table("s", "h,1", Cell{std::string("say \"hi\"\nbye\r!")}, ColumnType::kString));
  a.tables[0].columns[6].strings[0] = " lead";  // host value with a leading space (key value differs; fine)
  std::string got = write_annotated_csv({a}, CsvDialect{});
  CHECK(got.find(",\"say \"\"hi\"\"\r\nbye!\",s,cpu,\" lead\"\r\n") != std::string::npos);
}

TEST_CASE("an empty table writes its schema block with group key defaults") {
  ResultSet a{"_result", {}};
  a.tables.push_back(series_table("usage", "a", Cell{1.5}, ColumnType::kFloat));
  a.tables.push_back(series_table("usage", "b", Cell{1.5}, ColumnType::kFloat, 0));
  a.tables.push_back(series_table("usage", "c", Cell{2.5}, ColumnType::kFloat));
  std::string got = write_annotated_csv({a}, CsvDialect{});
  std::string want = std::string(kHeader) +
                     "#default,_result,,,,,,,,\r\n"
                     ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
                     ",,0,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,1.5,usage,cpu,a\r\n"
                     "\r\n" +
                     kHeader +
                     "#default,_result,1,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,,,usage,cpu,b\r\n"
                     ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
                     "\r\n" +
                     kHeader +
                     "#default,_result,,,,,,,,\r\n"
                     ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
                     ",,2,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,2024-03-01T00:00:00Z,2.5,usage,cpu,c\r\n"
                     "\r\n";
  CHECK(got == want);
}

TEST_CASE("results without tables and errors after output") {
  CHECK(write_annotated_csv({ResultSet{"_result", {}}}, CsvDialect{}) == "\r\n");
  CHECK(write_annotated_csv({}, CsvDialect{}).empty());

  AnnotatedCsvWriter w{CsvDialect{}};
  ResultSet a{"_result", {}};
  a.tables.push_back(series_table("usage", "a", Cell{1.5}, ColumnType::kFloat));
  w.write_result(a);
  w.write_error("runtime error: boom");
  std::string out = w.output();
  std::string tail =
        "\r\n\r\n#datatype,string,string\r\n#group,true,true\r\n#default,,\r\n,error,reference\r\n,runtime error: boom,\r\n";
  REQUIRE(out.size() > tail.size());
  CHECK(out.substr(out.size() - tail.size()) == tail);

  AnnotatedCsvWriter fresh{CsvDialect{}};
  fresh.write_error("x");
  CHECK(fresh.output() == "#datatype,string,string\r\n#group,true,true\r\n#default,,\r\n,error,reference\r\n,x,\r\n");
}

TEST_CASE("cell formats: floats as Go 'f' -1, times RFC3339Nano, null as empty") {
  Column c("v", ColumnType::kFloat);
  c.append(Cell{1e21});
  c.append(Cell{});
  c.append(Cell{0.000001});
  std::string s;
  append_csv_cell(s, c, 0);
  s += '|';
  append_csv_cell(s, c, 1);
  s += '|';
  append_csv_cell(s, c, 2);
  CHECK(s == "1000000000000000000000||0.000001");
  std::string t;
  append_csv_cell(t, ColumnType::kTime, Cell{int64_t{1}});
  CHECK(t == "1970-01-01T00:00:00.000000001Z");
  std::string u;
  append_csv_cell(u, ColumnType::kUInt, Cell{uint64_t{18446744073709551615ULL}});
  CHECK(u == "18446744073709551615");
}
