// String functions: ksqlDB's string UDFs with Java's String semantics (lengths and positions in
// UTF-16 code units, Java case mapping, String.trim()). The BYTES overloads of LEN, SUBSTRING,
// CONCAT, CONCAT_WS, LPAD, RPAD and SPLIT live in bytes_functions.cpp; MASK* in
// str_mask_functions.cpp; SPLIT and SPLIT_TO_MAP in str_split_functions.cpp.
#include <random>

#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/functions/scalar/str_codec.h"
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_text.h"

namespace runnel::expression {

namespace {

using str::MakeFn;
using str::MakeVariadic;
using str::SeesNulls;

constexpr const char* kString = str::kCategoryString;

// Java's String.substring bounds for SUBSTRING(str, pos[, len]) (1-based, negative from the end).
int64_t StartIndex(int64_t length, int64_t pos) {
    return pos < 0 ? std::max<int64_t>(length + pos, 0)
                   : std::max<int64_t>(std::min<int64_t>(pos - 1, length), 0);
}

int64_t EndIndex(int64_t length, int64_t start, int64_t len) {
    return std::max<int64_t>(std::min<int64_t>(start + len, length), start);
}

void Substring(const Args& a, Value& out) {
    std::string_view s = a[0].AsString();
    const bool ascii = str::IsAscii(s);
    const auto length = static_cast<int64_t>(ascii ? s.size() : str::Utf16Length(s));
    int64_t start = StartIndex(length, a[1].AsInt());
    int64_t end = a.size() > 2 ? EndIndex(length, start, a[2].AsInt()) : length;
    std::string& o = out.MutableString();
    o.clear();
    if (ascii) {
        o.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    } else {
        str::AppendUtf16Slice(s, static_cast<size_t>(start), static_cast<size_t>(end), o);
    }
}

// Java's String.replace(target, replacement). An empty target inserts the replacement before
// every character and at the end.
void Replace(const Args& a, Value& out) {
    std::string_view s = a[0].AsString(), from = a[1].AsString(), to = a[2].AsString();
    std::string& o = out.MutableString();
    o.clear();
    if (from.empty()) {
        for (size_t i = 0; i < s.size();) {
            o.append(to);
            size_t start = i;
            str::NextCodePoint(s, i);
            o.append(s.substr(start, i - start));
        }
        o.append(to);
        return;
    }
    size_t i = 0;
    for (size_t j; (j = s.find(from, i)) != std::string_view::npos; i = j + from.size()) {
        o.append(s.substr(i, j - i));
        o.append(to);
    }
    o.append(s.substr(i));
}

// INITCAP: lower-cases the text, then upper-cases the first character of every run of
// non-whitespace; runs keep their trailing whitespace and leading whitespace is dropped (ksqlDB
// rebuilds the string from the matches of [^\s]+\s*).
void InitCap(const Args& a, Value& out) {
    thread_local std::string lower;
    lower.clear();
    str::AppendLower(a[0].AsString(), lower);
    std::string& o = out.MutableString();
    o.clear();
    std::string_view s = lower;
    size_t i = 0;
    while (i < s.size()) {
        // skip whitespace before a word (only reached at the start)
        size_t j = i;
        char32_t cp = str::NextCodePoint(s, j);
        if (str::IsRegexSpace(cp)) {
            i = j;
            continue;
        }
        // the word's first character, upper-cased when it is one UTF-16 unit
        if (cp != str::kInvalidUtf8 && cp < 0x10000) {
            str::AppendUpper(s.substr(i, j - i), o);
        } else {
            o.append(s.substr(i, j - i));
        }
        i = j;
        // rest of the word and its trailing whitespace
        bool in_space = false;
        while (i < s.size()) {
            size_t k = i;
            char32_t c = str::NextCodePoint(s, k);
            bool space = str::IsRegexSpace(c);
            if (in_space && !space) break;
            in_space = space;
            o.append(s.substr(i, k - i));
            i = k;
        }
    }
}

// commons-lang StringUtils.ordinalIndexOf on UTF-16 text.
int64_t OrdinalIndexOf(std::u16string_view s, std::u16string_view sub, int64_t ordinal) {
    if (ordinal <= 0) return -1;
    if (sub.empty()) return 0;
    int64_t found = 0;
    size_t index = std::u16string_view::npos;
    do {
        index = s.find(sub, index == std::u16string_view::npos ? 0 : index + 1);
        if (index == std::u16string_view::npos) return -1;
        ++found;
    } while (found < ordinal);
    return static_cast<int64_t>(index);
}

// Reverses UTF-16 text keeping surrogate pairs in order (StringBuilder.reverse()).
void ReverseUtf16(std::u16string& s) {
    std::reverse(s.begin(), s.end());
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] >= 0xDC00 && s[i] <= 0xDFFF && s[i + 1] >= 0xD800 && s[i + 1] <= 0xDBFF) {
            std::swap(s[i], s[i + 1]);
            ++i;
        }
    }
}

