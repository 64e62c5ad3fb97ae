// Joins: universe join(tables: {a, b}, on: [...]) and the join package (tables, inner, left,
// right, full, time).
//
// Universe join matches rows of any left table with rows of any right table whose key columns
// in `on` agree; columns present on both sides and not in `on` are suffixed with the stream's
// name ("_value_left"), in the group key too. The output key is the union of both keys.
//
// The join package pairs tables with equal group keys and calls `on(l, r)` per row pair and
// `as(l, r)` per match; outer methods call `as` with an all-null record for the missing side.
#include <algorithm>
#include <map>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

struct Side {
  std::string name;
  std::vector<Table> tables;
};

// The output label of a side's column: suffixed when both sides have it and it is not in on.
std::string joined_label(const std::string& column, const std::string& side, const std::vector<std::string>& on,
                         const std::vector<std::string>& shared) {
  if (std::find(on.begin(), on.end(), column) != on.end()) return column;
  if (std::find(shared.begin(), shared.end(), column) != shared.end()) return column + "_" + side;
  return column;
}

bool on_values_equal(const Table& l, size_t i, const Table& r, size_t j, const std::vector<const Column*>& lc,
                     const std::vector<const Column*>& rc) {
  for (size_t k = 0; k < lc.size(); ++k) {
    if (lc[k]->type != rc[k]->type) return false;
    if (lc[k]->is_null(i) || rc[k]->is_null(j)) return false;
    if (compare_column_cells(*lc[k], i, *rc[k], j) != 0) return false;
  }
  (void)l;
  (void)r;
  return true;
}

Result<std::vector<Table>> universe_join(const Side& left, const Side& right, const std::vector<std::string>& on,
                                         const Span& span) {
  // Columns on both sides (anywhere in either stream) get suffixes.
  std::vector<std::string> lnames, shared;
  for (const auto& t : left.tables) {
    for (const auto& c : t.columns) {
      if (std::find(lnames.begin(), lnames.end(), c.name) == lnames.end()) lnames.push_back(c.name);
    }
  }
  for (const auto& t : right.tables) {
    for (const auto& c : t.columns) {
      bool in_left = std::find(lnames.begin(), lnames.end(), c.name) != lnames.end();
      if (in_left && std::find(shared.begin(), shared.end(), c.name) == shared.end()) shared.push_back(c.name);
    }
  }
  TableBuilderSet builders;
  for (const auto& l : left.tables) {
    std::vector<const Column*> lc;
    for (const auto& name : on) {
      const Column* c = l.column(name);
      if (c == nullptr && l.rows() > 0) return column_missing(span, "join", name);
      lc.push_back(c);
    }
    if (l.rows() == 0) continue;
    for (const auto& r : right.tables) {
      if (r.rows() == 0) continue;
      std::vector<const Column*> rc;
      for (const auto& name : on) {
        const Column* c = r.column(name);
        if (c == nullptr) return column_missing(span, "join", name);
        rc.push_back(c);
      }
      // Key columns named in `on` that both keys hold must agree for the tables to meet.
      bool compatible = true;
      for (const auto& name : on) {
        const auto* a = l.key.find(name);
        const auto* b = r.key.find(name);
        if (a && b && !(a->value == b->value)) compatible = false;
      }
      if (!compatible) continue;
      GroupKey key;
      for (const auto& e : l.key.entries) {
        key.entries.push_back({joined_label(e.name, left.name, on, shared), e.type, e.value});
      }
      for (const auto& e : r.key.entries) {
        std::string label = joined_label(e.name, right.name, on, shared);
        if (key.find(label) == nullptr) key.entries.push_back({label, e.type, e.value});
      }
      std::vector<std::string> names;
      std::vector<ColumnType> types;
      for (const auto& c : l.columns) {
        names.push_back(joined_label(c.name, left.name, on, shared));
        types.push_back(c.type);
      }
      for (const auto& c : r.columns) {
        std::string label = joined_label(c.name, right.name, on, shared);
        if (std::find(names.begin(), names.end(), label) != names.end()) continue;
        names.push_back(label);
        types.push_back(c.type);
      }
      size_t nl = l.columns.size();
      for (size_t i = 0; i < l.rows(); ++i) {
        for (size_t j = 0; j < r.rows(); ++j) {
          if (!on_values_equal(l, i, r, j, lc, rc)) continue;
          std::vector<Cell> cells;
          cells.reserve(names.size());
          for (const auto& c : l.columns) cells.push_back(c.cell(i));
          for (const auto& c : r.columns) {
            std::string label = joined_label(c.name, right.name, on, shared);
            auto at = std::find(names.begin() + nl, names.end(), label);
            if (at != names.end()) cells.push_back(c.cell(j));
          }
          // Each output row's key values come from its own cells (the key labels are columns).
          GroupKey row_key = key;
          for (auto& e : row_key.entries) {
            auto at = std::find(names.begin(), names.end(), e.name);
            if (at != names.end()) e.value = cells[at - names.begin()];
          }
          builders.append_cells(builders.table_for(row_key), names, types, cells);
        }
      }
    }
  }
  return builders.take(true);
}

