#include "engine/serde/debezium_values.h"

#include <fmt/format.h>

#include "engine/serde/base64.h"
#include "engine/serde/civil_time.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/iso_time_text.h"
#include "engine/serde/text_number.h"

namespace runnel::serde {

namespace {

bool IsBase64Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
}

// Without a schema, a TIMESTAMP number's unit is guessed from its magnitude: epoch millis stay
// below 1e14 until the year 5138; micros pass 1e14 in 1973 and nanos pass 1e17 in 1973.
constexpr int64_t kMicrosThreshold = 100'000'000'000'000;          // 1e14
constexpr int64_t kNanosThreshold = 100'000'000'000'000'000;       // 1e17

int64_t Magnitude(int64_t v) { return v == INT64_MIN ? INT64_MAX : (v < 0 ? -v : v); }

}  // namespace

bool LooksLikeBase64Decimal(std::string_view s) {
    if (s.empty() || s.size() % 4 != 0) return false;
    size_t end = s.size();
    while (end > 0 && s.size() - end < 2 && s[end - 1] == '=') --end;
    for (size_t i = 0; i < end; ++i) {
        if (!IsBase64Char(s[i])) return false;
    }
    return true;
}

bool DebeziumValueReader::Read(od::value& value, ReadPlan& plan, const ColumnEncoding& encoding,
                               JsonDecoder& decoder, Value& out) {
    const SqlType& type = plan.type;
    TypeKind kind = type.kind();
    if (kind != TypeKind::kDecimal && kind != TypeKind::kDate && kind != TypeKind::kTime &&
        kind != TypeKind::kTimestamp) {
        return decoder.DecodeValue(value, plan, out);
    }
    od::json_type jt;
    if (auto e = value.type().get(jt)) return decoder.Json(e);
    if (jt == od::json_type::null) return decoder.ReadNull(value, out);
    if (kind == TypeKind::kDecimal) return ReadDecimal(value, jt, type, encoding, decoder, out);
    return ReadTemporal(value, jt, type, encoding.encoding, decoder, out);
}

bool DebeziumValueReader::ReadDecimal(od::value& value, od::json_type jt, const SqlType& type,
                                      const ColumnEncoding& encoding, JsonDecoder& decoder,
                                      Value& out) {
    switch (jt) {
        case od::json_type::number: {
            // decimal.handling.mode=double: a double's digits, rounded half up to the scale.
            std::string_view token;
            if (!decoder.NumberText(value, &token)) return false;
            auto unscaled =
                ParseDecimalText(token, type.precision(), type.scale(), DecimalRounding::kHalfUp);
            if (!unscaled.ok()) return decoder.Fail(unscaled.status());
            out.SetDecimal(unscaled.value());
            return true;
        }
        case od::json_type::string: {
            std::string_view s;
            if (auto e = value.get_string().get(s)) return decoder.Json(e);
            bool bytes = encoding.encoding == DebeziumEncoding::kDecimalBytes ||
                         (encoding.encoding == DebeziumEncoding::kUnknown &&
                          LooksLikeBase64Decimal(s));
            if (bytes) {
                int scale = encoding.scale >= 0 ? encoding.scale : type.scale();
                return DecimalFromBase64(s, scale, type, decoder, out);
            }
            // decimal.handling.mode=string: the exact digits.
            auto unscaled = ParseDecimalText(s, type.precision(), type.scale());
            if (!unscaled.ok()) return decoder.Fail(unscaled.status());
            out.SetDecimal(unscaled.value());
            return true;
        }
        case od::json_type::object:
            if (encoding.encoding == DebeziumEncoding::kVariableScaleDecimal ||
                encoding.encoding == DebeziumEncoding::kUnknown) {
                return ReadVariableScale(value, type, decoder, out);
            }
            break;
        default:
            break;
    }
    return decoder.Mismatch(value, jt, type);
}

bool DebeziumValueReader::DecimalFromBase64(std::string_view text, int source_scale,
                                            const SqlType& type, JsonDecoder& decoder,
                                            Value& out) {
    if (!DecodeBase64(text, bytes_) || bytes_.empty()) {
        return decoder.Fail(Status::Invalid(fmt::format(
            "Can't read '{}' as a Debezium decimal: not base64 bytes", text)));
    }
    // Big-endian two's complement: sign-extension bytes beyond 16 are allowed.
    const auto* b = reinterpret_cast<const unsigned char*>(bytes_.data());
    size_t n = bytes_.size();
    bool negative = (b[0] & 0x80) != 0;
    size_t skip = 0;
    while (n - skip > 16 && b[skip] == (negative ? 0xff : 0x00)) ++skip;
    if (n - skip > 16 ||
        (n - skip == 16 && n > 16 && ((b[skip] & 0x80) != 0) != negative)) {
        return decoder.Fail(Status::Invalid(fmt::format(
            "Debezium decimal '{}' does not fit DECIMAL({}, {})", text, type.precision(),
            type.scale())));
    }
    unsigned __int128 u = negative ? ~(unsigned __int128)0 : 0;
    for (size_t i = skip; i < n; ++i) u = (u << 8) | b[i];
    __int128 unscaled = static_cast<__int128>(u);
    // Rescale (exactly) and check the precision through the decimal text rules.
    text_.clear();
    AppendDecimalText(unscaled, source_scale, text_);
    auto r = ParseDecimalText(text_, type.precision(), type.scale());
    if (!r.ok()) return decoder.Fail(r.status());
    out.SetDecimal(r.value());
    return true;
}

