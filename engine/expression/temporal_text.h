// DATE / TIME / TIMESTAMP values as text, the way ksqlDB casts them: TIMESTAMP
// 'yyyy-MM-ddTHH:mm:ss.SSS' (UTC), DATE 'yyyy-MM-dd', TIME 'HH:mm:ss' with '.SSS' only when the
// millis are not zero. Parsing accepts ksqlDB's partial ISO forms: a timestamp may stop after
// the year, month, day, hour or minute and may end with a zone ('Z', '+hh', '+hh:mm', '+hhmm');
// a date may stop after the year or month; a time needs hours and minutes.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::expression {

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
void CivilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day);

void AppendTimestampText(int64_t epoch_millis, std::string& out);
void AppendDateText(int64_t epoch_days, std::string& out);
void AppendTimeText(int64_t millis_of_day, std::string& out);

[[nodiscard]] bool ParseTimestampText(std::string_view text, int64_t* epoch_millis);
[[nodiscard]] bool ParseDateText(std::string_view text, int64_t* epoch_days);
[[nodiscard]] bool ParseTimeText(std::string_view text, int64_t* millis_of_day);

inline constexpr int64_t kMillisPerDay = 86400000;

// Floor division for the calendar: -1 ms is day -1.
inline int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

}  // namespace runnel::expression
