#include "core/query/csv/annotated_csv_reader.h"

#include <charconv>
#include <cmath>
#include <fast_float/fast_float.h>

#include "core/model/format.h"

namespace tidewater::query {

namespace {

// Splits text into CSV records (RFC 4180 quoting; LF or CRLF line ends).
std::vector<std::vector<std::string>> split_records(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> rec;
  std::string field;
  bool in_quotes = false;
  size_t i = 0;
  auto end_record = [&] {
    rec.push_back(std::move(field));
    field.clear();
    records.push_back(std::move(rec));
    rec.clear();
  };
  while (i < text.size()) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c == '"') {
        in_quotes = false;
      } else if (c != '\r') {
        field += c;
      }
      ++i;
      continue;
    }
    if (c == '"' && field.empty()) {
      in_quotes = true;
    } else if (c == ',') {
      rec.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      field += c;
    }
    ++i;
  }
  if (!field.empty() || !rec.empty()) end_record();
  return records;
}

bool parse_type(std::string_view name, ColumnType* out) {
  if (name == "double") *out = ColumnType::kFloat;
  else if (name == "long") *out = ColumnType::kInt;
  else if (name == "unsignedLong") *out = ColumnType::kUInt;
  else if (name == "boolean") *out = ColumnType::kBool;
  else if (name == "string") *out = ColumnType::kString;
  else if (name.substr(0, 8) == "dateTime") *out = ColumnType::kTime;
  else if (name == "duration") *out = ColumnType::kDuration;
  else return false;
  return true;
}

bool parse_cell(ColumnType type, const std::string& s, Cell* out) {
  const char* b = s.data();
  const char* e = s.data() + s.size();
  switch (type) {
    case ColumnType::kString: out->data = s; return true;
    case ColumnType::kBool:
      if (s == "true") out->data = true;
      else if (s == "false") out->data = false;
      else return false;
      return true;
    case ColumnType::kInt:
    case ColumnType::kDuration: {
      int64_t v;
      auto r = std::from_chars(b, e, v);
      if (r.ec != std::errc() || r.ptr != e) return false;
      out->data = v;
      return true;
    }
    case ColumnType::kUInt: {
      uint64_t v;
      auto r = std::from_chars(b, e, v);
      if (r.ec != std::errc() || r.ptr != e) return false;
      out->data = v;
      return true;
    }
    case ColumnType::kFloat: {
      double v;
      if (s == "+Inf" || s == "Inf") v = HUGE_VAL;
      else if (s == "-Inf") v = -HUGE_VAL;
      else {
        auto r = fast_float::from_chars(b, e, v);
        if (r.ec != std::errc() || r.ptr != e) return false;
      }
      out->data = v;
      return true;
    }
    case ColumnType::kTime: {
      int64_t ns;
      if (!model::parse_rfc3339(s, &ns)) return false;
      out->data = ns;
      return true;
    }
  }
  return false;
}

struct Block {
  std::vector<ColumnType> types;
  std::vector<bool> group;
  std::vector<std::string> defaults;  // indexed like the record (with the 3 leading columns)
  std::vector<std::string> labels;
  bool has_types = false;
  bool has_header = false;
};

}  // namespace

Result<std::vector<ResultSet>> read_annotated_csv(std::string_view text) {
  std::vector<ResultSet> results;
  Block block;
  std::string current_table;
  bool in_data = false;
  Table* table = nullptr;
  auto bad = [](size_t line, std::string msg) {
    return Status(ErrorCode::kInvalid, "annotated csv record " + std::to_string(line + 1) + ": " + msg);
  };
  auto records = split_records(text);
  for (size_t ln = 0; ln < records.size(); ++ln) {
    const auto& rec = records[ln];
    if (rec.size() == 1 && rec[0].empty()) {  // blank line: the block ends
      block = Block{};
      in_data = false;
      table = nullptr;
      continue;
    }
    if (!rec[0].empty() && rec[0][0] == '#') {
      // An annotation after data or after a header (a table without rows) starts a new block.
      if (in_data || block.has_header) {
        block = Block{};
        in_data = false;
        table = nullptr;
      }
      if (rec[0] == "#datatype") {
        block.types.clear();
        for (size_t j = 3; j < rec.size(); ++j) {
          ColumnType t;
          if (!parse_type(rec[j], &t)) return bad(ln, "unknown datatype \"" + rec[j] + "\"");
          block.types.push_back(t);
        }
        block.has_types = true;
      } else if (rec[0] == "#group") {
        block.group.clear();
        for (size_t j = 3; j < rec.size(); ++j) block.group.push_back(rec[j] == "true");
      } else if (rec[0] == "#default") {
        block.defaults = rec;
      }
      continue;
    }
    if (!block.has_header) {
      if (!block.has_types) return bad(ln, "missing #datatype annotation");
      if (rec.size() != block.types.size() + 3) return bad(ln, "header has the wrong number of columns");
      block.labels.assign(rec.begin() + 3, rec.end());
      block.group.resize(block.types.size(), false);
      block.defaults.resize(rec.size());
      block.has_header = true;
      continue;
    }
    if (rec.size() != block.types.size() + 3) return bad(ln, "row has the wrong number of columns");
    in_data = true;
    std::string result_name = !rec[1].empty() ? rec[1] : block.defaults[1];
    if (result_name.empty()) result_name = "_result";
    std::string table_id = !rec[2].empty() ? rec[2] : block.defaults[2];
    if (table == nullptr || table_id != current_table) {
      ResultSet* rs = nullptr;
      for (auto& r : results) {
        if (r.name == result_name) rs = &r;
      }
      if (rs == nullptr) {
        results.push_back(ResultSet{result_name, {}});
        rs = &results.back();
      }
      rs->tables.emplace_back();
      table = &rs->tables.back();
      current_table = table_id;
      for (size_t j = 0; j < block.types.size(); ++j) table->columns.emplace_back(block.labels[j], block.types[j]);
    }
    for (size_t j = 0; j < block.types.size(); ++j) {
      const std::string& raw = rec[j + 3].empty() ? block.defaults[j + 3] : rec[j + 3];
      Cell cell;
      if (!raw.empty() && !parse_cell(block.types[j], raw, &cell)) {
        return bad(ln, "bad " + std::string(csv_datatype_name(block.types[j])) + " value \"" + raw + "\"");
      }
      // As Flux's decoder does, a group key column holds the key's value (the first row's)
      // in every row: later rows cannot contradict the key.
      if (block.group[j] && table->columns[j].size() > 0) {
        table->columns[j].append(table->key.find(block.labels[j])->value);
        continue;
      }
      table->columns[j].append(cell);
      if (table->rows() == 1 && block.group[j]) {
        table->key.entries.push_back({block.labels[j], block.types[j], cell});
      }
    }
  }
  return results;
}

}  // namespace tidewater::query
