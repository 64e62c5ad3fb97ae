#include "core/process/check_status.h"

#include <cctype>

namespace tidewater::process {

namespace {

bool threshold_crossed(const nlohmann::json& t, double x) {
  const std::string type = t.value("type", "");
  if (type == "range") {
    const double lo = t.value("min", 0.0), hi = t.value("max", 0.0);
    return t.value("within", false) ? (x > lo && x < hi) : (x < lo || x > hi);
  }
  const double v = t.value("value", 0.0);
  if (type == "greater") return x > v;
  if (type == "lesser") return x < v;
  if (type == "equal") return x == v;
  return false;
}

std::string check_trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

}  // namespace

std::string threshold_level(const nlohmann::json& thresholds, double value) {
  bool has_ok = false, ok_met = false;
  for (const char* level : {"CRIT", "WARN", "INFO"}) {
    for (const auto& t : thresholds)
      if (t.is_object() && t.value("level", "") == level && threshold_crossed(t, value)) {
        std::string out = level;
        for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return out;
      }
  }
  for (const auto& t : thresholds) {
    if (!t.is_object() || t.value("level", "") != "OK") continue;
    has_ok = true;
    ok_met = ok_met || threshold_crossed(t, value);
  }
  return !has_ok || ok_met ? "ok" : "unknown";
}

std::string render_status_message(const std::string& tmpl, const std::map<std::string, std::string>& row) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find("${", i);
    const size_t close = open == std::string::npos ? std::string::npos : tmpl.find('}', open);
    if (close == std::string::npos) {
      out += tmpl.substr(i);
      break;
    }
    out += tmpl.substr(i, open - i);
    std::string ref = check_trim(tmpl.substr(open + 2, close - open - 2));
    if (ref.rfind("r.", 0) == 0) ref = ref.substr(2);
    else if (ref.rfind("r[\"", 0) == 0 && ref.size() > 5) ref = ref.substr(3, ref.size() - 5);
    if (auto it = row.find(ref); it != row.end()) out += it->second;
    i = close + 1;
  }
  return out;
}

}  // namespace tidewater::process