// INSTR(str, substring[, position[, occurrence]]): null text or substring gives 0, a null
// position or occurrence gives null; positions count UTF-16 units.
void Instr(const Args& a, Value& out) {
    if (a[0].is_null() || a[1].is_null()) {
        out.SetInt(0);
        return;
    }
    for (size_t i = 2; i < a.size(); ++i) {
        if (a[i].is_null()) {
            out.SetNull();
            return;
        }
    }
    const int64_t position = a.size() > 2 ? a[2].AsInt() : 1;
    const int64_t occurrence = a.size() > 3 ? a[3].AsInt() : 1;
    thread_local std::u16string s, sub;
    str::ToUtf16(a[0].AsString(), s);
    str::ToUtf16(a[1].AsString(), sub);
    const auto len = static_cast<int64_t>(s.size());
    if (std::abs(position) > len) {
        out.SetInt(0);
        return;
    }
    const bool reversed = position < 0;
    const int64_t pos = reversed ? -position : position;
    if (reversed) {
        ReverseUtf16(s);
        ReverseUtf16(sub);
    }
    // commons-lang substring(str, pos - 1): a negative start counts from the end.
    int64_t from = pos - 1;
    if (from < 0) from = std::max<int64_t>(len + from, 0);
    int64_t i =
        OrdinalIndexOf(std::u16string_view(s).substr(static_cast<size_t>(from)), sub, occurrence);
    if (i == -1) {
        out.SetInt(0);
    } else if (reversed) {
        out.SetInt(len - pos - i - static_cast<int64_t>(sub.size()) + 2);
    } else {
        out.SetInt(i + pos);
    }
}

// LPAD / RPAD on UTF-16 units, as ksqlDB builds them with a StringBuilder.
void Pad(const Args& a, Value& out, bool left) {
    const int64_t target = a[1].AsInt();
    std::string_view padding = a[2].AsString();
    if (padding.empty() || target < 0) {
        out.SetNull();
        return;
    }
    thread_local std::u16string input, pad, built;
    str::ToUtf16(a[0].AsString(), input);
    str::ToUtf16(padding, pad);
    built.clear();
    const auto t = static_cast<size_t>(target);
    if (left) {
        size_t pad_up_to = t > input.size() ? t - input.size() : 0;
        while (built.size() < pad_up_to) built.append(pad);
        built.resize(pad_up_to);
        built.append(input);
    } else {
        built.append(input);
        while (built.size() < t) built.append(pad);
    }
    built.resize(std::min(built.size(), t));
    std::string& o = out.MutableString();
    o.clear();
    str::AppendFromUtf16(built, o);
}

