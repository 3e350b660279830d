#include "tests/runner/record_codec.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "tests/runner/protobuf_record.h"
#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

bool IsQuerySink(const catalog::DataSource& s) {
    auto info = ScanCreate(s.sql);
    return info && info->as_select;
}

std::string BigEndian(uint64_t v, int bytes) {
    std::string out(bytes, '\0');
    for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((v >> (8 * (bytes - 1 - i))) & 0xFF);
    return out;
}

uint64_t ReadBigEndian(std::string_view b) {
    uint64_t v = 0;
    for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
    return v;
}

std::string DoubleLexeme(double d) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof(buf), d);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
}

JsonValue DoubleValue(double d) {
    if (std::isnan(d)) return JsonValue::String("NaN");
    if (std::isinf(d)) return JsonValue::String(d > 0 ? "Infinity" : "-Infinity");
    return JsonValue::Number(DoubleLexeme(d));
}

// The text of a JSON string literal when `text` is exactly one; else nullopt.
std::optional<std::string> StringLiteral(std::string_view text) {
    if (text.empty() || text.front() != '"') return std::nullopt;
    auto v = ParseJson(text);
    if (!v.ok() || !v->is_string()) return std::nullopt;
    return v->text();
}

Result<int64_t> IntegerOf(const JsonValue& v, const std::string& what) {
    std::string text = v.text();
    if (!v.is_number() && !v.is_string()) return Status::Invalid(what + " must be an integer");
    try {
        size_t used = 0;
        long long n = std::stoll(text, &used);
        if (used == text.size()) return static_cast<int64_t>(n);
        long double d = std::stold(text, &used);
        if (used == text.size() && d == std::floor(d)) return static_cast<int64_t>(d);
    } catch (...) {
    }
    return Status::Invalid(what + " is not an integer: " + v.Dump());
}

Result<double> DoubleOf(const JsonValue& v) {
    if (v.is_string()) {
        if (v.text() == "NaN") return std::nan("");
        if (v.text() == "Infinity") return HUGE_VAL;
        if (v.text() == "-Infinity") return -HUGE_VAL;
    }
    try {
        size_t used = 0;
        double d = std::stod(v.text(), &used);
        if (used == v.text().size()) return d;
    } catch (...) {
    }
    return Status::Invalid("not a number: " + v.Dump());
}

// The scalar a KAFKA-format field stands for, as JSON.
Result<JsonValue> KafkaScalar(const FieldSpec& spec, const RecordSide& side) {
    if (spec.kind == FieldSpec::Kind::kJson) return spec.json;
    auto literal = StringLiteral(spec.text);
    if (literal) return JsonValue::String(*literal);
    if (spec.text == "null") return JsonValue();
    TypeKind kind = side.columns.empty() ? TypeKind::kString : side.columns[0].type.kind();
    switch (kind) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
        case TypeKind::kDouble:
            if (IsJsonNumber(spec.text)) return JsonValue::Number(spec.text);
            if (kind == TypeKind::kDouble &&
                (spec.text == "NaN" || spec.text == "Infinity" || spec.text == "-Infinity")) {
                return JsonValue::String(spec.text);
            }
            return Status::Invalid("'" + spec.text + "' is not a number for a KAFKA " +
                                   side.columns[0].type.ToString() + " column");
        default:
            return JsonValue::String(spec.text);
    }
}

Result<std::optional<std::string>> EncodeKafka(const JsonValue& v, const RecordSide& side) {
    if (v.is_null()) return std::optional<std::string>();
    if (side.columns.empty()) {
        // A keyless source: write the text, nothing reads it.
        return std::optional<std::string>(v.is_string() ? v.text() : v.Dump());
    }
    if (side.columns.size() != 1) {
        return Status::Invalid("KAFKA format with " + std::to_string(side.columns.size()) +
                               " columns");
    }
    const Column& c = side.columns[0];
    switch (c.type.kind()) {
        case TypeKind::kInt: {
            ASSIGN_OR_RETURN(int64_t n, IntegerOf(v, c.name));
            if (n < INT32_MIN || n > INT32_MAX)
                return Status::Invalid(c.name + " out of INT range");
            return std::optional<std::string>(BigEndian(static_cast<uint32_t>(n), 4));
        }
        case TypeKind::kBigint: {
            ASSIGN_OR_RETURN(int64_t n, IntegerOf(v, c.name));
            return std::optional<std::string>(BigEndian(static_cast<uint64_t>(n), 8));
        }
        case TypeKind::kDouble: {
            ASSIGN_OR_RETURN(double d, DoubleOf(v));
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof(bits));
            return std::optional<std::string>(BigEndian(bits, 8));
        }
        case TypeKind::kString:
            if (v.is_bool()) return std::optional<std::string>(v.bool_value() ? "true" : "false");
            return std::optional<std::string>(v.is_string() || v.is_number() ? v.text() : v.Dump());
        case TypeKind::kBytes: {
            auto bytes = Base64Decode(v.text());
            if (!v.is_string() || !bytes)
                return Status::Invalid("BYTES must be base64: " + v.Dump());
            return std::optional<std::string>(*bytes);
        }
        default:
            return Status::Invalid("the KAFKA format cannot carry " + c.type.ToString());
    }
}

