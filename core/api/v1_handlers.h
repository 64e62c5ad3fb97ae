// InfluxDB 2.7's v1 compatibility API: /query (InfluxQL) and /write, authenticated the v1 way
// and reaching buckets through DBRP mappings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/handlers.h"

namespace tidewater::api {

Response handle_v1_query(Call& c);  // GET, POST /query
Response handle_v1_write(Call& c);  // POST /write

// v1 credentials, as InfluxDB 2.7 reads them: ?u=&p= (both set), "Authorization: Token
// [user:]token", or Basic auth; the password is always an API token. 401 otherwise.
Result<Identity> authenticate_v1(Database& db, const Request& req);

// Go's Request.FormValue: a url-encoded POST body's value first, then the URL's.
std::optional<std::string> form_value(const Request& req, std::string_view name);

// The DBRP mappings of an org: explicit ones first, then each bucket's virtual one.
std::vector<catalog::Dbrp> org_dbrps(const catalog::Catalog& catalog, std::string_view org_id);

// The mapping for db and rp ("" = the database's default mapping), or null.
const catalog::Dbrp* find_dbrp_mapping(const std::vector<catalog::Dbrp>& mappings, std::string_view db,
                                       std::string_view rp);

}  // namespace tidewater::api
