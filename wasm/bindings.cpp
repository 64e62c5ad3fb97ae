// The Embind surface: one small class. Everything else is the InfluxDB HTTP API, reached
// through Router::handle, so JavaScript needs no other entry point into the engine.
//
// No exception crosses into JavaScript: open() and handle() catch everything and answer with
// values (an error string, an error response).
#include <emscripten/bind.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>  // EMSCRIPTEN_KEEPALIVE, which em_js.h uses without including
#include <emscripten/val.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api/authenticate.h"
#include "core/api/database.h"
#include "core/api/router.h"
#include "core/auth/permission.h"
#include "core/process/scheduler_tick.h"
#include "core/process/delivery.h"
#include "core/replication/replication_outbox.h"

using emscripten::val;

// Whether the running query should stop: EngineHost sets Module.twQueryInterrupted while a
// query with an AbortSignal or a timeout runs (its deadline, its shared abort flag).
EM_JS(int, tw_query_interrupted, (), {
  const poll = Module["twQueryInterrupted"];
  return poll && poll() ? 1 : 0;
});

namespace tidewater {
namespace {

class WasmDatabase {
 public:
  // Opens the database under root (a folder the JS host has mounted: MEMFS, IDBFS or NODEFS).
  // sync: fsync each WAL record (real disks); IDBFS hosts pass false and sync the mount instead.
  // Returns "" on success, else the error message.
  std::string open(const std::string& root, bool sync) {
    try {
      api::DatabaseOptions options;
      options.engine.sync = sync;
      options.max_query_memory_bytes = max_query_memory_bytes_;
      options.query_interrupted = [] { return tw_query_interrupted() != 0; };
      auto db = api::Database::open(root, options);
      if (!db.ok()) return db.status().message();
      db_ = std::move(*db);
      router_ = std::make_unique<api::Router>(*db_);
      return "";
    } catch (const std::exception& e) {
      return std::string("failed to open database: ") + e.what();
    } catch (...) {
      return "failed to open database";
    }
  }

