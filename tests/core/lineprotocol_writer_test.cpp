// The line protocol writer: canonical output, and parse(write(points)) == points.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/lineprotocol/parser.h"
#include "core/lineprotocol/writer.h"

namespace lp = tidewater::lineprotocol;
namespace model = tidewater::model;

namespace {

model::Point point(std::string measurement, std::vector<model::Tag> tags,
                   std::vector<model::Field> fields, int64_t time) {
  return model::Point{std::move(measurement), std::move(tags), std::move(fields), time};
}

std::vector<model::Point> reparse(const std::string& text) {
  auto r = lp::parse(text, model::Precision::kNanoseconds, 0);
  REQUIRE_MESSAGE(r.ok(), r.status().message() << " for " << text);
  return std::move(r).value();
}

bool bitwise_equal(const model::Point& a, const model::Point& b) {
  if (a.measurement != b.measurement || a.tags != b.tags || a.time != b.time ||
      a.fields.size() != b.fields.size()) {
    return false;
  }
  for (size_t i = 0; i < a.fields.size(); ++i) {
    const auto& x = a.fields[i];
    const auto& y = b.fields[i];
    if (x.key != y.key || x.value.index() != y.value.index()) return false;
    if (auto* d = std::get_if<double>(&x.value)) {
      if (std::memcmp(d, &std::get<double>(y.value), sizeof(double)) != 0) return false;
    } else if (x.value != y.value) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("canonical form of each field type") {
  auto p = point("cpu", {{"host", "a"}, {"zone", "b"}},
                 {{"f", 1.0}, {"g", -0.0}, {"h", 0.1}, {"i", int64_t{-3}},
                  {"u", uint64_t{18446744073709551615ULL}}, {"s", std::string("x")},
                  {"b", true}, {"c", false}},
                 1000);
  CHECK(lp::write_lines({p}) ==
        "cpu,host=a,zone=b f=1,g=-0,h=0.1,i=-3i,u=18446744073709551615u,s=\"x\",b=true,"
        "c=false 1000\n");
}

TEST_CASE("escaping") {
  auto p = point("m e,a", {{"t k=,", "v a=,l"}}, {{"f k=,", std::string("q\"b\\n\nl")}}, -5);
  const std::string text = lp::write_lines({p});
  CHECK(text == "m\\ e\\,a,t\\ k\\=\\,=v\\ a\\=\\,l f\\ k\\=\\,=\"q\\\"b\\\\n\nl\" -5\n");
  CHECK(bitwise_equal(reparse(text).at(0), p));
}

TEST_CASE("floats stay floats and keep every bit") {
  for (double v : {0.0, -0.0, 1.0, 1e21, 1e300, -1e-300, 5e-324, 0.30000000000000004,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   123456789012345678.0}) {
    auto p = point("m", {}, {{"v", v}}, 0);
    CHECK(bitwise_equal(reparse(lp::write_lines({p})).at(0), p));
  }
}

TEST_CASE("what line protocol cannot say is left out") {
  auto p = point("m", {{"empty", ""}, {"t", "1"}},
                 {{"nan", std::numeric_limits<double>::quiet_NaN()}, {"v", 1.0}}, 7);
  CHECK(lp::write_lines({p}) == "m,t=1 v=1 7\n");
  auto none = point("m", {}, {{"inf", std::numeric_limits<double>::infinity()}}, 7);
  CHECK(lp::write_lines({none}).empty());
  // An empty first field key is written after a tab, the only way InfluxDB reads one.
  auto empty_key = point("F", {}, {{"", false}}, 9);
  CHECK(lp::write_lines({empty_key}) == "F \t=false 9\n");
  CHECK(bitwise_equal(reparse(lp::write_lines({empty_key})).at(0), empty_key));
}

TEST_CASE("random points round trip") {
  // Names drawn from the bytes that matter to the escaping rules. Names ending in a backslash,
  // and field keys with a backslash before ',', ' ' or '=', have no line protocol form.
  const std::string alphabet = "ab\\ ,=\"\t\x01\xff#";
  std::mt19937_64 rng(20240611);
  auto name = [&](size_t max_len) {
    std::string s;
    const size_t len = 1 + rng() % max_len;
    for (size_t i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  auto representable = [](const std::string& s, bool field_key) {
    if (s.back() == '\\') return false;
    if (s.front() == '#' || s.front() == ' ' || s.front() == '\t') return false;  // comment/whitespace
    if (field_key) {
      for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == '\\' && (s[i + 1] == ',' || s[i + 1] == ' ' || s[i + 1] == '=')) return false;
      }
    }
    return true;
  };
  int tested = 0;
  for (int round = 0; round < 3000; ++round) {
    model::Point p;
    do p.measurement = name(6); while (!representable(p.measurement, false));
    const size_t tags = rng() % 3;
    for (size_t i = 0; i < tags; ++i) {
      model::Tag t;
      do t.key = name(5); while (!representable(t.key, false));
      do t.value = name(5); while (!representable(t.value, false));
      if (t.key == "time" || t.key == "_field" || t.key == "_measurement") continue;
      bool dup = false;
      for (auto& o : p.tags) dup |= o.key == t.key;
      if (!dup) p.tags.push_back(t);
    }
    std::sort(p.tags.begin(), p.tags.end(),
              [](const model::Tag& a, const model::Tag& b) { return a.key < b.key; });
    const size_t fields = 1 + rng() % 3;
    for (size_t i = 0; i < fields; ++i) {
      model::Field f;
      do f.key = name(5); while (!representable(f.key, true));
      bool dup = false;
      for (auto& o : p.fields) dup |= o.key == f.key;
      if (dup) continue;
      switch (rng() % 5) {
        case 0: {
          double d;
          uint64_t bits = rng();
          std::memcpy(&d, &bits, sizeof d);
          f.value = std::isfinite(d) ? d : 1.5;
          break;
        }
        case 1: f.value = static_cast<int64_t>(rng()); break;
        case 2: f.value = static_cast<uint64_t>(rng()); break;
        case 3: f.value = name(8); break;
        default: f.value = (rng() & 1) != 0;
      }
      p.fields.push_back(f);
    }
    p.time = static_cast<int64_t>(rng() % 4000000000000000000ULL) - 2000000000000000000LL;
    const std::string text = lp::write_lines({p});
    auto r = lp::parse(text, model::Precision::kNanoseconds, 0);
    if (!r.ok() || r->size() != 1 || !bitwise_equal(r->at(0), p)) {
      FAIL_CHECK("round trip failed for " << text << (r.ok() ? "" : r.status().message()));
      break;
    }
    ++tested;
  }
  CHECK(tested == 3000);
}
