// JSON deserializer: simdjson on-demand over a reused padded buffer, column matching through
// FieldMatcher, and ksqlDB's coercions (JsonDecoder; see json_format.h). Keys also accept the
// shapes Kafka Connect and Debezium write: a single key column read from an object's field, and
// the {"schema": ..., "payload": ...} envelope.
#include <fmt/format.h>

#include "engine/serde/connect_envelope.h"
#include "engine/serde/format_support.h"
#include "engine/serde/json_decoder.h"
#include "engine/serde/json_format.h"

namespace runnel::serde {

namespace {

bool IsEnvelopeName(std::string_view name) {
    return EqualsIgnoreAsciiCase(name, "schema") || EqualsIgnoreAsciiCase(name, "payload");
}

class JsonDeserializer final : public Deserializer {
public:
    JsonDeserializer(const SideLayout& layout, bool wrapped, bool is_key)
        : columns_(layout.columns), width_(RequiredWidth(layout.columns)), wrapped_(wrapped) {
        std::vector<std::string> names;
        std::vector<StructField> row_fields;
        for (size_t c : columns_) {
            const Column& column = layout.schema->column(c);
            names.push_back(column.name);
            plans_.push_back(BuildReadPlan(column.type));
            row_fields.push_back({column.name, column.type});
        }
        matcher_ = FieldMatcher(std::move(names));
        states_.resize(columns_.size());
        row_type_text_ = SqlType::Struct(std::move(row_fields)).ToString();
        if (is_key && !columns_.empty()) {
            // The Connect envelope is recognised unless a column (or the fields of a single
            // STRUCT key) could itself be called schema or payload.
            detect_envelope_ = true;
            for (size_t i = 0; i < matcher_.size(); ++i) {
                if (IsEnvelopeName(matcher_.name(i))) detect_envelope_ = false;
            }
            TypeKind kind = plans_[0].type.kind();
            if (!wrapped_ && kind == TypeKind::kStruct) {
                for (const StructField& f : plans_[0].type.fields()) {
                    if (IsEnvelopeName(f.name)) detect_envelope_ = false;
                }
            }
            // One key column that is not an object itself may be read from an object's field.
            if (!wrapped_ && kind != TypeKind::kStruct && kind != TypeKind::kMap) {
                key_from_object_ = true;
                key_is_string_ = kind == TypeKind::kString;
            }
        }
    }

    Status Deserialize(const char* data, size_t size, Row& row) override {
        if (row.values.size() < width_) return CheckRowWidth(row, width_);
        // A null record, or an empty one (Jackson reads no content as no value), is all nulls.
        if (data == nullptr || size == 0 || columns_.empty()) {
            SetColumnsNull(columns_, row);
            return Status::Ok();
        }
        const char* json = buffer_.Assign(data, size);
        if (json == nullptr) return Status::Invalid("JSON record too large");
        decoder_.Reset(json + size);
        od::document doc;
        if (auto e = parser_.iterate(json, size, buffer_.capacity()).get(doc)) {
            return JsonError(e);
        }
        if (detect_envelope_) {
            ConnectEnvelope envelope;
            if (!ReadConnectEnvelope(doc, decoder_, &envelope)) return decoder_.TakeError();
            if (envelope.wrapped) {
                if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
                    return JsonError(simdjson::TRAILING_CONTENT);
                }
                // Read the payload as the record (keys are small: a copy is cheap).
                const char* inner = payload_buffer_.Assign(envelope.payload.data(),
                                                           envelope.payload.size());
                decoder_.Reset(inner + envelope.payload.size());
                if (auto e = parser_.iterate(inner, envelope.payload.size(),
                                             payload_buffer_.capacity())
                                 .get(doc)) {
                    return JsonError(e);
                }
            } else {
                doc.rewind();
            }
        }
        bool ok;
        if (wrapped_) {
            ok = DecodeWrapped(doc, row);
        } else if (key_from_object_) {
            ok = DecodeSingleKey(doc, row.values[columns_[0]]);
        } else {
            ok = decoder_.DecodeRoot(doc, plans_[0], row.values[columns_[0]]);
        }
        if (!ok) return decoder_.TakeError();
        return Status::Ok();
    }

private:
    bool DecodeWrapped(od::document& doc, Row& row) {
        od::json_type jt;
        if (auto e = doc.type().get(jt)) return decoder_.Json(e);
        if (jt == od::json_type::null) {
            bool is_null = false;
            if (doc.is_null().get(is_null) != simdjson::SUCCESS || !is_null) {
                return decoder_.Json(simdjson::N_ATOM_ERROR);
            }
            SetColumnsNull(columns_, row);
            return true;
        }
        if (jt != od::json_type::object) {
            const char* source = jt == od::json_type::array    ? "ArrayNode"
                                 : jt == od::json_type::string ? "TextNode"
                                 : jt == od::json_type::number ? "NumericNode"
                                                               : "BooleanNode";
            return decoder_.Fail(Status::Invalid(fmt::format(
                "Can't convert type. sourceType: {}, requiredType: {}", source, row_type_text_)));
        }
        od::object object;
        if (auto e = doc.get_object().get(object)) return decoder_.Json(e);
        if (!decoder_.DecodeFields(object, matcher_, plans_, states_,
                                   [&](size_t i) -> Value& { return row.values[columns_[i]]; })) {
            return false;
        }
        if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
            return decoder_.Json(simdjson::TRAILING_CONTENT);
        }
        return true;
    }

