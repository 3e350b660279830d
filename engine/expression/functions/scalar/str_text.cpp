#include "engine/expression/functions/scalar/str_text.h"

#include <clocale>
#include <cwctype>

namespace runnel::expression::str {

namespace {

// glibc's C.UTF-8 locale gives Unicode case mappings and classes through the *_l functions
// without touching the process-wide locale. Null when unavailable: ASCII rules then.
locale_t Utf8Locale() {
    static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    return loc;
}

char32_t ToUpperCp(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    locale_t loc = Utf8Locale();
    return loc ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), loc)) : c;
}

char32_t ToLowerCp(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    locale_t loc = Utf8Locale();
    return loc ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc)) : c;
}

bool IsLetterCp(char32_t c) {
    if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c == kInvalidUtf8) return false;
    locale_t loc = Utf8Locale();
    return loc && iswalpha_l(static_cast<wint_t>(c), loc);
}

// First code points of the Unicode Nd (decimal digit) runs of ten beyond ASCII.
constexpr char32_t kDigitZeros[] = {
    0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,   0xBE6,   0xC66,
    0xCE6,   0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,   0x1040,  0x1090,  0x17E0,  0x1810,
    0x1946,  0x19D0,  0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,
    0xA900,  0xA9D0,  0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16B50, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

bool IsDecimalDigit(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    if (c >= 0x1D7CE && c <= 0x1D7FF) return true;  // mathematical digits
    for (char32_t z : kDigitZeros) {
        if (c >= z && c < z + 10) return true;
    }
    return false;
}

// Upper-case mappings to several characters (Unicode SpecialCasing, unconditional), which
// Java's toUpperCase applies: ß, ŉ, ǰ, ΐ, ΰ, և, ẖ..ẚ and the Latin and Armenian ligatures.
struct MultiUpper {
    char32_t from;
    char32_t to[3];
};
constexpr MultiUpper kMultiUpper[] = {
    {0xDF, {'S', 'S', 0}},          {0x149, {0x2BC, 'N', 0}},       {0x1F0, {'J', 0x30C, 0}},
    {0x390, {0x399, 0x308, 0x301}}, {0x3B0, {0x3A5, 0x308, 0x301}}, {0x587, {0x535, 0x552, 0}},
    {0x1E96, {'H', 0x331, 0}},      {0x1E97, {'T', 0x308, 0}},      {0x1E98, {'W', 0x30A, 0}},
    {0x1E99, {'Y', 0x30A, 0}},      {0x1E9A, {'A', 0x2BE, 0}},      {0xFB00, {'F', 'F', 0}},
    {0xFB01, {'F', 'I', 0}},        {0xFB02, {'F', 'L', 0}},        {0xFB03, {'F', 'F', 'I'}},
    {0xFB04, {'F', 'F', 'L'}},      {0xFB05, {'S', 'T', 0}},        {0xFB06, {'S', 'T', 0}},
    {0xFB13, {0x544, 0x546, 0}},    {0xFB14, {0x544, 0x535, 0}},    {0xFB15, {0x544, 0x53B, 0}},
    {0xFB16, {0x54E, 0x546, 0}},    {0xFB17, {0x544, 0x53D, 0}},
};

}  // namespace

char32_t NextCodePoint(std::string_view s, size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    // Lead byte: number of continuation bytes and the allowed range of the first one (the
    // Unicode table of well-formed sequences). A malformed sequence is consumed as its longest
    // valid prefix (at least one byte), which Java's decoder replaces with one U+FFFD.
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    char32_t cp;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1, cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2, cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3, cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        ++i;
        return kInvalidUtf8;
    }
    for (size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size()) {
            i += k;
            return kInvalidUtf8;
        }
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (b < lo || b > hi) {
            i += k;
            return kInvalidUtf8;
        }
        lo = 0x80, hi = 0xBF;
        cp = (cp << 6) | (b & 0x3F);
    }
    i += need + 1;
    return cp;
}

void AppendUtf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        out.push_back('?');
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp <= 0x10FFFF) {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back('?');
    }
}

char32_t SimpleUpper(char32_t cp) { return ToUpperCp(cp); }
char32_t SimpleLower(char32_t cp) { return ToLowerCp(cp); }

bool IsAscii(std::string_view s) {
    for (unsigned char c : s) {
        if (c >= 0x80) return false;
    }
    return true;
}

size_t Utf16Length(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i, ++n;
            continue;
        }
        char32_t cp = NextCodePoint(s, i);
        n += (cp != kInvalidUtf8 && cp >= 0x10000) ? 2 : 1;
    }
    return n;
}

