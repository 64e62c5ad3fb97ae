#include "core/api/task_options.h"

#include <utility>
#include <vector>

#include "core/api/definition_util.h"
#include "core/api/query_extern.h"
#include "core/query/flux/parser.h"

namespace tidewater::api {

namespace flux = query::flux;
namespace ast = query::flux::ast;

namespace {

Status invalid(const std::string& message) { return Status(ErrorCode::kInvalid, "invalid options: " + message); }

// Byte offset of a parser position (1-based line, column counted in characters).
size_t offset_of(std::string_view src, flux::Position p) {
  size_t i = 0;
  for (int line = 1; line < p.line && i < src.size(); ++i)
    if (src[i] == '\n') ++line;
  for (int col = 1; col < p.column && i < src.size();) {
    ++i;
    while (i < src.size() && (static_cast<unsigned char>(src[i]) & 0xC0) == 0x80) ++i;
    ++col;
  }
  return i;
}

std::string text_of(std::string_view src, const flux::Span& span) {
  const size_t a = offset_of(src, span.start), b = offset_of(src, span.end);
  return std::string(src.substr(a, b > a ? b - a : 0));
}

// The task option statement and its record, or null when the script has none.
struct Found {
  std::shared_ptr<ast::Program> program;
  const ast::Statement* statement = nullptr;
  const ast::RecordExpr* record = nullptr;
};

Result<Found> find_task_option(std::string_view src) {
  auto program = flux::parse_program(src);
  if (!program.ok()) return invalid(program.status().message());
  Found f{*program};
  for (const auto& st : (*program)->body) {
    if (st->kind != ast::StatementKind::kOption || st->name != "task" || !st->option_ns.empty()) continue;
    if (!st->expr || st->expr->kind != ast::ExprKind::kRecord) return invalid("task option must be a record");
    f.statement = st.get();
    f.record = static_cast<const ast::RecordExpr*>(st->expr.get());
  }
  if (!f.statement) return invalid("no task options defined");
  return f;
}

// A string property's constant value; nullopt when it is not a plain string literal.
std::optional<std::string> string_value(const ast::Expr* e) {
  if (!e || e->kind != ast::ExprKind::kString) return std::nullopt;
  return static_cast<const ast::StringLiteral*>(e)->constant();
}

}  // namespace

Result<TaskOptions> parse_task_options(std::string_view src) {
  auto found = find_task_option(src);
  if (!found.ok()) return found.status();
  TaskOptions o;
  bool has_name = false;
  for (const auto& p : found->record->properties) {
    const ast::Expr* v = p.value.get();
    if (p.key == "name") {
      auto s = string_value(v);
      if (!s) return invalid("task name must be a string");
      o.name = *s;
      has_name = true;
    } else if (p.key == "cron") {
      auto s = string_value(v);
      if (!s) return invalid("cron must be a string");
      o.cron = *s;
    } else if (p.key == "every" || p.key == "offset") {
      if (!v || v->kind != ast::ExprKind::kDuration) return invalid(p.key + " must be a duration");
      (p.key == "every" ? o.every : o.offset) = text_of(src, v->span);
    }
  }
  if (!has_name || o.name.empty()) return invalid("missing required option: 'name'");
  if (!o.every.empty() && !o.cron.empty()) return invalid("cannot use both cron and every in task options");
  if (o.every.empty() && o.cron.empty()) return invalid("cron or every is required");
  if (!o.every.empty() && (o.every[0] == '-' || o.every.find_first_not_of("0") == std::string::npos))
    return invalid("every option must be positive");
  return o;
}

Result<std::string> rewrite_task_options(std::string_view src, const TaskOptionsUpdate& update) {
  auto found = find_task_option(src);
  if (!found.ok()) return found.status();
  if (update.every && !is_flux_duration(*update.every)) return invalid("every " + *update.every + " is not a duration");
  if (update.offset && !is_flux_duration(*update.offset, true))
    return invalid("offset " + *update.offset + " is not a duration");
  std::vector<std::pair<std::string, std::string>> props;  // key, source text of the value
  for (const auto& p : found->record->properties)
    props.emplace_back(p.key, p.value ? text_of(src, p.value->span) : p.key);
  auto set = [&](const std::string& key, std::optional<std::string> text) {
    for (auto it = props.begin(); it != props.end(); ++it) {
      if (it->first != key) continue;
      if (text) it->second = *text;
      else props.erase(it);
      return;
    }
    if (text) props.emplace_back(key, *text);
  };
  if (update.name) set("name", flux_string_literal(*update.name));
  if (update.every) set("every", *update.every), set("cron", std::nullopt);
  if (update.cron) set("cron", flux_string_literal(*update.cron)), set("every", std::nullopt);
  if (update.offset) set("offset", update.offset->empty() ? std::nullopt : std::optional(*update.offset));
  std::string option = "option task = {";
  for (size_t i = 0; i < props.size(); ++i) option += (i ? ", " : "") + props[i].first + ": " + props[i].second;
  option += "}";
  const size_t a = offset_of(src, found->statement->span.start), b = offset_of(src, found->statement->span.end);
  std::string out = std::string(src.substr(0, a)) + option + std::string(src.substr(b));
  if (auto check = parse_task_options(out); !check.ok()) return check.status();
  return out;
}

}  // namespace tidewater::api
