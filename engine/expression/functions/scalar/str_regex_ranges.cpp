#include "engine/expression/functions/scalar/str_regex_ranges.h"

#include <algorithm>
#include <clocale>
#include <cwctype>
#include <initializer_list>
#include <string_view>

#include "engine/expression/functions/scalar/str_text.h"

namespace runnel::expression::str {

namespace {

// ASCII characters of the Unicode P categories: !"#%&'()*,-./:;?@[\]_{} (the others of
// !-~ outside letters and digits, $+<=>^`|~, are symbols).
bool IsAsciiPunctuationCategory(char32_t c) {
    return c < 0x80 && std::string_view("!\"#%&'()*,-./:;?@[\\]_{}").find(static_cast<char>(c)) !=
                           std::string_view::npos;
}

bool IsPunctuationOrSymbol(char32_t c) {
    static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    return loc && iswpunct_l(static_cast<wint_t>(c), loc);
}

}  // namespace

Ranges RangesOf(const std::function<bool(char32_t)>& pred) {
    Ranges out;
    for (char32_t c = 0; c <= kMaxCodePoint; ++c) {
        if (c == 0xD800) c = 0xE000;  // surrogates never occur in decoded text
        if (!pred(c)) continue;
        if (!out.empty() && out.back().second + 1 == c) {
            out.back().second = c;
        } else {
            out.emplace_back(c, c);
        }
    }
    return out;
}

Ranges Complement(const Ranges& r) {
    Ranges out;
    char32_t next = 0;
    for (const auto& [lo, hi] : r) {
        if (lo > next) out.emplace_back(next, lo - 1);
        next = hi + 1;
    }
    if (next <= kMaxCodePoint) out.emplace_back(next, kMaxCodePoint);
    return out;
}

// The ranges of a \p{name} property; false for a name this translation does not know.
bool PropertyRanges(std::u32string_view name, Ranges* out) {
    auto is = [&](const char* n) {
        std::string_view v(n);
        if (v.size() != name.size()) return false;
        for (size_t i = 0; i < v.size(); ++i) {
            if (static_cast<char32_t>(v[i]) != name[i]) return false;
        }
        return true;
    };
    auto one_of = [&](std::initializer_list<const char*> names) {
        for (const char* n : names) {
            if (is(n)) return true;
        }
        return false;
    };
    // POSIX classes: ASCII only, as in Java without UNICODE_CHARACTER_CLASS.
    if (is("Lower"))
        *out = {{'a', 'z'}};
    else if (is("Upper"))
        *out = {{'A', 'Z'}};
    else if (is("ASCII"))
        *out = {{0, 0x7F}};
    else if (is("Alpha"))
        *out = {{'A', 'Z'}, {'a', 'z'}};
    else if (is("Digit"))
        *out = {{'0', '9'}};
    else if (is("Alnum"))
        *out = {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
    else if (is("Punct"))
        *out = {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}};
    else if (is("Graph"))
        *out = {{'!', '~'}};
    else if (is("Print"))
        *out = {{' ', '~'}};
    else if (is("Blank"))
        *out = {{' ', ' '}, {'\t', '\t'}};
    else if (is("Cntrl"))
        *out = {{0, 0x1F}, {0x7F, 0x7F}};
    else if (is("XDigit"))
        *out = {{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
    else if (is("Space"))
        *out = {{'\t', '\r'}, {' ', ' '}};
    // Unicode categories and binary properties (from the C.UTF-8 character tables).
    else if (one_of({"L", "IsL", "IsLetter", "IsAlphabetic", "javaLetter", "javaAlphabetic"})) {
        static const Ranges letters = RangesOf([](char32_t c) { return IsLetter(c); });
        *out = letters;
    } else if (one_of({"Lu", "IsLu", "IsUppercase", "javaUpperCase"})) {
        static const Ranges upper =
            RangesOf([](char32_t c) { return ClassOf(c) == CharClass::kUpper; });
        *out = upper;
    } else if (one_of({"Ll", "IsLl", "IsLowercase", "javaLowerCase"})) {
        static const Ranges lower =
            RangesOf([](char32_t c) { return ClassOf(c) == CharClass::kLower; });
        *out = lower;
    } else if (one_of({"N", "IsN", "Nd", "IsNd", "IsDigit", "javaDigit"})) {
        static const Ranges digits =
            RangesOf([](char32_t c) { return ClassOf(c) == CharClass::kDigit; });
        *out = digits;
    } else if (one_of({"IsWhite_Space", "IsWhiteSpace", "javaWhitespace"})) {
        *out = {{'\t', '\r'},     {' ', ' '},       {0x85, 0x85},     {0xA0, 0xA0},
                {0x1680, 0x1680}, {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
                {0x205F, 0x205F}, {0x3000, 0x3000}};
    } else if (one_of({"P", "IsP", "IsPunctuation"})) {
        // ASCII as Unicode classes it; beyond ASCII glibc's punct class, which also holds
        // symbols (an approximation).
        static const Ranges punct = RangesOf([](char32_t c) {
            if (c < 0x80) return c < 0x7F && IsAsciiPunctuationCategory(c);
            return IsPunctuationOrSymbol(c);
        });
        *out = punct;
    } else if (one_of({"Zs", "IsZs"})) {
        *out = {{' ', ' '},       {0xA0, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A},
                {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
    } else {
        return false;
    }
    return true;
}

const Ranges kHorizontalSpace = {{'\t', '\t'},     {' ', ' '},       {0xA0, 0xA0},
                                 {0x1680, 0x1680}, {0x180E, 0x180E}, {0x2000, 0x200A},
                                 {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
const Ranges kVerticalSpace = {{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}};

// Sorted, merged ranges.
Ranges Normalize(Ranges r) {
    std::sort(r.begin(), r.end());
    Ranges out;
    for (const auto& [lo, hi] : r) {
        if (!out.empty() && lo <= out.back().second + 1) {
            out.back().second = std::max(out.back().second, hi);
        } else {
            out.emplace_back(lo, hi);
        }
    }
    return out;
}

Ranges Union(const Ranges& a, const Ranges& b) {
    Ranges r = a;
    r.insert(r.end(), b.begin(), b.end());
    return Normalize(std::move(r));
}

Ranges Intersect(const Ranges& a, const Ranges& b) {
    Ranges out;
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        char32_t lo = std::max(a[i].first, b[j].first), hi = std::min(a[i].second, b[j].second);
        if (lo <= hi) out.emplace_back(lo, hi);
        (a[i].second < b[j].second) ? ++i : ++j;
    }
    return out;
}

// Adds the other case of every letter in `r`: ASCII always, other scripts with UNICODE_CASE
// (ranges of reasonable size only).
Ranges CaseClose(const Ranges& r, bool unicode) {
    Ranges extra;
    const Ranges lower = Intersect(r, {{'a', 'z'}}), upper = Intersect(r, {{'A', 'Z'}});
    for (const auto& [lo, hi] : lower) extra.emplace_back(lo - 32, hi - 32);
    for (const auto& [lo, hi] : upper) extra.emplace_back(lo + 32, hi + 32);
    if (unicode) {
        for (const auto& [lo, hi] : r) {
            if (hi < 0x80 || hi - lo > 0x3000) continue;
            for (char32_t c = std::max<char32_t>(lo, 0x80); c <= hi; ++c) {
                char32_t u = SimpleUpper(c), l = SimpleLower(c);
                if (u != c) extra.emplace_back(u, u);
                if (l != c) extra.emplace_back(l, l);
            }
        }
    }
    return Union(r, extra);
}

const Ranges kDigitClass = {{'0', '9'}};
const Ranges kWordClass = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
const Ranges kSpaceClass = {{'\t', '\r'}, {' ', ' '}};

}  // namespace runnel::expression::str
