// Decoding of Flux literal tokens: numbers, durations, date-times, string escapes, regexes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tidewater::query::flux {

// Each returns false with *error set when the text is not a valid literal.
bool parse_int_literal(std::string_view text, int64_t* out, std::string* error);
bool parse_float_literal(std::string_view text, double* out, std::string* error);
// "2022-01-01T00:00:00Z", "2022-01-01T00:00:00.5+01:00" or a bare date "2022-01-01".
bool parse_datetime_literal(std::string_view text, int64_t* unix_nanos, std::string* error);
// "1h30m", "1mo2d", "3y": months (y = 12mo) and nanoseconds (w = 7d).
bool parse_duration_literal(std::string_view text, int64_t* months, int64_t* nanos, std::string* error);
// Resolves one escape after a backslash in a string literal; `next` is the text after the
// backslash. Appends the decoded bytes and returns how many characters were consumed, or 0.
size_t decode_string_escape(std::string_view next, std::string* out);
// "/a\/b/" → "a/b" (only "\/" is Flux's; other escapes belong to the regex syntax).
std::string decode_regex_literal(std::string_view token_text);

// Formats a duration as Flux prints it ("1h30m", "-1d", "1mo", "0s").
std::string format_duration(int64_t months, int64_t nanos);

}  // namespace tidewater::query::flux
