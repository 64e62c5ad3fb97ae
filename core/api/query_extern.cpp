#include "core/api/query_extern.h"

#include <cctype>

#include "core/model/format.h"

namespace tidewater::api {

using nlohmann::json;

std::string flux_string_literal(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '"' || ch == '\\' || (ch == '$' && i + 1 < s.size() && s[i + 1] == '{')) out += '\\';
    if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out + "\"";
}

bool is_flux_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return false;
  return true;
}

namespace {

constexpr int kMaxDepth = 64;

Status bad(const std::string& what) { return Status(ErrorCode::kInvalid, "invalid extern: " + what); }

std::string type_of(const json& node) {
  if (!node.is_object()) return "";
  auto it = node.find("type");
  return it != node.end() && it->is_string() ? it->get<std::string>() : "";
}

class Renderer {
 public:
  Status expr(const json& n, std::string* out, int depth);
  Status statement(const json& n, std::string* out);

 private:
  Status identifier(const json& n, std::string* out) {
    if (type_of(n) != "Identifier" || !n.value("name", json()).is_string() || !is_flux_identifier(n["name"]))
      return bad("expected an Identifier");
    *out += n["name"].get<std::string>();
    return Status::Ok();
  }
  Status property_key(const json& n, std::string* out) {
    if (type_of(n) == "StringLiteral" && n.value("value", json()).is_string()) {
      *out += flux_string_literal(n["value"]);
      return Status::Ok();
    }
    return identifier(n, out);
  }
  Status assignment(const json& n, std::string* out);
};

Status Renderer::expr(const json& n, std::string* out, int depth) {
  if (depth > kMaxDepth) return bad("expression nested too deeply");
  const std::string type = type_of(n);
  const json value = n.is_object() ? n.value("value", json()) : json();
  if (type == "Identifier") return identifier(n, out);
  if (type == "StringLiteral") {
    if (!value.is_string()) return bad("StringLiteral needs a string value");
    *out += flux_string_literal(value);
  } else if (type == "IntegerLiteral" || type == "UnsignedIntegerLiteral") {
    // InfluxDB's JSON AST writes 64-bit integers as strings.
    std::string digits = value.is_string() ? value.get<std::string>() : value.is_number_integer() ? value.dump() : "";
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return bad(type + " needs digits");
    *out += digits;
  } else if (type == "FloatLiteral") {
    if (!value.is_number()) return bad("FloatLiteral needs a number");
    std::string text = model::format_float(value.get<double>());
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    *out += text;
  } else if (type == "BooleanLiteral") {
    if (!value.is_boolean()) return bad("BooleanLiteral needs a boolean");
    *out += value.get<bool>() ? "true" : "false";
  } else if (type == "DateTimeLiteral") {
    int64_t ns;
    if (!value.is_string() || !model::parse_rfc3339(value.get<std::string>(), &ns)) return bad("DateTimeLiteral needs an RFC3339 time");
    *out += value.get<std::string>();
  } else if (type == "DurationLiteral") {
    const json values = n.value("values", json());
    if (!values.is_array() || values.empty()) return bad("DurationLiteral needs values");
    static const char* kUnits[] = {"y", "mo", "w", "d", "h", "m", "s", "ms", "us", "µs", "ns"};
    for (const auto& v : values) {
      const json magnitude = v.is_object() ? v.value("magnitude", json()) : json();
      const std::string unit = v.is_object() ? v.value("unit", json("")).is_string() ? v["unit"].get<std::string>() : "" : "";
      bool known = false;
      for (const char* u : kUnits) known |= unit == u;
      if (!magnitude.is_number_integer() || magnitude.get<int64_t>() < 0 || !known) return bad("DurationLiteral needs {magnitude, unit}");
      *out += magnitude.dump() + unit;
    }
  } else if (type == "RegexpLiteral") {
    if (!value.is_string()) return bad("RegexpLiteral needs a string value");
    std::string re = value.get<std::string>();
    *out += "/";
    for (char ch : re) *out += ch == '/' ? std::string("\\/") : std::string(1, ch);
    *out += "/";
  } else if (type == "UnaryExpression") {
    const std::string op = n.value("operator", json("")).is_string() ? n["operator"].get<std::string>() : "";
    if (op != "-" && op != "+" && op != "not" && op != "exists") return bad("unknown unary operator");
    *out += op == "not" || op == "exists" ? op + " " : op;
    return expr(n.value("argument", json()), out, depth + 1);
  } else if (type == "BinaryExpression" || type == "LogicalExpression") {
    const std::string op = n.value("operator", json("")).is_string() ? n["operator"].get<std::string>() : "";
    static const char* kOps[] = {"+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">=", "=~", "!~", "and", "or"};
    bool known = false;
    for (const char* o : kOps) known |= op == o;
    if (!known) return bad("unknown operator");
    *out += "(";
    if (Status s = expr(n.value("left", json()), out, depth + 1); !s.ok()) return s;
    *out += " " + op + " ";
    if (Status s = expr(n.value("right", json()), out, depth + 1); !s.ok()) return s;
    *out += ")";
  } else if (type == "ObjectExpression") {
    const json props = n.value("properties", json::array());
    if (!props.is_array()) return bad("ObjectExpression needs properties");
    *out += "{";
    for (size_t i = 0; i < props.size(); ++i) {
      if (i) *out += ", ";
      if (Status s = property_key(props[i].is_object() ? props[i].value("key", json()) : json(), out); !s.ok()) return s;
      *out += ": ";
      if (Status s = expr(props[i].value("value", json()), out, depth + 1); !s.ok()) return s;
    }
    *out += "}";
  } else if (type == "ArrayExpression") {
    const json elements = n.value("elements", json::array());
    if (!elements.is_array()) return bad("ArrayExpression needs elements");
    *out += "[";
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i) *out += ", ";
      if (Status s = expr(elements[i], out, depth + 1); !s.ok()) return s;
    }
    *out += "]";
  } else if (type == "MemberExpression") {
    if (Status s = expr(n.value("object", json()), out, depth + 1); !s.ok()) return s;
    const json property = n.value("property", json());
    if (type_of(property) == "StringLiteral") {
      *out += "[";
      if (Status s = property_key(property, out); !s.ok()) return s;
      *out += "]";
    } else {
      *out += ".";
      if (Status s = identifier(property, out); !s.ok()) return s;
    }
  } else if (type == "CallExpression") {
    if (Status s = expr(n.value("callee", json()), out, depth + 1); !s.ok()) return s;
    const json args = n.value("arguments", json::array());
    if (!args.is_array() || args.size() > 1) return bad("CallExpression takes at most one ObjectExpression");
    *out += "(";
    if (!args.empty()) {
      std::string record;
      if (type_of(args[0]) != "ObjectExpression") return bad("CallExpression arguments must be an ObjectExpression");
      if (Status s = expr(args[0], &record, depth + 1); !s.ok()) return s;
      *out += record.substr(1, record.size() - 2);
    }
    *out += ")";
  } else {
    return bad("unsupported node type \"" + type + "\"");
  }
  return Status::Ok();
}