Result<Value> join(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "join", {"tables", "on", "method"});
  if (!s.ok()) return s;
  auto tables = required_argument(args, "join", "tables");
  if (!tables.ok()) return tables.status();
  if (!tables->is(Value::Kind::kRecord) || tables->as_record().properties.size() != 2) {
    return argument_error(args, "join", "tables must be a record of exactly two streams");
  }
  std::string method = "inner";
  auto m = string_argument(args, "join", "method", &method);
  if (!m.ok()) return m.status();
  if (*m != "inner") return argument_error(args, "join", "method must be \"inner\", got \"" + *m + "\"");
  std::vector<std::string> none;
  auto on = string_list_argument(args, "join", "on", &none);
  if (!on.ok()) return on.status();
  const auto& props = tables->as_record().properties;
  std::vector<std::shared_ptr<const TableStream>> inputs;
  for (const auto& [name, v] : props) {
    if (!v.is(Value::Kind::kTables)) return argument_error(args, "join", "tables." + name + " must be a stream of tables");
    inputs.push_back(v.as_tables());
  }
  std::string lname = props[0].first, rname = props[1].first;
  std::vector<std::string> on_columns = *on;
  Span span = args.span;
  auto merged = std::make_shared<MergedStream>(
      std::move(inputs), [=](Interpreter&, std::vector<std::vector<Table>> all) -> Result<std::vector<Table>> {
        return universe_join(Side{lname, std::move(all[0])}, Side{rname, std::move(all[1])}, on_columns, span);
      });
  return stream_value(merged);
}

// A record of the table's columns, all null: the missing side of an outer join.
Value null_record(const Table* t) {
  auto rec = std::make_shared<Record>();
  if (t != nullptr) {
    for (const auto& c : t->columns) rec->properties.emplace_back(c.name, Value());
  }
  return Value(std::shared_ptr<const Record>(rec));
}

struct PackageJoin {
  std::string method;
  std::shared_ptr<const Function> on;
  std::shared_ptr<const Function> as;
  Span span;
};

Result<std::vector<Table>> join_pair(Interpreter& interp, const PackageJoin& j, const Table* l, const Table* r,
                                     const Table* l_shape, const Table* r_shape) {
  bool keep_left = j.method == "left" || j.method == "full";
  bool keep_right = j.method == "right" || j.method == "full";
  size_t nl = l ? l->rows() : 0, nr = r ? r->rows() : 0;
  std::vector<uint8_t> right_matched(nr);
  std::vector<std::shared_ptr<const Record>> out;
  auto emit = [&](Value lv, Value rv) -> Status {
    auto v = call_function(interp, *j.as, j.span, {{"l", std::move(lv)}, {"r", std::move(rv)}});
    if (!v.ok()) return v.status();
    if (!v->is(Value::Kind::kRecord)) return Interpreter::error_at(j.span, "join: as must return a record");
    out.push_back(std::get<std::shared_ptr<const Record>>(v->data()));
    return Status::Ok();
  };
  std::vector<Value> right_rows;
  for (size_t k = 0; k < nr; ++k) right_rows.push_back(row_record(*r, k));
  for (size_t i = 0; i < nl; ++i) {
    Value lv = row_record(*l, i);
    bool matched = false;
    for (size_t k = 0; k < nr; ++k) {
      auto m = call_function(interp, *j.on, j.span, {{"l", lv}, {"r", right_rows[k]}});
      if (!m.ok()) return m.status();
      if (!m->is(Value::Kind::kBool)) return Interpreter::error_at(j.span, "join: on must return a bool");
      if (!m->as_bool()) continue;
      matched = true;
      right_matched[k] = 1;
      Status s = emit(lv, right_rows[k]);
      if (!s.ok()) return s;
    }
    if (!matched && keep_left) {
      Status s = emit(lv, null_record(r ? r : r_shape));
      if (!s.ok()) return s;
    }
  }
  if (keep_right) {
    for (size_t k = 0; k < nr; ++k) {
      if (right_matched[k]) continue;
      Status s = emit(null_record(l ? l : l_shape), right_rows[k]);
      if (!s.ok()) return s;
    }
  }
  if (out.empty()) return std::vector<Table>{};
  const Table& keyed = l ? *l : *r;
  // The output keeps the input key's columns that `as` produced.
  GroupKey key;
  for (const auto& e : keyed.key.entries) {
    bool present = false;
    for (const auto& [name, v] : out[0]->properties) present = present || name == e.name;
    if (present) key.entries.push_back(e);
  }
  auto t = table_from_records(out, key, nullptr, j.span, "join");
  if (!t.ok()) return t.status();
  std::vector<Table> result;
  result.push_back(std::move(t).value());
  return merge_equal_keys(std::move(result));
}

