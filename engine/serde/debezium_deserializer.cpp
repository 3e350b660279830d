// DEBEZIUM_JSON deserializer (see debezium_format.h). One simdjson on-demand parser walks the
// record: the Connect wrapper (if any), then the event's fields, keeping the raw text of the
// `before`, `after` and `source` objects (views into the padded record buffer), so the fields
// may come in any order; then the image the op selects is read in place as a sub-document, with
// the JSON decoder's field matching and Debezium's value encodings. The wrapper's schema is
// parsed only when its text differs from the previous record's.
#include <fmt/format.h>

#include <array>

#include "engine/serde/connect_envelope.h"
#include "engine/serde/debezium_format.h"
#include "engine/serde/debezium_schema.h"
#include "engine/serde/debezium_values.h"
#include "engine/serde/format_support.h"
#include "engine/serde/json_decoder.h"

namespace runnel::serde {

namespace {

// The parts of one change event. Views point into the record's buffer; an empty view means
// the field was absent or null.
struct ChangeEvent {
    std::string_view before;
    std::string_view after;
    std::string_view source;
    bool has_op = false;
    bool has_ts_ms = false;
    int64_t ts_ms = 0;
};

const char* JsonTypeName(od::json_type jt) {
    switch (jt) {
        case od::json_type::array: return "an array";
        case od::json_type::object: return "an object";
        case od::json_type::number: return "a number";
        case od::json_type::string: return "a string";
        case od::json_type::boolean: return "a boolean";
        case od::json_type::null: return "null";
    }
    return "an unknown value";
}

// The source fields the metadata columns read, in this order.
enum SourceField : size_t { kSrcTsMs, kSrcDb, kSrcTable, kSrcSchema, kSrcLsn, kSourceFields };

class DebeziumDeserializer final : public Deserializer {
public:
    explicit DebeziumDeserializer(const SideLayout& layout)
        : columns_(layout.columns), width_(RequiredWidth(layout.columns)) {
        std::vector<std::string> names;
        for (size_t c : columns_) {
            const Column& column = layout.schema->column(c);
            DebeziumMetadata kind = DebeziumMetadataOf(column.name);
            if (kind != DebeziumMetadata::kNone) {
                metadata_.push_back({kind, c});
                if (kind != DebeziumMetadata::kOp && kind != DebeziumMetadata::kTsMs &&
                    kind != DebeziumMetadata::kDeleted) {
                    needs_source_ = true;
                }
                continue;
            }
            image_columns_.push_back(c);
            names.push_back(column.name);
            plans_.push_back(BuildReadPlan(column.type));
        }
        image_matcher_ = FieldMatcher(std::move(names));
        states_.resize(image_columns_.size());
        unknown_encodings_.resize(image_columns_.size());
        schema_encodings_.resize(image_columns_.size());
        source_matcher_ = FieldMatcher({"ts_ms", "db", "table", "schema", "lsn"});
        for (SqlType t : {SqlType::Bigint(), SqlType::String(), SqlType::String(),
                          SqlType::String(), SqlType::Bigint()}) {
            source_plans_.push_back(BuildReadPlan(t));
        }
        source_states_.resize(kSourceFields);
    }

    Status Deserialize(const char* data, size_t size, Row& row) override {
        if (row.values.size() < width_) return CheckRowWidth(row, width_);
        // A Kafka tombstone (and an empty value, which JsonConverter reads as null).
        if (data == nullptr || size == 0) return Tombstone(row);
        const char* json = buffer_.Assign(data, size);
        if (json == nullptr) return Status::Invalid("JSON record too large");
        decoder_.Reset(json + size);
        od::document doc;
        if (auto e = parser_.iterate(json, size, buffer_.capacity()).get(doc)) {
            return JsonError(e);
        }
        ConnectEnvelope envelope;
        if (!ReadConnectEnvelope(doc, decoder_, &envelope)) return decoder_.TakeError();
        ChangeEvent event;
        const std::vector<ColumnEncoding>* encodings = &unknown_encodings_;
        prefix_ = "";
        if (envelope.wrapped) {
            if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
                return JsonError(simdjson::TRAILING_CONTENT);
            }
            if (envelope.payload == "null") return Tombstone(row);
            RETURN_IF_ERROR(UseSchema(envelope.schema));
            encodings = &schema_encodings_;
            prefix_ = ".payload";
            od::document payload;
            if (!Iterate(envelope.payload, payload) || !ReadEvent(payload, event)) {
                return PathError(nullptr);
            }
        } else {
            doc.rewind();
            if (!ReadEvent(doc, event)) return decoder_.TakeError();
        }

