// JSON functions over STRING columns holding JSON text: EXTRACTJSONFIELD (ksqlDB's JSONPath
// subset), IS_JSON_STRING, JSON_ARRAY_CONTAINS, JSON_ARRAY_LENGTH, JSON_CONCAT, JSON_KEYS,
// JSON_RECORDS, JSON_ITEMS, and TO_JSON_STRING for primitive types. Documents are read with
// str_json.h (Jackson's rules, no DOM); invalid JSON gives null (false for the predicates).
#include <cstring>
#include <vector>

#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/serde/serde.h"
#include "engine/expression/functions/scalar/str_codec.h"
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_json.h"
#include "engine/expression/functions/scalar/str_text.h"
#include "engine/serde/civil_time.h"
#include "engine/serde/java_double.h"
#include "engine/serde/text_number.h"

namespace runnel::expression {

namespace {

using str::JsonType;
using str::JsonValue;
using str::MakeFn;
using str::NumberStyle;
using str::SeesNulls;

constexpr const char* kJson = str::kCategoryJson;

// ---- EXTRACTJSONFIELD ------------------------------------------------------------------------

// ksqlDB's JSONPath: '$' then .name segments (letters, digits, '_', ':' and '@') and [subscript]
// parts (letters, digits and '_', or a "quoted" name with \" and \\ escapes).
bool TokenizeJsonPath(std::string_view path, std::vector<std::string>& tokens) {
    tokens.clear();
    if (path.empty() || path[0] != '$') return false;
    size_t i = 1;
    auto take_run = [&](bool segment) {
        size_t start = i;
        while (i < path.size()) {
            size_t j = i;
            char32_t c = str::NextCodePoint(path, j);
            bool ok = c == '_' || str::IsLetterOrDigit(c) || (segment && (c == ':' || c == '@'));
            if (!ok) break;
            i = j;
        }
        return path.substr(start, i - start);
    };
    while (i < path.size()) {
        if (path[i] == '.') {
            ++i;
            std::string_view t = take_run(true);
            if (t.empty()) return false;
            tokens.emplace_back(t);
        } else if (path[i] == '[') {
            ++i;
            std::string token;
            if (i < path.size() && path[i] == '"') {
                ++i;
                bool closed = false;
                while (i < path.size()) {
                    char c = path[i++];
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\') {
                        if (i >= path.size() || (path[i] != '"' && path[i] != '\\')) return false;
                        c = path[i++];
                    }
                    token.push_back(c);
                }
                if (!closed) return false;
            } else {
                std::string_view t = take_run(false);
                if (t.empty()) return false;
                token.assign(t);
            }
            if (i >= path.size() || path[i] != ']') return false;
            ++i;
            tokens.push_back(std::move(token));
        } else {
            return false;
        }
    }
    return true;
}

// Java's Integer.parseInt.
bool ParseJavaInt(std::string_view s, int64_t* out) {
    if (s.empty()) return false;
    bool neg = s[0] == '-';
    if (s[0] == '-' || s[0] == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
        if (v > 2147483648LL) return false;
    }
    if (neg) v = -v;
    if (v > 2147483647LL) return false;
    *out = v;
    return true;
}

// The tokens of the last path seen by this thread (a call site's path is usually a constant).
struct PathCache {
    std::string path;
    bool valid = false;
    std::vector<std::string> tokens;
};

const PathCache& CachedPath(std::string_view path) {
    thread_local PathCache cache[4];
    thread_local size_t next = 0;
    for (const auto& c : cache) {
        if (!c.path.empty() && c.path == path) return c;
    }
    PathCache& c = cache[next];
    next = (next + 1) % 4;
    c.path.assign(path);
    c.valid = TokenizeJsonPath(path, c.tokens);
    return c;
}

void ExtractJsonField(const Args& a, Value& out) {
    const PathCache& path = CachedPath(a[1].AsString());
    JsonValue cur;
    if (!path.valid) return out.SetNull();
    if (!str::ParseJsonRoot(a[0].AsString(), &cur)) {
        // A blank document is Jackson's missing node: '$' alone prints it as "".
        bool blank = a[0].AsString().find_first_not_of(" \t\r\n") == std::string_view::npos;
        if (blank && path.tokens.empty()) return out.SetString("");
        return out.SetNull();
    }
    for (const std::string& token : path.tokens) {
        if (cur.type == JsonType::kArray) {
            int64_t index;
            if (!ParseJavaInt(token, &index) || index < 0) return out.SetNull();
            str::JsonElements elements(cur);
            JsonValue e;
            bool found = false;
            for (int64_t k = 0; elements.Next(&e); ++k) {
                if (k == index) {
                    found = true;
                    break;
                }
            }
            if (!found) return out.SetNull();
            cur = e;
        } else if (cur.type == JsonType::kObject) {
            str::JsonMembers members(cur);
            std::string_view key;
            JsonValue v, hit;
            bool found = false;
            while (members.Next(&key, &v)) {
                if (str::KeyEquals(key, token)) {  // the last one wins, as in Jackson's tree
                    hit = v;
                    found = true;
                }
            }
            if (!found) return out.SetNull();
            cur = hit;
        } else {
            return out.SetNull();
        }
    }
    std::string& o = out.MutableString();
    o.clear();
    if (cur.type == JsonType::kString) {
        str::AppendStringValue(cur, o);
    } else {
        str::AppendCompactJson(cur, NumberStyle::kBigDecimal, o);
    }
}

// ---- JSON_ARRAY_CONTAINS ---------------------------------------------------------------------

// Whether a JSON element equals the searched value, by ksqlDB's rules: integers match INT and
// BIGINT, numbers with a fraction or exponent match DOUBLE, strings match STRING, true/false
// match BOOLEAN, null matches a null value. Other SQL types never match.
bool ElementMatches(const JsonValue& e, const Value& v, bool comparable) {
    if (v.is_null()) return e.type == JsonType::kNull;
    if (!comparable) return false;
    switch (e.type) {
        case JsonType::kTrue:
        case JsonType::kFalse:
            return v.tag() == Value::Tag::kBool && v.AsBool() == (e.type == JsonType::kTrue);
        case JsonType::kString: {
            if (v.tag() != Value::Tag::kString) return false;
            thread_local std::string s;
            s.clear();
            str::AppendStringValue(e, s);
            return s == v.AsString();
        }
        case JsonType::kNumber: {
            bool integral = e.text.find_first_of(".eE") == std::string_view::npos;
            if (integral && v.tag() == Value::Tag::kInt) {
                int64_t x;
                return serde::ParseJavaLong(e.text, &x) && x == v.AsInt();
            }
            if (!integral && v.tag() == Value::Tag::kDouble) {
                double d, w = v.AsDouble();
                if (!serde::ParseJavaDouble(e.text, &d)) return false;
                return std::memcmp(&d, &w, sizeof d) == 0 || (d != d && w != w);  // Double.equals
            }
            return false;
        }
        default:
            return false;
    }
}

void JsonArrayContains(const Args& a, Value& out, bool comparable) {
    if (a[0].is_null()) return out.SetNull();
    str::JsonArrayStream stream;
    out.SetBool(false);
    if (!stream.Begin(a[0].AsString())) return;
    JsonValue e;
    while (stream.Next(&e) == str::JsonArrayStream::Step::kElement) {
        if (ElementMatches(e, a[1], comparable)) {
            out.SetBool(true);
            return;
        }
    }
}

// Resolver for JSON_ARRAY_CONTAINS(STRING, T); `comparable` picks the kinds of T this overload
// takes: those a JSON element can equal, or all the others (which never match).
TypeResolver ContainsResolver(bool comparable) {
    return [comparable](const std::vector<SqlType>& args,
                        std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != 2) return Status::Invalid("JSON_ARRAY_CONTAINS takes two arguments");
        TypeKind k0 = args[0].kind(), k1 = args[1].kind();
        if (k0 != TypeKind::kString && k0 != TypeKind::kNull) {
            return Status::Invalid("JSON_ARRAY_CONTAINS needs a STRING");
        }
        bool matchable = k1 == TypeKind::kBoolean || k1 == TypeKind::kInt ||
                         k1 == TypeKind::kBigint || k1 == TypeKind::kDouble ||
                         k1 == TypeKind::kString || k1 == TypeKind::kNull;
        if (matchable != comparable) return Status::Invalid("not this overload");
        params = {SqlType::String(), args[1]};
        return SqlType::Boolean();
    };
}

