// Bytes functions: the BYTES overloads of the string functions (LEN, SUBSTRING, CONCAT,
// CONCAT_WS, LPAD, RPAD, SPLIT), conversions between BYTES and text (TO_BYTES, FROM_BYTES,
// ENCODE) and numbers (INT/BIGINT/DOUBLE_FROM_BYTES), and UUID(BYTES). BYTES values are raw bytes
// in Value::String; lengths and positions count bytes.
#include <cstring>

#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/functions/scalar/str_codec.h"
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_text.h"
#include "engine/serde/base64.h"

namespace runnel::expression {

namespace {

using str::MakeFn;
using str::MakeVariadic;
using str::SeesNulls;

constexpr const char* kString = str::kCategoryString;
constexpr const char* kConversions = "CONVERSIONS";

void SubstringBytes(const Args& a, Value& out) {
    std::string_view b = a[0].AsString();
    const auto length = static_cast<int64_t>(b.size());
    int64_t pos = a[1].AsInt();
    int64_t start = pos < 0 ? std::max<int64_t>(length + pos, 0)
                            : std::max<int64_t>(std::min<int64_t>(pos - 1, length), 0);
    int64_t end = length;
    if (a.size() > 2)
        end = std::max<int64_t>(std::min<int64_t>(start + a[2].AsInt(), length), start);
    out.SetString(b.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
}

void PadBytes(const Args& a, Value& out, bool left) {
    std::string_view in = a[0].AsString(), pad = a[2].AsString();
    const int64_t target = a[1].AsInt();
    if (pad.empty() || target < 0) {
        out.SetNull();
        return;
    }
    const auto t = static_cast<size_t>(target);
    std::string& o = out.MutableString();
    o.clear();
    if (in.size() >= t) {
        o.append(in.substr(0, t));
        return;
    }
    const size_t fill = t - in.size();
    if (!left) o.append(in);
    for (size_t k = 0; k < fill; ++k) o.push_back(pad[k % pad.size()]);
    if (left) o.append(in);
}

void SplitBytes(const Args& a, Value& out) {
    std::string_view b = a[0].AsString(), delim = a[1].AsString();
    ValueList items;
    if (b.empty()) {
        items.push_back(Value::String(""));
    } else if (delim.empty()) {
        for (char c : b) items.push_back(Value::String(std::string_view(&c, 1)));
    } else {
        size_t i = 0;
        for (size_t j; (j = b.find(delim, i)) != std::string_view::npos; i = j + delim.size()) {
            items.push_back(Value::String(b.substr(i, j - i)));
        }
        items.push_back(Value::String(b.substr(i)));
    }
    str::SetStringList(std::move(items), out);
}

// TO_BYTES(text, encoding). Null for an unknown encoding or text the encoding cannot read.
void ToBytes(const Args& a, Value& out) {
    str::Encoding enc;
    if (!str::ParseEncoding(a[1].AsString(), &enc)) {
        out.SetNull();
        return;
    }
    std::string_view text = a[0].AsString();
    std::string& o = out.MutableString();
    o.clear();
    bool ok = true;
    switch (enc) {
        case str::Encoding::kHex:
            ok = str::DecodeHex(text, o);
            break;
        case str::Encoding::kUtf8:
            o.append(text);
            break;
        case str::Encoding::kAscii:
            str::AppendAsciiBytes(text, o);
            break;
        case str::Encoding::kBase64:
            ok = str::DecodeBase64Lenient(text, o);
            break;
    }
    if (!ok) out.SetNull();
}

// FROM_BYTES(bytes, encoding): hex is upper-case, base64 is Java's MIME encoder.
void FromBytes(const Args& a, Value& out) {
    str::Encoding enc;
    if (!str::ParseEncoding(a[1].AsString(), &enc)) {
        out.SetNull();
        return;
    }
    std::string_view bytes = a[0].AsString();
    std::string& o = out.MutableString();
    o.clear();
    switch (enc) {
        case str::Encoding::kHex:
            str::AppendHex(bytes, true, o);
            break;
        case str::Encoding::kUtf8:
            str::AppendDecodedUtf8(bytes, o);
            break;
        case str::Encoding::kAscii:
            str::AppendDecodedAscii(bytes, o);
            break;
        case str::Encoding::kBase64:
            str::AppendBase64Mime(bytes, o);
            break;
    }
}

// ENCODE's hex input may be written 0xAB.. (an odd digit count gets a leading 0) or X'AB..'.
std::string_view StripHexDecoration(std::string_view s, std::string& scratch) {
    if (s.size() >= 2 && s[0] == '0' && s[1] == 'x') {
        if (s.size() % 2 != 0) {
            scratch.assign("0");
            scratch.append(s.substr(2));
            return scratch;
        }
        return s.substr(2);
    }
    if (s.size() >= 3 && (s[0] == 'x' || s[0] == 'X') && s[1] == '\'' && s.back() == '\'') {
        return s.substr(2, s.size() - 3);
    }
    return s;
}

// ENCODE(text, input_encoding, output_encoding): reads the text in one encoding and writes it
// in another; unknown encodings or undecodable input give null.
void Encode(const Args& a, Value& out) {
    str::Encoding from, to;
    if (!str::ParseEncoding(a[1].AsString(), &from) || !str::ParseEncoding(a[2].AsString(), &to) ||
        from == to) {
        out.SetNull();
        return;
    }
    thread_local std::string bytes, scratch;
    bytes.clear();
    std::string_view text = a[0].AsString();
    switch (from) {
        case str::Encoding::kHex:
            if (!str::DecodeHex(StripHexDecoration(text, scratch), bytes)) {
                out.SetNull();
                return;
            }
            break;
        case str::Encoding::kUtf8:
            bytes.assign(text);
            break;
        case str::Encoding::kAscii:
            str::AppendAsciiBytes(text, bytes);
            break;
        case str::Encoding::kBase64:
            str::DecodeBase64Lenient(text, bytes);
            break;
    }
    std::string& o = out.MutableString();
    o.clear();
    switch (to) {
        case str::Encoding::kHex:
            str::AppendHex(bytes, false, o);
            break;
        case str::Encoding::kUtf8:
            str::AppendDecodedUtf8(bytes, o);
            break;
        case str::Encoding::kAscii:
            str::AppendDecodedAscii(bytes, o);
            break;
        case str::Encoding::kBase64:
            serde::AppendBase64(bytes, o);
            break;  // no line breaks
    }
}

// Reads a fixed-size number from BYTES in the given byte order ('BIG_ENDIAN' by default).
template <size_t N>
bool ReadFixed(const Args& a, unsigned char (&buf)[N]) {
    std::string_view b = a[0].AsString();
    if (b.size() != N) return false;
    bool little = false;
    if (a.size() > 1) {
        std::string order = str::AsciiLower(a[1].AsString());
        if (order == "little_endian") {
            little = true;
        } else if (order != "big_endian") {
            return false;
        }
    }
    for (size_t k = 0; k < N; ++k) {
        buf[k] = static_cast<unsigned char>(b[little ? N - 1 - k : k]);
    }
    return true;
}

template <size_t N>
uint64_t BigEndianValue(const unsigned char (&buf)[N]) {
    uint64_t v = 0;
    for (size_t k = 0; k < N; ++k) v = (v << 8) | buf[k];
    return v;
}

void IntFromBytes(const Args& a, Value& out) {
    unsigned char buf[4];
    if (!ReadFixed(a, buf)) return out.SetNull();
    out.SetInt(static_cast<int32_t>(static_cast<uint32_t>(BigEndianValue(buf))));
}

void BigintFromBytes(const Args& a, Value& out) {
    unsigned char buf[8];
    if (!ReadFixed(a, buf)) return out.SetNull();
    out.SetInt(static_cast<int64_t>(BigEndianValue(buf)));
}

void DoubleFromBytes(const Args& a, Value& out) {
    unsigned char buf[8];
    if (!ReadFixed(a, buf)) return out.SetNull();
    uint64_t bits = BigEndianValue(buf);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    out.SetDouble(d);
}

void UuidFromBytes(const Args& a, Value& out) {
    std::string_view b = a[0].AsString();
    if (b.size() != 16) return out.SetNull();
    std::string& o = out.MutableString();
    o.clear();
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) o.push_back('-');
        str::AppendHex(b.substr(i, 1), false, o);
    }
}

}  // namespace

void RegisterBytesFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), b = SqlType::Bytes(), i = SqlType::Int();

    r.Add(MakeFn(
        "LEN", {b}, i,
        [](const Args& a, Value& out) { out.SetInt(static_cast<int64_t>(a[0].AsString().size())); },
        "Returns the number of bytes in a BYTES value.", kString));
    r.Add(MakeFn("SUBSTRING", {b, i}, b, SubstringBytes,
                 "Returns the rest of a BYTES value from a 1-based position (negative: counted "
                 "from the end).",
                 kString));
    r.Add(MakeFn("SUBSTRING", {b, i, i}, b, SubstringBytes,
                 "Returns at most len bytes of a BYTES value from a 1-based position.", kString));
    r.Add(SeesNulls(MakeVariadic(
        "CONCAT", {b}, b,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            for (size_t k = 0; k < a.size(); ++k) {
                if (!a[k].is_null()) o.append(a[k].AsString());
            }
        },
        "Concatenates BYTES values; null inputs count as empty.", kString)));
    r.Add(SeesNulls(MakeVariadic(
        "CONCAT_WS", {b, b}, b,
        [](const Args& a, Value& out) {
            if (a.size() < 2 || a[0].is_null()) return out.SetNull();
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
        "Concatenates BYTES values with a separator; null inputs are skipped and a null "
        "separator gives null.",
        kString)));
    r.Add(MakeFn(
        "LPAD", {b, i, b}, b, [](const Args& a, Value& out) { PadBytes(a, out, true); },
        "Pads BYTES on the left with padding bytes up to a length (truncating longer "
        "input); null for empty padding or a negative length.",
        kString));
    r.Add(MakeFn(
        "RPAD", {b, i, b}, b, [](const Args& a, Value& out) { PadBytes(a, out, false); },
        "Pads BYTES on the right with padding bytes up to a length (truncating longer "
        "input); null for empty padding or a negative length.",
        kString));
    r.Add(MakeFn("SPLIT", {b, b}, SqlType::Array(b), SplitBytes,
                 "Splits BYTES into an array on a delimiter; empty pieces are kept and an empty "
                 "delimiter splits into single bytes.",
                 kString));

    const char* encodings = " Encodings: 'hex', 'utf8', 'ascii' and 'base64'.";
    r.Add(MakeFn("TO_BYTES", {s, s}, b, ToBytes,
                 std::string("Converts a STRING in the given encoding to BYTES.") + encodings,
                 kString));
    r.Add(MakeFn("FROM_BYTES", {b, s}, s, FromBytes,
                 std::string("Converts BYTES to a STRING in the given encoding.") + encodings,
                 kString));
    r.Add(MakeFn("ENCODE", {s, s, s}, s, Encode,
                 std::string("Re-encodes a string from an input encoding to an output encoding; "
                             "null for unsupported encodings.") +
                     encodings,
                 kString));

    const char* order_doc = " The byte order is 'BIG_ENDIAN' (default) or 'LITTLE_ENDIAN'.";
    for (const auto& params : {std::vector<SqlType>{b}, std::vector<SqlType>{b, s}}) {
        r.Add(MakeFn(
            "INT_FROM_BYTES", params, i, IntFromBytes,
            std::string("Converts 4 BYTES to an INT; null for any other length.") + order_doc,
            kConversions));
        r.Add(MakeFn(
            "BIGINT_FROM_BYTES", params, SqlType::Bigint(), BigintFromBytes,
            std::string("Converts 8 BYTES to a BIGINT; null for any other length.") + order_doc,
            kConversions));
        r.Add(MakeFn("DOUBLE_FROM_BYTES", params, SqlType::Double(), DoubleFromBytes,
                     std::string("Converts 8 BYTES (IEEE 754) to a DOUBLE; null for any other "
                                 "length.") +
                         order_doc,
                     kConversions));
    }
    r.Add(MakeFn("UUID", {b}, s, UuidFromBytes,
                 "Formats 16 BYTES as a UUID string; null for any other length.", kString));
}

}  // namespace runnel::expression
