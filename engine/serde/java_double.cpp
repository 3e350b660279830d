// AppendJavaDouble: Java's Double.toString() text for a double.
//
// Digits: the shortest decimal that reads back as the same double (std::to_chars shortest), as
// JDK 19+ prints (Raffaello Giulietti's algorithm). Like the JDK, when the shortest form has a
// single digit we also consider two-digit decimals and keep the one closest to the exact
// binary value (so Double.MIN_VALUE prints 4.9E-324, not 5.0E-324). JDK 18 and older sometimes
// printed a longer digit string (2.0E23 came out as 1.9999999999999998E23); we follow JDK 19+.
//
// Layout: plain notation with at least one fraction digit when 10^-3 <= |d| < 10^7
// ("100.0", "0.001", "1234567.0"); otherwise computerized scientific notation with at least one
// fraction digit in the mantissa and no '+' or leading zeros in the exponent ("1.0E7",
// "1.234E-5", "4.9E-324"). NaN, Infinity, -Infinity, 0.0 and -0.0 are spelled as in Java.
#include <charconv>
#include <cmath>
#include <cstring>

#include "engine/serde/java_double.h"
#include "engine/serde/serde.h"

namespace runnel::serde {

namespace {

// The significant digits (no leading/trailing zeros except a lone "0") and the decimal exponent
// of the first digit, from std::to_chars scientific output such as "-1.2345e-07".
struct Decimal {
    char digits[32];
    int count = 0;
    int exponent = 0;  // value = d.ddd x 10^exponent
};

bool ParseScientific(const char* begin, const char* end, Decimal* out) {
    const char* p = begin;
    if (p < end && *p == '-') ++p;
    out->count = 0;
    for (; p < end && *p != 'e'; ++p) {
        if (*p == '.') continue;
        if (out->count >= int(sizeof(out->digits))) return false;
        out->digits[out->count++] = *p;
    }
    if (p >= end) return false;
    ++p;  // 'e'
    int exp = 0;
    auto [ptr, ec] = std::from_chars(*p == '+' ? p + 1 : p, end, exp);
    if (ec != std::errc() || ptr != end) return false;
    out->exponent = exp;
    while (out->count > 1 && out->digits[out->count - 1] == '0') --out->count;
    return true;
}

void ShortestDigits(double magnitude, Decimal* dec) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof(buf), magnitude, std::chars_format::scientific);
    ParseScientific(buf, r.ptr, dec);
    if (dec->count != 1) return;
    // One digit: the JDK picks among decimals of length 1 or 2 the one closest to the value.
    // The correctly rounded two-digit decimal is at least as close as any one-digit decimal;
    // use it when it still reads back as the same double.
    auto r2 = std::to_chars(buf, buf + sizeof(buf), magnitude, std::chars_format::scientific, 1);
    double back = 0;
    auto parsed = std::from_chars(buf, r2.ptr, back);
    if (parsed.ec != std::errc() || back != magnitude) return;
    Decimal two;
    if (!ParseScientific(buf, r2.ptr, &two)) return;
    *dec = two;
}

}  // namespace

size_t FormatJavaDouble(double d, char* out) {
    char* p = out;
    auto put = [&](const char* s, size_t n) {
        std::memcpy(p, s, n);
        p += n;
    };
    if (std::isnan(d)) {
        put("NaN", 3);
        return size_t(p - out);
    }
    if (std::isinf(d)) {
        if (d > 0) {
            put("Infinity", 8);
        } else {
            put("-Infinity", 9);
        }
        return size_t(p - out);
    }
    if (d == 0) {
        if (std::signbit(d)) {
            put("-0.0", 4);
        } else {
            put("0.0", 3);
        }
        return size_t(p - out);
    }
    double magnitude = std::fabs(d);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        // Plain notation. Shortest fixed notation has the same digits as shortest scientific;
        // the one-or-two-digit rule only matters for subnormals, far outside this range.
        auto r = std::to_chars(p, out + kMaxJavaDoubleChars, d, std::chars_format::fixed);
        bool has_point = false;
        for (const char* c = p; c < r.ptr; ++c) has_point |= *c == '.';
        p = r.ptr;
        if (!has_point) put(".0", 2);
        return size_t(p - out);
    }
    if (d < 0) *p++ = '-';
    Decimal dec;
    ShortestDigits(magnitude, &dec);
    const char* digits = dec.digits;
    int n = dec.count;
    *p++ = digits[0];
    *p++ = '.';
    if (n > 1) {
        put(digits + 1, size_t(n - 1));
    } else {
        *p++ = '0';
    }
    *p++ = 'E';
    p = std::to_chars(p, out + kMaxJavaDoubleChars, dec.exponent).ptr;
    return size_t(p - out);
}

void AppendJavaDouble(double d, std::string& out) {
    char buf[kMaxJavaDoubleChars];
    out.append(buf, FormatJavaDouble(d, buf));
}

}  // namespace runnel::serde
