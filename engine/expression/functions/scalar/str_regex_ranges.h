// Sets of code points as sorted ranges, for translating Java regular expression classes:
// union, intersection, complement, case closure, and the ranges of the named classes (\d \w \s
// \h \v, POSIX \p{Alpha} ..., Unicode \p{L} \p{Lu} ...). Pure functions and constants;
// thread-safe (the Unicode tables are built once, on first use).
#pragma once

#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace runnel::expression::str {

// Sorted, non-overlapping, non-adjacent [first, second] ranges.
using Ranges = std::vector<std::pair<char32_t, char32_t>>;

inline constexpr char32_t kMaxCodePoint = 0x10FFFF;

// The code points (surrogates excluded) for which `pred` holds.
Ranges RangesOf(const std::function<bool(char32_t)>& pred);
Ranges Normalize(Ranges r);
Ranges Complement(const Ranges& r);
Ranges Union(const Ranges& a, const Ranges& b);
Ranges Intersect(const Ranges& a, const Ranges& b);
// Adds the other case of every letter: ASCII always, other scripts when `unicode`.
Ranges CaseClose(const Ranges& r, bool unicode);

// The ranges of \p{name} / \p{Isname}; false for a name not supported.
bool PropertyRanges(std::u32string_view name, Ranges* out);

// Java's default (ASCII) \d, \w, \s, and \h, \v.
extern const Ranges kDigitClass;
extern const Ranges kWordClass;
extern const Ranges kSpaceClass;
extern const Ranges kHorizontalSpace;
extern const Ranges kVerticalSpace;

}  // namespace runnel::expression::str
