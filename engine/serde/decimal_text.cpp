#include "engine/serde/decimal_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace runnel::serde {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The digits of a decimal literal without copying: the integer and fraction digit runs, the
// explicit exponent, and accessors over the concatenated digit sequence.
struct DecimalLiteral {
    bool negative = false;
    std::string_view int_digits;
    std::string_view frac_digits;
    int64_t exponent = 0;  // saturated to +-10^12

    size_t size() const { return int_digits.size() + frac_digits.size(); }
    char at(size_t i) const {
        return i < int_digits.size() ? int_digits[i] : frac_digits[i - int_digits.size()];
    }
    // The value is digits * 10^(exponent - frac_digits.size()).
    int64_t LastDigitExponent() const { return exponent - int64_t(frac_digits.size()); }
};

bool SplitLiteral(std::string_view t, DecimalLiteral* lit) {
    size_t i = 0, n = t.size();
    if (i < n && (t[i] == '+' || t[i] == '-')) {
        lit->negative = t[i] == '-';
        ++i;
    }
    size_t start = i;
    while (i < n && IsDigit(t[i])) ++i;
    lit->int_digits = t.substr(start, i - start);
    if (i < n && t[i] == '.') {
        ++i;
        start = i;
        while (i < n && IsDigit(t[i])) ++i;
        lit->frac_digits = t.substr(start, i - start);
    }
    if (lit->size() == 0) return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < n && (t[i] == '+' || t[i] == '-')) {
            exp_negative = t[i] == '-';
            ++i;
        }
        if (i >= n) return false;
        int64_t e = 0;
        for (; i < n && IsDigit(t[i]); ++i) {
            if (e < 1'000'000'000'000) e = e * 10 + (t[i] - '0');
        }
        lit->exponent = exp_negative ? -e : e;
    }
    return i == n;
}

// BigDecimal.toPlainString() of the literal as written (keeps its own scale), for messages.
std::string PlainText(const DecimalLiteral& lit) {
    size_t first = 0;
    while (first + 1 < lit.size() && lit.at(first) == '0') ++first;
    std::string digits;
    for (size_t i = first; i < lit.size(); ++i) digits.push_back(lit.at(i));
    int64_t scale = -lit.LastDigitExponent();
    std::string s = lit.negative ? "-" : "";
    if (scale <= 0) {
        s += digits;
        if (digits != "0") s.append(size_t(std::min<int64_t>(-scale, 400)), '0');
    } else if (int64_t(digits.size()) > scale) {
        s += digits.substr(0, digits.size() - size_t(scale));
        s += '.';
        s += digits.substr(digits.size() - size_t(scale));
    } else {
        s += "0.";
        s.append(size_t(std::min<int64_t>(scale - int64_t(digits.size()), 400)), '0');
        s += digits;
    }
    return s;
}

__int128 Pow10(int n) {
    __int128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

Status Overflow(const DecimalLiteral& lit, int precision, int scale) {
    return Status::Invalid(fmt::format(
        "Numeric field overflow: A field with precision {} and scale {} must round to an "
        "absolute value less than 10^{}. Got {}",
        precision, scale, precision - scale, PlainText(lit)));
}

}  // namespace

Result<__int128> ParseDecimalText(std::string_view text, int precision, int scale,
                                  DecimalRounding rounding) {
    if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
        return Status::Invalid(
            fmt::format("Invalid DECIMAL({}, {}): precision must be 1..38 and scale 0..precision",
                        precision, scale));
    }
    DecimalLiteral lit;
    if (!SplitLiteral(text, &lit)) {
        return Status::Invalid(fmt::format("Invalid decimal literal: '{}'", text));
    }
    // Significant digits [first, last] and the power of ten of `last`.
    size_t n = lit.size();
    size_t first = 0;
    while (first < n && lit.at(first) == '0') ++first;
    if (first == n) return __int128(0);
    size_t last = n - 1;
    while (lit.at(last) == '0') --last;
    int64_t last_exp = lit.LastDigitExponent() + int64_t(n - 1 - last);
    int64_t sig = int64_t(last - first + 1);
    int64_t int_digits = sig + last_exp;  // digits left of the point (may be <= 0)
    if (int_digits > precision - scale) return Overflow(lit, precision, scale);

    __int128 unscaled = 0;
    if (last_exp >= -scale) {
        // Exact: digits * 10^(last_exp + scale), at most `precision` digits.
        for (size_t i = first; i <= last; ++i) unscaled = unscaled * 10 + (lit.at(i) - '0');
        unscaled *= Pow10(int(last_exp + scale));
    } else if (rounding == DecimalRounding::kExact) {
        int64_t value_scale = -lit.LastDigitExponent();
        int64_t value_precision = int64_t(n - first);
        return Status::Invalid(fmt::format(
            "Cannot fit decimal '{}' into DECIMAL({}, {}) without rounding. (Requires {},{})",
            PlainText(lit), precision, scale, value_precision, value_scale));
    } else {
        // Keep the digits down to 10^-scale and round half up on the next one.
        int64_t drop = -scale - last_exp;  // > 0
        int64_t keep = sig - drop;
        char round_digit = '0';
        if (keep >= 0) {
            for (int64_t i = 0; i < keep; ++i) {
                unscaled = unscaled * 10 + (lit.at(first + size_t(i)) - '0');
            }
            round_digit = lit.at(first + size_t(keep));
        }
        if (round_digit >= '5') ++unscaled;
        if (unscaled >= Pow10(precision)) return Overflow(lit, precision, scale);
    }
    return lit.negative ? -unscaled : unscaled;
}

void AppendDecimalText(__int128 unscaled, int scale, std::string& out) {
    unsigned __int128 mag = unscaled < 0 ? -static_cast<unsigned __int128>(unscaled)
                                         : static_cast<unsigned __int128>(unscaled);
    char buf[48];
    char* end = buf + sizeof(buf);
    char* p = end;
    do {
        *--p = char('0' + int(mag % 10));
        mag /= 10;
    } while (mag != 0);
    int digits = int(end - p);
    if (unscaled < 0) out.push_back('-');
    if (scale <= 0) {
        out.append(p, size_t(digits));
        return;
    }
    if (digits <= scale) {
        out.append("0.");
        out.append(size_t(scale - digits), '0');
        out.append(p, size_t(digits));
        return;
    }
    out.append(p, size_t(digits - scale));
    out.push_back('.');
    out.append(p + (digits - scale), size_t(scale));
}

std::string DecimalToString(__int128 unscaled, int scale) {
    std::string s;
    AppendDecimalText(unscaled, scale, s);
    return s;
}

}  // namespace runnel::serde
