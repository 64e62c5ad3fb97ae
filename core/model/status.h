// Status and Result<T>: how the engine reports expected failures.
//
// Expected failures (bad input, missing resources, denied access) travel as values, never as
// exceptions, so that every layer can decide what the caller sees. The codes are InfluxDB's
// error codes; core/api maps them to HTTP statuses and `{code, message}` bodies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tidewater {

enum class ErrorCode {
  kInvalid,              // 400 "invalid"
  kUnauthorized,         // 401 "unauthorized"
  kForbidden,            // 403 "forbidden"
  kNotFound,             // 404 "not found"
  kMethodNotAllowed,     // 405 "method not allowed"
  kConflict,             // 409/422 "conflict"
  kRequestTooLarge,      // 413 "request too large"
  kUnprocessableEntity,  // 422 "unprocessable entity"
  kUnavailable,          // 503 "unavailable"
  kInternal,             // 500 "internal error"
};

// InfluxDB's spelling of the code, e.g. "not found".
std::string_view error_code_name(ErrorCode code);
// The HTTP status InfluxDB answers with for the code.
int error_code_http_status(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : error_(Error{code, std::move(message)}) {}

  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  ErrorCode code() const { return error_->code; }
  const std::string& message() const { return error_->message; }

 private:
  struct Error {
    ErrorCode code;
    std::string message;
  };
  std::optional<Error> error_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status status) : v_(std::move(status)) {}
  Result(ErrorCode code, std::string message) : v_(Status(code, std::move(message))) {}

  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const Status& status() const { return std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tidewater
