// Number and boolean parsing with the exact acceptance rules of Go's strconv package.
//
// InfluxDB decides what a field value means with strconv.ParseInt/ParseUint/ParseFloat/
// ParseBool, so the line protocol parser must accept exactly what they accept (a leading '+'
// for integers, "1." and ".5" for floats, "True" but not "tRUE" for booleans) and report the
// same kind of failure ("invalid syntax" or "value out of range").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tidewater::lineprotocol::internal {

enum class NumError { kNone, kSyntax, kRange };

// strconv.ParseInt(s, 10, 64).
NumError parse_go_int64(std::string_view s, int64_t* out);
// strconv.ParseUint(s, 10, 64).
NumError parse_go_uint64(std::string_view s, uint64_t* out);
// strconv.ParseFloat(s, 64) restricted to decimal syntax: [+-](digits[.digits]|.digits)[e[+-]digits].
// Go also accepts "Inf", "NaN" and hexadecimal floats; we report those as kSyntax because
// InfluxDB cannot store NaN/Inf and no valid line protocol produces the others.
NumError parse_go_float(std::string_view s, double* out);
// strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
bool parse_go_bool(std::string_view s, bool* out);

// Go's strconv.Quote (as used by %q), simplified: printable ASCII and bytes >= 0x80 are kept,
// quotes and backslashes are escaped, other control bytes use \a \b \f \n \r \t \v or \xNN.
void append_go_quote(std::string& out, std::string_view s);

// The text of Go's *strconv.NumError, e.g. `strconv.ParseInt: parsing "9x": invalid syntax`.
std::string go_num_error_text(std::string_view func, std::string_view input, NumError err);

}  // namespace tidewater::lineprotocol::internal
