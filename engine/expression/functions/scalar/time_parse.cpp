// Parsing text with a compiled pattern (time_pattern.h) and resolving the parsed fields into a
// date, a time of day or an instant, as Java's DateTimeFormatter does with the SMART resolver
// and ksqlDB's defaults.
#include <cctype>

#include "engine/expression/functions/scalar/time_pattern.h"
#include "engine/expression/temporal_text.h"

namespace runnel::expression::builtin {

namespace {

using P = ParsedDateTime;

constexpr int64_t kNanosPerSecond = 1000000000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool MatchesIgnoreCase(std::string_view text, size_t pos, std::string_view word) {
    if (word.empty() || text.size() - pos < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
        if (Lower(text[pos + i]) != Lower(word[i])) return false;
    }
    return true;
}

bool IsZoneIdChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '+' ||
           c == '-' || c == '~' || c == '.';
}

class Parser {
public:
    Parser(std::string_view text, ParsedDateTime* out) : text_(text), out_(out) {}

    bool Run(const std::vector<PatternItem>& items, bool allow_trailing) {
        return Range(items, 0, items.size()) && (allow_trailing || pos_ == text_.size());
    }

private:
    bool Range(const std::vector<PatternItem>& items, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const PatternItem& it = items[i];
            if (it.field == PatternField::kOptionalStart) {
                const size_t saved_pos = pos_;
                const ParsedDateTime saved = *out_;
                if (!Range(items, i + 1, it.jump - 1)) {
                    pos_ = saved_pos;
                    *out_ = saved;
                }
                i = it.jump - 1;
                continue;
            }
            if (!Item(it)) return false;
        }
        return true;
    }

    bool Number(const PatternItem& it, int64_t* value) {
        bool negative = false;
        if (pos_ < text_.size() && it.sign != SignStyle::kNotNegative &&
            (text_[pos_] == '-' || (text_[pos_] == '+' && it.sign == SignStyle::kExceedsPad))) {
            negative = text_[pos_] == '-';
            ++pos_;
        }
        size_t avail = 0;
        while (pos_ + avail < text_.size() && IsDigit(text_[pos_ + avail])) ++avail;
        size_t take;
        if (it.min_width == it.max_width) {
            take = static_cast<size_t>(it.min_width);
            if (avail < take) return false;
        } else {
            take = avail < static_cast<size_t>(it.max_width) ? avail
                                                             : static_cast<size_t>(it.max_width);
            if (it.reserve > 0) {
                if (avail < static_cast<size_t>(it.reserve)) return false;
                take = std::min(take, avail - static_cast<size_t>(it.reserve));
            }
            if (take < static_cast<size_t>(it.min_width)) return false;
        }
        uint64_t v = 0;
        for (size_t k = 0; k < take; ++k) {
            const uint64_t d = static_cast<uint64_t>(text_[pos_ + k] - '0');
            if (v > (UINT64_MAX - d) / 10) return false;
            v = v * 10 + d;
        }
        if (v > static_cast<uint64_t>(INT64_MAX)) return false;
        pos_ += take;
        *value = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
        if (it.reduced) *value += 2000;
        return true;
    }

    // The longest of `count` names (index + first) that matches here.
    template <typename NameFn>
    bool Text(int first, int count, NameFn name, int64_t* value) {
        size_t best = 0;
        for (int k = first; k < first + count; ++k) {
            std::string_view n = name(k);
            if (n.size() > best && MatchesIgnoreCase(text_, pos_, n)) {
                best = n.size();
                *value = k;
            }
        }
        if (best == 0) return false;
        pos_ += best;
        return true;
    }

    bool TwoDigits(int* v) {
        if (pos_ + 2 > text_.size() || !IsDigit(text_[pos_]) || !IsDigit(text_[pos_ + 1])) {
            return false;
        }
        *v = (text_[pos_] - '0') * 10 + (text_[pos_ + 1] - '0');
        pos_ += 2;
        return true;
    }

    // One part of an offset after the hours: required (2) or optional (1).
    bool OffsetPart(const PatternItem& it, int mode, int* v) {
        if (mode == 0) return true;
        const size_t saved = pos_;
        if (it.colon && !(pos_ < text_.size() && text_[pos_] == ':')) {
            return mode == 1;
        }
        if (it.colon) ++pos_;
        if (TwoDigits(v)) return true;
        pos_ = saved;
        return mode == 1;
    }

