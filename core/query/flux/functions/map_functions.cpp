// Row functions written in Flux: map (one record per row) and reduce (one record per table).
#include <algorithm>
#include <map>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

// Builds a table from records: columns in order of first appearance, each typed by its first
// non-null value (or, failing that, by the input column of the same name). Columns that are
// null throughout and have no known type are left out, as Flux cannot type them.
Result<Table> table_from_records(const std::vector<std::shared_ptr<const Record>>& records, const GroupKey& key,
                                 const Table* input, const Span& span, std::string_view fn) {
  std::vector<std::string> names;
  std::map<std::string, ColumnType> types;
  for (const auto& rec : records) {
    for (const auto& [name, v] : rec->properties) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      ColumnType t;
      if (types.count(name) == 0 && column_type_of(v, &t)) types[name] = t;
      if (types.count(name) == 0 && !v.is_null() && !column_type_of(v, &t)) {
        return Interpreter::error_at(span, std::string(fn) + ": column \"" + name + "\" cannot hold a value of type " +
                                               std::string(kind_name(v.kind())));
      }
    }
  }
  Table out;
  out.key = key;
  for (const auto& name : names) {
    ColumnType type;
    if (auto it = types.find(name); it != types.end()) {
      type = it->second;
    } else if (const auto* e = key.find(name)) {
      type = e->type;
    } else if (const Column* c = input ? input->column(name) : nullptr) {
      type = c->type;
    } else {
      continue;
    }
    Column col(name, type);
    col.reserve(records.size());
    for (const auto& rec : records) {
      const Value* v = rec->get(name);
      ColumnType vt;
      if (v == nullptr || v->is_null() || !column_type_of(*v, &vt)) {
        col.append_null();
      } else if (vt != type) {
        return Interpreter::error_at(span, std::string(fn) + ": column \"" + name + "\" has values of types " +
                                               std::string(csv_datatype_name(type)) + " and " +
                                               std::string(csv_datatype_name(vt)));
      } else {
        col.append(cell_from_value(*v));
      }
    }
    out.columns.push_back(std::move(col));
  }
  return out;
}

namespace {

Result<Value> map(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "map", {"fn", "mergeKey"});
  if (!s.ok()) return s;
  auto fn = function_argument(args, "map", "fn", true);
  if (!fn.ok()) return fn.status();
  auto f = *fn;
  Span span = args.span;
  return transform_stream(args, "map", [f, span](Interpreter& interp, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      // Rows whose key columns change value move to the table of their new key.
      std::vector<GroupKey> keys;
      std::vector<std::vector<std::shared_ptr<const Record>>> groups;
      std::map<std::string, size_t> index;
      for (size_t r = 0; r < t.rows(); ++r) {
        auto v = call_function(interp, *f, span, {{"r", row_record(t, r)}});
        if (!v.ok()) return v.status();
        if (!v->is(Value::Kind::kRecord)) {
          return Interpreter::error_at(span, "map: fn must return a record, got " + std::string(kind_name(v->kind())));
        }
        std::shared_ptr<const Record> rec = std::get<std::shared_ptr<const Record>>(v->data());
        GroupKey key;
        for (const auto& e : t.key.entries) {
          const Value* kv = rec->get(e.name);
          if (kv == nullptr) continue;
          ColumnType type = e.type;
          column_type_of(*kv, &type);
          key.entries.push_back({e.name, type, cell_from_value(*kv)});
        }
        auto [it, inserted] = index.emplace(key_signature(key), groups.size());
        if (inserted) {
          keys.push_back(std::move(key));
          groups.emplace_back();
        }
        groups[it->second].push_back(std::move(rec));
      }
      if (t.rows() == 0) {
        // An empty table keeps its key columns that exist.
        out.push_back(empty_copy(t));
        continue;
      }
      for (size_t g = 0; g < groups.size(); ++g) {
        auto table = table_from_records(groups[g], keys[g], &t, span, "map");
        if (!table.ok()) return table.status();
        out.push_back(std::move(table).value());
      }
    }
    return out;
  });
}

// reduce(fn: (r, accumulator) => record, identity): folds each table's rows into one record;
// the output row holds the group key columns and the accumulator's properties.
Result<Value> reduce(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "reduce", {"fn", "identity"});
  if (!s.ok()) return s;
  auto fn = function_argument(args, "reduce", "fn", true);
  if (!fn.ok()) return fn.status();
  auto identity = required_argument(args, "reduce", "identity");
  if (!identity.ok()) return identity.status();
  if (!identity->is(Value::Kind::kRecord)) return argument_error(args, "reduce", "identity must be a record");
  auto f = *fn;
  Value init = *identity;
  Span span = args.span;
  return transform_stream(args, "reduce", [f, init, span](Interpreter& interp, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      Value acc = init;
      for (size_t r = 0; r < t.rows(); ++r) {
        auto v = call_function(interp, *f, span, {{"r", row_record(t, r)}, {"accumulator", acc}});
        if (!v.ok()) return v.status();
        if (!v->is(Value::Kind::kRecord)) return Interpreter::error_at(span, "reduce: fn must return a record");
        acc = std::move(v).value();
      }
      auto rec = std::make_shared<Record>();
      for (const auto& e : t.key.entries) rec->properties.emplace_back(e.name, value_from_cell(e.type, e.value));
      for (const auto& [name, v] : acc.as_record().properties) {
        bool replaced = false;
        for (auto& p : rec->properties) {
          if (p.first == name) {
            p.second = v;
            replaced = true;
          }
        }
        if (!replaced) rec->properties.emplace_back(name, v);
      }
      auto table = table_from_records({rec}, t.key, &t, span, "reduce");
      if (!table.ok()) return table.status();
      out.push_back(std::move(table).value());
    }
    return out;
  });
}

}  // namespace

void register_map_functions(Scope& universe) {
  universe.set("map", make_builtin("map", map));
  universe.set("reduce", make_builtin("reduce", reduce));
}

}  // namespace tidewater::query::flux