Result<JsonValue> DecodeKafka(const std::string& bytes, const RecordSide& side) {
    if (side.columns.size() != 1) {
        return JsonValue::String("<" + std::to_string(bytes.size()) + " bytes: hex " +
                                 HexEncode(bytes) + ">");
    }
    const Column& c = side.columns[0];
    auto need = [&](size_t n) -> Status {
        if (bytes.size() == n) return Status::Ok();
        return Status::Invalid("KAFKA " + c.type.ToString() + " needs " + std::to_string(n) +
                               " bytes, got " + std::to_string(bytes.size()) + " (hex " +
                               HexEncode(bytes) + ")");
    };
    switch (c.type.kind()) {
        case TypeKind::kInt:
            RETURN_IF_ERROR(need(4));
            return JsonValue::Integer(static_cast<int32_t>(ReadBigEndian(bytes)));
        case TypeKind::kBigint:
            RETURN_IF_ERROR(need(8));
            return JsonValue::Integer(static_cast<int64_t>(ReadBigEndian(bytes)));
        case TypeKind::kDouble: {
            RETURN_IF_ERROR(need(8));
            uint64_t bits = ReadBigEndian(bytes);
            double d;
            std::memcpy(&d, &bits, sizeof(d));
            return DoubleValue(d);
        }
        case TypeKind::kBytes:
            return JsonValue::String(Base64Encode(bytes));
        default:
            return JsonValue::String(bytes);
    }
}

}  // namespace

TopicLayout LayoutForTopic(const catalog::Catalog* catalog, const std::string& topic,
                           LayoutRole role) {
    TopicLayout layout;
    if (catalog == nullptr) return layout;
    const catalog::DataSource* chosen = nullptr;
    bool chosen_preferred = false;
    for (const auto& [name, src] : catalog->sources()) {
        if (src->topic != topic) continue;
        bool preferred = (role == LayoutRole::kOutput) == IsQuerySink(*src);
        if (chosen == nullptr || (preferred && !chosen_preferred)) {
            chosen = src.get();
            chosen_preferred = preferred;
        }
    }
    if (chosen == nullptr) return layout;
    layout.source = chosen->name;
    layout.key.format = Upper(chosen->key_format.name);
    layout.value.format = Upper(chosen->value_format.name);
    // Debezium envelopes (and their JSON keys) are written and read as plain JSON documents.
    for (auto* f : {&layout.key.format, &layout.value.format}) {
        if (f->rfind("DEBEZIUM", 0) == 0) *f = "JSON";
    }
    for (const auto& c : chosen->schema.columns()) {
        if (c.ns == ColumnNamespace::kKey) {
            layout.key.columns.push_back(c);
        } else if (c.ns == ColumnNamespace::kValue) {
            layout.value.columns.push_back(c);
        }
    }
    auto object_like = [](const std::string& f) { return f == "JSON" || f == "PROTOBUF_NOSR"; };
    layout.key.wrapped = object_like(layout.key.format) && layout.key.columns.size() > 1;
    layout.value.wrapped =
        object_like(layout.value.format) &&
        (layout.value.columns.size() != 1 || chosen->value_format.wrap_single_value);
    layout.key.properties = chosen->key_format.properties;
    layout.value.properties = chosen->value_format.properties;
    if (chosen->is_windowed) {
        if (!chosen->window_type.empty()) {
            WindowInfo w;
            w.kind = chosen->window_type;
            w.session = w.kind == "SESSION";
            w.size_ms = chosen->window_size_ms;
            layout.window = w;
        } else {
            auto w = WindowFromSql(chosen->sql);
            layout.window = w ? *w : WindowInfo{};
        }
    }
    return layout;
}

Result<std::optional<std::string>> EncodeField(const FieldSpec& spec, const RecordSide& side,
                                               bool is_key) {
    using K = FieldSpec::Kind;
    if (spec.is_null()) return std::optional<std::string>();
    if (spec.kind == K::kBytes) return std::optional<std::string>(spec.text);
    if (spec.kind == K::kText && spec.text == "null") return std::optional<std::string>();
    const std::string& format = side.format;
    if (format == "JSON" || format.empty()) {
        if (spec.kind == K::kJson) return std::optional<std::string>(spec.json.Dump());
        return std::optional<std::string>(spec.text);
    }
    if (format == "DELIMITED") {
        if (spec.kind == K::kJson) {
            const JsonValue& v = spec.json;
            return std::optional<std::string>(v.is_string() || v.is_number() ? v.text() : v.Dump());
        }
        if (spec.is_key_token) {
            auto literal = StringLiteral(spec.text);
            if (literal) return std::optional<std::string>(*literal);
        }
        return std::optional<std::string>(spec.text);
    }
    if (format == "KAFKA") {
        ASSIGN_OR_RETURN(JsonValue v, KafkaScalar(spec, side));
        return EncodeKafka(v, side);
    }
    if (format == "NONE") return std::optional<std::string>();
    if (format == "PROTOBUF_NOSR") {
        if (spec.kind == K::kJson) return EncodeProtobufRecord(spec.json, side);
        auto v = ParseJson(spec.text);
        if (!v.ok()) return Status::Invalid("not JSON: " + v.status().message());
        return EncodeProtobufRecord(v.value(), side);
    }
    return Status::NotImplemented(std::string("cannot write ") + (is_key ? "keys" : "values") +
                                  " of format " + format);
}

