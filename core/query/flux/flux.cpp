#include "core/query/flux/flux.h"

#include "core/query/flux/interpreter.h"
#include "core/query/flux/parser.h"
#include "core/query/flux/stream.h"

namespace tidewater::query::flux {

Result<std::vector<ResultSet>> run_flux(std::string_view script, const FluxContext& context) {
  auto program = parse_program(script);
  if (!program.ok()) return program.status();
  Interpreter interp(context);
  Status s = interp.run(std::move(program).value());
  if (!s.ok()) return s;
  std::vector<ResultSet> out;
  for (const auto& pending : interp.results()) {
    auto tables = pending.stream->tables(interp);
    if (!tables.ok()) return tables.status();
    out.push_back(ResultSet{pending.name, std::move(tables).value()});
  }
  return out;
}

}  // namespace tidewater::query::flux