// Commons-lang StringEscapeUtils.unescapeJava into UTF-16; false on a malformed \u escape.
bool UnescapeJava(std::string_view text, std::u16string& out) {
    thread_local std::u16string in;
    str::ToUtf16(text, in);
    out.clear();
    auto hex = [](char16_t c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < in.size(); ++i) {
        char16_t c = in[i];
        if (c != '\\') {
            out.push_back(c);
            continue;
        }
        if (i + 1 >= in.size()) break;  // a trailing backslash is dropped
        char16_t n = in[i + 1];
        switch (n) {
            case 'u': {
                size_t j = i + 1;
                while (j < in.size() && in[j] == 'u') ++j;
                if (j + 4 > in.size()) return false;
                int v = 0;
                for (size_t k = 0; k < 4; ++k) {
                    int h = hex(in[j + k]);
                    if (h < 0) return false;
                    v = v * 16 + h;
                }
                out.push_back(static_cast<char16_t>(v));
                i = j + 3;
                break;
            }
            case '\\':
                out.push_back('\\'), ++i;
                break;
            case '"':
                out.push_back('"'), ++i;
                break;
            case '\'':
                out.push_back('\''), ++i;
                break;
            case 'b':
                out.push_back('\b'), ++i;
                break;
            case 'f':
                out.push_back('\f'), ++i;
                break;
            case 'n':
                out.push_back('\n'), ++i;
                break;
            case 'r':
                out.push_back('\r'), ++i;
                break;
            case 't':
                out.push_back('\t'), ++i;
                break;
            default:
                if (n >= '0' && n <= '7') {  // octal, up to \377
                    int v = 0;
                    size_t j = i + 1, max_digits = n <= '3' ? 3 : 2;
                    for (size_t k = 0;
                         k < max_digits && j < in.size() && in[j] >= '0' && in[j] <= '7';
                         ++k, ++j) {
                        v = v * 8 + (in[j] - '0');
                    }
                    out.push_back(static_cast<char16_t>(v));
                    i = j - 1;
                } else {
                    // any other escaped character stands for itself (the backslash goes)
                }
        }
    }
    return true;
}

void ChrFromInt(const Args& a, Value& out) {
    int64_t code = a[0].AsInt();
    if (code < 0 || code > 0x10FFFF) {
        out.SetNull();
        return;
    }
    std::string& o = out.MutableString();
    o.clear();
    str::AppendUtf8(static_cast<char32_t>(code), o);
}

void ChrFromString(const Args& a, Value& out) {
    std::string_view s = a[0].AsString();
    if (str::Utf16Length(s) < 6 || s.substr(0, 2) != "\\u") {
        out.SetNull();
        return;
    }
    thread_local std::u16string decoded;
    if (!UnescapeJava(s, decoded)) {
        out.SetNull();
        return;
    }
    std::string& o = out.MutableString();
    o.clear();
    str::AppendFromUtf16(decoded, o);
}

