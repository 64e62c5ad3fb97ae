#include "core/query/table_diff.h"

#include <algorithm>
#include <cmath>

#include "core/query/csv/annotated_csv_writer.h"

namespace tidewater::query {

namespace {

// The key as a sorted list of "label=value" strings: group keys compare as sets.
std::vector<std::string> key_signature(const GroupKey& key) {
  std::vector<std::string> out;
  for (const auto& e : key.entries) {
    std::string s = e.name + "=";
    append_csv_cell(s, e.type, e.value);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool all_null(const Column& c) {
  for (size_t i = 0; i < c.size(); ++i) {
    if (!c.is_null(i)) return false;
  }
  return true;
}

bool cells_equal(const Column& a, const Column& b, size_t i) {
  if (a.is_null(i) || b.is_null(i)) return a.is_null(i) && b.is_null(i);
  if (a.type == ColumnType::kFloat) {
    double x = a.floats[i], y = b.floats[i];
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    if (std::isinf(x) || std::isinf(y)) return x == y;
    return std::fabs(x - y) <= 1e-6;
  }
  return a.cell(i) == b.cell(i);
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string diff_one(const Table& want, const Table& got) {
  std::string where = "table {" + join(key_signature(want.key)) + "}: ";
  for (const auto& wc : want.columns) {
    const Column* gc = got.column(wc.name);
    if (gc == nullptr) {
      if (!all_null(wc)) return where + "missing column " + wc.name;
      continue;
    }
    if (gc->type != wc.type) {
      return where + "column " + wc.name + " has type " + std::string(csv_datatype_name(gc->type)) + ", want " +
             std::string(csv_datatype_name(wc.type));
    }
  }
  for (const auto& gc : got.columns) {
    if (want.column(gc.name) == nullptr && !all_null(gc)) return where + "unexpected column " + gc.name;
  }
  if (want.rows() != got.rows()) {
    return where + "got " + std::to_string(got.rows()) + " rows, want " + std::to_string(want.rows()) + "\nwant:\n" +
           describe_table(want) + "got:\n" + describe_table(got);
  }
  for (size_t i = 0; i < want.rows(); ++i) {
    for (const auto& wc : want.columns) {
      const Column* gc = got.column(wc.name);
      if (gc == nullptr) continue;
      if (!cells_equal(wc, *gc, i)) {
        std::string w, g;
        append_csv_cell(w, wc, i);
        append_csv_cell(g, *gc, i);
        return where + "row " + std::to_string(i) + " column " + wc.name + ": got \"" + g + "\", want \"" + w + "\"";
      }
    }
  }
  return "";
}

}  // namespace

std::string describe_table(const Table& t) {
  std::string out;
  for (const auto& c : t.columns) out += c.name + (t.key.has(c.name) ? "*" : "") + ",";
  out += "\n";
  for (size_t i = 0; i < t.rows(); ++i) {
    for (const auto& c : t.columns) {
      append_csv_cell(out, c, i);
      out += ",";
    }
    out += "\n";
  }
  return out;
}

std::string diff_tables(const std::vector<Table>& want, const std::vector<Table>& got) {
  std::vector<const Table*> w, g;
  for (const auto& t : want) {
    if (!t.empty()) w.push_back(&t);
  }
  for (const auto& t : got) {
    if (!t.empty()) g.push_back(&t);
  }
  std::vector<bool> used(g.size(), false);
  for (const Table* wt : w) {
    auto sig = key_signature(wt->key);
    const Table* match = nullptr;
    for (size_t k = 0; k < g.size(); ++k) {
      if (!used[k] && key_signature(g[k]->key) == sig) {
        used[k] = true;
        match = g[k];
        break;
      }
    }
    if (match == nullptr) return "missing table {" + join(sig) + "}\n" + describe_table(*wt);
    std::string d = diff_one(*wt, *match);
    if (!d.empty()) return d;
  }
  for (size_t k = 0; k < g.size(); ++k) {
    if (!used[k]) return "unexpected table {" + join(key_signature(g[k]->key)) + "}\n" + describe_table(*g[k]);
  }
  return "";
}

}  // namespace tidewater::query
