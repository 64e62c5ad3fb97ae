// Backslash escaping of line protocol names and string values, as InfluxDB 2.7 reads them.
//
// InfluxDB has no "\\" escape in names: a backslash only escapes the byte after it when that
// byte is one of a small set, which differs per element:
//   measurement and field key (Go's escape.Unescape):  ,  "  space  =
//   tag key and tag value (models.unescapeTag):        ,  space  =
//   string field value (unescapeStringField):          \  "
// Every other backslash is kept literally.
#pragma once

#include <string>
#include <string_view>

namespace tidewater::lineprotocol::internal {

// out = raw with the escapes of measurements and field keys removed.
void assign_unescaped_name(std::string& out, std::string_view raw);
// out = raw with the escapes of tag keys and values removed.
void assign_unescaped_tag(std::string& out, std::string_view raw);
// out = raw (the bytes between the quotes) with \\ and \" unescaped.
void assign_unescaped_string(std::string& out, std::string_view raw);

// Writers: append `text` so that the readers above give it back.
void append_escaped_measurement(std::string& out, std::string_view text);
void append_escaped_tag(std::string& out, std::string_view text);
void append_escaped_field_key(std::string& out, std::string_view text);
void append_escaped_string(std::string& out, std::string_view text);

}  // namespace tidewater::lineprotocol::internal