        // The op decides the image and the change kind.
        if (!event.has_op) return Status::Invalid("A Debezium change event needs an 'op' field");
        char op = op_.size() == 1 ? op_[0] : '\0';
        std::string_view image;
        const char* image_name = "after";
        switch (op) {
            case 'c':
            case 'r':
            case 'u':
                image = event.after;
                if (image.empty()) {
                    return Status::Invalid(fmt::format(
                        "The Debezium change event with op '{}' has no 'after' image", op));
                }
                row.change = ChangeKind::kInsert;
                break;
            case 'd':
                image = event.before;
                image_name = "before";
                if (image.empty()) {
                    return Status::Invalid(
                        "The Debezium delete event (op 'd') has no 'before' image");
                }
                row.change = ChangeKind::kDelete;
                break;
            case 't':
                return Status::Invalid(
                    "Debezium truncate events (op 't') carry no row and are not supported");
            case 'm':
                return Status::Invalid(
                    "Debezium message events (op 'm') carry no row and are not supported");
            default:
                return Status::Invalid(fmt::format("Unknown Debezium operation '{}'", op_));
        }
        if (!image_columns_.empty() && !ReadImage(image, *encodings, row)) {
            return PathError(image_name);
        }
        if (needs_source_ && !ReadSource(event.source)) return PathError("source");
        for (const Metadata& m : metadata_) {
            Value& out = row.values[m.column];
            switch (m.kind) {
                case DebeziumMetadata::kOp: out.SetString(op_); break;
                case DebeziumMetadata::kDeleted: out.SetBool(op == 'd'); break;
                case DebeziumMetadata::kTsMs:
                    if (event.has_ts_ms) {
                        out.SetInt(event.ts_ms);
                    } else {
                        out.SetNull();
                    }
                    break;
                case DebeziumMetadata::kSourceTsMs: out = source_values_[kSrcTsMs]; break;
                case DebeziumMetadata::kDb: out = source_values_[kSrcDb]; break;
                case DebeziumMetadata::kTable: out = source_values_[kSrcTable]; break;
                case DebeziumMetadata::kSchema: out = source_values_[kSrcSchema]; break;
                case DebeziumMetadata::kLsn: out = source_values_[kSrcLsn]; break;
                case DebeziumMetadata::kNone: break;
            }
        }
        return Status::Ok();
    }

private:
    struct Metadata {
        DebeziumMetadata kind;
        size_t column;
    };

    Status Tombstone(Row& row) {
        SetColumnsNull(columns_, row);
        row.change = ChangeKind::kDelete;
        return Status::Ok();
    }

    // The decoder's error with the path of the part being read (".payload.after.PRICE").
    Status PathError(const char* part) {
        if (part != nullptr) decoder_.PrependPath(std::string(".") + part);
        decoder_.PrependPath(prefix_);
        return decoder_.TakeError();
    }

    // Starts a sub-document over `span`, a view into buffer_ (so padded by the buffer's tail).
    bool Iterate(std::string_view span, od::document& doc) {
        decoder_.Reset(span.data() + span.size());
        if (auto e = parser_.iterate(span.data(), span.size(), buffer_.CapacityFrom(span.data()))
                         .get(doc)) {
            return decoder_.Json(e);
        }
        return true;
    }

    Status UseSchema(std::string_view schema) {
        if (schema == "null") {
            std::fill(schema_encodings_.begin(), schema_encodings_.end(), ColumnEncoding{});
            cached_schema_.clear();
            return Status::Ok();
        }
        if (schema == cached_schema_) return Status::Ok();
        cached_schema_.clear();
        RETURN_IF_ERROR(schema_reader_.Read(schema, image_matcher_, schema_encodings_));
        cached_schema_.assign(schema.data(), schema.size());
        return Status::Ok();
    }