    // One key column: a bare value as ksqlDB writes it, or an object as Debezium writes keys
    // ({"id": 1}): the field named like the column (exact, else ignoring case), else the only
    // field of a one-field object (not for STRING, which keeps ksqlDB's rule of reading an
    // object as its JSON text).
    bool DecodeSingleKey(od::document& doc, Value& out) {
        od::json_type jt;
        if (auto e = doc.type().get(jt)) return decoder_.Json(e);
        if (jt != od::json_type::object) return decoder_.DecodeRoot(doc, plans_[0], out);
        // First pass: which field to read.
        od::object object;
        if (auto e = doc.get_object().get(object)) return decoder_.Json(e);
        int fields = 0, target = -1;
        uint8_t best = kUnmatched;
        for (auto field : object) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return decoder_.Json(e);
            FieldMatcher::Match m = matcher_.Find(key);
            if (m.index == 0) {
                uint8_t state = m.exact ? kMatchedExactly : kMatchedIgnoringCase;
                if (state >= best) {
                    best = state;
                    target = fields;
                }
            }
            ++fields;
        }
        if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
            return decoder_.Json(simdjson::TRAILING_CONTENT);
        }
        if (target < 0 && fields == 1 && !key_is_string_) target = 0;
        doc.rewind();
        if (target < 0) return decoder_.DecodeRoot(doc, plans_[0], out);
        // Second pass: read it.
        if (auto e = doc.get_object().get(object)) return decoder_.Json(e);
        int index = 0;
        for (auto field : object) {
            if (index++ != target) continue;
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return decoder_.Json(e);
            auto value = field.value();
            if (value.error()) return decoder_.Json(value.error());
            if (!decoder_.DecodeValue(value.value_unsafe(), plans_[0], out)) {
                decoder_.PrependPath("." + std::string(key));
                return false;
            }
            return true;
        }
        return decoder_.Fail(Status::Internal("JSON key field disappeared between passes"));
    }

    std::vector<size_t> columns_;
    size_t width_;
    bool wrapped_;
    bool detect_envelope_ = false;
    bool key_from_object_ = false;
    bool key_is_string_ = false;
    std::vector<ReadPlan> plans_;
    FieldMatcher matcher_;
    std::vector<uint8_t> states_;
    std::string row_type_text_;
    od::parser parser_;
    PaddedBuffer buffer_;
    PaddedBuffer payload_buffer_;
    JsonDecoder decoder_;
};

}  // namespace

std::unique_ptr<Deserializer> MakeJsonDeserializer(const FormatSpec& format,
                                                   const SideLayout& layout, bool is_key) {
    return std::make_unique<JsonDeserializer>(layout, JsonSideIsWrapped(format, layout, is_key),
                                              is_key);
}

Result<Value> ParseJsonValue(std::string_view json, const SqlType& type) {
    RETURN_IF_ERROR(CheckTypeResolved(type));
    if (json.empty()) return Value();
    ReadPlan plan = BuildReadPlan(type);
    PaddedBuffer buffer;
    const char* data = buffer.Assign(json.data(), json.size());
    if (data == nullptr) return Status::Invalid("JSON text too large");
    od::parser parser;
    od::document doc;
    if (auto e = parser.iterate(data, json.size(), buffer.capacity()).get(doc)) {
        return JsonError(e);
    }
    JsonDecoder decoder;
    decoder.Reset(data + json.size());
    Value out;
    if (!decoder.DecodeRoot(doc, plan, out)) return decoder.TakeError();
    return out;
}

}  // namespace runnel::serde