void Uuid(const Args&, Value& out) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    uint64_t hi = rng(), lo = rng();
    hi = (hi & ~0xF000ULL) | 0x4000ULL;                          // version 4
    lo = (lo & ~0xC000000000000000ULL) | 0x8000000000000000ULL;  // IETF variant
    unsigned char bytes[16];
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<unsigned char>(hi >> (56 - 8 * i));
        bytes[8 + i] = static_cast<unsigned char>(lo >> (56 - 8 * i));
    }
    std::string& o = out.MutableString();
    o.clear();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) o.push_back('-');
        str::AppendHex(std::string_view(reinterpret_cast<const char*>(bytes + i), 1), false, o);
    }
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), i = SqlType::Int();

    r.Add(MakeFn(
        "UCASE", {s}, s,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            str::AppendUpper(a[0].AsString(), o);
        },
        "Converts a string to upper case.", kString));
    r.Add(MakeFn(
        "LCASE", {s}, s,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            str::AppendLower(a[0].AsString(), o);
        },
        "Converts a string to lower case.", kString));
    r.Add(MakeFn(
        "LEN", {s}, i,
        [](const Args& a, Value& out) {
            out.SetInt(static_cast<int64_t>(str::Utf16Length(a[0].AsString())));
        },
        "Returns the length of a string (in UTF-16 code units, as Java counts).", kString));
    r.Add(MakeFn(
        "TRIM", {s}, s,
        [](const Args& a, Value& out) { out.SetString(str::JavaTrim(a[0].AsString())); },
        "Removes whitespace and control characters from both ends of a string.", kString));

    r.Add(SeesNulls(MakeVariadic(
        "CONCAT", {s}, s,
        [](const Args& a, Value& out) {
            if (a.size() < 2) {  // ksqlDB fails the call: at least two inputs
                out.SetNull();
                return;
            }
            std::string& o = out.MutableString();
            o.clear();
            for (size_t k = 0; k < a.size(); ++k) {
                if (!a[k].is_null()) o.append(a[k].AsString());
            }
        },
        "Concatenates two or more strings; null inputs count as empty strings.", kString)));
    r.Add(SeesNulls(MakeVariadic(
        "CONCAT_WS", {s, s}, s,
        [](const Args& a, Value& out) {
            if (a.size() < 2 || a[0].is_null()) {
                out.SetNull();
                return;
            }
            std::string_view sep = a[0].AsString();
            std::string& o = out.MutableString();
            o.clear();
            bool first = true;
            for (size_t k = 1; k < a.size(); ++k) {
                if (a[k].is_null()) continue;
                if (!first) o.append(sep);
                o.append(a[k].AsString());
                first = false;
            }
        },
        "Concatenates strings with a separator between them; null inputs are skipped and a "
        "null separator gives null.",
        kString)));

    r.Add(MakeFn("SUBSTRING", {s, i}, s, Substring,
                 "Returns the rest of a string from a 1-based position (negative: counted from "
                 "the end).",
                 kString));
    r.Add(MakeFn("SUBSTRING", {s, i, i}, s, Substring,
                 "Returns at most len characters of a string from a 1-based position (negative: "
                 "counted from the end).",
                 kString));
    r.Add(MakeFn("REPLACE", {s, s, s}, s, Replace,
                 "Replaces every occurrence of a substring with another string.", kString));
    r.Add(MakeFn("INITCAP", {s}, s, InitCap,
                 "Capitalizes the first letter of each word and lower-cases the rest; words are "
                 "delimited by whitespace.",
                 kString));

    const char* instr_doc =
        "Returns the 1-based position of substring in string, optionally searching from a "
        "position (negative: backwards from the end) for the n-th occurrence; 0 if absent.";
    r.Add(SeesNulls(MakeFn("INSTR", {s, s}, i, Instr, instr_doc, kString)));
    r.Add(SeesNulls(MakeFn("INSTR", {s, s, i}, i, Instr, instr_doc, kString)));
    r.Add(SeesNulls(MakeFn("INSTR", {s, s, i, i}, i, Instr, instr_doc, kString)));

    r.Add(MakeFn(
        "LPAD", {s, i, s}, s, [](const Args& a, Value& out) { Pad(a, out, true); },
        "Pads a string on the left with a padding string up to a length (truncating "
        "longer input); null for an empty padding or a negative length.",
        kString));
    r.Add(MakeFn(
        "RPAD", {s, i, s}, s, [](const Args& a, Value& out) { Pad(a, out, false); },
        "Pads a string on the right with a padding string up to a length (truncating "
        "longer input); null for an empty padding or a negative length.",
        kString));

    r.Add(MakeFn("CHR", {i}, s, ChrFromInt,
                 "Returns the character of a Unicode code point; null for an invalid code point.",
                 kString));
    r.Add(MakeFn("CHR", {s}, s, ChrFromString,
                 "Returns the character of a UTF-16 escape such as '\\u004b'; null when the text "
                 "is not such an escape.",
                 kString));

    r.Add(SeesNulls(MakeVariadic(
        "ELT", {i, s}, s,
        [](const Args& a, Value& out) {
            if (a[0].is_null()) {
                out.SetNull();
                return;
            }
            int64_t n = a[0].AsInt();
            if (n < 1 || n >= static_cast<int64_t>(a.size()) ||
                a[static_cast<size_t>(n)].is_null()) {
                out.SetNull();
                return;
            }
            out.SetString(a[static_cast<size_t>(n)].AsString());
        },
        "Returns the n-th (1-based) of the following strings; null when n is out of range.",
        kString)));
    r.Add(SeesNulls(MakeVariadic(
        "FIELD", {s, s}, i,
        [](const Args& a, Value& out) {
            out.SetInt(0);
            if (a[0].is_null()) return;
            for (size_t k = 1; k < a.size(); ++k) {
                if (!a[k].is_null() && a[k].AsString() == a[0].AsString()) {
                    out.SetInt(static_cast<int64_t>(k));
                    return;
                }
            }
        },
        "Returns the 1-based position of a string among the following strings; 0 if absent "
        "or null.",
        kString)));

    r.Add(MakeFn(
        "MD5", {s}, s,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            str::AppendMd5Hex(a[0].AsString(), o);
        },
        "Returns the hex-encoded MD5 hash of a string's UTF-8 bytes.", kString));
    r.Add(MakeFn("UUID", {}, s, Uuid, "Returns a random (version 4) UUID as a string.", kString));

    str::RegisterMaskFunctions(r);
    str::RegisterStringSplitFunctions(r);
}

}  // namespace runnel::expression
