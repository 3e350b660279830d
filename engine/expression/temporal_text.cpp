#include "engine/expression/temporal_text.h"

#include <cstdio>

namespace runnel::expression {

namespace {

void AppendPadded(int64_t v, int width, std::string& out) {
    char buf[32];
    int n = std::snprintf(buf, sizeof(buf), "%0*lld", width, static_cast<long long>(v));
    out.append(buf, static_cast<size_t>(n));
}

// A cursor over the text: fixed-width digit groups and literal separators.
class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}
    bool AtEnd() const { return i_ == s_.size(); }
    bool Peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
    bool Take(char c) {
        if (!Peek(c)) return false;
        ++i_;
        return true;
    }
    // Exactly `n` digits.
    bool Digits(int n, int64_t& v) {
        if (i_ + n > s_.size()) return false;
        v = 0;
        for (int k = 0; k < n; ++k) {
            char c = s_[i_ + k];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        i_ += n;
        return true;
    }
    // One to nine fraction digits, as millis (truncated).
    bool Fraction(int64_t& millis) {
        size_t start = i_;
        int64_t v = 0;
        int count = 0;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
            if (count < 3) v = v * 10 + (s_[i_] - '0');
            ++count;
            ++i_;
        }
        if (count == 0 || count > 9) {
            i_ = start;
            return false;
        }
        for (int k = count; k < 3; ++k) v *= 10;
        millis = v;
        return true;
    }

private:
    std::string_view s_;
    size_t i_ = 0;
};

bool ValidDate(int64_t y, int64_t m, int64_t d) {
    if (m < 1 || m > 12 || d < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

// yyyy[-MM[-dd]] -> days.
bool ScanDate(Scanner& sc, int64_t& days) {
    int64_t y, m = 1, d = 1;
    if (!sc.Digits(4, y)) return false;
    if (sc.Take('-')) {
        if (!sc.Digits(2, m)) return false;
        if (sc.Take('-') && !sc.Digits(2, d)) return false;
    }
    if (!ValidDate(y, m, d)) return false;
    days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    return true;
}

// HH[:mm[:ss[.fff]]] -> millis of day; `need_minutes` for a bare TIME.
bool ScanTime(Scanner& sc, int64_t& millis, bool need_minutes) {
    int64_t h, mi = 0, s = 0, f = 0;
    if (!sc.Digits(2, h)) return false;
    if (sc.Take(':')) {
        if (!sc.Digits(2, mi)) return false;
        if (sc.Take(':')) {
            if (!sc.Digits(2, s)) return false;
            if (sc.Take('.') && !sc.Fraction(f)) return false;
        }
    } else if (need_minutes) {
        return false;
    }
    if (h > 23 || mi > 59 || s > 59) return false;
    millis = ((h * 60 + mi) * 60 + s) * 1000 + f;
    return true;
}

// Z | +hh | +hh:mm | +hhmm (or '-') -> offset millis east of UTC.
bool ScanZone(Scanner& sc, int64_t& offset) {
    offset = 0;
    if (sc.Take('Z') || sc.Take('z')) return true;
    int sign;
    if (sc.Take('+')) sign = 1;
    else if (sc.Take('-')) sign = -1;
    else return false;
    int64_t h, m = 0;
    if (!sc.Digits(2, h)) return false;
    if (sc.Take(':')) {
        if (!sc.Digits(2, m)) return false;
    } else {
        int64_t mm;
        if (sc.Digits(2, mm)) m = mm;
    }
    if (h > 18 || m > 59) return false;
    offset = sign * (h * 60 + m) * 60000;
    return true;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t& year, unsigned& month, unsigned& day) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = y + (month <= 2);
}

void AppendDateText(int64_t epoch_days, std::string& out) {
    int64_t y;
    unsigned m, d;
    CivilFromDays(epoch_days, y, m, d);
    if (y < 0) {
        out += '-';
        AppendPadded(-y, 4, out);
    } else {
        if (y > 9999) out += '+';
        AppendPadded(y, 4, out);
    }
    out += '-';
    AppendPadded(m, 2, out);
    out += '-';
    AppendPadded(d, 2, out);
}

static void AppendClock(int64_t millis_of_day, bool always_millis, std::string& out) {
    int64_t ms = millis_of_day % 1000;
    int64_t secs = millis_of_day / 1000;
    AppendPadded(secs / 3600, 2, out);
    out += ':';
    AppendPadded(secs / 60 % 60, 2, out);
    out += ':';
    AppendPadded(secs % 60, 2, out);
    if (always_millis || ms != 0) {
        out += '.';
        AppendPadded(ms, 3, out);
    }
}

void AppendTimeText(int64_t millis_of_day, std::string& out) {
    AppendClock(FloorMod(millis_of_day, kMillisPerDay), false, out);
}

void AppendTimestampText(int64_t epoch_millis, std::string& out) {
    AppendDateText(FloorDiv(epoch_millis, kMillisPerDay), out);
    out += 'T';
    AppendClock(FloorMod(epoch_millis, kMillisPerDay), true, out);
}

bool ParseDateText(std::string_view text, int64_t* epoch_days) {
    Scanner sc(text);
    int64_t days;
    if (!ScanDate(sc, days) || !sc.AtEnd()) return false;
    *epoch_days = days;
    return true;
}

bool ParseTimeText(std::string_view text, int64_t* millis_of_day) {
    Scanner sc(text);
    int64_t millis;
    if (!ScanTime(sc, millis, true) || !sc.AtEnd()) return false;
    *millis_of_day = millis;
    return true;
}

bool ParseTimestampText(std::string_view text, int64_t* epoch_millis) {
    Scanner sc(text);
    int64_t days, millis = 0, offset = 0;
    if (!ScanDate(sc, days)) return false;
    if (sc.Take('T')) {
        if (!ScanTime(sc, millis, false)) return false;
    }
    if (!sc.AtEnd() && !ScanZone(sc, offset)) return false;
    if (!sc.AtEnd()) return false;
    *epoch_millis = days * kMillisPerDay + millis - offset;
    return true;
}

}  // namespace runnel::expression
