// Status and Result<T>: errors as values. No exception crosses a module boundary.
// Thread-safe: immutable values, safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace runnel {

enum class StatusCode {
    kOk = 0,
    kInvalidArgument,  // bad user input: statement, property, value
    kSyntaxError,      // parse error, message carries "line L:C: ..."
    kNotFound,
    kAlreadyExists,
    kNotImplemented,   // a feature that is not there yet; the message says which
    kIoError,          // Kafka, RocksDB, files
    kUnavailable,      // broker unreachable; retry
    kInternal,
};

class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

    static Status Ok() { return {}; }
    static Status Invalid(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
    static Status Syntax(std::string m) { return {StatusCode::kSyntaxError, std::move(m)}; }
    static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
    static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
    static Status NotImplemented(std::string m) { return {StatusCode::kNotImplemented, std::move(m)}; }
    static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
    static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
    static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }
    std::string ToString() const;

private:
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Status status) : status_(std::move(status)) {}  // NOLINT

    bool ok() const { return status_.ok(); }
    const Status& status() const { return status_; }
    T& value() & { return *value_; }
    const T& value() const& { return *value_; }
    T&& value() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    T& operator*() { return *value_; }

private:
    std::optional<T> value_;
    Status status_;
};

#define RUNNEL_CONCAT_INNER(a, b) a##b
#define RUNNEL_CONCAT(a, b) RUNNEL_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                      \
    do {                                           \
        ::runnel::Status _st = (expr);             \
        if (!_st.ok()) return _st;                 \
    } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                        \
    if (!tmp.ok()) return tmp.status();       \
    lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
    ASSIGN_OR_RETURN_IMPL(RUNNEL_CONCAT(_res_, __LINE__), lhs, expr)

}  // namespace runnel
