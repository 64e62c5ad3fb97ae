#include "core/api/database.h"

#include "core/util/file.h"

namespace tidewater::api {

Result<std::unique_ptr<Database>> Database::open(const std::string& root, const DatabaseOptions& options) {
  if (Status s = util::make_dirs(root); !s.ok()) return s;
  std::unique_ptr<Database> db(new Database(options));
  auto catalog = catalog::Catalog::open(root);
  if (!catalog.ok()) return catalog.status();
  db->catalog_ = std::move(*catalog);
  auto engine = storage::Engine::open(root, options.engine);
  if (!engine.ok()) return engine.status();
  db->engine_ = std::move(*engine);
  return db;
}

}  // namespace tidewater::api
