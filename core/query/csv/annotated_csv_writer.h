// Annotated CSV exactly as InfluxDB 2.7 (Flux's csv.ResultEncoder wrapped in a
// DelimitedMultiResultEncoder) writes it for /api/v2/query.
//
// The format, byte for byte:
//  * Go encoding/csv with UseCRLF: every row ends in "\r\n"; a field is quoted when it holds
//    the delimiter, '"', '\r' or '\n', or starts with a space; inside quotes '"' doubles,
//    '\n' becomes "\r\n" and '\r' is dropped.
//  * Per table: when its columns (labels and types; not the group key) differ from the previous
//    table's in this result, or either table is empty, an empty line (unless it is the first
//    table of the result), the requested annotation rows in the dialect's order and the header
//    row ",result,table,<labels>" are written.
//  * #default carries the result name; data rows then leave `result` empty. Without the
//    default annotation the rows carry the result name. An empty table writes only its schema
//    block, with its table id and group key values in #default.
//  * The `table` counter restarts at 0 for every result (Flux's encoder is per result).
//  * After every result, including one without tables, one more "\r\n".
//  * An error after output has begun is written as its own block:
//    [empty line if any table was written] #datatype,string,string / #group,true,true /
//    #default,, / ,error,reference / ,<message>,
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/query/result.h"
#include "core/query/table.h"

namespace tidewater::query {

struct CsvDialect {
  bool header = true;
  char delimiter = ',';
  // Any of "datatype", "group", "default", in the order to write them. Empty gives plain CSV
  // (the application/vnd.flux form without annotations).
  std::vector<std::string> annotations = {"datatype", "group", "default"};
};

// Streams results into a string, one at a time, so that an HTTP layer can flush after each.
class AnnotatedCsvWriter {
 public:
  explicit AnnotatedCsvWriter(CsvDialect dialect) : dialect_(std::move(dialect)) {}

  void write_result(const ResultSet& result);
  // The error block InfluxDB writes when a query fails after output has started.
  void write_error(std::string_view message);

  const std::string& output() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void write_row(const std::vector<std::string>& fields);
  void write_field(std::string_view field);
  void write_schema(const Table& table, const std::string& result_name, bool use_key_defaults,
                    size_t table_id);
  bool has_annotation(std::string_view name) const;

  CsvDialect dialect_;
  std::string out_;
  bool written_ = false;  // any table written, for the error block's leading empty line
};

// Encodes every result, exactly as InfluxDB answers a query with this dialect.
std::string write_annotated_csv(const std::vector<ResultSet>& results, const CsvDialect& dialect);

// The text form of one cell as annotated CSV writes it ("" for null).
void append_csv_cell(std::string& out, const Column& column, size_t row);
void append_csv_cell(std::string& out, ColumnType type, const Cell& cell);

}  // namespace tidewater::query
