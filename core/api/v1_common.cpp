// Shared pieces of the v1 handlers: credentials, form values and DBRP lookups.
#include "core/api/request_util.h"
#include "core/api/v1_handlers.h"

namespace tidewater::api {

namespace {

Status unauthorized() { return Status(ErrorCode::kUnauthorized, "unauthorized access"); }

// The token in "Token <token>" or "Token <user>:<token>" (InfluxDB's parseToken).
std::string_view token_of(std::string_view credentials) {
  const size_t colon = credentials.find(':');
  return colon == std::string_view::npos ? credentials : credentials.substr(colon + 1);
}

std::optional<std::string> v1_token(const Request& req) {
  const auto u = req.query_param("u"), p = req.query_param("p");
  if (u && p && !u->empty() && !p->empty()) return std::string(*p);
  const auto header = req.header("authorization");
  if (!header || header->empty()) return std::nullopt;
  // Exactly two space-separated parts, as Go's strings.Split(s, " ") checks.
  const size_t sp = header->find(' ');
  if (sp != std::string_view::npos && header->find(' ', sp + 1) == std::string_view::npos &&
      header->substr(0, sp) == "Token")
    return std::string(token_of(header->substr(sp + 1)));
  if (auto basic = basic_credentials(req)) return basic->second;
  return std::nullopt;
}

}  // namespace

Result<Identity> authenticate_v1(Database& db, const Request& req) {
  const auto token = v1_token(req);
  if (!token || token->empty()) return unauthorized();
  // The token check itself is the v2 one (digest lookup, inactive tokens, inactive users).
  Request token_only;
  token_only.set_header("authorization", "Token " + *token);
  auto who = authenticate(db, token_only);
  if (!who.ok()) return who.status();
  if (!who->authorization) return unauthorized();
  return who;
}

std::optional<std::string> form_value(const Request& req, std::string_view name) {
  const bool has_form_body = (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") &&
                             req.header("content-type").value_or("").substr(0, 33) == "application/x-www-form-urlencoded";
  if (has_form_body) {
    std::string_view body = req.body;
    while (!body.empty()) {
      const size_t amp = body.find('&');
      const std::string_view pair = body.substr(0, amp);
      const size_t eq = pair.find('=');
      if (percent_decode(pair.substr(0, eq), true) == name)
        return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
      if (amp == std::string_view::npos) break;
      body.remove_prefix(amp + 1);
    }
  }
  if (auto v = req.query_param(name)) return std::string(*v);
  return std::nullopt;
}

std::vector<catalog::Dbrp> org_dbrps(const catalog::Catalog& catalog, std::string_view org_id) {
  std::vector<catalog::Dbrp> out;
  for (const auto& d : catalog.dbrps())
    if (d.org_id == org_id) out.push_back(d);
  for (const auto& b : catalog.buckets())
    if (b.org_id == org_id) out.push_back(virtual_dbrp(catalog, b));
  return out;
}

const catalog::Dbrp* find_dbrp_mapping(const std::vector<catalog::Dbrp>& mappings, std::string_view db,
                                       std::string_view rp) {
  for (const auto& d : mappings) {
    if (d.database != db) continue;
    if (rp.empty() ? d.is_default : d.retention_policy == rp) return &d;
  }
  return nullptr;
}

}  // namespace tidewater::api
