#include "engine/expression/functions/scalar/str_json.h"

#include <deque>
#include <unordered_map>
#include <vector>

#include "engine/expression/functions/scalar/str_text.h"
#include "engine/serde/json_writer.h"

namespace runnel::expression::str {

namespace {

constexpr int kMaxDepth = 1000;

bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipWs(std::string_view t, size_t p) {
    while (p < t.size() && IsWs(t[p])) ++p;
    return p;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A character that may continue a Java identifier: Jackson rejects a literal such as "truex".
bool IsIdentifierPart(char c) {
    return IsDigit(c) || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool ParseString(std::string_view t, size_t p, size_t* end) {
    ++p;  // opening quote
    while (p < t.size()) {
        const auto c = static_cast<unsigned char>(t[p]);
        if (c == '"') {
            *end = p + 1;
            return true;
        }
        if (c < 0x20) return false;
        if (c != '\\') {
            ++p;
            continue;
        }
        if (p + 1 >= t.size()) return false;
        switch (t[p + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                p += 2;
                break;
            case 'u':
                if (p + 6 > t.size()) return false;
                for (size_t k = 2; k < 6; ++k) {
                    if (HexDigit(t[p + k]) < 0) return false;
                }
                p += 6;
                break;
            default:
                return false;
        }
    }
    return false;
}

bool ParseNumber(std::string_view t, size_t p, size_t* end) {
    if (p < t.size() && t[p] == '-') ++p;
    if (p >= t.size() || !IsDigit(t[p])) return false;
    if (t[p] == '0') {
        ++p;
        if (p < t.size() && IsDigit(t[p])) return false;  // leading zeros
    } else {
        while (p < t.size() && IsDigit(t[p])) ++p;
    }
    if (p < t.size() && t[p] == '.') {
        ++p;
        if (p >= t.size() || !IsDigit(t[p])) return false;
        while (p < t.size() && IsDigit(t[p])) ++p;
    }
    if (p < t.size() && (t[p] == 'e' || t[p] == 'E')) {
        ++p;
        if (p < t.size() && (t[p] == '+' || t[p] == '-')) ++p;
        if (p >= t.size() || !IsDigit(t[p])) return false;
        while (p < t.size() && IsDigit(t[p])) ++p;
    }
    *end = p;
    return true;
}

bool ParseValue(std::string_view t, size_t p, int depth, JsonValue* out, size_t* end);

bool ParseContainer(std::string_view t, size_t p, int depth, bool object, size_t* end) {
    if (depth >= kMaxDepth) return false;
    const char close = object ? '}' : ']';
    p = SkipWs(t, p + 1);
    if (p < t.size() && t[p] == close) {
        *end = p + 1;
        return true;
    }
    JsonValue v;
    while (true) {
        if (object) {
            if (p >= t.size() || t[p] != '"' || !ParseString(t, p, &p)) return false;
            p = SkipWs(t, p);
            if (p >= t.size() || t[p] != ':') return false;
            p = SkipWs(t, p + 1);
        }
        if (!ParseValue(t, p, depth + 1, &v, &p)) return false;
        p = SkipWs(t, p);
        if (p >= t.size()) return false;
        if (t[p] == close) {
            *end = p + 1;
            return true;
        }
        if (t[p] != ',') return false;
        p = SkipWs(t, p + 1);
    }
}

bool ParseLiteral(std::string_view t, size_t p, std::string_view word, size_t* end) {
    if (t.substr(p, word.size()) != word) return false;
    p += word.size();
    if (p < t.size() && IsIdentifierPart(t[p])) return false;
    *end = p;
    return true;
}

bool ParseValue(std::string_view t, size_t p, int depth, JsonValue* out, size_t* end) {
    if (p >= t.size()) return false;
    bool ok = false;
    switch (t[p]) {
        case '{':
            out->type = JsonType::kObject;
            ok = ParseContainer(t, p, depth, true, end);
            break;
        case '[':
            out->type = JsonType::kArray;
            ok = ParseContainer(t, p, depth, false, end);
            break;
        case '"':
            out->type = JsonType::kString;
            ok = ParseString(t, p, end);
            break;
        case 't':
            out->type = JsonType::kTrue;
            ok = ParseLiteral(t, p, "true", end);
            break;
        case 'f':
            out->type = JsonType::kFalse;
            ok = ParseLiteral(t, p, "false", end);
            break;
        case 'n':
            out->type = JsonType::kNull;
            ok = ParseLiteral(t, p, "null", end);
            break;
        default:
            out->type = JsonType::kNumber;
            ok = ParseNumber(t, p, end);
    }
    if (ok) out->text = t.substr(p, *end - p);
    return ok;
}

// Reads the key or value that a walker is positioned at (the document was validated).
JsonValue ReadNext(std::string_view t, size_t* p) {
    JsonValue v;
    size_t end = *p;
    ParseValue(t, *p, 0, &v, &end);
    *p = end;
    return v;
}

bool RawKeyEq(std::string_view a, std::string_view b) {
    if (a.find('\\') == std::string_view::npos && b.find('\\') == std::string_view::npos) {
        return a == b;
    }
    thread_local std::string x, y;
    x.clear(), y.clear();
    AppendUnescaped(a, x);
    AppendUnescaped(b, y);
    return x == y;
}

void AppendRawString(std::string_view raw, std::string& out) {
    if (raw.find('\\') == std::string_view::npos) {  // already in Jackson's form
        out.push_back('"');
        out.append(raw);
        out.push_back('"');
        return;
    }
    thread_local std::string decoded;
    decoded.clear();
    AppendUnescaped(raw, decoded);
    AppendQuotedJson(decoded, out);
}

struct Member {
    std::string_view key;
    JsonValue value;
};

std::vector<Member>& MemberScratch(size_t depth) {
    thread_local std::deque<std::vector<Member>> pool;
    if (pool.size() <= depth) pool.resize(depth + 1);
    pool[depth].clear();
    return pool[depth];
}

void AppendCompact(const JsonValue& v, NumberStyle style, std::string& out, size_t depth);

// Writes an object from its members: a repeated key keeps its first place and its last value.
void AppendMembers(const std::vector<Member>& members, NumberStyle style, std::string& out,
                   size_t depth) {
    const size_t n = members.size();
    out.push_back('{');
    bool first = true;
    auto emit = [&](const Member& key_of, const Member& value_of) {
        if (!first) out.push_back(',');
        first = false;
        AppendRawString(key_of.key, out);
        out.push_back(':');
        AppendCompact(value_of.value, style, out, depth + 1);
    };
    if (n <= 32) {
        for (size_t i = 0; i < n; ++i) {
            bool seen = false;
            for (size_t j = 0; j < i && !seen; ++j) seen = RawKeyEq(members[j].key, members[i].key);
            if (seen) continue;
            size_t last = i;
            for (size_t k = i + 1; k < n; ++k) {
                if (RawKeyEq(members[k].key, members[i].key)) last = k;
            }
            emit(members[i], members[last]);
        }
    } else {
        std::unordered_map<std::string_view, size_t> last;  // raw keys; escapes are rare here
        for (size_t i = 0; i < n; ++i) last[members[i].key] = i;
        for (size_t i = 0; i < n; ++i) {
            auto it = last.find(members[i].key);
            if (it->second == SIZE_MAX) continue;
            emit(members[i], members[it->second]);
            it->second = SIZE_MAX;
        }
    }
    out.push_back('}');
}

void AppendCompact(const JsonValue& v, NumberStyle style, std::string& out, size_t depth) {
    switch (v.type) {
        case JsonType::kTrue:
            out.append("true");
            return;
        case JsonType::kFalse:
            out.append("false");
            return;
        case JsonType::kNull:
            out.append("null");
            return;
        case JsonType::kNumber:
            AppendJsonNumber(v.text, style, out);
            return;
        case JsonType::kString:
            AppendRawString(v.text.substr(1, v.text.size() - 2), out);
            return;
        case JsonType::kArray: {
            out.push_back('[');
            JsonElements elements(v);
            JsonValue e;
            bool first = true;
            while (elements.Next(&e)) {
                if (!first) out.push_back(',');
                first = false;
                AppendCompact(e, style, out, depth + 1);
            }
            out.push_back(']');
            return;
        }
        case JsonType::kObject:
            break;
    }
    // One member list per nesting level, reused across calls (a deque keeps references stable).
    std::vector<Member>& members = MemberScratch(depth);
    JsonMembers walker(v);
    Member m;
    while (walker.Next(&m.key, &m.value)) members.push_back(m);
    AppendMembers(members, style, out, depth);
}

}  // namespace

bool ParseJsonRoot(std::string_view doc, JsonValue* out) {
    size_t p = SkipWs(doc, 0);
    if (p >= doc.size()) return false;  // missing node
    size_t end;
    if (!ParseValue(doc, p, 0, out, &end)) return false;
    // Jackson wants whitespace (or the end) after a number at the root.
    if (out->type == JsonType::kNumber && end < doc.size() && !IsWs(doc[end])) return false;
    return true;
}

JsonMembers::JsonMembers(const JsonValue& object) : text_(object.text), pos_(1) {}

bool JsonMembers::Next(std::string_view* key, JsonValue* value) {
    size_t p = SkipWs(text_, pos_);
    if (p >= text_.size() || text_[p] == '}') return false;
    if (text_[p] == ',') p = SkipWs(text_, p + 1);
    JsonValue k = ReadNext(text_, &p);
    *key = k.text.substr(1, k.text.size() - 2);
    p = SkipWs(text_, p);
    p = SkipWs(text_, p + 1);  // ':'
    *value = ReadNext(text_, &p);
    pos_ = p;
    return true;
}

JsonElements::JsonElements(const JsonValue& array) : text_(array.text), pos_(1) {}

bool JsonElements::Next(JsonValue* value) {
    size_t p = SkipWs(text_, pos_);
    if (p >= text_.size() || text_[p] == ']') return false;
    if (text_[p] == ',') p = SkipWs(text_, p + 1);
    *value = ReadNext(text_, &p);
    pos_ = p;
    return true;
}

void AppendUnescaped(std::string_view raw, std::string& out) {
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
            out.push_back(c);
            continue;
        }
        char e = raw[++i];
        switch (e) {
            case 'b':
                out.push_back('\b');
                break;
            case 'f':
                out.push_back('\f');
                break;
            case 'n':
                out.push_back('\n');
                break;
            case 'r':
                out.push_back('\r');
                break;
            case 't':
                out.push_back('\t');
                break;
            case 'u': {
                auto read4 = [&](size_t at, char32_t* v) {
                    if (at + 4 > raw.size()) return false;
                    char32_t x = 0;
                    for (size_t k = 0; k < 4; ++k) {
                        int h = HexDigit(raw[at + k]);
                        if (h < 0) return false;
                        x = x * 16 + static_cast<char32_t>(h);
                    }
                    *v = x;
                    return true;
                };
                char32_t cp = 0;
                if (!read4(i + 1, &cp)) {
                    out.push_back('?');
                    break;
                }
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < raw.size() && raw[i + 1] == '\\' &&
                    raw[i + 2] == 'u') {
                    char32_t low = 0;
                    if (read4(i + 3, &low) && low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                AppendUtf8(cp, out);  // an unpaired surrogate becomes '?'
                break;
            }
            default:
                out.push_back(e);  // '"', '\\', '/'
        }
    }
}

void AppendStringValue(const JsonValue& v, std::string& out) {
    AppendUnescaped(v.text.substr(1, v.text.size() - 2), out);
}

bool KeyEquals(std::string_view raw_key, std::string_view name) {
    if (raw_key.find('\\') == std::string_view::npos) return raw_key == name;
    thread_local std::string decoded;
    decoded.clear();
    AppendUnescaped(raw_key, decoded);
    return decoded == name;
}

void AppendCompactJson(const JsonValue& v, NumberStyle style, std::string& out) {
    AppendCompact(v, style, out, 0);
}

void AppendMergedObjects(const JsonValue* objects, size_t count, NumberStyle style,
                         std::string& out) {
    std::vector<Member>& members = MemberScratch(0);
    Member m;
    for (size_t i = 0; i < count; ++i) {
        JsonMembers walker(objects[i]);
        while (walker.Next(&m.key, &m.value)) members.push_back(m);
    }
    AppendMembers(members, style, out, 0);
}

bool JsonArrayStream::Begin(std::string_view doc) {
    text_ = doc;
    pos_ = SkipWs(doc, 0);
    first_ = true;
    if (pos_ >= doc.size() || doc[pos_] != '[') return false;
    ++pos_;
    return true;
}

JsonArrayStream::Step JsonArrayStream::Next(JsonValue* element) {
    size_t p = SkipWs(text_, pos_);
    if (p >= text_.size()) return Step::kEnd;  // truncated: the token stream just ends
    if (text_[p] == ']') return Step::kEnd;
    if (!first_) {
        if (text_[p] != ',') return Step::kError;
        p = SkipWs(text_, p + 1);
    }
    first_ = false;
    size_t end;
    if (!ParseValue(text_, p, 1, element, &end)) return Step::kError;
    pos_ = end;
    return Step::kElement;
}

void AppendJsonNumber(std::string_view token, NumberStyle style, std::string& out) {
    const bool negative = !token.empty() && token[0] == '-';
    std::string_view body = negative ? token.substr(1) : token;
    size_t dot = body.find('.');
    size_t exp = body.find_first_of("eE");
    if (dot == std::string_view::npos && exp == std::string_view::npos) {
        // An integer node: printed as its value ("-0" is 0).
        if (negative && body != "0") out.push_back('-');
        out.append(body);
        return;
    }
    // A BigDecimal: unscaled digits and a scale.
    std::string_view int_part = body.substr(0, std::min(dot, exp));
    std::string_view frac_part;
    if (dot != std::string_view::npos) {
        frac_part =
            body.substr(dot + 1, (exp == std::string_view::npos ? body.size() : exp) - dot - 1);
    }
    int64_t exponent = 0;
    if (exp != std::string_view::npos) {
        std::string_view e = body.substr(exp + 1);
        bool eneg = !e.empty() && e[0] == '-';
        if (!e.empty() && (e[0] == '-' || e[0] == '+')) e.remove_prefix(1);
        for (char c : e) {
            exponent = exponent * 10 + (c - '0');
            if (exponent > 1000000000) break;  // absurd exponents: clamp
        }
        if (eneg) exponent = -exponent;
    }
    thread_local std::string digits;
    digits.assign(int_part);
    digits.append(frac_part);
    size_t nz = digits.find_first_not_of('0');
    digits.erase(0, nz == std::string::npos ? digits.size() - 1 : nz);
    const bool zero = digits == "0";
    const int64_t scale = static_cast<int64_t>(frac_part.size()) - exponent;
    const auto ndigits = static_cast<int64_t>(digits.size());
    if (negative && !zero) out.push_back('-');
    const int64_t adjusted = -scale + (ndigits - 1);
    auto plain_fraction = [&]() {  // scale > 0
        if (ndigits > scale) {
            out.append(digits, 0, static_cast<size_t>(ndigits - scale));
            out.push_back('.');
            out.append(digits, static_cast<size_t>(ndigits - scale), std::string::npos);
        } else {
            out.append("0.");
            out.append(static_cast<size_t>(scale - ndigits), '0');
            out.append(digits);
        }
    };
    if (style == NumberStyle::kPlain && scale <= 0 && -scale <= 10000) {
        out.append(digits);
        if (!zero) out.append(static_cast<size_t>(-scale), '0');
        return;
    }
    if (scale == 0) {
        out.append(digits);
        return;
    }
    if (scale > 0 && (adjusted >= -6 || (style == NumberStyle::kPlain && scale <= 10000))) {
        plain_fraction();
        return;
    }
    out.push_back(digits[0]);
    if (ndigits > 1) {
        out.push_back('.');
        out.append(digits, 1, std::string::npos);
    }
    out.push_back('E');
    if (adjusted > 0) out.push_back('+');
    out.append(std::to_string(adjusted));
}

void AppendQuotedJson(std::string_view s, std::string& out) { serde::AppendJsonString(s, out); }

}  // namespace runnel::expression::str