Result<std::vector<Table>> package_join(Interpreter& interp, const PackageJoin& j, std::vector<Table> left,
                                        std::vector<Table> right) {
  std::map<std::string, size_t> right_by_key;
  for (size_t i = 0; i < right.size(); ++i) right_by_key.emplace(key_signature(right[i].key), i);
  std::vector<uint8_t> right_used(right.size());
  const Table* l_shape = left.empty() ? nullptr : &left[0];
  const Table* r_shape = right.empty() ? nullptr : &right[0];
  std::vector<Table> out;
  auto append = [&](Result<std::vector<Table>> r) -> Status {
    if (!r.ok()) return r.status();
    for (auto& t : *r) out.push_back(std::move(t));
    return Status::Ok();
  };
  for (const auto& l : left) {
    auto it = right_by_key.find(key_signature(l.key));
    const Table* r = nullptr;
    if (it != right_by_key.end()) {
      r = &right[it->second];
      right_used[it->second] = 1;
    }
    Status s = append(join_pair(interp, j, &l, r, l_shape, r_shape));
    if (!s.ok()) return s;
  }
  for (size_t i = 0; i < right.size(); ++i) {
    if (right_used[i]) continue;
    Status s = append(join_pair(interp, j, nullptr, &right[i], l_shape, r_shape));
    if (!s.ok()) return s;
  }
  return merge_equal_keys(std::move(out));
}

Result<Value> join_with_method(const Arguments& args, std::string_view fn, std::string method, bool time_join) {
  std::initializer_list<std::string_view> known = {"left", "right", "on", "as", "method"};
  Status s = check_known_arguments(args, fn, known);
  if (!s.ok()) return s;
  PackageJoin j;
  j.span = args.span;
  if (method.empty() || args.get("method") != nullptr) {
    std::string inner = "inner";
    auto m = string_argument(args, fn, "method", method.empty() ? &inner : &method);
    if (!m.ok()) return m.status();
    method = *m;
  }
  if (method != "inner" && method != "left" && method != "right" && method != "full") {
    return argument_error(args, fn, "method must be one of inner, left, right, full; got \"" + method + "\"");
  }
  j.method = method;
  auto as = function_argument(args, fn, "as", true);
  if (!as.ok()) return as.status();
  j.as = *as;
  if (time_join) {
    // join.time: rows meet on equal _time.
    auto on = std::make_shared<Function>();
    on->name = "on";
    on->builtin = [](Interpreter&, const Arguments& a) -> Result<Value> {
      const Value* l = a.get("l");
      const Value* r = a.get("r");
      const Value* lt = l && l->is(Value::Kind::kRecord) ? l->as_record().get("_time") : nullptr;
      const Value* rt = r && r->is(Value::Kind::kRecord) ? r->as_record().get("_time") : nullptr;
      return Value(lt && rt && lt->is(Value::Kind::kTime) && rt->is(Value::Kind::kTime) &&
                   lt->as_time() == rt->as_time());
    };
    j.on = on;
  } else {
    auto on = function_argument(args, fn, "on", true);
    if (!on.ok()) return on.status();
    j.on = *on;
  }
  const Value* left = args.get("left");
  const Value* right = args.get("right");
  if (left == nullptr && args.pipe) left = &*args.pipe;
  if (left == nullptr || !left->is(Value::Kind::kTables)) return argument_error(args, fn, "left must be a stream of tables");
  if (right == nullptr || !right->is(Value::Kind::kTables)) return argument_error(args, fn, "right must be a stream of tables");
  auto merged = std::make_shared<MergedStream>(
      std::vector<std::shared_ptr<const TableStream>>{left->as_tables(), right->as_tables()},
      [j](Interpreter& interp, std::vector<std::vector<Table>> all) {
        return package_join(interp, j, std::move(all[0]), std::move(all[1]));
      });
  return stream_value(merged);
}

Value join_method(const char* name, std::string method, bool time_join = false) {
  std::string fn = std::string("join.") + name;
  return make_builtin(name, [fn, method, time_join](Interpreter&, const Arguments& args) {
    return join_with_method(args, fn, method, time_join);
  });
}

}  // namespace

void register_join_functions(Scope& universe) { universe.set("join", make_builtin("join", join)); }

void register_join_package(PackageMap& packages) {
  auto pkg = std::make_shared<Record>();
  pkg->properties = {{"tables", join_method("tables", "")},
                     {"inner", join_method("inner", "inner")},
                     {"left", join_method("left", "left")},
                     {"right", join_method("right", "right")},
                     {"full", join_method("full", "full")},
                     {"time", join_method("time", "", true)}};
  packages["join"] = pkg;
}

}  // namespace tidewater::query::flux
