#include "engine/serde/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "engine/serde/base64.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/java_double.h"
#include "engine/serde/serde.h"

namespace runnel::serde {

namespace {

// 0: copy; 'u': \u00XX; otherwise the character after the backslash.
constexpr std::array<char, 256> MakeEscapeTable() {
    std::array<char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 'u';
    t['"'] = '"';
    t['\\'] = '\\';
    t['\b'] = 'b';
    t['\t'] = 't';
    t['\n'] = 'n';
    t['\f'] = 'f';
    t['\r'] = 'r';
    return t;
}

constexpr std::array<char, 256> kEscape = MakeEscapeTable();

void WriteLiteral(std::string_view s, BufferWriter& w) { w.Write(s.data(), s.size()); }

void WriteInt(int64_t v, BufferWriter& w) {
    char* p = w.Reserve(20);
    w.Commit(size_t(std::to_chars(p, p + 20, v).ptr - p));
}

void WriteDouble(double d, BufferWriter& w) {
    char* p = w.Reserve(kMaxJavaDoubleChars + 2);
    // Jackson writes non-finite doubles as strings ("NaN"), keeping the document valid JSON.
    if (!std::isfinite(d)) {
        *p = '"';
        size_t n = FormatJavaDouble(d, p + 1);
        p[n + 1] = '"';
        w.Commit(n + 2);
        return;
    }
    w.Commit(FormatJavaDouble(d, p));
}

void WriteDecimal(__int128 unscaled, int scale, BufferWriter& w) {
    // At most 39 digits, a sign, a point and "0." before small fractions.
    char buf[96];
    std::string text;
    if (scale > 40) {
        AppendDecimalText(unscaled, scale, text);
        w.Write(text);
        return;
    }
    unsigned __int128 mag = unscaled < 0 ? -static_cast<unsigned __int128>(unscaled)
                                         : static_cast<unsigned __int128>(unscaled);
    char* end = buf + sizeof(buf);
    char* p = end;
    int digits = 0;
    do {
        *--p = char('0' + int(mag % 10));
        mag /= 10;
        ++digits;
    } while (mag != 0);
    while (digits <= scale) {  // "0.00ddd"
        *--p = '0';
        ++digits;
    }
    char* out = w.Reserve(size_t(end - p) + 2);
    char* o = out;
    if (unscaled < 0) *o++ = '-';
    size_t int_len = size_t(digits - scale);
    std::memcpy(o, p, int_len);
    o += int_len;
    if (scale > 0) {
        *o++ = '.';
        std::memcpy(o, p + int_len, size_t(scale));
        o += scale;
    }
    w.Commit(size_t(o - out));
}

void WriteBase64String(std::string_view bytes, BufferWriter& w) {
    std::string text;
    AppendBase64(bytes, text);
    char* p = w.Reserve(text.size() + 2);
    p[0] = '"';
    std::memcpy(p + 1, text.data(), text.size());
    p[text.size() + 1] = '"';
    w.Commit(text.size() + 2);
}

// Writes by the value's storage when it does not match the declared type (defensive: the
// writer cannot fail, and a mismatch is a bug upstream, not a reason to emit invalid JSON).
void WriteByTag(const Value& v, BufferWriter& w) {
    switch (v.tag()) {
        case Value::Tag::kNull: WriteLiteral("null", w); return;
        case Value::Tag::kBool: WriteLiteral(v.AsBool() ? "true" : "false", w); return;
        case Value::Tag::kInt: WriteInt(v.AsInt(), w); return;
        case Value::Tag::kDouble: WriteDouble(v.AsDouble(), w); return;
        case Value::Tag::kDecimal: WriteDecimal(v.AsDecimal(), 0, w); return;
        case Value::Tag::kString: WriteJsonString(v.AsString(), w); return;
        case Value::Tag::kList: {
            w.Put('[');
            bool first = true;
            for (const Value& e : v.AsList()) {
                if (!first) w.Put(',');
                first = false;
                WriteByTag(e, w);
            }
            w.Put(']');
            return;
        }
        case Value::Tag::kMap: {
            w.Put('{');
            bool first = true;
            for (const auto& [k, e] : v.AsMap()) {
                if (!first) w.Put(',');
                first = false;
                if (k.tag() == Value::Tag::kString) {
                    WriteJsonString(k.AsString(), w);
                } else {
                    BufferWriter key;
                    WriteByTag(k, key);
                    WriteJsonString(key.view(), w);
                }
                w.Put(':');
                WriteByTag(e, w);
            }
            w.Put('}');
            return;
        }
    }
}

void WriteMapKey(const Value& k, const SqlType& key_type, BufferWriter& w) {
    if (k.tag() == Value::Tag::kString && key_type.kind() != TypeKind::kBytes) {
        WriteJsonString(k.AsString(), w);
        return;
    }
    // ksqlDB map keys are STRING; another key type is written as the text of its value
    // (1 -> "1", BYTES -> base64).
    std::string key;
    if (k.tag() == Value::Tag::kString) {
        AppendBase64(k.AsString(), key);
    } else {
        BufferWriter text;
        WriteJsonValue(k, key_type, text);
        key.assign(text.view());
    }
    WriteJsonString(key, w);
}

}  // namespace

void WriteJsonString(std::string_view s, BufferWriter& w) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    // Worst case every byte becomes \u00XX.
    char* start = w.Reserve(s.size() * 6 + 2);
    char* o = start;
    *o++ = '"';
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        const char* run = p;
        while (p < end && kEscape[static_cast<unsigned char>(*p)] == 0) ++p;
        std::memcpy(o, run, size_t(p - run));
        o += p - run;
        if (p == end) break;
        unsigned char c = static_cast<unsigned char>(*p++);
        char esc = kEscape[c];
        *o++ = '\\';
        if (esc == 'u') {
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = kHex[c >> 4];
            *o++ = kHex[c & 15];
        } else {
            *o++ = esc;
        }
    }
    *o++ = '"';
    w.Commit(size_t(o - start));
}

