// Formatting date/time values with a compiled pattern (time_pattern.h), as Java's
// DateTimeFormatter prints them in the en_US locale.
#include <cstdio>

#include "engine/expression/functions/scalar/time_pattern.h"
#include "engine/expression/temporal_text.h"

namespace runnel::expression::builtin {

namespace {

constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kNanosPerHour = 3600 * kNanosPerSecond;

// The calendar fields of a value, computed once per format call.
struct Fields {
    int64_t year = 0;
    unsigned month = 0, day = 0;
    int day_of_week = 0;  // 1 = Monday
    int day_of_year = 0;
    int hour = 0, minute = 0, second = 0;
    int64_t nano = 0;
};

Fields Compute(const DateTimeValue& v) {
    Fields f;
    if (v.has_date) {
        CivilFromDays(v.epoch_day, f.year, f.month, f.day);
        f.day_of_week = static_cast<int>(FloorMod(v.epoch_day + 3, 7)) + 1;
        f.day_of_year = static_cast<int>(v.epoch_day - DaysFromCivil(f.year, 1, 1)) + 1;
    }
    if (v.has_time) {
        f.hour = static_cast<int>(v.nano_of_day / kNanosPerHour);
        f.minute = static_cast<int>(v.nano_of_day / (60 * kNanosPerSecond) % 60);
        f.second = static_cast<int>(v.nano_of_day / kNanosPerSecond % 60);
        f.nano = v.nano_of_day % kNanosPerSecond;
    }
    return f;
}

// en_US week fields: weeks start on Sunday, week 1 is the one holding January 1.
int64_t WeekOneStart(int64_t year) {
    const int64_t jan1 = DaysFromCivil(year, 1, 1);
    const int64_t dow_sunday0 = FloorMod(jan1 + 4, 7);  // 1970-01-01 was a Thursday
    return jan1 - dow_sunday0;
}

void WeekBased(int64_t epoch_day, int64_t year, int64_t* week_year, int64_t* week) {
    const int64_t next = WeekOneStart(year + 1);
    if (epoch_day >= next) {
        *week_year = year + 1;
        *week = 1;
        return;
    }
    *week_year = year;
    *week = (epoch_day - WeekOneStart(year)) / 7 + 1;
}

bool AppendNumber(int64_t value, const PatternItem& it, std::string& out) {
    if (it.reduced) value = FloorMod(value, 100);
    const bool negative = value < 0;
    if (negative && it.sign == SignStyle::kNotNegative) return false;
    char digits[24];
    const uint64_t mag =
        negative ? 0ull - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    const int n =
        std::snprintf(digits, sizeof digits, "%llu", static_cast<unsigned long long>(mag));
    if (n > it.max_width) return false;
    if (negative) {
        out.push_back('-');
    } else if (it.sign == SignStyle::kExceedsPad && n > it.min_width) {
        out.push_back('+');
    }
    for (int k = n; k < it.min_width; ++k) out.push_back('0');
    out.append(digits, static_cast<size_t>(n));
    return true;
}

void AppendTwo(int v, std::string& out) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

void AppendOffset(int32_t total, const PatternItem& it, std::string& out) {
    if (total == 0) {
        out += it.zero_text;
        return;
    }
    out.push_back(total < 0 ? '-' : '+');
    const int32_t a = total < 0 ? -total : total;
    const int h = a / 3600, m = a / 60 % 60, s = a % 60;
    AppendTwo(h, out);
    const bool with_minutes = it.minutes == 2 || (it.minutes == 1 && (m != 0 || s != 0));
    if (with_minutes) {
        if (it.colon) out.push_back(':');
        AppendTwo(m, out);
        if (it.seconds == 2 || (it.seconds == 1 && s != 0)) {
            if (it.colon) out.push_back(':');
            AppendTwo(s, out);
        }
    }
}

// "GMT", "GMT+8", "GMT+08:00" (full), with seconds when not zero.
void AppendLocalizedOffset(int32_t total, bool full, std::string& out) {
    out += "GMT";
    if (total == 0) return;
    out.push_back(total < 0 ? '-' : '+');
    const int32_t a = total < 0 ? -total : total;
    const int h = a / 3600, m = a / 60 % 60, s = a % 60;
    if (full) {
        AppendTwo(h, out);
        out.push_back(':');
        AppendTwo(m, out);
        if (s != 0) {
            out.push_back(':');
            AppendTwo(s, out);
        }
        return;
    }
    out += std::to_string(h);
    if (m != 0 || s != 0) {
        out.push_back(':');
        AppendTwo(m, out);
        if (s != 0) {
            out.push_back(':');
            AppendTwo(s, out);
        }
    }
}

bool FormatRange(const std::vector<PatternItem>& items, size_t begin, size_t end,
                 const DateTimeValue& v, const Fields& f, std::string& out);

bool FormatItem(const PatternItem& it, const DateTimeValue& v, const Fields& f, std::string& out) {
    using F = PatternField;
    auto need_date = [&] { return v.has_date; };
    auto need_time = [&] { return v.has_time; };
    switch (it.field) {
        case F::kLiteral:
            out += it.literal;
            return true;
        case F::kEra:
            if (!need_date()) return false;
            out += EraName(f.year >= 1 ? 1 : 0, it.style);
            return true;
        case F::kYearOfEra:
            if (!need_date()) return false;
            return AppendNumber(f.year >= 1 ? f.year : 1 - f.year, it, out);
        case F::kYear:
            if (!need_date()) return false;
            return AppendNumber(f.year, it, out);
        case F::kWeekBasedYear:
        case F::kWeekOfWeekBasedYear: {
            if (!need_date()) return false;
            int64_t wy, w;
            WeekBased(v.epoch_day, f.year, &wy, &w);
            return AppendNumber(it.field == F::kWeekBasedYear ? wy : w, it, out);
        }
        case F::kQuarter: {
            if (!need_date()) return false;
            const int q = static_cast<int>((f.month - 1) / 3 + 1);
            if (it.text) {
                out += QuarterName(q, it.style);
                return true;
            }
            return AppendNumber(q, it, out);
        }
        case F::kMonth:
            if (!need_date()) return false;
            if (it.text) {
                out += MonthName(static_cast<int>(f.month), it.style);
                return true;
            }
            return AppendNumber(f.month, it, out);
        case F::kWeekOfMonth: {
            if (!need_date()) return false;
            const int64_t first = v.epoch_day - (f.day - 1);
            const int64_t dow_sunday0 = FloorMod(first + 4, 7);
            return AppendNumber((f.day - 1 + dow_sunday0) / 7 + 1, it, out);
        }
        case F::kDayOfYear:
            if (!need_date()) return false;
            return AppendNumber(f.day_of_year, it, out);
        case F::kDayOfMonth:
            if (!need_date()) return false;
            return AppendNumber(f.day, it, out);
        case F::kAlignedDayOfWeekInMonth:
            if (!need_date()) return false;
            return AppendNumber((f.day - 1) % 7 + 1, it, out);
        case F::kDayOfWeek:
            if (!need_date()) return false;
            out += DayOfWeekName(f.day_of_week, it.style);
            return true;
        case F::kLocalDayOfWeek:
            if (!need_date()) return false;
            return AppendNumber(f.day_of_week % 7 + 1, it, out);
        case F::kAmPm:
            if (!need_time()) return false;
            out += AmPmName(f.hour >= 12 ? 1 : 0);
            return true;
        case F::kHourOfDay:
            if (!need_time()) return false;
            return AppendNumber(f.hour, it, out);
        case F::kClockHourOfDay:
            if (!need_time()) return false;
            return AppendNumber(f.hour == 0 ? 24 : f.hour, it, out);
        case F::kHourOfAmPm:
            if (!need_time()) return false;
            return AppendNumber(f.hour % 12, it, out);
        case F::kClockHourOfAmPm:
            if (!need_time()) return false;
            return AppendNumber(f.hour % 12 == 0 ? 12 : f.hour % 12, it, out);
        case F::kMinute:
            if (!need_time()) return false;
            return AppendNumber(f.minute, it, out);
        case F::kSecond:
            if (!need_time()) return false;
            return AppendNumber(f.second, it, out);
        case F::kFraction: {
            if (!need_time()) return false;
            char digits[10];
            std::snprintf(digits, sizeof digits, "%09lld", static_cast<long long>(f.nano));
            out.append(digits, static_cast<size_t>(it.min_width));
            return true;
        }
        case F::kMilliOfDay:
            if (!need_time()) return false;
            return AppendNumber(v.nano_of_day / 1000000, it, out);
        case F::kNanoOfSecond:
            if (!need_time()) return false;
            return AppendNumber(f.nano, it, out);
        case F::kNanoOfDay:
            if (!need_time()) return false;
            return AppendNumber(v.nano_of_day, it, out);
        case F::kZoneId:
            if (!v.has_zone) return false;
            out += v.zone->id();
            return true;
        case F::kZoneText: {
            if (!v.has_zone) return false;
            const ZoneType& t = v.zone->TypeAt(v.epoch_seconds);
            if (it.full) {
                std::string_view name = ZoneFullName(v.zone->id(), t.is_dst);
                out += name.empty() ? std::string_view(t.abbreviation) : name;
            } else {
                out += t.abbreviation;  // a fixed offset's abbreviation is its ID
            }
            return true;
        }
        case F::kOffset:
            if (!v.has_zone) return false;
            AppendOffset(v.offset_seconds, it, out);
            return true;
        case F::kLocalizedOffset:
            if (!v.has_zone) return false;
            AppendLocalizedOffset(v.offset_seconds, it.full, out);
            return true;
        case F::kOptionalStart:
        case F::kOptionalEnd:
            return true;
    }
    return false;
}

bool FormatRange(const std::vector<PatternItem>& items, size_t begin, size_t end,
                 const DateTimeValue& v, const Fields& f, std::string& out) {
    for (size_t i = begin; i < end; ++i) {
        const PatternItem& it = items[i];
        if (it.field == PatternField::kOptionalStart) {
            // An optional section prints only when every field in it is available.
            const size_t mark = out.size();
            if (!FormatRange(items, i + 1, it.jump - 1, v, f, out)) out.resize(mark);
            i = it.jump - 1;
            continue;
        }
        if (!FormatItem(it, v, f, out)) return false;
    }
    return true;
}

}  // namespace

bool FormatDateTime(const DateTimePattern& pattern, const DateTimeValue& value, std::string& out) {
    const Fields f = Compute(value);
    return FormatRange(pattern.items(), 0, pattern.items().size(), value, f, out);
}

}  // namespace runnel::expression::builtin
