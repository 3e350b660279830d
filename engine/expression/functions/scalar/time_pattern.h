// Java DateTimeFormatter patterns ("yyyy-MM-dd'T'HH:mm:ss.SSSX") compiled once into a list of
// items, then used to format date/time values and to parse text, with the rules of Java's
// DateTimeFormatterBuilder.appendPattern: pattern letters and counts (G y u Y Q q M L w W E e c
// F d D a h K k H m s S A n N V z O X x Z), quoted literals with '' for a quote, optional
// sections in [ ], English names, strict widths, adjacent value parsing ("yyyyMMdd").
// Parsing is case-insensitive (ksqlDB's formatters are) and resolves like Java's SMART
// resolver (a day-of-month past the month's end is clamped), with ksqlDB's defaults for
// missing fields (1970-01-01T00:00). Week-based fields (Y w W e c) print but do not parse.
// A compiled pattern is immutable and shareable; FindPatternCached keeps a small per-thread
// cache so a pattern column costs one string comparison per row. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/expression/functions/scalar/time_names.h"
#include "engine/expression/functions/scalar/time_zone.h"

namespace runnel::expression::builtin {

enum class PatternField : uint8_t {
    kLiteral,
    kOptionalStart,  // '[': `jump` is the index after the matching ']'
    kOptionalEnd,
    kEra,
    kYearOfEra,
    kYear,
    kWeekBasedYear,
    kQuarter,
    kMonth,
    kWeekOfWeekBasedYear,
    kWeekOfMonth,
    kDayOfYear,
    kDayOfMonth,
    kAlignedDayOfWeekInMonth,
    kDayOfWeek,       // ISO 1 = Monday (text E, or e/c with 3+ letters)
    kLocalDayOfWeek,  // en_US numbering, 1 = Sunday (e/c with 1-2 letters)
    kAmPm,
    kHourOfDay,
    kClockHourOfDay,
    kHourOfAmPm,
    kClockHourOfAmPm,
    kMinute,
    kSecond,
    kFraction,  // S: the fraction of the second, fixed width
    kMilliOfDay,
    kNanoOfSecond,
    kNanoOfDay,
    kZoneId,          // VV
    kZoneText,        // z
    kOffset,          // X x Z
    kLocalizedOffset  // O, ZZZZ
};

enum class SignStyle : uint8_t { kNormal, kNotNegative, kExceedsPad };

struct PatternItem {
    PatternField field = PatternField::kLiteral;
    std::string literal;  // kLiteral
    bool text = false;    // printed as a name in `style`
    TextStyle style = TextStyle::kShort;
    int min_width = 1;  // numbers; kFraction: the digit count
    int max_width = 19;
    SignStyle sign = SignStyle::kNormal;
    bool reduced = false;  // two-digit year, base 2000
    int reserve = 0;       // parsing: digits kept for the fixed-width numbers that follow
    // Offsets: whether the parts are separated by ':', and minutes / seconds 0 = never,
    // 1 = when not zero, 2 = always; the text for a zero offset. Localized: full form.
    bool colon = false;
    int minutes = 0, seconds = 0;
    std::string zero_text;
    bool full = false;
    size_t jump = 0;  // kOptionalStart
};

class DateTimePattern {
public:
    // Invalid with Java's message for an unknown or over-long letter, an unclosed quote or a
    // reserved character.
    static Result<std::shared_ptr<const DateTimePattern>> Compile(std::string_view pattern);

    const std::string& text() const { return text_; }
    const std::vector<PatternItem>& items() const { return items_; }

private:
    std::string text_;
    std::vector<PatternItem> items_;
};

// A compiled pattern through a per-thread cache (the last few patterns seen). Null when the
// pattern is invalid.
const DateTimePattern* FindPatternCached(std::string_view pattern);

// ---- formatting ----------------------------------------------------------------------------

// A value to format: a date, a time, or a zoned date-time (for timestamps).
struct DateTimeValue {
    bool has_date = false, has_time = false, has_zone = false;
    int64_t epoch_day = 0;
    int64_t nano_of_day = 0;
    int32_t offset_seconds = 0;      // has_zone
    const TimeZone* zone = nullptr;  // has_zone
    int64_t epoch_seconds = 0;       // has_zone: the instant, for the zone's name

    static DateTimeValue Date(int64_t epoch_day);
    static DateTimeValue Time(int64_t millis_of_day);
    static DateTimeValue Instant(int64_t epoch_millis, const TimeZone* zone);
};

// Appends the formatted value. False when the pattern needs a field the value does not have
// (an hour of a DATE) or a number does not fit its width; `out` is then unspecified.
bool FormatDateTime(const DateTimePattern& pattern, const DateTimeValue& value, std::string& out);

// ---- parsing ---------------------------------------------------------------------------------

struct ParsedDateTime {
    enum Field : uint8_t {
        kEra,
        kYearOfEra,
        kYear,
        kQuarter,
        kMonth,
        kDayOfMonth,
        kDayOfYear,
        kDayOfWeek,
        kAmPm,
        kHourOfDay,
        kClockHourOfDay,
        kHourOfAmPm,
        kClockHourOfAmPm,
        kMinute,
        kSecond,
        kNanoOfSecond,
        kMilliOfDay,
        kNanoOfDay,
        kFieldCount
    };
    int64_t values[kFieldCount] = {};
    uint32_t present = 0;
    bool has_offset = false;
    int32_t offset_seconds = 0;
    const TimeZone* zone = nullptr;

    bool Has(Field f) const { return (present >> f) & 1u; }
    int64_t Get(Field f) const { return values[f]; }
    // False when the field already has a different value (Java: "Conflict found").
    bool Set(Field f, int64_t v);
};

// Parses the text. False when it does not match the pattern, or when text is left over and
// `allow_trailing` is false (ksqlDB's PARSE_DATE ignores text after the pattern's end).
bool ParseDateTime(const DateTimePattern& pattern, std::string_view text, ParsedDateTime* out,
                   bool allow_trailing = false);

// The parsed date (defaults: year 1970, month 1, day 1), time of day in nanoseconds
// (default midnight), and instant in milliseconds (an offset or zone in the text wins over
// `default_zone`). False for invalid or conflicting fields.
bool ResolveDate(const ParsedDateTime& p, int64_t* epoch_day);
bool ResolveTime(const ParsedDateTime& p, int64_t* nano_of_day);
bool ResolveInstant(const ParsedDateTime& p, const TimeZone* default_zone, int64_t* epoch_millis);

}  // namespace runnel::expression::builtin
