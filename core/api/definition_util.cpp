#include "core/api/definition_util.h"

#include <cctype>
#include <charconv>

#include "core/api/request_util.h"
#include "core/auth/random.h"
#include "core/model/format.h"

namespace tidewater::api {

using nlohmann::json;

namespace {

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::kString: return "a string";
    case FieldType::kInteger: return "an integer";
    case FieldType::kNumber: return "a number";
    case FieldType::kBool: return "a boolean";
    case FieldType::kObject: return "an object";
    case FieldType::kArray: return "an array";
    case FieldType::kStrings: return "an array of strings";
    case FieldType::kDuration: return "a duration";
    case FieldType::kTime: return "an RFC3339 time";
    case FieldType::kAny: return "a value";
  }
  return "a value";
}

bool has_type(const json& v, FieldType t) {
  switch (t) {
    case FieldType::kString: return v.is_string();
    case FieldType::kInteger: return v.is_number_integer();
    case FieldType::kNumber: return v.is_number();
    case FieldType::kBool: return v.is_boolean();
    case FieldType::kObject: return v.is_object();
    case FieldType::kArray: return v.is_array();
    case FieldType::kStrings:
      if (!v.is_array()) return false;
      for (const auto& e : v)
        if (!e.is_string()) return false;
      return true;
    case FieldType::kDuration: return v.is_string() && is_flux_duration(v.get_ref<const std::string&>());
    case FieldType::kTime: {
      int64_t ns;
      return v.is_string() && model::parse_rfc3339(v.get_ref<const std::string&>(), &ns);
    }
    case FieldType::kAny: return true;
  }
  return false;
}

}  // namespace

Status copy_fields(const json& body, const std::vector<FieldSpec>& specs, json* out) {
  for (const auto& spec : specs) {
    auto it = body.find(spec.name);
    if (it == body.end() || it->is_null()) {
      if (spec.required) return Status(ErrorCode::kInvalid, std::string("failed to unmarshal json: ") + spec.name + " is required");
      continue;
    }
    if (!has_type(*it, spec.type))
      return Status(ErrorCode::kInvalid,
                    std::string("failed to unmarshal json: ") + spec.name + " must be " + type_name(spec.type));
    (*out)[spec.name] = *it;
  }
  return Status::Ok();
}

bool is_flux_duration(std::string_view s, bool allow_negative) {
  if (allow_negative && !s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  static const char* kUnits[] = {"mo", "ms", "us", "\xC2\xB5s", "ns", "y", "w", "d", "h", "m", "s"};
  while (!s.empty()) {
    size_t digits = 0;
    while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
    if (digits == 0) return false;
    s.remove_prefix(digits);
    bool matched = false;
    for (const char* unit : kUnits) {
      const std::string_view u(unit);
      if (s.substr(0, u.size()) == u) {
        s.remove_prefix(u.size());
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  return true;
}

Status check_one_of(const json& doc, const char* key, std::initializer_list<const char*> allowed) {
  auto it = doc.find(key);
  if (it == doc.end()) return Status::Ok();
  std::string list;
  for (const char* a : allowed) {
    if (it->is_string() && it->get_ref<const std::string&>() == a) return Status::Ok();
    list += list.empty() ? a : std::string(", ") + a;
  }
  return Status(ErrorCode::kInvalid, std::string("invalid ") + key + " " + it->dump() + "; must be one of " + list);
}

Result<std::string> body_org(const catalog::Catalog& catalog, const json& body, bool allow_name) {
  auto id = optional_string(body, "orgID");
  if (!id.ok()) return id.status();
  if (*id && !(*id)->empty()) {
    if (Status s = check_id(**id); !s.ok()) return s;
    if (!catalog.org_by_id(**id)) return Status(ErrorCode::kNotFound, "organization not found");
    return **id;
  }
  if (allow_name) {
    auto name = optional_string(body, "org");
    if (!name.ok()) return name.status();
    if (*name && !(*name)->empty()) {
      const catalog::Org* org = catalog.org_by_name(**name);
      if (!org) return Status(ErrorCode::kNotFound, "organization name \"" + **name + "\" not found");
      return org->id;
    }
  }
  return Status(ErrorCode::kInvalid, "organization id must be provided");
}

Result<const json*> find_authorized(const Call& c, const char* kind, const char* type, std::string_view id,
                                    const char* not_found, auth::Action action) {
  if (Status s = check_id(id); !s.ok()) return s;
  const json* doc = c.db.catalog().definitions().find(kind, id);
  if (!doc) return Status(ErrorCode::kNotFound, not_found);
  if (Status s = authorize(*c.who, action, type, str_of(*doc, "orgID"), id); !s.ok()) return s;
  return doc;
}

Result<std::vector<const json*>> readable_list(const Call& c, const char* kind, const char* type, bool org_required) {
  std::string org_id;
  const bool named = c.req.query_param("orgID").value_or("") != "" || c.req.query_param("org").value_or("") != "";
  if (named || org_required) {
    auto org = resolve_org(c.db, c.req);
    if (!org.ok()) return org.status();
    org_id = (*org)->id;
  }
  std::vector<const json*> out;
  for (const auto& doc : c.db.catalog().definitions().all(kind)) {
    const std::string doc_org = str_of(doc, "orgID");
    if (!org_id.empty() && doc_org != org_id) continue;
    if (can(*c.who, auth::Action::kRead, type, doc_org, str_of(doc, "id"))) out.push_back(&doc);
  }
  return out;
}

Result<int> task_list_limit(const Request& req) {
  int limit = 100;
  if (auto v = req.query_param("limit"); v && !v->empty()) {
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), limit);
    if (ec != std::errc() || p != v->data() + v->size() || limit < 1 || limit > 500)
      return Status(ErrorCode::kInvalid, "limit must be between 1 and 500");
  }
  return limit;
}

Result<std::string> new_definition_id() { return auth::new_id(); }

std::string str_of(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace tidewater::api
