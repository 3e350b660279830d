// Server log: leveled lines to stderr with a UTC timestamp and a component tag.
// Thread-safe (one write per line under a mutex).
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace runnel {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
void LogLine(LogLevel level, std::string_view component, std::string_view message);

template <typename... Args>
void Log(LogLevel level, std::string_view component, fmt::format_string<Args...> f, Args&&... args) {
    if (level < GetLogLevel()) return;
    LogLine(level, component, fmt::format(f, std::forward<Args>(args)...));
}

#define RLOG_DEBUG(comp, ...) ::runnel::Log(::runnel::LogLevel::kDebug, comp, __VA_ARGS__)
#define RLOG_INFO(comp, ...) ::runnel::Log(::runnel::LogLevel::kInfo, comp, __VA_ARGS__)
#define RLOG_WARN(comp, ...) ::runnel::Log(::runnel::LogLevel::kWarn, comp, __VA_ARGS__)
#define RLOG_ERROR(comp, ...) ::runnel::Log(::runnel::LogLevel::kError, comp, __VA_ARGS__)

}  // namespace runnel
