#include "core/query/csv/annotated_csv_writer.h"

#include <charconv>

#include "core/model/format.h"

namespace tidewater::query {

namespace {

// Go's unicode.IsSpace for the first rune of a field (encoding/csv quotes such fields).
bool starts_with_space(std::string_view f) {
  if (f.empty()) return false;
  unsigned char c = static_cast<unsigned char>(f[0]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return true;
  if (c < 0x80) return false;
  // Multi-byte: U+0085, U+00A0 (C2 85 / C2 A0), U+1680 (E1 9A 80), U+2000..U+200A,
  // U+2028, U+2029, U+202F, U+205F (E2 80/81 xx), U+3000 (E3 80 80).
  auto b = [&](size_t i) { return i < f.size() ? static_cast<unsigned char>(f[i]) : 0; };
  if (c == 0xC2) return b(1) == 0x85 || b(1) == 0xA0;
  if (c == 0xE1) return b(1) == 0x9A && b(2) == 0x80;
  if (c == 0xE2 && b(1) == 0x80) {
    unsigned char t = b(2);
    return (t >= 0x80 && t <= 0x8A) || t == 0xA8 || t == 0xA9 || t == 0xAF;
  }
  if (c == 0xE2 && b(1) == 0x81) return b(2) == 0x9F;
  if (c == 0xE3) return b(1) == 0x80 && b(2) == 0x80;
  return false;
}

template <typename T>
void append_integer(std::string& out, T v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace

void append_csv_cell(std::string& out, ColumnType type, const Cell& cell) {
  if (cell.is_null()) return;
  switch (type) {
    case ColumnType::kBool:
      out += std::get<bool>(cell.data) ? "true" : "false";
      break;
    case ColumnType::kInt:
    case ColumnType::kDuration:
      append_integer(out, std::get<int64_t>(cell.data));
      break;
    case ColumnType::kTime:
      model::append_rfc3339(out, std::get<int64_t>(cell.data));
      break;
    case ColumnType::kUInt:
      append_integer(out, std::get<uint64_t>(cell.data));
      break;
    case ColumnType::kFloat:
      model::append_float(out, std::get<double>(cell.data));
      break;
    case ColumnType::kString:
      out += std::get<std::string>(cell.data);
      break;
  }
}

void append_csv_cell(std::string& out, const Column& column, size_t row) {
  if (column.is_null(row)) return;
  switch (column.type) {
    case ColumnType::kBool: out += column.bools[row] ? "true" : "false"; break;
    case ColumnType::kInt:
    case ColumnType::kDuration: append_integer(out, column.ints[row]); break;
    case ColumnType::kTime: model::append_rfc3339(out, column.ints[row]); break;
    case ColumnType::kUInt: append_integer(out, column.uints[row]); break;
    case ColumnType::kFloat: model::append_float(out, column.floats[row]); break;
    case ColumnType::kString: out += column.strings[row]; break;
  }
}

bool AnnotatedCsvWriter::has_annotation(std::string_view name) const {
  for (const auto& a : dialect_.annotations) {
    if (a == name) return true;
  }
  return false;
}

void AnnotatedCsvWriter::write_field(std::string_view f) {
  bool quote = starts_with_space(f) || f == "\\.";
  for (char c : f) {
    if (c == '\n' || c == '\r' || c == '"' || c == dialect_.delimiter) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out_ += f;
    return;
  }
  out_ += '"';
  for (char c : f) {
    if (c == '"') {
      out_ += "\"\"";
    } else if (c == '\r') {
      // Go's csv.Writer with UseCRLF drops CR inside quoted fields...
    } else if (c == '\n') {
      out_ += "\r\n";  // ...and writes LF as CRLF.
    } else {
      out_ += c;
    }
  }
  out_ += '"';
}

void AnnotatedCsvWriter::write_row(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_ += dialect_.delimiter;
    write_field(fields[i]);
  }
  out_ += "\r\n";
}

void AnnotatedCsvWriter::write_schema(const Table& table, const std::string& result_name,
                                      bool use_key_defaults, size_t table_id) {
  const size_t n = table.columns.size() + 3;
  std::vector<std::string> row(n);
  for (const auto& annotation : dialect_.annotations) {
    if (annotation == "datatype") {
      row[0] = "#datatype";
      row[1] = "string";
      row[2] = "long";
      for (size_t j = 0; j < table.columns.size(); ++j) {
        row[j + 3] = std::string(csv_datatype_name(table.columns[j].type));
      }
    } else if (annotation == "group") {
      row[0] = "#group";
      row[1] = row[2] = "false";
      for (size_t j = 0; j < table.columns.size(); ++j) {
        row[j + 3] = table.key.has(table.columns[j].name) ? "true" : "false";
      }
    } else if (annotation == "default") {
      row[0] = "#default";
      row[1] = result_name;
      row[2] = use_key_defaults ? std::to_string(table_id) : "";
      for (size_t j = 0; j < table.columns.size(); ++j) {
        row[j + 3].clear();
        if (!use_key_defaults) continue;
        if (const auto* e = table.key.find(table.columns[j].name)) {
          append_csv_cell(row[j + 3], table.columns[j].type, e->value);
        }
      }
    } else {
      continue;  // unknown annotations are rejected by the API layer; write nothing
    }
    write_row(row);
  }
  if (dialect_.header) {
    row[0].clear();
    row[1] = "result";
    row[2] = "table";
    for (size_t j = 0; j < table.columns.size(); ++j) row[j + 3] = table.columns[j].name;
    write_row(row);
  }
}

namespace {
bool same_columns(const Table& a, const Table& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (size_t j = 0; j < a.columns.size(); ++j) {
    if (a.columns[j].name != b.columns[j].name || a.columns[j].type != b.columns[j].type) {
      return false;
    }
  }
  return true;
}
}  // namespace

void AnnotatedCsvWriter::write_result(const ResultSet& result) {
  const bool defaults = has_annotation("default");
  const Table* last = nullptr;
  bool last_empty = false;
  size_t table_id = 0;
  std::string row;
  for (const Table& table : result.tables) {
    written_ = true;
    const bool empty = table.empty();
    if (last == nullptr || last_empty || empty || !same_columns(*last, table)) {
      if (last != nullptr) out_ += "\r\n";
      write_schema(table, result.name, empty, table_id);
    }
    // Rows are written field by field to avoid a vector<string> per row.
    std::string id = std::to_string(table_id);
    const size_t rows = table.rows();
    std::string cell;
    for (size_t i = 0; i < rows; ++i) {
      out_ += dialect_.delimiter;
      if (!defaults) write_field(result.name);
      out_ += dialect_.delimiter;
      out_ += id;
      for (const Column& c : table.columns) {
        out_ += dialect_.delimiter;
        cell.clear();
        append_csv_cell(cell, c, i);
        write_field(cell);
      }
      out_ += "\r\n";
    }
    ++table_id;
    last = &table;
    last_empty = empty;
  }
  out_ += "\r\n";
}

void AnnotatedCsvWriter::write_error(std::string_view message) {
  if (written_) out_ += "\r\n";
  for (const auto& annotation : dialect_.annotations) {
    if (annotation == "datatype") {
      write_row({"#datatype", "string", "string"});
    } else if (annotation == "group") {
      write_row({"#group", "true", "true"});
    } else if (annotation == "default") {
      write_row({"#default", "", ""});
    }
  }
  write_row({"", "error", "reference"});
  write_row({"", std::string(message), ""});
}

std::string write_annotated_csv(const std::vector<ResultSet>& results, const CsvDialect& dialect) {
  AnnotatedCsvWriter writer(dialect);
  for (const auto& r : results) writer.write_result(r);
  return writer.take();
}

}  // namespace tidewater::query
