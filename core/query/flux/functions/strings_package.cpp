// The strings and regexp packages: scalar functions on strings.
//
// Lengths and positions count Unicode code points, as Flux (Go runes) does; case mapping is
// ASCII-only, which covers what queries filter on (tag values, field names).
#include <algorithm>
#include <cctype>
#include <regex>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/util/regex.h"

namespace tidewater::query::flux {

namespace {

using ScalarFn = std::function<Result<Value>(const Arguments&)>;

Value scalar(const char* name, ScalarFn fn) {
  return make_builtin(name, [fn](Interpreter&, const Arguments& args) { return fn(args); });
}

Result<std::string> str(const Arguments& a, std::string_view fn, std::string_view name) {
  return string_argument(a, fn, name);
}

// Byte offsets of each code point start, plus the end.
std::vector<size_t> rune_offsets(const std::string& s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(s.size());
  return out;
}

std::string map_chars(std::string s, int (*f)(int)) {
  for (auto& c : s) c = static_cast<char>(f(static_cast<unsigned char>(c)));
  return s;
}

std::string replace_n(const std::string& v, const std::string& t, const std::string& u, int64_t n) {
  if (t.empty()) return v;
  std::string out;
  size_t pos = 0;
  for (int64_t done = 0; n < 0 || done < n; ++done) {
    size_t at = v.find(t, pos);
    if (at == std::string::npos) break;
    out.append(v, pos, at - pos);
    out += u;
    pos = at + t.size();
  }
  out.append(v, pos, std::string::npos);
  return out;
}

Value string_array(const std::vector<std::string>& parts) {
  auto arr = std::make_shared<Array>();
  for (const auto& p : parts) arr->elements.push_back(Value(p));
  return Value(std::shared_ptr<const Array>(arr));
}

std::vector<std::string> split_n(const std::string& v, const std::string& t, int64_t n) {
  std::vector<std::string> parts;
  if (n == 0) return parts;
  if (t.empty()) {
    auto offs = rune_offsets(v);
    for (size_t i = 0; i + 1 < offs.size(); ++i) parts.push_back(v.substr(offs[i], offs[i + 1] - offs[i]));
    return parts;
  }
  size_t pos = 0;
  while (n < 0 || static_cast<int64_t>(parts.size()) < n - 1) {
    size_t at = v.find(t, pos);
    if (at == std::string::npos) break;
    parts.push_back(v.substr(pos, at - pos));
    pos = at + t.size();
  }
  parts.push_back(v.substr(pos));
  return parts;
}

bool in_cutset(char c, const std::string& cutset) { return cutset.find(c) != std::string::npos; }

// Flux's trim family: cut characters of cutset (whitespace for trimSpace) from the ends.
std::string trim_chars(const std::string& v, const std::string& cutset, bool left, bool right) {
  size_t b = 0, e = v.size();
  while (left && b < e && in_cutset(v[b], cutset)) ++b;
  while (right && e > b && in_cutset(v[e - 1], cutset)) --e;
  return v.substr(b, e - b);
}

int64_t rune_index_of_byte(const std::string& v, size_t byte) {
  auto offs = rune_offsets(v);
  return std::lower_bound(offs.begin(), offs.end(), byte) - offs.begin();
}

// Declares a function of one string argument v returning a string.
#define TW_STRING_FN1(NAME, EXPR)                                   \
  {NAME, scalar(NAME, [](const Arguments& a) -> Result<Value> {     \
     auto v = str(a, NAME, "v");                                    \
     if (!v.ok()) return v.status();                                \
     const std::string& s = *v;                                     \
     return Value(EXPR);                                            \
   })}

// Declares a function of strings v and a second string argument ARG.
#define TW_STRING_FN2(NAME, ARG, EXPR)                              \
  {NAME, scalar(NAME, [](const Arguments& a) -> Result<Value> {     \
     auto v = str(a, NAME, "v");                                    \
     if (!v.ok()) return v.status();                                \
     auto w = str(a, NAME, ARG);                                    \
     if (!w.ok()) return w.status();                                \
     const std::string& s = *v;                                     \
     const std::string& t = *w;                                     \
     return Value(EXPR);                                            \
   })}

std::string title_case(const std::string& s) {
  std::string out = s;
  bool start = true;
  for (auto& c : out) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      start = true;
    } else {
      if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      start = false;
    }
  }
  return out;
}