// ---- whole-document functions ----------------------------------------------------------------

bool ParseDoc(const Value& v, JsonType want, JsonValue* root) {
    return str::ParseJsonRoot(v.AsString(), root) && root->type == want;
}

void JsonArrayLength(const Args& a, Value& out) {
    JsonValue root;
    if (!ParseDoc(a[0], JsonType::kArray, &root)) return out.SetNull();
    str::JsonElements elements(root);
    JsonValue e;
    int64_t n = 0;
    while (elements.Next(&e)) ++n;
    out.SetInt(n);
}

void JsonKeys(const Args& a, Value& out) {
    JsonValue root;
    if (!ParseDoc(a[0], JsonType::kObject, &root)) return out.SetNull();
    ValueList keys;
    str::JsonMembers members(root);
    std::string_view key;
    JsonValue v;
    std::string decoded;
    while (members.Next(&key, &v)) {
        decoded.clear();
        str::AppendUnescaped(key, decoded);
        bool seen = false;
        for (const auto& k : keys) seen = seen || k.AsString() == decoded;
        if (!seen) keys.push_back(Value::String(decoded));
    }
    str::SetStringList(std::move(keys), out);
}

void JsonRecords(const Args& a, Value& out) {
    JsonValue root;
    if (!ParseDoc(a[0], JsonType::kObject, &root)) return out.SetNull();
    ValueMap entries;
    str::JsonMembers members(root);
    std::string_view key;
    JsonValue v;
    std::string decoded, text;
    while (members.Next(&key, &v)) {
        decoded.clear();
        str::AppendUnescaped(key, decoded);
        text.clear();
        str::AppendCompactJson(v, NumberStyle::kBigDecimal, text);
        bool replaced = false;
        for (auto& [k, val] : entries) {
            if (k.AsString() == decoded) {
                val = Value::String(text);
                replaced = true;
                break;
            }
        }
        if (!replaced) entries.emplace_back(Value::String(decoded), Value::String(text));
    }
    out.SetMap(std::make_shared<const ValueMap>(std::move(entries)));
}

