// filter(fn: (r) => bool, onEmpty: "drop" | "keep").
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"
#include "core/query/flux/pushdown.h"

namespace tidewater::query::flux {

namespace {

Result<Value> filter(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "filter", {"fn", "onEmpty"});
  if (!s.ok()) return s;
  auto input = piped_tables(args, "filter");
  if (!input.ok()) return input.status();
  auto fn_v = required_argument(args, "filter", "fn");
  if (!fn_v.ok()) return fn_v.status();
  if (!fn_v->is(Value::Kind::kFunction)) {
    return argument_error(args, "filter", "fn must be a function, got " + std::string(kind_name(fn_v->kind())));
  }
  std::string drop = "drop";
  auto on_empty = string_argument(args, "filter", "onEmpty", &drop);
  if (!on_empty.ok()) return on_empty.status();
  if (*on_empty != "drop" && *on_empty != "keep") {
    return argument_error(args, "filter", "onEmpty must be \"drop\" or \"keep\"");
  }
  RowPredicate predicate{fn_v->as_function(), args.span};

  // Storage reads absorb the filter: provable series predicates go to the scan, the rest is
  // evaluated per row right after it.
  auto* read = dynamic_cast<const StorageRead*>(input->get());
  if (read != nullptr && *on_empty == "drop") {
    auto refined = std::make_shared<StorageRead>(*read);
    Pushdown p = push_down_filter(*predicate.fn, &refined->filter);
    refined->impossible = refined->impossible || p.impossible;
    if (!p.complete) {
      RowPredicate residual = predicate;
      residual.per_table = reads_only_series_columns(*predicate.fn);
      refined->predicates.push_back(residual);
    }
    return Value(std::shared_ptr<const TableStream>(refined));
  }
  bool keep_empty = *on_empty == "keep";
  auto derived = std::make_shared<DerivedStream>(
      *input, [predicate, keep_empty](Interpreter& in, std::vector<Table> tables) -> Result<std::vector<Table>> {
        if (!keep_empty) return filter_tables(in, std::move(tables), predicate);
        // onEmpty: "keep" — filter each table alone so emptied tables survive with their key.
        std::vector<Table> out;
        for (auto& t : tables) {
          Table shell = t;
          std::vector<uint8_t> none(shell.rows(), 0);
          shell.filter_rows(none);
          std::vector<Table> one;
          one.push_back(std::move(t));
          auto r = filter_tables(in, std::move(one), predicate);
          if (!r.ok()) return r;
          out.push_back(r->empty() ? std::move(shell) : std::move(r->front()));
        }
        return out;
      });
  return Value(std::shared_ptr<const TableStream>(derived));
}

}  // namespace

void register_filter_function(Scope& universe) { universe.set("filter", make_builtin("filter", filter)); }

}  // namespace tidewater::query::flux
