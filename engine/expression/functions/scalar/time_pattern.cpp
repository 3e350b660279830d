// Compiling Java DateTimeFormatter patterns into items (time_pattern.h), and the per-thread
// cache of compiled patterns.
#include "engine/expression/functions/scalar/time_pattern.h"

#include <array>

#include "engine/expression/temporal_text.h"

namespace runnel::expression::builtin {

namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

PatternItem Number(PatternField f, int min, int max, SignStyle sign) {
    PatternItem it;
    it.field = f;
    it.min_width = min;
    it.max_width = max;
    it.sign = sign;
    return it;
}

// appendValue(field): 1..19 digits; appendValue(field, 2): exactly two.
PatternItem OneOrTwo(PatternField f, int count) {
    return count == 1 ? Number(f, 1, 19, SignStyle::kNormal)
                      : Number(f, 2, 2, SignStyle::kNotNegative);
}

PatternItem Text(PatternField f, int count) {
    PatternItem it;
    it.field = f;
    it.text = true;
    it.style =
        count == 4 ? TextStyle::kFull : (count == 5 ? TextStyle::kNarrow : TextStyle::kShort);
    return it;
}

PatternItem YearLike(PatternField f, int count) {
    if (count == 2) {
        PatternItem it = Number(f, 2, 2, SignStyle::kNotNegative);
        it.reduced = true;
        return it;
    }
    return Number(f, count, 19, count < 4 ? SignStyle::kNormal : SignStyle::kExceedsPad);
}

// Java's offset patterns: "+HHmm", "+HHMM", "+HH:MM", "+HHMMss", "+HH:MM:ss" ...
PatternItem Offset(bool colon, int minutes, int seconds, std::string zero_text) {
    PatternItem it;
    it.field = PatternField::kOffset;
    it.colon = colon;
    it.minutes = minutes;
    it.seconds = seconds;
    it.zero_text = std::move(zero_text);
    return it;
}

// X / x with 1..5 letters.
PatternItem OffsetXx(int count, bool upper) {
    static const std::array<std::string, 5> kZeroLower = {"+00", "+0000", "+00:00", "+0000",
                                                          "+00:00"};
    std::string zero = upper ? "Z" : kZeroLower[static_cast<size_t>(count - 1)];
    switch (count) {
        case 1:
            return Offset(false, 1, 0, zero);
        case 2:
            return Offset(false, 2, 0, zero);
        case 3:
            return Offset(true, 2, 0, zero);
        case 4:
            return Offset(false, 2, 1, zero);
        default:
            return Offset(true, 2, 1, zero);
    }
}

Status TooMany(char c) { return Status::Invalid(std::string("Too many pattern letters: ") + c); }

// The item for `count` repetitions of letter `c`.
Result<PatternItem> LetterItem(char c, int count) {
    using F = PatternField;
    switch (c) {
        case 'G':
            if (count > 5) return TooMany(c);
            return Text(F::kEra, count);
        case 'y':
            return YearLike(F::kYearOfEra, count);
        case 'u':
            return YearLike(F::kYear, count);
        case 'Y':
            return YearLike(F::kWeekBasedYear, count);
        case 'Q':
        case 'q':
            if (count > 5) return TooMany(c);
            if (count <= 2) return OneOrTwo(F::kQuarter, count);
            return Text(F::kQuarter, count);
        case 'M':
        case 'L':
            if (count > 5) return TooMany(c);
            if (count <= 2) return OneOrTwo(F::kMonth, count);
            return Text(F::kMonth, count);
        case 'w':
            if (count > 2) return TooMany(c);
            return count == 1 ? Number(F::kWeekOfWeekBasedYear, 1, 2, SignStyle::kNotNegative)
                              : Number(F::kWeekOfWeekBasedYear, 2, 2, SignStyle::kNotNegative);
        case 'W':
            if (count > 1) return TooMany(c);
            return Number(F::kWeekOfMonth, 1, 1, SignStyle::kNotNegative);
        case 'E':
            if (count > 5) return TooMany(c);
            return Text(F::kDayOfWeek, count);
        case 'e':
        case 'c':
            if (count > 5 || (c == 'c' && count == 2)) return TooMany(c);
            if (count <= 2)
                return Number(F::kLocalDayOfWeek, count, count, SignStyle::kNotNegative);
            return Text(F::kDayOfWeek, count);
        case 'F':
            if (count > 1) return TooMany(c);
            return Number(F::kAlignedDayOfWeekInMonth, 1, 19, SignStyle::kNormal);
        case 'd':
        case 'h':
        case 'K':
        case 'k':
        case 'H':
        case 'm':
        case 's': {
            if (count > 2) return TooMany(c);
            F f = c == 'd'   ? F::kDayOfMonth
                  : c == 'h' ? F::kClockHourOfAmPm
                  : c == 'K' ? F::kHourOfAmPm
                  : c == 'k' ? F::kClockHourOfDay
                  : c == 'H' ? F::kHourOfDay
                  : c == 'm' ? F::kMinute
                             : F::kSecond;
            return OneOrTwo(f, count);
        }
        case 'D':
            if (count > 3) return TooMany(c);
            if (count == 1) return Number(F::kDayOfYear, 1, 19, SignStyle::kNormal);
            if (count == 2) return Number(F::kDayOfYear, 2, 3, SignStyle::kNotNegative);
            return Number(F::kDayOfYear, 3, 3, SignStyle::kNotNegative);
        case 'a':
            if (count > 1) return TooMany(c);
            return Text(F::kAmPm, 1);
        case 'S': {
            if (count > 9) return TooMany(c);
            PatternItem it = Number(F::kFraction, count, count, SignStyle::kNotNegative);
            return it;
        }
        case 'A':
        case 'n':
        case 'N': {
            F f = c == 'A' ? F::kMilliOfDay : (c == 'n' ? F::kNanoOfSecond : F::kNanoOfDay);
            if (count == 1) return Number(f, 1, 19, SignStyle::kNormal);
            return Number(f, count, 19, SignStyle::kNotNegative);
        }
        case 'V': {
            if (count != 2) return Status::Invalid("Pattern letter count must be 2: V");
            PatternItem it;
            it.field = F::kZoneId;
            return it;
        }
        case 'v':
        case 'z': {
            if (count > 4 || (c == 'v' && count != 1 && count != 4)) return TooMany(c);
            PatternItem it;
            it.field = F::kZoneText;
            it.full = count == 4;
            return it;
        }
        case 'O': {
            if (count != 1 && count != 4)
                return Status::Invalid("Pattern letter count must be 1 or 4: O");
            PatternItem it;
            it.field = F::kLocalizedOffset;
            it.full = count == 4;
            return it;
        }
        case 'X':
        case 'x':
            if (count > 5) return TooMany(c);
            return OffsetXx(count, c == 'X');
        case 'Z': {
            if (count > 5) return TooMany(c);
            if (count < 4) return Offset(false, 2, 0, "+0000");
            if (count == 5) return Offset(true, 2, 1, "Z");
            PatternItem it;
            it.field = F::kLocalizedOffset;
            it.full = true;
            return it;
        }
        default:
            return Status::Invalid(std::string("Unknown pattern letter: ") + c);
    }
}

bool IsFixedNumber(const PatternItem& it) {
    return it.field != PatternField::kLiteral && it.field != PatternField::kOptionalStart &&
           it.field != PatternField::kOptionalEnd && !it.text &&
           it.field != PatternField::kZoneId && it.field != PatternField::kZoneText &&
           it.field != PatternField::kOffset && it.field != PatternField::kLocalizedOffset &&
           it.min_width == it.max_width;
}

bool IsNumber(const PatternItem& it) {
    return it.field != PatternField::kLiteral && it.field != PatternField::kOptionalStart &&
           it.field != PatternField::kOptionalEnd && !it.text &&
           it.field != PatternField::kZoneId && it.field != PatternField::kZoneText &&
           it.field != PatternField::kOffset && it.field != PatternField::kLocalizedOffset;
}

}  // namespace