Status Renderer::assignment(const json& n, std::string* out) {
  const std::string type = type_of(n);
  if (type == "VariableAssignment") {
    if (Status s = identifier(n.value("id", json()), out); !s.ok()) return s;
  } else if (type == "MemberAssignment") {
    const json member = n.value("member", json());
    if (type_of(member) != "MemberExpression") return bad("MemberAssignment needs a MemberExpression");
    if (Status s = identifier(member.value("object", json()), out); !s.ok()) return s;
    *out += ".";
    if (Status s = identifier(member.value("property", json()), out); !s.ok()) return s;
  } else {
    return bad("expected an assignment");
  }
  *out += " = ";
  return expr(n.value("init", json()), out, 0);
}

Status Renderer::statement(const json& n, std::string* out) {
  const std::string type = type_of(n);
  if (type == "OptionStatement") {
    *out += "option ";
    return assignment(n.value("assignment", json()), out);
  }
  if (type == "VariableAssignment") return assignment(n, out);
  return bad("unsupported statement \"" + type + "\"");
}

}  // namespace

Result<std::string> extern_to_flux(const json& file) {
  if (type_of(file) != "File") return bad("expected a File");
  const json body = file.value("body", json::array());
  if (!body.is_array()) return bad("File body must be an array");
  const json imports = file.value("imports", json());
  std::string out;
  if (imports.is_array()) {
    for (const auto& imp : imports) {
      const json path = imp.is_object() ? imp.value("path", json()) : json();
      if (type_of(path) != "StringLiteral" || !path.value("value", json()).is_string()) return bad("ImportDeclaration needs a path");
      out += "import ";
      if (type_of(imp.value("as", json())) == "Identifier") out += imp["as"].value("name", "") + " ";
      out += flux_string_literal(path["value"]) + "\n";
    }
  } else if (!imports.is_null()) {
    return bad("File imports must be an array");
  }
  Renderer r;
  for (const auto& st : body) {
    if (Status s = r.statement(st, &out); !s.ok()) return s;
    out += "\n";
  }
  return out;
}

