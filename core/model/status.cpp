#include "core/model/status.h"

namespace tidewater {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return "invalid";
    case ErrorCode::kUnauthorized: return "unauthorized";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kMethodNotAllowed: return "method not allowed";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kRequestTooLarge: return "request too large";
    case ErrorCode::kUnprocessableEntity: return "unprocessable entity";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal error";
  }
  return "internal error";
}

int error_code_http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 400;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 422;
    case ErrorCode::kRequestTooLarge: return 413;
    case ErrorCode::kUnprocessableEntity: return 422;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

}  // namespace tidewater
