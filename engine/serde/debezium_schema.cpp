#include "engine/serde/debezium_schema.h"

#include "engine/serde/text_number.h"

namespace runnel::serde {

namespace {

namespace dom = simdjson::dom;

std::string_view StringOr(dom::element e, std::string_view key, std::string_view fallback) {
    std::string_view s;
    if (e.at_key(key).get_string().get(s) != simdjson::SUCCESS) return fallback;
    return s;
}

// parameters.scale: Connect writes parameter values as strings ("2"); accept numbers too.
int ScaleOf(dom::element field) {
    dom::element scale;
    if (field.at_key("parameters").at_key("scale").get(scale) != simdjson::SUCCESS) return -1;
    int64_t v;
    std::string_view text;
    if (scale.get_int64().get(v) == simdjson::SUCCESS) return v >= 0 && v <= 38 ? int(v) : -1;
    if (scale.get_string().get(text) == simdjson::SUCCESS && ParseJavaInt(text, &v)) {
        return v >= 0 && v <= 38 ? int(v) : -1;
    }
    return -1;
}

}  // namespace

DebeziumEncoding EncodingOfLogicalType(std::string_view name) {
    constexpr std::string_view kDebeziumTime = "io.debezium.time.";
    constexpr std::string_view kConnectData = "org.apache.kafka.connect.data.";
    if (name == "io.debezium.data.VariableScaleDecimal") {
        return DebeziumEncoding::kVariableScaleDecimal;
    }
    if (name.substr(0, kConnectData.size()) == kConnectData) {
        std::string_view type = name.substr(kConnectData.size());
        if (type == "Decimal") return DebeziumEncoding::kDecimalBytes;
        if (type == "Date") return DebeziumEncoding::kEpochDays;
        if (type == "Timestamp" || type == "Time") return DebeziumEncoding::kMillis;
        return DebeziumEncoding::kPlain;
    }
    if (name.substr(0, kDebeziumTime.size()) == kDebeziumTime) {
        std::string_view type = name.substr(kDebeziumTime.size());
        if (type == "Date") return DebeziumEncoding::kEpochDays;
        if (type == "Timestamp" || type == "Time") return DebeziumEncoding::kMillis;
        if (type == "MicroTimestamp" || type == "MicroTime") return DebeziumEncoding::kMicros;
        if (type == "NanoTimestamp" || type == "NanoTime") return DebeziumEncoding::kNanos;
        if (type == "ZonedTimestamp" || type == "ZonedTime") return DebeziumEncoding::kIsoText;
    }
    return DebeziumEncoding::kPlain;
}

Status DebeziumSchemaReader::Read(std::string_view schema_json, FieldMatcher& columns,
                                  std::vector<ColumnEncoding>& out) {
    out.assign(columns.size(), ColumnEncoding{});
    dom::element root;
    if (auto e = parser_.parse(schema_json.data(), schema_json.size()).get(root)) {
        return Status::Invalid(std::string("Invalid JSON in the Debezium schema: ") +
                               simdjson::error_message(e));
    }
    dom::array envelope_fields;
    if (root.at_key("fields").get_array().get(envelope_fields) != simdjson::SUCCESS) {
        return Status::Ok();
    }
    // The row struct: `after`, else `before` (both carry the table's Value schema).
    dom::array row_fields;
    bool found = false;
    for (std::string_view image : {"after", "before"}) {
        for (dom::element f : envelope_fields) {
            if (StringOr(f, "field", "") != image) continue;
            if (f.at_key("fields").get_array().get(row_fields) == simdjson::SUCCESS) found = true;
            break;
        }
        if (found) break;
    }
    if (!found) return Status::Ok();
    std::vector<uint8_t> exact(columns.size(), 0);
    for (dom::element f : row_fields) {
        std::string_view name;
        if (f.at_key("field").get_string().get(name) != simdjson::SUCCESS) continue;
        FieldMatcher::Match m = columns.Find(name);
        if (m.index < 0) continue;
        size_t i = size_t(m.index);
        // An exact spelling wins over a case-insensitive one.
        if (exact[i] && !m.exact) continue;
        exact[i] = m.exact;
        ColumnEncoding& enc = out[i];
        enc.encoding = EncodingOfLogicalType(StringOr(f, "name", ""));
        enc.scale = enc.encoding == DebeziumEncoding::kDecimalBytes ? ScaleOf(f) : -1;
    }
    return Status::Ok();
}

}  // namespace runnel::serde