void JsonItems(const Args& a, Value& out) {
    JsonValue root;
    if (!ParseDoc(a[0], JsonType::kArray, &root)) return out.SetNull();
    ValueList items;
    str::JsonElements elements(root);
    JsonValue e;
    std::string text;
    while (elements.Next(&e)) {
        if (e.type != JsonType::kObject) return out.SetNull();
        text.clear();
        str::AppendCompactJson(e, NumberStyle::kBigDecimal, text);
        items.push_back(Value::String(text));
    }
    str::SetStringList(std::move(items), out);
}

// JSON_CONCAT: objects merge (last value wins); otherwise arrays concatenate, other values
// counting as one-element arrays. Null when an input is null or not JSON.
void JsonConcat(const Args& a, Value& out) {
    if (a.size() == 0) return out.SetNull();
    thread_local std::vector<JsonValue> roots;
    roots.resize(a.size());
    bool all_objects = true;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!str::ParseJsonRoot(a[i].AsString(), &roots[i])) return out.SetNull();
        all_objects = all_objects && roots[i].type == JsonType::kObject;
    }
    std::string& o = out.MutableString();
    o.clear();
    if (a.size() == 1) {
        str::AppendCompactJson(roots[0], NumberStyle::kPlain, o);
    } else if (all_objects) {
        str::AppendMergedObjects(roots.data(), roots.size(), NumberStyle::kPlain, o);
    } else {
        o.push_back('[');
        bool first = true;
        auto add = [&](const JsonValue& v) {
            if (!first) o.push_back(',');
            first = false;
            str::AppendCompactJson(v, NumberStyle::kPlain, o);
        };
        for (const JsonValue& r : roots) {
            if (r.type != JsonType::kArray) {
                add(r);
                continue;
            }
            str::JsonElements elements(r);
            JsonValue e;
            while (elements.Next(&e)) add(e);
        }
        o.push_back(']');
    }
}

// ---- TO_JSON_STRING --------------------------------------------------------------------------

void AppendPadded(int64_t v, int width, std::string& out) {
    std::string digits = std::to_string(v);
    if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
    out.append(digits);
}

