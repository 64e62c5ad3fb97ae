#include "core/catalog/definitions.h"

#include <algorithm>

#include "core/util/file.h"

namespace tidewater::catalog {

using nlohmann::json;

Status Definitions::load(const std::string& dir) {
  dir_ = dir;
  kinds_.clear();
  for (const char* name : kDefinitionKinds) {
    Kind k{name, {}};
    const std::string path = dir_ + "/" + name + ".json";
    auto text = util::read_file(path);
    if (!text.ok() && text.status().code() != ErrorCode::kNotFound) return text.status();
    if (text.ok()) {
      const json parsed = json::parse(*text, nullptr, false);
      if (parsed.is_discarded() || !parsed.is_array())
        return Status(ErrorCode::kInternal, "catalog file " + path + " is unreadable");
      for (const auto& doc : parsed) {
        if (!doc.is_object() || !doc.contains("id") || !doc["id"].is_string())
          return Status(ErrorCode::kInternal, "catalog file " + path + " holds a document without an id");
        k.docs.push_back(doc);
      }
    }
    kinds_.push_back(std::move(k));
  }
  return Status::Ok();
}

Definitions::Kind* Definitions::kind(std::string_view name) {
  for (auto& k : kinds_)
    if (k.name == name) return &k;
  return nullptr;
}
const Definitions::Kind* Definitions::kind(std::string_view name) const {
  for (const auto& k : kinds_)
    if (k.name == name) return &k;
  return nullptr;
}

const std::vector<json>& Definitions::all(std::string_view name) const {
  static const std::vector<json> kEmpty;
  const Kind* k = kind(name);
  return k ? k->docs : kEmpty;
}

const json* Definitions::find(std::string_view name, std::string_view id) const {
  const Kind* k = kind(name);
  if (!k) return nullptr;
  for (const auto& d : k->docs)
    if (d["id"].get_ref<const std::string&>() == id) return &d;
  return nullptr;
}

// Writes the new contents first and swaps them in only once they are on disk.
Status Definitions::save(Kind& k, std::vector<json> next) {
  if (Status s = util::write_file_atomic(dir_ + "/" + k.name + ".json", json(next).dump()); !s.ok()) return s;
  k.docs = std::move(next);
  return Status::Ok();
}

Status Definitions::put(std::string_view name, json doc) {
  Kind* k = kind(name);
  if (!k) return Status(ErrorCode::kInternal, "unknown definition kind " + std::string(name));
  std::vector<json> next = k->docs;
  auto it = std::find_if(next.begin(), next.end(), [&](const json& d) { return d["id"] == doc["id"]; });
  if (it != next.end()) *it = std::move(doc);
  else next.push_back(std::move(doc));
  return save(*k, std::move(next));
}

Status Definitions::remove(std::string_view name, std::string_view id, const char* not_found) {
  Kind* k = kind(name);
  if (!k || !find(name, id)) return Status(ErrorCode::kNotFound, not_found);
  return remove_where(name, "id", id);
}

Status Definitions::remove_where(std::string_view name, const char* field, std::string_view value) {
  Kind* k = kind(name);
  if (!k) return Status::Ok();
  std::vector<json> next;
  for (const auto& d : k->docs) {
    auto it = d.find(field);
    if (it == d.end() || !it->is_string() || it->get_ref<const std::string&>() != value) next.push_back(d);
  }
  if (next.size() == k->docs.size()) return Status::Ok();
  return save(*k, std::move(next));
}

Status Definitions::remove_org(std::string_view org_id) {
  for (auto& k : kinds_)
    if (Status s = remove_where(k.name, "orgID", org_id); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace tidewater::catalog
