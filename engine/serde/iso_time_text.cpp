#include "engine/serde/iso_time_text.h"

#include "engine/serde/civil_time.h"

namespace runnel::serde {

namespace {

class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool AtEnd() const { return pos_ == text_.size(); }
    char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
    bool Take(char c) {
        if (Peek() != c) return false;
        ++pos_;
        return true;
    }
    // Exactly n digits.
    bool Digits(int n, int64_t* out) {
        int64_t v = 0;
        for (int i = 0; i < n; ++i) {
            char c = Peek();
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
            ++pos_;
        }
        *out = v;
        return true;
    }
    // min..max digits, as many as there are.
    bool DigitRun(int min, int max, int64_t* out, int* count) {
        int64_t v = 0;
        int n = 0;
        while (n < max && Peek() >= '0' && Peek() <= '9') {
            v = v * 10 + (Peek() - '0');
            ++pos_;
            ++n;
        }
        *out = v;
        *count = n;
        return n >= min;
    }

private:
    std::string_view text_;
    size_t pos_ = 0;
};

bool ParseDate(Cursor& c, int64_t* days) {
    bool negative = false;
    if (c.Take('-')) {
        negative = true;
    } else {
        (void)c.Take('+');
    }
    int64_t year, month, day;
    int n;
    if (!c.DigitRun(4, 9, &year, &n)) return false;
    if (negative) year = -year;
    if (!c.Take('-') || !c.Digits(2, &month) || !c.Take('-') || !c.Digits(2, &day)) return false;
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, int(month))) return false;
    *days = DaysFromCivil(year, int(month), int(day));
    return true;
}

// Time of day in millis (local to its offset, which is returned separately in minutes).
bool ParseTime(Cursor& c, int64_t* millis, int64_t* offset_minutes) {
    int64_t hour, minute, second = 0, fraction_millis = 0;
    if (!c.Digits(2, &hour) || !c.Take(':') || !c.Digits(2, &minute)) return false;
    if (c.Take(':')) {
        if (!c.Digits(2, &second)) return false;
        if (c.Take('.') || c.Take(',')) {
            int64_t digits;
            int n;
            if (!c.DigitRun(1, 9, &digits, &n)) return false;
            for (int i = n; i < 9; ++i) digits *= 10;
            fraction_millis = digits / 1000000;
        }
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
    *millis = ((hour * 60 + minute) * 60 + second) * 1000 + fraction_millis;
    *offset_minutes = 0;
    if (c.Take('Z') || c.Take('z')) return true;
    char sign = c.Peek();
    if (sign != '+' && sign != '-') return true;
    (void)c.Take(sign);
    int64_t oh, om = 0;
    if (!c.Digits(2, &oh)) return false;
    if (c.Take(':')) {
        if (!c.Digits(2, &om)) return false;
    } else if (!c.AtEnd()) {
        if (!c.Digits(2, &om)) return false;
    }
    if (oh > 18 || om > 59) return false;
    *offset_minutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
    return true;
}

}  // namespace

bool ParseIsoDate(std::string_view text, int64_t* epoch_days) {
    Cursor c(text);
    return ParseDate(c, epoch_days) && c.AtEnd();
}

bool ParseIsoTime(std::string_view text, int64_t* millis_of_day) {
    Cursor c(text);
    int64_t millis, offset;
    if (!ParseTime(c, &millis, &offset) || !c.AtEnd()) return false;
    *millis_of_day = FloorMod(millis - offset * 60000, kMillisPerDay);
    return true;
}

bool ParseIsoTimestamp(std::string_view text, int64_t* epoch_millis) {
    Cursor c(text);
    int64_t days, millis, offset;
    if (!ParseDate(c, &days)) return false;
    if (!c.Take('T') && !c.Take('t') && !c.Take(' ')) return false;
    if (!ParseTime(c, &millis, &offset) || !c.AtEnd()) return false;
    *epoch_millis = days * kMillisPerDay + millis - offset * 60000;
    return true;
}

}  // namespace runnel::serde
