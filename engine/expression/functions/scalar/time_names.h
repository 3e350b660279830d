// English (en_US) names the date/time patterns print and parse, as Java's DateTimeFormatter
// gives them with the CLDR data: months, days of the week, AM/PM, eras, quarters, and the
// names of common time zones ('zzzz') with the abbreviations that parse back to a zone ('z').
// Constant tables; thread-safe.
#pragma once

#include <array>
#include <string_view>

#include "engine/expression/functions/scalar/time_zone.h"

namespace runnel::expression::builtin {

enum class TextStyle : uint8_t { kShort, kFull, kNarrow };

// Months 1..12, days 1 = Monday .. 7 = Sunday, AM/PM 0..1, eras 0 = BC, 1 = AD, quarters 1..4.
std::string_view MonthName(int month, TextStyle style);
std::string_view DayOfWeekName(int day_of_week, TextStyle style);
std::string_view AmPmName(int am_pm);
std::string_view EraName(int era, TextStyle style);
std::string_view QuarterName(int quarter, TextStyle style);

// The full display name of a zone at a time ("Pacific Daylight Time"), empty when unknown.
std::string_view ZoneFullName(std::string_view zone_id, bool daylight);

// The zone a zone name or abbreviation at the start of `text` stands for, for parsing 'z'
// (case-insensitive, longest match): "PST" and "Pacific Standard Time" are America/Los_Angeles.
// Returns the matched length and sets *zone_id, or 0 when nothing matches.
size_t MatchZoneName(std::string_view text, std::string_view* zone_id);

}  // namespace runnel::expression::builtin
