// ISO-8601 date, time and timestamp text as Debezium and Kafka Connect write it (e.g.
// io.debezium.time.ZonedTimestamp "2024-03-01T10:15:30.123456Z"): parsing into Runnel's
// DATE (days since epoch), TIME (millis of day) and TIMESTAMP (millis since epoch, UTC).
// Fractions of up to nine digits are truncated to millis. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace runnel::serde {

// "yyyy-MM-dd" (the year may carry a sign and more than four digits).
[[nodiscard]] bool ParseIsoDate(std::string_view text, int64_t* epoch_days);

// "HH:mm[:ss[.fffffffff]]" with an optional offset ("Z", "+hh", "+hh:mm", "+hhmm"); an offset
// moves the time to UTC, wrapping around midnight.
[[nodiscard]] bool ParseIsoTime(std::string_view text, int64_t* millis_of_day);

// A date, 'T' or ' ', a time as above; without an offset the time is UTC.
[[nodiscard]] bool ParseIsoTimestamp(std::string_view text, int64_t* epoch_millis);

}  // namespace runnel::serde
