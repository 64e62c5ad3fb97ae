#include "core/api/router.h"

#include <exception>
#include <new>

#include "core/api/handlers.h"

namespace tidewater::api {
namespace {

using Handler = Response (*)(Database&, const Request&);

struct Route {
  const char* path;
  const char* methods;  // space-separated
  Handler handler;
};

constexpr Route kRoutes[] = {
    {"/api/v2/setup", "GET POST", handle_setup},
    {"/api/v2/write", "POST", handle_write},
    {"/api/v2/query", "POST", handle_query},
    {"/health", "GET HEAD", handle_health},
    {"/ping", "GET HEAD", handle_ping},
};

bool method_listed(std::string_view methods, std::string_view m) {
  size_t pos = 0;
  while (pos <= methods.size()) {
    const size_t sp = methods.find(' ', pos);
    if (methods.substr(pos, sp - pos) == m) return true;
    if (sp == std::string_view::npos) break;
    pos = sp + 1;
  }
  return false;
}

}  // namespace

Response Router::dispatch(const Request& req) {
  std::string_view path = req.path;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  for (const auto& route : kRoutes) {
    if (path != route.path) continue;
    if (!method_listed(route.methods, req.method)) return Response::error(ErrorCode::kMethodNotAllowed, "method not allowed");
    return route.handler(db_, req);
  }
  return Response::error(ErrorCode::kNotFound, "path not found");
}

Response Router::handle(const Request& req) noexcept {
  Response r;
  try {
    r = dispatch(req);
  } catch (const std::bad_alloc&) {
    r = Response::error(ErrorCode::kInternal, "out of memory");
  } catch (const std::exception& e) {
    r = Response::error(ErrorCode::kInternal, e.what());
  } catch (...) {
    r = Response::error(ErrorCode::kInternal, "unexpected failure");
  }
  r.headers.emplace_back("x-influxdb-version", kInfluxVersion);
  if (req.method == "HEAD") r.body.clear();
  return r;
}

}  // namespace tidewater::api