  // Bytes of tables one Flux query may hold; set before open() (default 1 GiB).
  void setQueryMemoryLimit(double bytes) {
    if (bytes >= 1) max_query_memory_bytes_ = bytes >= 4e9 ? size_t{4'000'000'000} : static_cast<size_t>(bytes);
  }

  // headers: a flat JS array [name, value, name, value, ...]. Returns {status, headers, body}
  // with headers in the same flat form.
  val handle(const std::string& method, const std::string& target, const val& headers, std::string body) {
    api::Response res;
    try {
      if (!router_) {
        res = api::Response::error(ErrorCode::kUnavailable, "database is closed");
      } else {
        api::Request req = api::Request::from_target(method, target);
        const unsigned n = headers["length"].as<unsigned>();
        for (unsigned i = 0; i + 1 < n; i += 2) req.set_header(headers[i].as<std::string>(), headers[i + 1].as<std::string>());
        req.body = std::move(body);
        res = router_->handle(req);
      }
    } catch (...) {
      res = api::Response::error(ErrorCode::kInternal, "unexpected failure");
    }
    val out = val::object();
    out.set("status", res.status);
    val hs = val::array();
    for (const auto& [k, v] : res.headers) {
      hs.call<void>("push", k);
      hs.call<void>("push", v);
    }
    out.set("headers", hs);
    out.set("body", res.body);
    return out;
  }

  // Replication (core/replication/replication_outbox.h) for wasm/replication_sender.js: JSON
  // text in, JSON text or "" out; nothing throws.
  std::string replicationTargets() {
    return db_ ? replication::outbox_targets(*db_) : R"({"error":"database is closed"})";
  }
  std::string replicationNextBatch(const std::string& id, double max_bytes) {
    return db_ ? replication::outbox_next_batch(*db_, id, max_bytes >= 1 ? static_cast<size_t>(max_bytes) : 1)
               : R"({"error":"database is closed"})";
  }
  std::string replicationReport(const std::string& id, const std::string& end, bool acknowledge, int code,
                                const std::string& message) {
    return db_ ? replication::outbox_report(*db_, id, end, acknowledge, code, message) : "database is closed";
  }

  // Runs the tasks and checks due at now_ms (Unix milliseconds; the host's timer calls this,
  // and once on open to catch up missed runs). Returns a JSON array of what ran:
  // [{kind, taskID, runID, status, error, scheduledFor, manual, outbox}], "[]" when closed;
  // outbox: the notification requests the host sends ({url, method, headers, body}).
  std::string runDue(double now_ms) {
    nlohmann::json out = nlohmann::json::array();
    try {
      if (!db_) return "[]";
      for (const auto& r : process::run_due(*db_, static_cast<int64_t>(now_ms) * 1'000'000)) {
        nlohmann::json outbox = nlohmann::json::array();
        for (const auto& request : r.outbox) outbox.push_back(nlohmann::json::parse(request, nullptr, false));
        out.push_back({{"kind", r.kind}, {"taskID", r.task_id}, {"runID", r.run_id}, {"status", r.status}, {"error", r.error},
                       {"scheduledFor", r.scheduled_for / 1'000'000}, {"manual", r.manual}, {"outbox", outbox}});
      }
      return out.dump();
    } catch (...) {
      return "[]";
    }
  }

  // Notification requests queries queued (slack.message, http.post, monitor.notify): a JSON
  // array the host sends, "[]" when closed (process/delivery.h).
  std::string takeNotifications() {
    try {
      return db_ ? process::take_notifications(*db_) : "[]";
    } catch (...) {
      return "[]";
    }
  }
  // The host's outcome of one request ({sent, status?, reason?}): writes the notifications row
  // the request carries. Returns "" or the error.
  std::string reportNotification(const std::string& request, const std::string& result) {
    try {
      if (!db_) return "database is closed";
      return process::record_delivery(*db_, nlohmann::json::parse(request, nullptr, false), nlohmann::json::parse(result, nullptr, false));
    } catch (...) {
      return "delivery report failed";
    }
  }

  // The write path's body transfer. Embind converts a JS string to std::string one character
  // at a time in JavaScript (a sixth of wasm ingest time); instead the host encodes the body
  // with TextEncoder straight into this buffer (a view of wasm memory, valid until the next
  // allocation) and handleBody() moves it into the request.
  val bodyBuffer(double size) {
    body_.resize(static_cast<size_t>(size));
    return val(emscripten::typed_memory_view(body_.size(), reinterpret_cast<unsigned char*>(body_.data())));
  }

  // handle() with the first length bytes of bodyBuffer() as the body.
  val handleBody(const std::string& method, const std::string& target, const val& headers, double length) {
    std::string body = std::move(body_);
    body_ = std::string();
    if (length >= 0 && static_cast<size_t>(length) < body.size()) body.resize(static_cast<size_t>(length));
    return handle(method, target, headers, std::move(body));
  }

  // Flushes the cache into segment files and empties the WAL, leaving the database open: the
  // files under root are then a consistent copy on their own (wasm/backup.js packs them).
  // Returns "" or the error.
  std::string checkpoint() {
    try {
      if (!db_) return "database is closed";
      Status s = db_->engine().flush();
      return s.ok() ? "" : s.message();
    } catch (...) {
      return "failed to flush";
    }
  }

  // Whether the request's credentials (headers as handle() takes them) are the operator's:
  // read and write on every resource type of every org. Whole-database operations (a backup
  // holds every org's data and every token's hash) are the operator's alone.
  bool isOperator(const val& headers) {
    try {
      if (!db_) return false;
      api::Request req = api::Request::from_target("GET", "/");
      const unsigned n = headers["length"].as<unsigned>();
      for (unsigned i = 0; i + 1 < n; i += 2) req.set_header(headers[i].as<std::string>(), headers[i + 1].as<std::string>());
      auto who = api::authenticate(*db_, req);
      if (!who.ok()) return false;
      for (const auto& type : auth::resource_types()) {
        if (!auth::allows(who->permissions, auth::Action::kRead, type, "", "") ||
            !auth::allows(who->permissions, auth::Action::kWrite, type, "", ""))
          return false;
      }
      return true;
    } catch (...) {
      return false;
    }
  }

  // Flushes to segment files; returns "" or the error (the database is released either way).
  std::string close() {
    std::string error;
    try {
      if (db_) {
        Status s = db_->close();
        if (!s.ok()) error = s.message();
      }
    } catch (...) {
      error = "failed to flush on close";
    }
    router_.reset();
    db_.reset();
    return error;
  }

 private:
  std::unique_ptr<api::Database> db_;
  std::unique_ptr<api::Router> router_;
  size_t max_query_memory_bytes_ = size_t{1} << 30;
  std::string body_;  // bodyBuffer()'s bytes until handleBody() takes them
};

}  // namespace
}  // namespace tidewater

EMSCRIPTEN_BINDINGS(tidewater) {
  emscripten::class_<tidewater::WasmDatabase>("WasmDatabase")
      .constructor<>()
      .function("open", &tidewater::WasmDatabase::open)
      .function("handle", &tidewater::WasmDatabase::handle)
      .function("setQueryMemoryLimit", &tidewater::WasmDatabase::setQueryMemoryLimit)
      .function("bodyBuffer", &tidewater::WasmDatabase::bodyBuffer)
      .function("handleBody", &tidewater::WasmDatabase::handleBody)
      .function("runDue", &tidewater::WasmDatabase::runDue)
      .function("takeNotifications", &tidewater::WasmDatabase::takeNotifications)
      .function("reportNotification", &tidewater::WasmDatabase::reportNotification)
      .function("replicationTargets", &tidewater::WasmDatabase::replicationTargets)
      .function("replicationNextBatch", &tidewater::WasmDatabase::replicationNextBatch)
      .function("replicationReport", &tidewater::WasmDatabase::replicationReport)
      .function("checkpoint", &tidewater::WasmDatabase::checkpoint)
      .function("isOperator", &tidewater::WasmDatabase::isOperator)
      .function("close", &tidewater::WasmDatabase::close);
}
