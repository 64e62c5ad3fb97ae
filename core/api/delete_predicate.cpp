#include "core/api/delete_predicate.h"

#include <algorithm>

#include <cctype>
#include <functional>

namespace tidewater::api {

namespace {

enum class Tok { kEnd, kIdent, kString, kLParen, kRParen, kEq, kNeq, kAnd, kOr, kRegexOp, kBad };

struct Token {
  Tok tok;
  std::string text;
  size_t pos;
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) { next(); }

  Result<std::vector<TagCondition>> parse() {
    std::vector<TagCondition> out;
    if (cur_.tok == Tok::kEnd) return out;
    if (Status st = expr(&out); !st.ok()) return st;
    if (cur_.tok == Tok::kRParen) return error("extra ) seen");
    if (cur_.tok != Tok::kEnd) return bad();
    return out;
  }

 private:
  Status error(const std::string& what) const { return Status(ErrorCode::kInvalid, what); }
  Status bad() const {
    if (cur_.tok == Tok::kOr) return error("the logical operator OR is not supported yet at position " + std::to_string(cur_.pos));
    return error("bad logical expression, at position " + std::to_string(cur_.pos));
  }

  // expr := term (AND term)*
  Status expr(std::vector<TagCondition>* out) {
    if (Status st = term(out); !st.ok()) return st;
    while (cur_.tok == Tok::kAnd) {
      next();
      if (Status st = term(out); !st.ok()) return st;
    }
    return Status::Ok();
  }

  // term := "(" expr ")" | key ("=" | "!=") value
  Status term(std::vector<TagCondition>* out) {
    if (cur_.tok == Tok::kLParen) {
      next();
      if (Status st = expr(out); !st.ok()) return st;
      if (cur_.tok != Tok::kRParen) return cur_.tok == Tok::kEnd ? error("extra ( seen") : bad();
      next();
      return Status::Ok();
    }
    if (cur_.tok != Tok::kIdent) return bad();
    TagCondition c;
    c.key = cur_.text;
    next();
    if (cur_.tok == Tok::kRegexOp)
      return error("operator: \"" + cur_.text + "\" at position: " + std::to_string(cur_.pos) + " is not supported yet");
    if (cur_.tok != Tok::kEq && cur_.tok != Tok::kNeq) return error("invalid operator at position " + std::to_string(cur_.pos));
    c.equal = cur_.tok == Tok::kEq;
    next();
    if (cur_.tok != Tok::kIdent && cur_.tok != Tok::kString)
      return error("invalid tag value at position " + std::to_string(cur_.pos));
    c.value = cur_.text;
    next();
    if (c.key == "_field") return error("delete by field is not supported");
    out->push_back(std::move(c));
    return Status::Ok();
  }

  void next() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    cur_ = {Tok::kEnd, "", i_};
    if (i_ >= s_.size()) return;
    const char c = s_[i_];
    auto two = [&](char second) { return i_ + 1 < s_.size() && s_[i_ + 1] == second; };
    if (c == '(' || c == ')') {
      cur_.tok = c == '(' ? Tok::kLParen : Tok::kRParen;
      ++i_;
    } else if (c == '=' && two('~')) {
      cur_ = {Tok::kRegexOp, "=~", i_};
      i_ += 2;
    } else if (c == '!' && two('~')) {
      cur_ = {Tok::kRegexOp, "!~", i_};
      i_ += 2;
    } else if (c == '!' && two('=')) {
      cur_.tok = Tok::kNeq;
      i_ += 2;
    } else if (c == '=') {
      cur_.tok = Tok::kEq;
      ++i_;
    } else if (c == '"' || c == '\'') {
      quoted(c);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const size_t start = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
      cur_.text = std::string(s_.substr(start, i_ - start));
      std::string upper;
      for (char ch : cur_.text) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
      cur_.tok = upper == "AND" ? Tok::kAnd : upper == "OR" ? Tok::kOr : Tok::kIdent;
    } else {
      cur_.tok = Tok::kBad;
      ++i_;
    }
  }

  // "..." is a (quoted) identifier and '...' a string, as InfluxQL scans them; both may be values.
  void quoted(char quote) {
    cur_.tok = quote == '"' ? Tok::kIdent : Tok::kString;
    ++i_;
    while (i_ < s_.size() && s_[i_] != quote) {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
      cur_.text.push_back(s_[i_++]);
    }
    if (i_ >= s_.size()) {
      cur_.tok = Tok::kBad;
      return;
    }
    ++i_;
  }

  std::string_view s_;
  size_t i_ = 0;
  Token cur_{Tok::kEnd, "", 0};
};

}  // namespace

Result<std::vector<TagCondition>> parse_delete_predicate(std::string_view text) { return Parser(text).parse(); }

bool DeleteRequest::matches(const storage::SeriesKey& series) const {
  for (const auto& c : conditions) {
    std::string_view actual;
    if (c.key == "_measurement") {
      actual = series.measurement;
    } else {
      for (const auto& tag : series.tags)
        if (tag.key == c.key) actual = tag.value;
    }
    if ((actual == c.value) != c.equal) return false;
  }
  return true;
}

// Storage deletes by SeriesFilter (measurement + tags that must be present with these
// values); the predicate language also has != and "missing tag = empty". So the matching
// series are found first, then each is deleted by its full tag set. A filter of a series'
// full tag set also reaches series with MORE tags; when one of those does not match the
// predicate the delete is refused before anything is removed, rather than deleting too much.
Status apply_delete(Database& db, const DeleteRequest& r) {
  const storage::TimeRange range{r.start_ns, r.stop_ns >= model::kMaxTime ? model::kMaxTime : r.stop_ns + 1};
  storage::SeriesFilter pushed;
  for (const auto& c : r.conditions)
    if (c.equal && c.key == "_measurement") pushed.measurement = c.value;
  std::vector<storage::SeriesKey> all;
  db.engine().reader(r.bucket_id)->scan(pushed, range, [&](const storage::SeriesKey& k, std::string_view, const storage::FieldColumn&) {
    if (all.empty() || !(all.back() == k)) all.push_back(k);
  });
  std::vector<storage::SeriesFilter> deletes;
  for (const auto& k : all) {
    if (!r.matches(k)) continue;
    storage::SeriesFilter f;
    f.measurement = k.measurement;
    f.tag_equals = k.tags;
    for (const auto& other : all) {
      if (r.matches(other) || other.measurement != k.measurement) continue;
      bool superset = true;
      for (const auto& t : k.tags)
        superset = superset && std::find(other.tags.begin(), other.tags.end(), t) != other.tags.end();
      if (superset)
        return Status(ErrorCode::kInvalid, "this delete predicate cannot yet be applied exactly: it matches series whose "
                                           "tags are a subset of a series it does not match; narrow it with = conditions");
    }
    deletes.push_back(std::move(f));
  }
  for (const auto& f : deletes) {
    auto removed = db.engine().delete_where(r.bucket_id, f, range);
    if (!removed.ok()) return removed.status();
  }
  return Status::Ok();
}

}  // namespace tidewater::api