Result<std::shared_ptr<const DateTimePattern>> DateTimePattern::Compile(std::string_view pattern) {
    auto p = std::make_shared<DateTimePattern>();
    p->text_ = std::string(pattern);
    auto& items = p->items_;
    std::vector<size_t> open;
    auto add_literal = [&](std::string_view s) {
        if (!items.empty() && items.back().field == PatternField::kLiteral) {
            items.back().literal.append(s);
        } else {
            PatternItem it;
            it.literal = std::string(s);
            items.push_back(std::move(it));
        }
    };
    for (size_t pos = 0; pos < pattern.size(); ++pos) {
        const char c = pattern[pos];
        if (IsLetter(c)) {
            size_t end = pos + 1;
            while (end < pattern.size() && pattern[end] == c) ++end;
            const int count = static_cast<int>(end - pos);
            if (c == 'p') return Status::NotImplemented("Pad letter 'p' in date/time patterns");
            auto item = LetterItem(c, count);
            if (!item.ok()) return item.status();
            items.push_back(std::move(item).value());
            pos = end - 1;
        } else if (c == '\'') {
            size_t end = pos + 1;
            std::string lit;
            for (;; ++end) {
                if (end >= pattern.size()) {
                    return Status::Invalid("Pattern ends with an incomplete string literal: " +
                                           std::string(pattern));
                }
                if (pattern[end] == '\'') {
                    if (end + 1 < pattern.size() && pattern[end + 1] == '\'') {
                        lit.push_back('\'');
                        ++end;
                    } else {
                        break;
                    }
                } else {
                    lit.push_back(pattern[end]);
                }
            }
            add_literal(end == pos + 1 ? std::string_view("'") : std::string_view(lit));
            pos = end;
        } else if (c == '[') {
            open.push_back(items.size());
            PatternItem it;
            it.field = PatternField::kOptionalStart;
            items.push_back(std::move(it));
        } else if (c == ']') {
            if (open.empty()) {
                return Status::Invalid("Pattern invalid as it contains ] without previous [");
            }
            PatternItem it;
            it.field = PatternField::kOptionalEnd;
            items.push_back(std::move(it));
            items[open.back()].jump = items.size();
            open.pop_back();
        } else if (c == '{' || c == '}' || c == '#') {
            return Status::Invalid(std::string("Pattern includes reserved character: '") + c + "'");
        } else {
            add_literal(std::string_view(&c, 1));
        }
    }
    // Unclosed '[' sections run to the end of the pattern.
    while (!open.empty()) {
        PatternItem it;
        it.field = PatternField::kOptionalEnd;
        items.push_back(std::move(it));
        items[open.back()].jump = items.size();
        open.pop_back();
    }
    // Adjacent value parsing: a variable-width number leaves room for the fixed-width numbers
    // directly after it ("yyyyMMdd" reads the year from all but the last four digits).
    for (size_t i = 0; i < items.size(); ++i) {
        if (!IsNumber(items[i]) || IsFixedNumber(items[i])) continue;
        int reserve = 0;
        for (size_t j = i + 1; j < items.size() && IsFixedNumber(items[j]); ++j) {
            reserve += items[j].min_width;
        }
        items[i].reserve = reserve;
    }
    return std::shared_ptr<const DateTimePattern>(std::move(p));
}

