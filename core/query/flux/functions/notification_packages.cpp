// What a query sends: the builtins under slack.message, http.post and monitor.notify, and
// json.encode. The engine runs a query synchronously and has no network, so a message is
// queued in the query's NotificationOutbox (flux.h) and sent by the host after the query; the
// call answers 0, "no HTTP response yet", never a status it has not seen. monitor.notify's
// `notifications` rows are written when the host reports the delivery (process/delivery.h),
// with _sent "true" only for a 2xx answer. Without an outbox nothing is sent and the rows say
// so (_sent "false", _reason); none of this fails the query.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/lineprotocol/writer.h"
#include "core/model/format.h"
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

constexpr const char* kNoOutbox = "no notification outbox: this query cannot send";

nlohmann::json notification_json(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return nullptr;
    case Value::Kind::kBool: return v.as_bool();
    case Value::Kind::kInt: return v.as_int();
    case Value::Kind::kUInt: return v.as_uint();
    case Value::Kind::kFloat: return v.as_float();
    case Value::Kind::kString: return v.as_string();
    case Value::Kind::kTime: return model::format_rfc3339(v.as_time().unix_nanos);
    case Value::Kind::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : v.as_array().elements) out.push_back(notification_json(e));
      return out;
    }
    case Value::Kind::kRecord: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [k, e] : v.as_record().properties) out[k] = notification_json(e);
      return out;
    }
    default: return value_to_display_string(v);
  }
}

// Queues one request; 0 either way (no response yet, or no outbox to send it).
Value queue_notification(Interpreter& interp, nlohmann::json request) {
  if (interp.context().notifications) interp.context().notifications->queue(request.dump());
  return Value(int64_t{0});
}

// send(url, method="POST", headers={}, body=""): the request as the host will make it.
Result<Value> notify_send(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "send", {"url", "method", "headers", "body"});
  if (!s.ok()) return s;
  auto url = string_argument(args, "send", "url");
  if (!url.ok()) return url.status();
  static const std::string kPost = "POST", kEmpty;
  auto method = string_argument(args, "send", "method", &kPost);
  if (!method.ok()) return method.status();
  auto body = string_argument(args, "send", "body", &kEmpty);
  if (!body.ok()) return body.status();
  nlohmann::json headers = nlohmann::json::object();
  if (const Value* h = args.get("headers"); h && h->is(Value::Kind::kRecord))
    for (const auto& [name, value] : h->as_record().properties)
      if (value.is(Value::Kind::kString)) headers[name] = value.as_string();
  return queue_notification(interp, {{"url", *url}, {"method", *method}, {"headers", headers}, {"body", *body}});
}

// slack(url, token, channel, text, color): Slack's chat.postMessage / webhook body.
Result<Value> notify_slack(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "message", {"url", "token", "channel", "text", "color"});
  if (!s.ok()) return s;
  auto url = string_argument(args, "message", "url");
  if (!url.ok()) return url.status();
  static const std::string kEmpty;
  auto token = string_argument(args, "message", "token", &kEmpty);
  auto channel = string_argument(args, "message", "channel");
  auto text = string_argument(args, "message", "text");
  auto color = string_argument(args, "message", "color");
  for (const auto* r : {&token, &channel, &text, &color})
    if (!r->ok()) return r->status();
  nlohmann::json headers = {{"Content-Type", "application/json; charset=utf-8"}};
  if (!token->empty()) headers["Authorization"] = "Bearer " + *token;
  const nlohmann::json body = {{"channel", *channel}, {"as_user", false},
                               {"attachments", {{{"color", *color}, {"text", *text}, {"mrkdwn_in", {"text"}}}}}};
  return queue_notification(interp, {{"url", *url}, {"method", "POST"}, {"headers", headers}, {"body", body.dump()}});
}

Result<Value> json_encode(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "encode", {"v"});
  if (!s.ok()) return s;
  auto v = required_argument(args, "encode", "v");
  if (!v.ok()) return v.status();
  return Value(notification_json(*v).dump());
}

// A notifications row without its _sent column (the delivery report sets it).
std::string notification_line(const model::Point& p) {
  model::Point row = p;
  auto is_sent = [](const auto& kv) { return kv.key == "_sent"; };
  row.tags.erase(std::remove_if(row.tags.begin(), row.tags.end(), is_sent), row.tags.end());
  row.fields.erase(std::remove_if(row.fields.begin(), row.fields.end(), is_sent), row.fields.end());
  return lineprotocol::write_lines({row});
}

// deliver(tables=<-, endpoint): runs the endpoint row by row, so that the requests each row
// queued carry that row (their notifications log). Rows that queued nothing are logged now,
// as not sent.
Result<Value> notify_deliver(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "deliver", {"endpoint"});
  if (!s.ok()) return s;
  auto endpoint = function_argument(args, "deliver", "endpoint", true);
  if (!endpoint.ok()) return endpoint.status();
  std::shared_ptr<const Function> fn = *endpoint;
  const Span span = args.span;
  return transform_stream(args, "deliver", [fn, span](Interpreter& in, std::vector<Table> tables) -> Result<std::vector<Table>> {
    const auto& outbox = in.context().notifications;
    std::vector<Table> out;
    std::vector<model::Point> unsent;
    for (const Table& t : tables) {
      for (size_t r = 0; r < t.rows(); ++r) {
        const size_t before = outbox ? outbox->size() : 0;
        auto v = call_function(in, *fn, span, {}, stream_value(std::make_shared<TableList>(std::vector<Table>{take_rows(t, {r})})));
        if (!v.ok()) return v.status();
        if (!v->is(Value::Kind::kTables)) return Interpreter::error_at(span, "monitor.notify: endpoint must return a stream");
        auto sent = v->as_tables()->tables(in);
        if (!sent.ok()) return sent.status();
        const size_t after = outbox ? outbox->size() : 0;
        for (Table& st : *sent) {
          auto points = rows_as_tagged_points(st, span);
          if (!points.ok()) return points.status();
          for (size_t i = 0; i < points->size(); ++i) {
            model::Point& p = (*points)[i];
            if (before + i < after) {
              outbox->attach_log(before + i, nlohmann::json{{"bucket", "_monitoring"}, {"line", notification_line(p)}}.dump());
              continue;
            }
            p.tags.erase(std::remove_if(p.tags.begin(), p.tags.end(), [](const model::Tag& x) { return x.key == "_sent"; }), p.tags.end());
            p.fields.erase(std::remove_if(p.fields.begin(), p.fields.end(), [](const model::Field& x) { return x.key == "_sent"; }),
                           p.fields.end());
            p.tags.push_back({"_sent", "false"});
            std::sort(p.tags.begin(), p.tags.end(), [](const model::Tag& a, const model::Tag& b) { return a.key < b.key; });
            p.fields.push_back({"_reason", std::string(outbox ? "the endpoint queued no request" : kNoOutbox)});
            unsent.push_back(std::move(p));
          }
          out.push_back(std::move(st));
        }
      }
    }
    if (!unsent.empty() && in.context().write_points) {
      Status w = in.context().write_points("_monitoring", unsent);
      if (!w.ok()) return w;
    }
    return merge_equal_keys(std::move(out));
  });
}

}  // namespace

void register_notification_packages(PackageMap& packages) {
  packages["internal/notify"] = make_package({
      {"send", make_builtin("send", notify_send)},
      {"slack", make_builtin("slack", notify_slack)},
      {"deliver", make_builtin("deliver", notify_deliver)},
  });
  packages["json"] = make_package({{"encode", make_builtin("encode", json_encode)}});
}

}  // namespace tidewater::query::flux
