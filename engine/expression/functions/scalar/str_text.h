// Text helpers for the string function families, with Java's String semantics: STRING values are
// UTF-8 bytes here, while ksqlDB measures lengths and positions in UTF-16 code units (a Java
// char). These helpers translate between the two without building UTF-16 copies, and give
// Java's case mapping and character classes (Character.getType, isWhitespace, isLetterOrDigit).
// Bytes that are not valid UTF-8 count as one unit each (Java would have read them as U+FFFD).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::expression::str {

// A decoded code point, or kInvalidUtf8 for a byte that does not start a valid sequence.
inline constexpr char32_t kInvalidUtf8 = 0xFFFFFFFF;
inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[i] and advances i past it (one byte for invalid input).
char32_t NextCodePoint(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of `cp`; surrogates and values above U+10FFFF become '?' (as Java
// encodes an unpaired surrogate).
void AppendUtf8(char32_t cp, std::string& out);

bool IsAscii(std::string_view s);

// Number of UTF-16 code units (Java's String.length()).
size_t Utf16Length(std::string_view s);

// Appends the UTF-16 unit range [begin, end) of `s` (clamped). A surrogate pair cut in half
// contributes '?' for its kept half, as Java writes a lone surrogate to UTF-8.
void AppendUtf16Slice(std::string_view s, size_t begin, size_t end, std::string& out);

// UTF-16 conversions for the functions that follow Java's char-by-char algorithms. Invalid
// UTF-8 reads as U+FFFD; an unpaired surrogate writes as '?'. `out` is replaced / appended to.
void ToUtf16(std::string_view s, std::u16string& out);
void AppendFromUtf16(std::u16string_view s, std::string& out);

// Java's String.toUpperCase() / toLowerCase() (root locale rules, including 'ß' -> "SS" and the
// final sigma).
void AppendUpper(std::string_view s, std::string& out);
void AppendLower(std::string_view s, std::string& out);

// Simple (one-to-one) case mapping of one code point.
char32_t SimpleUpper(char32_t cp);
char32_t SimpleLower(char32_t cp);

// Java's Character.getType classes used by MASK.
enum class CharClass : uint8_t { kUpper, kLower, kDigit, kOther };
CharClass ClassOf(char32_t cp);

// Java's Character.isLetter.
bool IsLetter(char32_t cp);

// Java's Character.isLetterOrDigit.
bool IsLetterOrDigit(char32_t cp);

// Java regex \s: [ \t\n\x0B\f\r].
inline bool IsRegexSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
}

// Java's String.trim(): strips code units <= U+0020 from both ends.
std::string_view JavaTrim(std::string_view s);

// Lower-case ASCII copy, for comparing keywords such as encodings.
std::string AsciiLower(std::string_view s);

}  // namespace runnel::expression::str