namespace {
Status param_value(const json& v, std::string* out, int depth) {
  if (depth > kMaxDepth) return Status(ErrorCode::kInvalid, "invalid params: nested too deeply");
  if (v.is_string()) *out += flux_string_literal(v);
  else if (v.is_boolean()) *out += v.get<bool>() ? "true" : "false";
  else if (v.is_number_integer()) *out += v.dump();
  else if (v.is_number_float()) {
    std::string text = model::format_float(v.get<double>());
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    *out += text;
  } else if (v.is_array()) {
    *out += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) *out += ", ";
      if (Status s = param_value(v[i], out, depth + 1); !s.ok()) return s;
    }
    *out += "]";
  } else if (v.is_object()) {
    *out += "{";
    bool first = true;
    for (const auto& [k, item] : v.items()) {
      *out += (first ? "" : ", ") + flux_string_literal(k) + ": ";
      first = false;
      if (Status s = param_value(item, out, depth + 1); !s.ok()) return s;
    }
    *out += "}";
  } else {
    return Status(ErrorCode::kInvalid, "invalid params: null values are not supported");
  }
  return Status::Ok();
}
}  // namespace

Result<std::string> params_to_flux(const json& params) {
  if (!params.is_object()) return Status(ErrorCode::kInvalid, "invalid params: must be an object");
  std::string out = "params = {";
  bool first = true;
  for (const auto& [name, value] : params.items()) {
    if (!is_flux_identifier(name)) return Status(ErrorCode::kInvalid, "invalid params: \"" + name + "\" is not an identifier");
    out += (first ? "" : ", ") + name + ": ";
    first = false;
    if (Status s = param_value(value, &out, 0); !s.ok()) return s;
  }
  return out + "}\n";
}

size_t leading_imports_end(std::string_view flux) {
  auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
  auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  size_t pos = 0, end = 0;
  for (;;) {
    while (pos < flux.size()) {
      if (space(flux[pos])) {
        ++pos;
      } else if (flux.substr(pos, 2) == "//") {
        while (pos < flux.size() && flux[pos] != '\n') ++pos;
      } else {
        break;
      }
    }
    if (flux.substr(pos, 6) != "import" || pos + 6 >= flux.size() || !space(flux[pos + 6])) return end;
    size_t p = pos + 6;
    while (p < flux.size() && space(flux[p])) ++p;
    while (p < flux.size() && word(flux[p])) ++p;  // an alias: import name "path"
    while (p < flux.size() && space(flux[p])) ++p;
    if (p >= flux.size() || flux[p] != '"') return end;
    for (++p; p < flux.size() && flux[p] != '"'; ++p)
      if (flux[p] == '\\') ++p;
    if (p >= flux.size()) return end;
    end = pos = p + 1;
  }
}

}  // namespace tidewater::api
