#include "core/query/influxql/influxql.h"

#include <exception>

#include "core/query/influxql/exec.h"
#include "core/query/influxql/parser.h"
#include "core/query/influxql/select.h"

namespace tidewater::influxql {

Result<std::vector<StatementResult>> execute_influxql(std::string_view query, const InfluxqlContext& ctx) {
  Result<std::vector<Statement>> parsed = parse_query(query, ctx.params);
  if (!parsed.ok()) return parsed.status();
  // InfluxDB resolves tz() while parsing: an unknown zone fails the whole query.
  for (const auto& stmt : *parsed) {
    const auto* select = std::get_if<SelectStatement>(&stmt);
    if (!select || select->tz.empty() || select->tz == "UTC" || select->tz == "Etc/UTC" || select->tz == "GMT") continue;
    if (!ctx.zone_offset || !ctx.zone_offset(select->tz, ctx.now_ns)) {
      return Status(ErrorCode::kInvalid, "unable to find time zone " + select->tz);
    }
  }
  std::vector<StatementResult> results;
  for (size_t i = 0; i < parsed->size(); ++i) {
    try {
      throw_if_interrupted(&ctx.interrupted);
      results.push_back(execute_statement((*parsed)[i], static_cast<int>(i), ctx));
    } catch (const InfluxqlCanceled&) {
      return Status(ErrorCode::kUnavailable, "query canceled");
    } catch (const std::exception& e) {
      // A library throw (bad_alloc, a std::regex limit) fails this statement only.
      StatementResult failed;
      failed.statement_id = static_cast<int>(i);
      failed.error = std::string("internal error: ") + e.what();
      results.push_back(std::move(failed));
    }
  }
  return results;
}

InfluxqlResponse respond_influxql(std::string_view query, const InfluxqlContext& ctx, const OutputOptions& opts,
                                  OutputFormat format) {
  InfluxqlResponse resp;
  resp.content_type = format == OutputFormat::kCsv ? "application/csv" : "application/json";
  try {
    Result<std::vector<StatementResult>> results = execute_influxql(query, ctx);
    if (!results.ok() && results.status().code() == ErrorCode::kUnavailable) {
      resp.http_status = 503;
      resp.content_type = "application/json";
      resp.body = error_json(results.status().message());
    } else if (!results.ok()) {
      resp.http_status = 400;
      resp.content_type = "application/json";
      resp.body = error_json("error parsing query: " + results.status().message());
    } else if (format == OutputFormat::kCsv) {
      resp.body = results_csv(*results, opts);
    } else {
      resp.body = results_json(*results, opts);
    }
  } catch (const std::exception& e) {
    // Library throws (std::regex on a bad pattern, bad_alloc) must not escape.
    resp.http_status = 500;
    resp.content_type = "application/json";
    resp.body = error_json(e.what());
  }
  if (opts.pretty && resp.content_type == "application/json") resp.body = indent_json(resp.body);
  return resp;
}

std::string run_influxql(std::string_view query, const InfluxqlContext& ctx, const OutputOptions& opts) {
  return respond_influxql(query, ctx, opts).body;
}

std::string indent_json(std::string_view in) {
  std::string out;
  int depth = 0;
  bool in_string = false;
  auto newline = [&] {
    out += '\n';
    out.append(static_cast<size_t>(depth) * 4, ' ');
  };
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < in.size()) out += in[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; out += c; break;
      case '{':
      case '[':
        if (i + 1 < in.size() && (in[i + 1] == '}' || in[i + 1] == ']')) {
          out += c;
          out += in[++i];
          break;
        }
        out += c;
        ++depth;
        newline();
        break;
      case '}':
      case ']':
        --depth;
        newline();
        out += c;
        break;
      case ',': out += c; newline(); break;
      case ':': out += ": "; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace tidewater::influxql