bool DebeziumValueReader::ReadVariableScale(od::value& value, const SqlType& type,
                                            JsonDecoder& decoder, Value& out) {
    od::object object;
    if (auto e = value.get_object().get(object)) return decoder.Json(e);
    int64_t scale = -1;
    bool has_value = false;
    for (auto field : object) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return decoder.Json(e);
        if (key == "scale") {
            if (auto e = field.value().get_int64().get(scale)) return decoder.Json(e);
        } else if (key == "value") {
            std::string_view s;
            if (auto e = field.value().get_string().get(s)) return decoder.Json(e);
            encoded_.assign(s.data(), s.size());  // the view lives only until the next key
            has_value = true;
        }
    }
    if (scale < 0 || scale > kMaxDecimalPrecision || !has_value) {
        return decoder.Fail(Status::Invalid(
            "A Debezium VariableScaleDecimal needs an integer 'scale' and a base64 'value'"));
    }
    return DecimalFromBase64(encoded_, int(scale), type, decoder, out);
}

bool DebeziumValueReader::ReadTemporal(od::value& value, od::json_type jt, const SqlType& type,
                                       DebeziumEncoding encoding, JsonDecoder& decoder,
                                       Value& out) {
    if (jt == od::json_type::number) {
        int64_t v;
        if (value.get_int64().get(v) != simdjson::SUCCESS) return decoder.Mismatch(value, jt, type);
        return FromEpochNumber(v, type, encoding, decoder, out);
    }
    if (jt != od::json_type::string) return decoder.Mismatch(value, jt, type);
    std::string_view s;
    if (auto e = value.get_string().get(s)) return decoder.Json(e);
    int64_t v;
    // An integer in a string means what the number would.
    if (ParseJavaLong(s, &v)) return FromEpochNumber(v, type, encoding, decoder, out);
    bool ok = false;
    switch (type.kind()) {
        case TypeKind::kDate:
            ok = ParseIsoDate(s, &v);
            if (!ok && ParseIsoTimestamp(s, &v)) {
                v = FloorDiv(v, kMillisPerDay);
                ok = true;
            }
            break;
        case TypeKind::kTime:
            ok = ParseIsoTime(s, &v);
            break;
        default:
            ok = ParseIsoTimestamp(s, &v);
            if (!ok && ParseIsoDate(s, &v)) {
                v *= kMillisPerDay;
                ok = true;
            }
            break;
    }
    if (!ok) {
        return decoder.Fail(Status::Invalid(fmt::format(
            "Can't read '{}' as {}: expected ISO-8601 text", s, type.ToString())));
    }
    out.SetInt(v);
    return true;
}

bool DebeziumValueReader::FromEpochNumber(int64_t v, const SqlType& type,
                                          DebeziumEncoding encoding, JsonDecoder& decoder,
                                          Value& out) {
    TypeKind kind = type.kind();
    if (encoding == DebeziumEncoding::kUnknown) {
        switch (kind) {
            case TypeKind::kDate: encoding = DebeziumEncoding::kEpochDays; break;
            // Debezium's default (time.precision.mode=adaptive) writes MySQL and PostgreSQL
            // TIME columns as MicroTime.
            case TypeKind::kTime: encoding = DebeziumEncoding::kMicros; break;
            default:
                encoding = Magnitude(v) < kMicrosThreshold  ? DebeziumEncoding::kMillis
                           : Magnitude(v) < kNanosThreshold ? DebeziumEncoding::kMicros
                                                            : DebeziumEncoding::kNanos;
                break;
        }
    }
    // The value in millis (or days for a DATE column).
    int64_t millis = v;
    bool is_days = false;
    switch (encoding) {
        case DebeziumEncoding::kEpochDays: is_days = true; break;
        case DebeziumEncoding::kMicros: millis = FloorDiv(v, 1000); break;
        case DebeziumEncoding::kNanos: millis = FloorDiv(v, 1000000); break;
        default: break;  // kMillis, kPlain, and encodings that are not temporal: millis
    }
    switch (kind) {
        case TypeKind::kDate:
            out.SetInt(is_days ? v : FloorDiv(millis, kMillisPerDay));
            return true;
        case TypeKind::kTime:
            if (is_days || millis < 0 || millis >= kMillisPerDay) {
                return decoder.Fail(Status::Invalid(fmt::format(
                    "Debezium value {} is not a time of day for a TIME column", v)));
            }
            out.SetInt(millis);
            return true;
        default:
            if (is_days) {
                if (Magnitude(v) > INT64_MAX / kMillisPerDay) {
                    return decoder.Fail(Status::Invalid(
                        fmt::format("Debezium date {} is outside the TIMESTAMP range", v)));
                }
                millis = v * kMillisPerDay;
            }
            out.SetInt(millis);
            return true;
    }
}

}  // namespace runnel::serde