std::vector<std::pair<std::string, Value>> strings_members() {
  return {
      TW_STRING_FN1("toUpper", map_chars(s, ::toupper)),
      TW_STRING_FN1("toLower", map_chars(s, ::tolower)),
      TW_STRING_FN1("toTitle", map_chars(s, ::toupper)),
      TW_STRING_FN1("title", title_case(s)),
      TW_STRING_FN1("trimSpace", trim_chars(s, " \t\n\r\v\f", true, true)),
      TW_STRING_FN1("strlen", static_cast<int64_t>(rune_offsets(s).size() - 1)),
      TW_STRING_FN1("isDigit", s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0]))),
      TW_STRING_FN1("isLetter", s.size() == 1 && std::isalpha(static_cast<unsigned char>(s[0]))),
      TW_STRING_FN1("isLower", s.size() == 1 && std::islower(static_cast<unsigned char>(s[0]))),
      TW_STRING_FN1("isUpper", s.size() == 1 && std::isupper(static_cast<unsigned char>(s[0]))),
      TW_STRING_FN2("hasPrefix", "prefix", s.rfind(t, 0) == 0),
      TW_STRING_FN2("hasSuffix", "suffix", s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0),
      TW_STRING_FN2("containsStr", "substr", s.find(t) != std::string::npos),
      TW_STRING_FN2("containsAny", "chars", s.find_first_of(t) != std::string::npos),
      TW_STRING_FN2("equalFold", "t", map_chars(s, ::tolower) == map_chars(t, ::tolower)),
      TW_STRING_FN2("compare", "t", static_cast<int64_t>(s < t ? -1 : (s == t ? 0 : 1))),
      TW_STRING_FN2("countStr", "substr", static_cast<int64_t>(split_n(s, t, -1).size() - 1)),
      TW_STRING_FN2("index", "substr", s.find(t) == std::string::npos ? int64_t{-1} : rune_index_of_byte(s, s.find(t))),
      TW_STRING_FN2("lastIndex", "substr", s.rfind(t) == std::string::npos ? int64_t{-1} : rune_index_of_byte(s, s.rfind(t))),
      TW_STRING_FN2("indexAny", "chars", s.find_first_of(t) == std::string::npos ? int64_t{-1} : rune_index_of_byte(s, s.find_first_of(t))),
      TW_STRING_FN2("lastIndexAny", "chars", s.find_last_of(t) == std::string::npos ? int64_t{-1} : rune_index_of_byte(s, s.find_last_of(t))),
      TW_STRING_FN2("trim", "cutset", trim_chars(s, t, true, true)),
      TW_STRING_FN2("trimLeft", "cutset", trim_chars(s, t, true, false)),
      TW_STRING_FN2("trimRight", "cutset", trim_chars(s, t, false, true)),
      TW_STRING_FN2("trimPrefix", "prefix", s.rfind(t, 0) == 0 ? s.substr(t.size()) : s),
      TW_STRING_FN2("trimSuffix", "suffix",
                    s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0 ? s.substr(0, s.size() - t.size()) : s),
      TW_STRING_FN2("split", "t", string_array(split_n(s, t, -1))),
      {"splitN", scalar("splitN", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "strings.splitN", "v");
         auto t = str(a, "strings.splitN", "t");
         auto n = int_argument(a, "strings.splitN", "i");
         if (!v.ok()) return v.status();
         if (!t.ok()) return t.status();
         if (!n.ok()) return n.status();
         return string_array(split_n(*v, *t, *n));
       })},
      {"replaceAll", scalar("replaceAll", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "strings.replaceAll", "v");
         auto t = str(a, "strings.replaceAll", "t");
         auto u = str(a, "strings.replaceAll", "u");
         if (!v.ok()) return v.status();
         if (!t.ok()) return t.status();
         if (!u.ok()) return u.status();
         return Value(replace_n(*v, *t, *u, -1));
       })},
      {"replace", scalar("replace", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "strings.replace", "v");
         auto t = str(a, "strings.replace", "t");
         auto u = str(a, "strings.replace", "u");
         auto i = int_argument(a, "strings.replace", "i");
         if (!v.ok()) return v.status();
         if (!t.ok()) return t.status();
         if (!u.ok()) return u.status();
         if (!i.ok()) return i.status();
         return Value(replace_n(*v, *t, *u, *i));
       })},
      {"repeat", scalar("repeat", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "strings.repeat", "v");
         auto i = int_argument(a, "strings.repeat", "i");
         if (!v.ok()) return v.status();
         if (!i.ok()) return i.status();
         if (*i < 0) return argument_error(a, "strings.repeat", "negative repeat count");
         std::string out;
         for (int64_t k = 0; k < *i; ++k) out += *v;
         return Value(out);
       })},
      {"joinStr", scalar("joinStr", [](const Arguments& a) -> Result<Value> {
         auto arr = required_argument(a, "strings.joinStr", "arr");
         auto v = str(a, "strings.joinStr", "v");
         if (!arr.ok()) return arr.status();
         if (!v.ok()) return v.status();
         if (!arr->is(Value::Kind::kArray)) return argument_error(a, "strings.joinStr", "arr must be an array of strings");
         std::string out;
         const auto& els = arr->as_array().elements;
         for (size_t i = 0; i < els.size(); ++i) {
           if (!els[i].is(Value::Kind::kString)) return argument_error(a, "strings.joinStr", "arr must be an array of strings");
           if (i) out += *v;
           out += els[i].as_string();
         }
         return Value(out);
       })},
      {"substring", scalar("substring", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "strings.substring", "v");
         auto start = int_argument(a, "strings.substring", "start");
         auto end = int_argument(a, "strings.substring", "end");
         if (!v.ok()) return v.status();
         if (!start.ok()) return start.status();
         if (!end.ok()) return end.status();
         auto offs = rune_offsets(*v);
         int64_t n = static_cast<int64_t>(offs.size()) - 1;
         int64_t b = std::clamp<int64_t>(*start, 0, n), e = std::clamp<int64_t>(*end, 0, n);
         if (e <= b) return Value(std::string());
         return Value(v->substr(offs[b], offs[e] - offs[b]));
       })},
  };
}

