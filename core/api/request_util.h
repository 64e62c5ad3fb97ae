// Shared request plumbing for the resource handlers: JSON bodies and their fields, IDs,
// pagination with InfluxDB's links, Basic credentials and cookies.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/api/http.h"
#include "core/model/status.h"

namespace tidewater::api {

// The body as a JSON object; 400 "invalid json structure"-style errors otherwise.
Result<nlohmann::json> json_object_body(const Request& req);

// A member that must be a string (or absent/null, which gives nullopt); 400 on any other type.
Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const char* key);
Result<std::optional<bool>> optional_bool(const nlohmann::json& body, const char* key);

// A "status" member of users and authorizations: "active" or "inactive" when given.
Status check_active_status(const std::optional<std::string>& status, const char* what);

// InfluxDB's 16-hex-digit IDs: 400 "id must have a length of 16 bytes" or "invalid ID".
Status check_id(std::string_view id);

// limit (1..100, default 20), offset, after (an ID) and descending, as InfluxDB decodes them.
struct Page {
  int limit = 20;
  int offset = 0;
  std::string after;
  bool descending = false;
};
Result<Page> parse_page(const Request& req);

// Applies after/offset/limit to a filtered list; `id_of` gives an item's ID for `after`.
template <typename T, typename IdOf>
std::vector<T> page_of(const std::vector<T>& items, const Page& page, IdOf id_of) {
  size_t start = 0;
  if (!page.after.empty()) {
    for (size_t i = 0; i < items.size(); ++i)
      if (id_of(items[i]) == page.after) start = i + 1;
  }
  start += static_cast<size_t>(page.offset);
  std::vector<T> out;
  for (size_t i = start; i < items.size() && out.size() < static_cast<size_t>(page.limit); ++i) out.push_back(items[i]);
  return out;
}

// InfluxDB's paging links: {"self": ..., "next"?: ..., "prev"?: ...}; `filter` holds the list
// filters given (name, value), encoded with the page options in sorted key order.
nlohmann::json paging_links(std::string_view prefix, const Page& page,
                            const std::vector<std::pair<std::string, std::string>>& filter, size_t count);

// Go's url.QueryEscape.
std::string query_escape(std::string_view s);

// "Authorization: Basic base64(user:password)".
std::optional<std::pair<std::string, std::string>> basic_credentials(const Request& req);
// One cookie's value from the Cookie header.
std::optional<std::string> cookie_value(const Request& req, std::string_view name);

// The current time in Unix nanoseconds.
int64_t now_unix_ns();

}  // namespace tidewater::api