// java.time.LocalDate.toString(): yyyy-MM-dd, '+' before years above 9999.
void AppendIsoDate(int64_t days, std::string& out) {
    struct {
        int64_t year;
        int month, day;
    } d;
    serde::CivilFromDays(days, d.year, d.month, d.day);
    if (d.year < 0) {
        out.push_back('-');
        AppendPadded(-d.year, 4, out);
    } else {
        if (d.year > 9999) out.push_back('+');
        AppendPadded(d.year, 4, out);
    }
    out.push_back('-');
    AppendPadded(d.month, 2, out);
    out.push_back('-');
    AppendPadded(d.day, 2, out);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

void ToJsonDate(const Args& a, Value& out) {
    std::string& o = out.MutableString();
    o.assign("\"");
    AppendIsoDate(a[0].AsInt(), o);
    o.push_back('"');
}

// ksqlDB prints TIME as LocalTime.ofSecondOfDay(...).toString(): HH:mm, or HH:mm:ss when the
// seconds are not zero (milliseconds are dropped).
void ToJsonTime(const Args& a, Value& out) {
    int64_t secs = FloorDiv(a[0].AsInt(), 1000);
    std::string& o = out.MutableString();
    o.assign("\"");
    AppendPadded(secs / 3600, 2, o);
    o.push_back(':');
    AppendPadded(secs / 60 % 60, 2, o);
    if (secs % 60 != 0) {
        o.push_back(':');
        AppendPadded(secs % 60, 2, o);
    }
    o.push_back('"');
}

// TIMESTAMP as yyyy-MM-dd'T'HH:mm:ss.SSS in UTC.
void ToJsonTimestamp(const Args& a, Value& out) {
    int64_t ms = a[0].AsInt();
    int64_t days = FloorDiv(ms, 86400000);
    int64_t rem = ms - days * 86400000;
    std::string& o = out.MutableString();
    o.assign("\"");
    AppendIsoDate(days, o);
    o.push_back('T');
    AppendPadded(rem / 3600000, 2, o);
    o.push_back(':');
    AppendPadded(rem / 60000 % 60, 2, o);
    o.push_back(':');
    AppendPadded(rem / 1000 % 60, 2, o);
    o.push_back('.');
    AppendPadded(rem % 1000, 3, o);
    o.push_back('"');
}

void ToJsonDouble(const Args& a, Value& out) {
    double d = a[0].AsDouble();
    char buf[serde::kMaxJavaDoubleChars];
    size_t n = serde::FormatJavaDouble(d, buf);
    std::string& o = out.MutableString();
    o.clear();
    bool special = d != d || d == 1.0 / 0.0 || d == -1.0 / 0.0;  // Jackson quotes these
    if (special) o.push_back('"');
    o.append(buf, n);
    if (special) o.push_back('"');
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), b = SqlType::Boolean(), i = SqlType::Int();

    r.Add(MakeFn("EXTRACTJSONFIELD", {s, s}, s, ExtractJsonField,
                 "Extracts the value at a JSONPath ('$.a.b', '$.list[0]', '$[\"key\"]') from a "
                 "JSON string: strings unquoted, other values as compact JSON; null when the "
                 "path does not exist or the text is not JSON.",
                 kJson));
    r.Add(SeesNulls(MakeFn(
        "IS_JSON_STRING", {s}, b,
        [](const Args& a, Value& out) {
            JsonValue root;
            out.SetBool(!a[0].is_null() && str::ParseJsonRoot(a[0].AsString(), &root));
        },
        "Returns true if the string parses as a JSON value.", kJson)));

    for (bool comparable : {true, false}) {
        ScalarFunction f;
        f.name = "JSON_ARRAY_CONTAINS";
        f.resolve = ContainsResolver(comparable);
        f.signature = "STRING, T";
        f.null_on_null_input = false;
        f.impl = [comparable](const Args& a, Value& out) { JsonArrayContains(a, out, comparable); };
        f.description =
            "Returns true if a JSON array string contains the value (integers match INT and "
            "BIGINT, other numbers DOUBLE, strings STRING, booleans BOOLEAN); false when the "
            "text is not a JSON array.";
        f.category = kJson;
        r.Add(std::move(f));
    }

    r.Add(MakeFn("JSON_ARRAY_LENGTH", {s}, i, JsonArrayLength,
                 "Returns the length of the top-level JSON array; null if the string is not a "
                 "JSON array.",
                 kJson));
    r.Add(MakeFn("JSON_KEYS", {s}, SqlType::Array(s), JsonKeys,
                 "Returns the keys of the top-level JSON object; null if the string is not a "
                 "JSON object.",
                 kJson));
    r.Add(MakeFn("JSON_RECORDS", {s}, SqlType::Map(s, s), JsonRecords,
                 "Returns the top-level members of a JSON object as a map from key to the "
                 "member's JSON text; null if the string is not a JSON object.",
                 kJson));
    r.Add(MakeFn("JSON_ITEMS", {s}, SqlType::Array(s), JsonItems,
                 "Returns the elements of a JSON array of objects as an array of JSON strings; "
                 "null if the string is not such an array.",
                 kJson));
    r.Add(str::MakeVariadic("JSON_CONCAT", {s}, s, JsonConcat,
                            "Concatenates JSON strings as PostgreSQL's || does: objects merge "
                            "(last value wins), anything else concatenates as arrays; null "
                            "when an input is null or not JSON.",
                            kJson));

    // TO_JSON_STRING: one overload per primitive type (the implementation only sees values).
    // They resolve by exact type, so that no implicit widening (DECIMAL to DOUBLE, say) picks a
    // neighbour; DECIMAL(p, s) is cast to STRING at plan time, which prints it plainly with its
    // scale, exactly as the JSON number ksqlDB writes.
    auto to_json = [&](TypeKind kind, std::string signature, ScalarImpl impl) {
        ScalarFunction f;
        f.name = "TO_JSON_STRING";
        f.resolve = [kind](const std::vector<SqlType>& args,
                           std::vector<SqlType>& params) -> Result<SqlType> {
            bool null_arg =
                kind == TypeKind::kString && args.size() == 1 && args[0].kind() == TypeKind::kNull;
            if (args.size() != 1 || (args[0].kind() != kind && !null_arg)) {
                return Status::Invalid("not this overload");
            }
            params = {kind == TypeKind::kDecimal ? SqlType::String()
                      : null_arg                 ? SqlType::String()
                                                 : args[0]};
            return SqlType::String();
        };
        f.signature = std::move(signature);
        f.null_on_null_input = false;
        f.impl = [impl = std::move(impl)](const Args& a, Value& out) {
            if (a[0].is_null()) return out.SetString("null");
            impl(a, out);
        };
        f.description = "Returns the JSON text of a value.";
        f.category = kJson;
        r.Add(std::move(f));
    };
    to_json(TypeKind::kString, "STRING", [](const Args& a, Value& out) {
        std::string& o = out.MutableString();
        o.clear();
        str::AppendQuotedJson(a[0].AsString(), o);
    });
    to_json(TypeKind::kBoolean, "BOOLEAN",
            [](const Args& a, Value& out) { out.SetString(a[0].AsBool() ? "true" : "false"); });
    auto integer = [](const Args& a, Value& out) { out.SetString(std::to_string(a[0].AsInt())); };
    to_json(TypeKind::kInt, "INT", integer);
    to_json(TypeKind::kBigint, "BIGINT", integer);
    to_json(TypeKind::kDouble, "DOUBLE", ToJsonDouble);
    to_json(TypeKind::kBytes, "BYTES", [](const Args& a, Value& out) {
        thread_local std::string b64;
        b64.clear();
        str::AppendBase64Mime(a[0].AsString(), b64);
        std::string& o = out.MutableString();
        o.clear();
        str::AppendQuotedJson(b64, o);
    });
    to_json(TypeKind::kDate, "DATE", ToJsonDate);
    to_json(TypeKind::kTime, "TIME", ToJsonTime);
    to_json(TypeKind::kTimestamp, "TIMESTAMP", ToJsonTimestamp);
    to_json(TypeKind::kDecimal, "DECIMAL",
            [](const Args& a, Value& out) { out.SetString(a[0].AsString()); });
    // ARRAY, MAP and STRUCT: written as the JSON format writes them; the implementation is
    // bound to the argument's type (field names, element types) per call site.
    for (auto [kind, signature] : {std::pair{TypeKind::kArray, "ARRAY<T>"}, std::pair{TypeKind::kMap, "MAP<K, V>"},
                                   std::pair{TypeKind::kStruct, "STRUCT<...>"}}) {
        ScalarFunction f;
        f.name = "TO_JSON_STRING";
        f.resolve = [kind](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 1 || args[0].kind() != kind) return Status::Invalid("not this overload");
            params = args;
            return SqlType::String();
        };
        f.signature = signature;
        f.null_on_null_input = false;
        f.bind = [](const std::vector<SqlType>& types) -> ScalarImpl {
            SqlType type = types.empty() ? SqlType::String() : types[0];
            return [type](const Args& a, Value& out) {
                if (a[0].is_null()) return out.SetString("null");
                std::string& o = out.MutableString();
                o.clear();
                serde::AppendJsonValue(a[0], type, o);
            };
        };
        f.impl = [](const Args&, Value& out) { out.SetNull(); };  // replaced by bind
        f.description = "Returns the JSON text of a value.";
        f.category = kJson;
        r.Add(std::move(f));
    }
}

}  // namespace runnel::expression