void WriteJsonValue(const Value& v, const SqlType& type, BufferWriter& w) {
    if (v.is_null()) {
        WriteLiteral("null", w);
        return;
    }
    switch (type.kind()) {
        case TypeKind::kBoolean:
            if (v.tag() != Value::Tag::kBool) break;
            WriteLiteral(v.AsBool() ? "true" : "false", w);
            return;
        case TypeKind::kInt:
        case TypeKind::kBigint:
        case TypeKind::kDate:
        case TypeKind::kTime:
        case TypeKind::kTimestamp:
            if (v.tag() != Value::Tag::kInt) break;
            WriteInt(v.AsInt(), w);
            return;
        case TypeKind::kDouble:
            if (v.tag() == Value::Tag::kInt) {
                WriteDouble(double(v.AsInt()), w);
                return;
            }
            if (v.tag() != Value::Tag::kDouble) break;
            WriteDouble(v.AsDouble(), w);
            return;
        case TypeKind::kDecimal:
            if (v.tag() != Value::Tag::kDecimal) break;
            WriteDecimal(v.AsDecimal(), type.scale(), w);
            return;
        case TypeKind::kString:
            if (v.tag() != Value::Tag::kString) break;
            WriteJsonString(v.AsString(), w);
            return;
        case TypeKind::kBytes:
            if (v.tag() != Value::Tag::kString) break;
            WriteBase64String(v.AsString(), w);
            return;
        case TypeKind::kArray: {
            if (v.tag() != Value::Tag::kList) break;
            const SqlType& element = type.element();
            w.Put('[');
            bool first = true;
            for (const Value& e : v.AsList()) {
                if (!first) w.Put(',');
                first = false;
                WriteJsonValue(e, element, w);
            }
            w.Put(']');
            return;
        }
        case TypeKind::kMap: {
            if (v.tag() != Value::Tag::kMap) break;
            const SqlType& key_type = type.map_key();
            const SqlType& value_type = type.map_value();
            w.Put('{');
            bool first = true;
            for (const auto& [k, e] : v.AsMap()) {
                if (!first) w.Put(',');
                first = false;
                WriteMapKey(k, key_type, w);
                w.Put(':');
                WriteJsonValue(e, value_type, w);
            }
            w.Put('}');
            return;
        }
        case TypeKind::kStruct: {
            if (v.tag() != Value::Tag::kList) break;
            const auto& fields = type.fields();
            const ValueList& items = v.AsList();
            w.Put('{');
            for (size_t i = 0; i < fields.size(); ++i) {
                if (i) w.Put(',');
                WriteJsonString(fields[i].name, w);
                w.Put(':');
                if (i < items.size()) {
                    WriteJsonValue(items[i], fields[i].type, w);
                } else {
                    WriteLiteral("null", w);
                }
            }
            w.Put('}');
            return;
        }
        case TypeKind::kNull:
        case TypeKind::kNamed:
            break;
    }
    WriteByTag(v, w);
}

void AppendJsonString(std::string_view s, std::string& out) {
    thread_local BufferWriter w;
    w.Clear();
    WriteJsonString(s, w);
    out.append(w.view());
}

void AppendJsonValue(const Value& v, const SqlType& type, std::string& out) {
    thread_local BufferWriter w;
    w.Clear();
    WriteJsonValue(v, type, w);
    out.append(w.view());
}

}  // namespace runnel::serde
