#include "engine/serde/text_number.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace runnel::serde {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char FoldAscii(char c) { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (FoldAscii(a[i]) != FoldAscii(b[i])) return false;
    }
    return true;
}

}  // namespace

bool ParseJavaLong(std::string_view text, int64_t* out) {
    size_t i = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        i = 1;
    }
    if (i == text.size()) return false;
    // Accumulate as a negative number so that INT64_MIN parses.
    int64_t acc = 0;
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (!IsDigit(c)) return false;
        int digit = c - '0';
        if (acc < kMin / 10) return false;
        acc *= 10;
        if (acc < kMin + digit) return false;
        acc -= digit;
    }
    if (!negative) {
        if (acc == kMin) return false;
        acc = -acc;
    }
    *out = acc;
    return true;
}

bool ParseJavaInt(std::string_view text, int64_t* out) {
    int64_t v;
    if (!ParseJavaLong(text, &v)) return false;
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
        return false;
    }
    *out = v;
    return true;
}

bool ParseJavaDouble(std::string_view text, double* out) {
    while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
    while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text == "NaN") {
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (text == "Infinity") {
        *out = negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
        return true;
    }
    if (!text.empty()) {
        char last = text.back();
        if (last == 'f' || last == 'F' || last == 'd' || last == 'D') text.remove_suffix(1);
    }
    // from_chars also takes "inf"/"nan" and hexadecimal forms are rejected by chars_format;
    // Java only takes decimal digits here.
    if (text.empty() || !(IsDigit(text[0]) || text[0] == '.')) return false;
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v,
                                     std::chars_format::general);
    if (ptr != text.data() + text.size()) return false;
    if (ec == std::errc::result_out_of_range) {
        // Java rounds to infinity or zero; strtod does the same on a terminated copy.
        std::string copy(text);
        v = std::strtod(copy.c_str(), nullptr);
    } else if (ec != std::errc()) {
        return false;
    }
    *out = negative ? -v : v;
    return true;
}

bool ParseBooleanText(std::string_view text, bool* out) {
    if (EqualsIgnoreCase(text, "true")) {
        *out = true;
        return true;
    }
    if (EqualsIgnoreCase(text, "false")) {
        *out = false;
        return true;
    }
    return false;
}

bool IsJsonNumber(std::string_view t) {
    size_t i = 0, n = t.size();
    if (i < n && t[i] == '-') ++i;
    if (i >= n) return false;
    if (t[i] == '0') {
        ++i;
    } else if (IsDigit(t[i])) {
        while (i < n && IsDigit(t[i])) ++i;
    } else {
        return false;
    }
    if (i < n && t[i] == '.') {
        ++i;
        if (i >= n || !IsDigit(t[i])) return false;
        while (i < n && IsDigit(t[i])) ++i;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        if (i >= n || !IsDigit(t[i])) return false;
        while (i < n && IsDigit(t[i])) ++i;
    }
    return i == n;
}

}  // namespace runnel::serde