    bool Offset(const PatternItem& it) {
        if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
            const size_t saved = pos_;
            const int sign = text_[pos_] == '-' ? -1 : 1;
            ++pos_;
            int h = 0, m = 0, s = 0;
            bool ok = TwoDigits(&h);
            const size_t before_minutes = pos_;
            ok = ok && OffsetPart(it, it.minutes, &m);
            if (ok && pos_ != before_minutes) ok = OffsetPart(it, it.seconds, &s);
            if (ok && h <= 18 && m <= 59 && s <= 59)
                return SetOffset(sign * (h * 3600 + m * 60 + s));
            pos_ = saved;
        }
        if (MatchesIgnoreCase(text_, pos_, it.zero_text)) {
            pos_ += it.zero_text.size();
            return SetOffset(0);
        }
        return false;
    }

    bool LocalizedOffset(const PatternItem& it) {
        if (!MatchesIgnoreCase(text_, pos_, "GMT")) return false;
        pos_ += 3;
        if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) return SetOffset(0);
        const int sign = text_[pos_] == '-' ? -1 : 1;
        ++pos_;
        int h = 0, m = 0, s = 0;
        size_t digits = 0;
        while (pos_ + digits < text_.size() && digits < 2 && IsDigit(text_[pos_ + digits]))
            ++digits;
        if (digits == 0 || (it.full && digits != 2)) return false;
        for (size_t k = 0; k < digits; ++k) h = h * 10 + (text_[pos_ + k] - '0');
        pos_ += digits;
        if (pos_ < text_.size() && text_[pos_] == ':') {
            ++pos_;
            if (!TwoDigits(&m)) return false;
            if (pos_ < text_.size() && text_[pos_] == ':') {
                ++pos_;
                if (!TwoDigits(&s)) return false;
            }
        } else if (it.full) {
            return false;
        }
        if (h > 18 || m > 59 || s > 59) return false;
        return SetOffset(sign * (h * 3600 + m * 60 + s));
    }

    bool SetOffset(int32_t seconds) {
        if (out_->has_offset && out_->offset_seconds != seconds) return false;
        out_->has_offset = true;
        out_->offset_seconds = seconds;
        return true;
    }

    bool SetZone(const TimeZone* z) {
        if (!z) return false;
        out_->zone = z;
        return true;
    }

    // A zone ID here: an offset ("+02:00", "Z"), a prefix form ("UTC+1") or a region ID;
    // the longest prefix of the ID characters that names a zone.
    bool ZoneId() {
        size_t n = 0;
        while (pos_ + n < text_.size() && IsZoneIdChar(text_[pos_ + n])) ++n;
        if (n == 0) return false;
        // The whole run first, through the per-thread cache (the usual case: an ID alone).
        if (const TimeZone* z = FindTimeZoneCached(text_.substr(pos_, n))) {
            pos_ += n;
            return SetZone(z);
        }
        for (size_t len = n - 1; len > 0; --len) {
            auto z = FindTimeZone(text_.substr(pos_, len));
            if (z.ok()) {
                pos_ += len;
                return SetZone(z.value());
            }
        }
        return false;
    }

    bool ZoneText() {
        std::string_view id;
        size_t len = MatchZoneName(text_.substr(pos_), &id);
        if (len > 0) {
            auto z = FindTimeZone(id);
            if (z.ok()) {
                // Prefer a longer region ID that also matches ("UTC" vs "UTC+01:00").
                const size_t saved = pos_;
                if (ZoneId() && pos_ - saved > len) return true;
                pos_ = saved + len;
                return SetZone(z.value());
            }
        }
        return ZoneId();
    }

    bool Item(const PatternItem& it) {
        using F = PatternField;
        int64_t v = 0;
        switch (it.field) {
            case F::kLiteral:
                if (!MatchesIgnoreCase(text_, pos_, it.literal)) return false;
                pos_ += it.literal.size();
                return true;
            case F::kEra:
                return Text(
                           0, 2, [&](int k) { return EraName(k, it.style); }, &v) &&
                       out_->Set(P::kEra, v);
            case F::kYearOfEra:
                return Number(it, &v) && out_->Set(P::kYearOfEra, v);
            case F::kYear:
                return Number(it, &v) && out_->Set(P::kYear, v);
            case F::kQuarter:
                if (it.text) {
                    return Text(
                               1, 4, [&](int k) { return QuarterName(k, it.style); }, &v) &&
                           out_->Set(P::kQuarter, v);
                }
                return Number(it, &v) && out_->Set(P::kQuarter, v);
            case F::kMonth:
                if (it.text) {
                    return Text(
                               1, 12, [&](int k) { return MonthName(k, it.style); }, &v) &&
                           out_->Set(P::kMonth, v);
                }
                return Number(it, &v) && out_->Set(P::kMonth, v);
            case F::kDayOfYear:
                return Number(it, &v) && out_->Set(P::kDayOfYear, v);
            case F::kDayOfMonth:
                return Number(it, &v) && out_->Set(P::kDayOfMonth, v);
            case F::kDayOfWeek:
                return Text(
                           1, 7, [&](int k) { return DayOfWeekName(k, it.style); }, &v) &&
                       out_->Set(P::kDayOfWeek, v);
            case F::kLocalDayOfWeek:
                if (!Number(it, &v) || v < 1 || v > 7) return false;
                return out_->Set(P::kDayOfWeek, v == 1 ? 7 : v - 1);
            case F::kAmPm:
                return Text(
                           0, 2, [](int k) { return AmPmName(k); }, &v) &&
                       out_->Set(P::kAmPm, v);
            case F::kHourOfDay:
                return Number(it, &v) && out_->Set(P::kHourOfDay, v);
            case F::kClockHourOfDay:
                return Number(it, &v) && out_->Set(P::kClockHourOfDay, v);
            case F::kHourOfAmPm:
                return Number(it, &v) && out_->Set(P::kHourOfAmPm, v);
            case F::kClockHourOfAmPm:
                return Number(it, &v) && out_->Set(P::kClockHourOfAmPm, v);
            case F::kMinute:
                return Number(it, &v) && out_->Set(P::kMinute, v);
            case F::kSecond:
                return Number(it, &v) && out_->Set(P::kSecond, v);
            case F::kFraction: {
                if (!Number(it, &v)) return false;
                for (int k = it.min_width; k < 9; ++k) v *= 10;
                return out_->Set(P::kNanoOfSecond, v);
            }
            case F::kMilliOfDay:
                return Number(it, &v) && out_->Set(P::kMilliOfDay, v);
            case F::kNanoOfSecond:
                return Number(it, &v) && out_->Set(P::kNanoOfSecond, v);
            case F::kNanoOfDay:
                return Number(it, &v) && out_->Set(P::kNanoOfDay, v);
            case F::kZoneId:
                return ZoneId();
            case F::kZoneText:
                return ZoneText();
            case F::kOffset:
                return Offset(it);
            case F::kLocalizedOffset:
                return LocalizedOffset(it);
            case F::kWeekBasedYear:
            case F::kWeekOfWeekBasedYear:
            case F::kWeekOfMonth:
            case F::kAlignedDayOfWeekInMonth:
                return false;  // week-based fields do not parse (documented)
            case F::kOptionalStart:
            case F::kOptionalEnd:
                return true;
        }
        return false;
    }

    std::string_view text_;
    ParsedDateTime* out_;
    size_t pos_ = 0;
};

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int64_t m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