const DateTimePattern* FindPatternCached(std::string_view pattern) {
    struct Entry {
        std::string text;
        std::shared_ptr<const DateTimePattern> compiled;  // null: invalid pattern
        bool used = false;
    };
    thread_local std::array<Entry, 16> entries;
    thread_local size_t next = 0;
    for (const auto& e : entries) {
        if (e.used && e.text == pattern) return e.compiled.get();
    }
    auto compiled = DateTimePattern::Compile(pattern);
    Entry& e = entries[next];
    next = (next + 1) % entries.size();
    e.text.assign(pattern.data(), pattern.size());
    e.compiled = compiled.ok() ? std::move(compiled).value() : nullptr;
    e.used = true;
    return e.compiled.get();
}

DateTimeValue DateTimeValue::Date(int64_t epoch_day) {
    DateTimeValue v;
    v.has_date = true;
    v.epoch_day = epoch_day;
    return v;
}

DateTimeValue DateTimeValue::Time(int64_t millis_of_day) {
    DateTimeValue v;
    v.has_time = true;
    v.nano_of_day = FloorMod(millis_of_day, kMillisPerDay) * 1000000;
    return v;
}

DateTimeValue DateTimeValue::Instant(int64_t epoch_millis, const TimeZone* zone) {
    DateTimeValue v;
    v.has_date = v.has_time = v.has_zone = true;
    v.zone = zone;
    v.epoch_seconds = FloorDiv(epoch_millis, 1000);
    v.offset_seconds = zone->OffsetAt(v.epoch_seconds);
    const int64_t local_millis = epoch_millis + static_cast<int64_t>(v.offset_seconds) * 1000;
    v.epoch_day = FloorDiv(local_millis, kMillisPerDay);
    v.nano_of_day = FloorMod(local_millis, kMillisPerDay) * 1000000;
    return v;
}

}  // namespace runnel::expression::builtin