Result<std::shared_ptr<const RegexValue>> regex_argument(const Arguments& a, std::string_view fn) {
  const Value* r = a.get("r");
  if (r == nullptr || !r->is(Value::Kind::kRegex)) return argument_error(a, fn, "r must be a regular expression");
  return std::get<std::shared_ptr<const RegexValue>>(r->data());
}

std::vector<std::pair<std::string, Value>> regexp_members() {
  return {
      {"compile", scalar("compile", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "regexp.compile", "v");
         if (!v.ok()) return v.status();
         auto re = std::make_shared<RegexValue>();
         re->pattern = *v;
         Result<std::regex> compiled = util::compile_regex(*v);
         if (!compiled.ok()) return argument_error(a, "regexp.compile", compiled.status().message());
         re->re = std::move(compiled).value();
         return Value(std::shared_ptr<const RegexValue>(re));
       })},
      {"quoteMeta", scalar("quoteMeta", [](const Arguments& a) -> Result<Value> {
         auto v = str(a, "regexp.quoteMeta", "v");
         if (!v.ok()) return v.status();
         std::string out;
         for (char c : *v) {
           if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
           out += c;
         }
         return Value(out);
       })},
      {"matchRegexpString", scalar("matchRegexpString", [](const Arguments& a) -> Result<Value> {
         auto r = regex_argument(a, "regexp.matchRegexpString");
         auto v = str(a, "regexp.matchRegexpString", "v");
         if (!r.ok()) return r.status();
         if (!v.ok()) return v.status();
         return Value(std::regex_search(*v, (*r)->re));
       })},
      {"findString", scalar("findString", [](const Arguments& a) -> Result<Value> {
         auto r = regex_argument(a, "regexp.findString");
         auto v = str(a, "regexp.findString", "v");
         if (!r.ok()) return r.status();
         if (!v.ok()) return v.status();
         std::smatch m;
         return Value(std::regex_search(*v, m, (*r)->re) ? m.str(0) : std::string());
       })},
      {"replaceAllString", scalar("replaceAllString", [](const Arguments& a) -> Result<Value> {
         auto r = regex_argument(a, "regexp.replaceAllString");
         auto v = str(a, "regexp.replaceAllString", "v");
         auto t = str(a, "regexp.replaceAllString", "t");
         if (!r.ok()) return r.status();
         if (!v.ok()) return v.status();
         if (!t.ok()) return t.status();
         return Value(std::regex_replace(*v, (*r)->re, *t));
       })},
      {"getString", scalar("getString", [](const Arguments& a) -> Result<Value> {
         auto r = regex_argument(a, "regexp.getString");
         if (!r.ok()) return r.status();
         return Value((*r)->pattern);
       })},
      {"splitRegexp", scalar("splitRegexp", [](const Arguments& a) -> Result<Value> {
         auto r = regex_argument(a, "regexp.splitRegexp");
         auto v = str(a, "regexp.splitRegexp", "v");
         auto i = int_argument(a, "regexp.splitRegexp", "i");
         if (!r.ok()) return r.status();
         if (!v.ok()) return v.status();
         if (!i.ok()) return i.status();
         std::vector<std::string> parts;
         std::string rest = *v;
         std::smatch m;
         while ((*i < 0 || static_cast<int64_t>(parts.size()) < *i - 1) && std::regex_search(rest, m, (*r)->re) &&
                m.length(0) > 0) {
           parts.push_back(m.prefix().str());
           rest = m.suffix().str();
         }
         if (*i != 0) parts.push_back(rest);
         return string_array(parts);
       })},
  };
}

#undef TW_STRING_FN1
#undef TW_STRING_FN2

}  // namespace

void register_strings_package(PackageMap& packages) {
  packages["strings"] = make_package(strings_members());
  packages["regexp"] = make_package(regexp_members());
}

}  // namespace tidewater::query::flux