bool ResolveYear(const ParsedDateTime& p, int64_t* year) {
    *year = 1970;
    bool have = false;
    if (p.Has(P::kYearOfEra)) {
        const int64_t yoe = p.Get(P::kYearOfEra);
        const int64_t era = p.Has(P::kEra) ? p.Get(P::kEra) : 1;
        if (yoe < 1 && p.Has(P::kEra)) return false;
        *year = era == 1 ? yoe : 1 - yoe;
        have = true;
    }
    if (p.Has(P::kYear)) {
        if (have && *year != p.Get(P::kYear)) return false;
        *year = p.Get(P::kYear);
    }
    return *year > -1000000000 && *year < 1000000000;
}

}  // namespace

bool ParsedDateTime::Set(Field f, int64_t v) {
    if (Has(f) && values[f] != v) return false;
    values[f] = v;
    present |= 1u << f;
    return true;
}

bool ParseDateTime(const DateTimePattern& pattern, std::string_view text, ParsedDateTime* out,
                   bool allow_trailing) {
    *out = ParsedDateTime();
    Parser parser(text, out);
    return parser.Run(pattern.items(), allow_trailing);
}

bool ResolveDate(const ParsedDateTime& p, int64_t* epoch_day) {
    int64_t year;
    if (!ResolveYear(p, &year)) return false;
    int64_t day;
    const bool has_md = p.Has(P::kMonth) || p.Has(P::kDayOfMonth);
    if (p.Has(P::kDayOfYear) && !has_md) {
        const int64_t doy = p.Get(P::kDayOfYear);
        if (doy < 1 || doy > (IsLeap(year) ? 366 : 365)) return false;
        day = DaysFromCivil(year, 1, 1) + doy - 1;
    } else {
        const int64_t month = p.Has(P::kMonth) ? p.Get(P::kMonth) : 1;
        int64_t dom = p.Has(P::kDayOfMonth) ? p.Get(P::kDayOfMonth) : 1;
        if (month < 1 || month > 12 || dom < 1 || dom > 31) return false;
        if (dom > DaysInMonth(year, month)) dom = DaysInMonth(year, month);  // SMART
        day = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(dom));
        if (p.Has(P::kDayOfYear) && day - DaysFromCivil(year, 1, 1) + 1 != p.Get(P::kDayOfYear)) {
            return false;
        }
    }
    if (p.Has(P::kQuarter)) {
        int64_t y;
        unsigned m, d;
        CivilFromDays(day, y, m, d);
        if (static_cast<int64_t>((m - 1) / 3 + 1) != p.Get(P::kQuarter)) return false;
    }
    if (p.Has(P::kDayOfWeek) && FloorMod(day + 3, 7) + 1 != p.Get(P::kDayOfWeek)) return false;
    *epoch_day = day;
    return true;
}