void AppendUtf16Slice(std::string_view s, size_t begin, size_t end, std::string& out) {
    if (begin >= end) return;
    size_t unit = 0;
    for (size_t i = 0; i < s.size() && unit < end;) {
        size_t start = i;
        char32_t cp = NextCodePoint(s, i);
        size_t width = (cp != kInvalidUtf8 && cp >= 0x10000) ? 2 : 1;
        size_t first = unit, last = unit + width;  // this char covers units [first, last)
        unit = last;
        if (last <= begin) continue;
        if (first >= begin && last <= end) {
            out.append(s.substr(start, i - start));
        } else {
            out.push_back('?');  // half of a surrogate pair
        }
    }
}

void ToUtf16(std::string_view s, std::u16string& out) {
    out.clear();
    for (size_t i = 0; i < s.size();) {
        char32_t cp = NextCodePoint(s, i);
        if (cp == kInvalidUtf8) cp = kReplacementChar;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
    }
}

void AppendFromUtf16(std::u16string_view s, std::string& out) {
    for (size_t i = 0; i < s.size(); ++i) {
        char32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 &&
            s[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            ++i;
        }
        AppendUtf8(c, out);  // a lone surrogate becomes '?'
    }
}

void AppendUpper(std::string_view s, std::string& out) {
    if (IsAscii(s)) {
        size_t at = out.size();
        out.append(s);
        for (size_t k = at; k < out.size(); ++k) {
            if (out[k] >= 'a' && out[k] <= 'z') out[k] = static_cast<char>(out[k] - 32);
        }
        return;
    }
    for (size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b >= 'a' && b <= 'z' ? b - 32 : b));
            ++i;
            continue;
        }
        size_t start = i;
        char32_t cp = NextCodePoint(s, i);
        if (cp == kInvalidUtf8) {
            out.append(s.substr(start, i - start));
        } else {
            const MultiUpper* multi = nullptr;
            if (cp == 0xDF || cp == 0x149 || cp == 0x1F0 || cp == 0x390 || cp == 0x3B0 ||
                cp == 0x587 || (cp >= 0x1E96 && cp <= 0x1E9A) || (cp >= 0xFB00 && cp <= 0xFB17)) {
                for (const auto& m : kMultiUpper) {
                    if (m.from == cp) multi = &m;
                }
            }
            if (multi) {
                for (char32_t t : multi->to) {
                    if (t) AppendUtf8(t, out);
                }
            } else {
                AppendUtf8(ToUpperCp(cp), out);
            }
        }
    }
}

void AppendLower(std::string_view s, std::string& out) {
    if (IsAscii(s)) {
        size_t at = out.size();
        out.append(s);
        for (size_t k = at; k < out.size(); ++k) {
            if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + 32);
        }
        return;
    }
    char32_t prev = 0;
    for (size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
            prev = b;
            ++i;
            continue;
        }
        size_t start = i;
        char32_t cp = NextCodePoint(s, i);
        if (cp == kInvalidUtf8) {
            out.append(s.substr(start, i - start));
        } else if (cp == 0x130) {  // İ -> i + combining dot above
            out.push_back('i');
            AppendUtf8(0x307, out);
        } else if (cp == 0x3A3) {  // Σ: final sigma after a letter and before a non-letter
            char32_t next = 0;
            if (i < s.size()) {
                size_t j = i;
                next = NextCodePoint(s, j);
            }
            bool final_sigma = IsLetterCp(prev) && !IsLetterCp(next);
            AppendUtf8(final_sigma ? 0x3C2 : 0x3C3, out);
        } else {
            AppendUtf8(ToLowerCp(cp), out);
        }
        prev = cp;
    }
}

CharClass ClassOf(char32_t c) {
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') return CharClass::kUpper;
        if (c >= 'a' && c <= 'z') return CharClass::kLower;
        if (c >= '0' && c <= '9') return CharClass::kDigit;
        return CharClass::kOther;
    }
    if (c == kInvalidUtf8) return CharClass::kOther;
    if (IsDecimalDigit(c)) return CharClass::kDigit;
    locale_t loc = Utf8Locale();
    if (!loc) return CharClass::kOther;
    // glibc counts titlecase letters as both; Java gives them a class of their own (other).
    bool up = iswupper_l(static_cast<wint_t>(c), loc);
    bool low = iswlower_l(static_cast<wint_t>(c), loc);
    if (up && !low) return CharClass::kUpper;
    if (low && !up) return CharClass::kLower;
    return CharClass::kOther;
}

bool IsLetter(char32_t c) {
    if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
    return !IsDecimalDigit(c) && IsLetterCp(c);
}

bool IsLetterOrDigit(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    if (c == kInvalidUtf8) return false;
    if (IsDecimalDigit(c)) return true;
    locale_t loc = Utf8Locale();
    return loc && iswalnum_l(static_cast<wint_t>(c), loc);
}

std::string_view JavaTrim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
    return s.substr(b, e - b);
}

std::string AsciiLower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

}  // namespace runnel::expression::str