std::string AppendWindow(const std::string& key, const WindowSpec& window) {
    if (window.session) {
        return key + BigEndian(static_cast<uint64_t>(window.end), 8) +
               BigEndian(static_cast<uint64_t>(window.start), 8);
    }
    return key + BigEndian(static_cast<uint64_t>(window.start), 8);
}

SplitKey SplitWindowedKey(const std::optional<std::string>& bytes, const WindowInfo& window) {
    SplitKey out;
    if (!bytes) {
        out.error = "windowed key is null";
        return out;
    }
    size_t suffix = window.session ? 16 : 8;
    if (bytes->size() < suffix) {
        out.error = "windowed key too short (hex " + HexEncode(*bytes) + ")";
        return out;
    }
    std::string_view b(*bytes);
    out.key = std::string(b.substr(0, b.size() - suffix));
    WindowSpec w;
    w.session = window.session;
    if (window.session) {
        w.end = static_cast<int64_t>(ReadBigEndian(b.substr(b.size() - 16, 8)));
        w.start = static_cast<int64_t>(ReadBigEndian(b.substr(b.size() - 8)));
    } else {
        w.start = static_cast<int64_t>(ReadBigEndian(b.substr(b.size() - 8)));
        w.end = window.size_ms > 0 ? w.start + window.size_ms : 0;
    }
    out.window = w;
    return out;
}

Result<JsonValue> DecodeField(const std::optional<std::string>& bytes, const RecordSide& side) {
    if (!bytes) return JsonValue();
    const std::string& format = side.format;
    if (format == "JSON") {
        auto v = ParseJson(*bytes);
        if (!v.ok())
            return Status::Invalid("not JSON (" + v.status().message() + "): " + Printable(*bytes));
        return v;
    }
    if (format == "KAFKA") return DecodeKafka(*bytes, side);
    if (format == "PROTOBUF_NOSR") {
        auto v = DecodeProtobufRecord(*bytes, side);
        if (!v.ok()) {
            return Status::Invalid(v.status().message() + " (hex " + HexEncode(*bytes) + ")");
        }
        return v;
    }
    if (format == "NONE") {
        return JsonValue::String("<NONE format with " + std::to_string(bytes->size()) + " bytes>");
    }
    if (format.empty()) {
        // No source tells the format: JSON when it reads as JSON, else the text.
        auto v = ParseJson(*bytes);
        if (v.ok()) return v;
    }
    return JsonValue::String(*bytes);
}

Result<JsonValue> ExpectedField(const FieldSpec& spec, const RecordSide& side, bool is_key) {
    using K = FieldSpec::Kind;
    if (spec.is_null()) return JsonValue();
    const std::string& format = side.format;
    if (spec.kind == K::kJson) {
        if (format == "DELIMITED") {
            const JsonValue& v = spec.json;
            return JsonValue::String(v.is_string() || v.is_number() ? v.text() : v.Dump());
        }
        return spec.json;
    }
    if (spec.kind == K::kBytes) {
        return Status::Internal("hex expectations are compared as bytes");
    }
    if (spec.text == "null") return JsonValue();
    if (format == "KAFKA") return KafkaScalar(spec, side);
    if (format == "DELIMITED") {
        if (spec.is_key_token) {
            auto literal = StringLiteral(spec.text);
            if (literal) return JsonValue::String(*literal);
        }
        return JsonValue::String(spec.text);
    }
    auto v = ParseJson(spec.text);
    if (!v.ok()) {
        if (format == "JSON") {
            return Status::Invalid(std::string("expected ") + (is_key ? "key" : "value") +
                                   " is not valid JSON: " + v.status().message());
        }
        return JsonValue::String(spec.text);
    }
    return v;
}

std::optional<SqlType> SideType(const RecordSide& side) {
    if (side.format == "DELIMITED" || side.format.empty() || side.format == "NONE") {
        return std::nullopt;
    }
    if (side.wrapped) {
        std::vector<StructField> fields;
        for (const auto& c : side.columns) fields.push_back({c.name, c.type});
        return SqlType::Struct(std::move(fields));
    }
    if (side.columns.size() == 1) return side.columns[0].type;
    return std::nullopt;
}

}  // namespace runnel::runner