bool ResolveTime(const ParsedDateTime& p, int64_t* nano_of_day) {
    int64_t hour = -1;
    auto set_hour = [&](int64_t h) {
        if (hour >= 0 && hour != h) return false;
        hour = h;
        return true;
    };
    if (p.Has(P::kHourOfDay)) {
        const int64_t h = p.Get(P::kHourOfDay);
        if (h < 0 || h > 23 || !set_hour(h)) return false;
    }
    if (p.Has(P::kClockHourOfDay)) {
        const int64_t h = p.Get(P::kClockHourOfDay);
        if (h < 1 || h > 24 || !set_hour(h == 24 ? 0 : h)) return false;
    }
    const bool half_day = p.Has(P::kHourOfAmPm) || p.Has(P::kClockHourOfAmPm);
    if (half_day) {
        int64_t h12 = -1;
        if (p.Has(P::kHourOfAmPm)) {
            h12 = p.Get(P::kHourOfAmPm);
            if (h12 < 0 || h12 > 11) return false;
        }
        if (p.Has(P::kClockHourOfAmPm)) {
            int64_t c = p.Get(P::kClockHourOfAmPm);
            if (c < 1 || c > 12) return false;
            c %= 12;
            if (h12 >= 0 && h12 != c) return false;
            h12 = c;
        }
        if (!p.Has(P::kAmPm)) return false;  // Java cannot tell the hour of day
        if (!set_hour(h12 + 12 * p.Get(P::kAmPm))) return false;
    } else if (p.Has(P::kAmPm) && hour >= 0 && (hour >= 12 ? 1 : 0) != p.Get(P::kAmPm)) {
        return false;
    }
    const int64_t minute = p.Has(P::kMinute) ? p.Get(P::kMinute) : 0;
    const int64_t second = p.Has(P::kSecond) ? p.Get(P::kSecond) : 0;
    const int64_t nano = p.Has(P::kNanoOfSecond) ? p.Get(P::kNanoOfSecond) : 0;
    if (minute < 0 || minute > 59 || second < 0 || second > 59 || nano < 0 ||
        nano >= kNanosPerSecond) {
        return false;
    }
    int64_t total = (hour < 0 ? 0 : hour) * 3600 * kNanosPerSecond + minute * 60 * kNanosPerSecond +
                    second * kNanosPerSecond + nano;
    if (p.Has(P::kMilliOfDay)) {
        const int64_t ms = p.Get(P::kMilliOfDay);
        if (ms < 0 || ms >= kMillisPerDay) return false;
        const bool explicit_parts = hour >= 0 || p.Has(P::kMinute) || p.Has(P::kSecond);
        if (explicit_parts && total / 1000000 != ms) return false;
        total = ms * 1000000 + (p.Has(P::kNanoOfSecond) ? nano % 1000000 : 0);
    }
    if (p.Has(P::kNanoOfDay)) {
        const int64_t nd = p.Get(P::kNanoOfDay);
        if (nd < 0 || nd >= kMillisPerDay * 1000000) return false;
        total = nd;
    }
    *nano_of_day = total;
    return true;
}

bool ResolveInstant(const ParsedDateTime& p, const TimeZone* default_zone, int64_t* epoch_millis) {
    int64_t day, nanos;
    if (!ResolveDate(p, &day) || !ResolveTime(p, &nanos)) return false;
    const int64_t local_seconds = day * 86400 + nanos / kNanosPerSecond;
    int64_t utc;
    if (p.has_offset) {
        utc = local_seconds - p.offset_seconds;
    } else {
        const TimeZone* zone = p.zone ? p.zone : default_zone;
        utc = zone->LocalToUtc(local_seconds);
    }
    *epoch_millis = utc * 1000 + (nanos % kNanosPerSecond) / 1000000;
    return true;
}

}  // namespace runnel::expression::builtin