    // The event's fields; the value of `doc` must be an object.
    bool ReadEvent(od::document& doc, ChangeEvent& event) {
        od::json_type jt;
        if (auto e = doc.type().get(jt)) return decoder_.Json(e);
        if (jt != od::json_type::object) {
            return decoder_.Fail(Status::Invalid(fmt::format(
                "A Debezium change event must be a JSON object, got {}", JsonTypeName(jt))));
        }
        od::object object;
        if (auto e = doc.get_object().get(object)) return decoder_.Json(e);
        for (auto field : object) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return decoder_.Json(e);
            std::string_view* span = key == "before"   ? &event.before
                                     : key == "after"  ? &event.after
                                     : key == "source" ? &event.source
                                                       : nullptr;
            bool is_op = key == "op";
            bool is_ts = key == "ts_ms";
            if (span == nullptr && !is_op && !is_ts) continue;
            auto value = field.value();
            if (value.error()) return decoder_.Json(value.error());
            od::value v = value.value_unsafe();
            if (auto e = v.type().get(jt)) return decoder_.Json(e);
            if (jt == od::json_type::null) continue;
            if (span != nullptr && jt == od::json_type::object) {
                od::object image;
                if (auto e = v.get_object().get(image)) return decoder_.Json(e);
                if (auto e = image.raw_json().get(*span)) return decoder_.Json(e);
            } else if (is_op && jt == od::json_type::string) {
                std::string_view op;
                if (auto e = v.get_string().get(op)) return decoder_.Json(e);
                op_.assign(op.data(), op.size());
                event.has_op = true;
            } else if (is_ts && jt == od::json_type::number) {
                if (auto e = v.get_int64().get(event.ts_ms)) return decoder_.Json(e);
                event.has_ts_ms = true;
            } else {
                return decoder_.Fail(Status::Invalid(fmt::format(
                    "The Debezium field '{}' must be {}, got {}", key,
                    span != nullptr ? "an object or null" : is_op ? "a string" : "a number",
                    JsonTypeName(jt))));
            }
        }
        if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
            return decoder_.Json(simdjson::TRAILING_CONTENT);
        }
        return true;
    }

    bool ReadImage(std::string_view image, const std::vector<ColumnEncoding>& encodings,
                   Row& row) {
        od::document doc;
        if (!Iterate(image, doc)) return false;
        od::object object;
        if (auto e = doc.get_object().get(object)) return decoder_.Json(e);
        bool ok = decoder_.MatchFields(
            object, image_matcher_, states_, [&](size_t i, od::value& value) {
                return values_.Read(value, plans_[i], encodings[i], decoder_,
                                    row.values[image_columns_[i]]);
            });
        if (!ok) return false;
        for (size_t i = 0; i < states_.size(); ++i) {
            if (states_[i] == kUnmatched) row.values[image_columns_[i]].SetNull();
        }
        return true;
    }

    bool ReadSource(std::string_view source) {
        if (source.empty()) {
            for (Value& v : source_values_) v.SetNull();
            return true;
        }
        od::document doc;
        if (!Iterate(source, doc)) return false;
        od::object object;
        if (auto e = doc.get_object().get(object)) return decoder_.Json(e);
        return decoder_.DecodeFields(object, source_matcher_, source_plans_, source_states_,
                                     [&](size_t i) -> Value& { return source_values_[i]; });
    }

    std::vector<size_t> columns_;  // every column of the side
    size_t width_;
    std::vector<size_t> image_columns_;  // the columns read from the image
    std::vector<ReadPlan> plans_;        // per image column
    FieldMatcher image_matcher_;
    std::vector<uint8_t> states_;
    std::vector<ColumnEncoding> unknown_encodings_;  // all kUnknown: no wrapper
    std::vector<ColumnEncoding> schema_encodings_;   // from cached_schema_
    std::string cached_schema_;
    DebeziumSchemaReader schema_reader_;
    std::vector<Metadata> metadata_;
    bool needs_source_ = false;
    FieldMatcher source_matcher_;
    std::vector<ReadPlan> source_plans_;
    std::vector<uint8_t> source_states_;
    std::array<Value, kSourceFields> source_values_;
    std::string op_;
    std::string_view prefix_;  // ".payload" inside the wrapper
    DebeziumValueReader values_;
    od::parser parser_;
    PaddedBuffer buffer_;
    JsonDecoder decoder_;
};

}  // namespace

std::unique_ptr<Deserializer> MakeDebeziumDeserializer(const FormatSpec& format,
                                                       const SideLayout& layout) {
    (void)format;
    return std::make_unique<DebeziumDeserializer>(layout);
}

}  // namespace runnel::serde
