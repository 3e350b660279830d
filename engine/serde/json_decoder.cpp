// JsonDecoder and ReadPlan (see json_decoder.h): ksqlDB's JSON coercions over simdjson
// on-demand values.
#include "engine/serde/json_decoder.h"

#include <fmt/format.h>

#include <cstring>
#include <unordered_map>

#include "engine/serde/decimal_text.h"
#include "engine/serde/json_writer.h"
#include "engine/serde/text_coercion.h"
#include "engine/serde/text_number.h"

namespace runnel::serde {

namespace {

std::string_view TrimTrailingSpace(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                          s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

// The raw text of a scalar token (up to the next structural character).
simdjson::error_code RawToken(od::value& value, std::string_view* out) {
    *out = value.raw_json_token();
    return simdjson::SUCCESS;
}
simdjson::error_code RawToken(od::document& doc, std::string_view* out) {
    return doc.raw_json_token().get(*out);
}

// Jackson's node class for a number token, for ksqlDB-like error messages.
const char* NumberNodeName(std::string_view token) {
    if (token.find_first_of(".eE") != std::string_view::npos) return "DoubleNode";
    int64_t v;
    if (ParseJavaInt(token, &v)) return "IntNode";
    if (ParseJavaLong(token, &v)) return "LongNode";
    return "BigIntegerNode";
}

}  // namespace

ReadPlan BuildReadPlan(const SqlType& type) {
    ReadPlan plan;
    plan.type = type;
    switch (type.kind()) {
        case TypeKind::kArray:
            plan.element = std::make_unique<ReadPlan>(BuildReadPlan(type.element()));
            break;
        case TypeKind::kMap:
            plan.key = std::make_unique<ReadPlan>(BuildReadPlan(type.map_key()));
            plan.element = std::make_unique<ReadPlan>(BuildReadPlan(type.map_value()));
            break;
        case TypeKind::kStruct: {
            std::vector<std::string> names;
            for (const StructField& f : type.fields()) {
                names.push_back(f.name);
                plan.fields.push_back(BuildReadPlan(f.type));
            }
            plan.matcher = FieldMatcher(std::move(names));
            plan.states.resize(plan.fields.size());
            break;
        }
        default:
            break;
    }
    return plan;
}

Status JsonError(simdjson::error_code e) {
    return Status::Invalid(std::string("Invalid JSON: ") + simdjson::error_message(e));
}



template <typename Node>
bool JsonDecoder::MismatchOf(Node& node, od::json_type jt, const SqlType& type) {
    const char* source = "JsonNode";
    switch (jt) {
        case od::json_type::array: source = "ArrayNode"; break;
        case od::json_type::object: source = "ObjectNode"; break;
        case od::json_type::string: source = "TextNode"; break;
        case od::json_type::boolean: source = "BooleanNode"; break;
        case od::json_type::null: source = "NullNode"; break;
        case od::json_type::number: {
            std::string_view token;
            if (RawToken(node, &token) == simdjson::SUCCESS) {
                source = NumberNodeName(TrimTrailingSpace(token));
            }
            break;
        }
    }
    return Fail(Status::Invalid(fmt::format(
        "Can't convert type. sourceType: {}, requiredType: {}", source, type.ToString())));
}

// The text of a number token, validated against the JSON grammar (on-demand does not validate
// a token it is not asked to parse).
template <typename Node>
bool JsonDecoder::NumberToken(Node& node, std::string_view* token) {
    std::string_view raw;
    if (auto e = RawToken(node, &raw)) return Json(e);
    *token = TrimTrailingSpace(raw);
    if (!IsJsonNumber(*token)) return Json(simdjson::NUMBER_ERROR);
    return true;
}

template <typename Node>
bool JsonDecoder::DecodeInteger(Node& node, const SqlType& type, Value& out) {
    int64_t v;
    if (node.get_int64().get(v) != simdjson::SUCCESS) {
        // A fraction, an exponent or a value beyond 64 bits: read as a double and truncate
        // toward zero, as Jackson's intValue()/longValue() do.
        double d;
        if (auto e = node.get_double().get(d)) return Json(e);
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
            return Fail(Status::Invalid(fmt::format(
                "Can't convert type. sourceType: DoubleNode, requiredType: {}: {} is out of "
                "range",
                type.ToString(), d)));
        }
        v = static_cast<int64_t>(d);
    }
    if (type.kind() == TypeKind::kInt && (v < INT32_MIN || v > INT32_MAX)) {
        return Fail(Status::Invalid(fmt::format(
            "Can't convert type. sourceType: LongNode, requiredType: INTEGER: {} is out of range",
            v)));
    }
    out.SetInt(v);
    return true;
}

template <typename Node>
bool JsonDecoder::DecodeFromString(Node& node, const SqlType& type, Value& out) {
    std::string_view s;
    if (auto e = node.get_string().get(s)) return Json(e);
    return Check(ParseTextAs(s, type, out));
}

template <typename Node>
bool JsonDecoder::DecodeText(Node& node, od::json_type jt, Value& out) {
    switch (jt) {
        case od::json_type::string: {
            std::string_view s;
            if (auto e = node.get_string().get(s)) return Json(e);
            out.MutableString().assign(s.data(), s.size());
            return true;
        }
        case od::json_type::number: {
            std::string_view token;
            if (!NumberToken(node, &token)) return false;
            out.MutableString().assign(token.data(), token.size());
            return true;
        }
        case od::json_type::boolean: {
            bool b;
            if (auto e = node.get_bool().get(b)) return Json(e);
            out.SetString(b ? "true" : "false");
            return true;
        }
        case od::json_type::object: {
            od::object object;
            if (auto e = node.get_object().get(object)) return Json(e);
            std::string& s = out.MutableString();
            s.clear();
            return WriteCompactObject(object, s);
        }
        case od::json_type::array: {
            od::array array;
            if (auto e = node.get_array().get(array)) return Json(e);
            std::string& s = out.MutableString();
            s.clear();
            return WriteCompactArray(array, s);
        }
        case od::json_type::null:
            out.SetNull();
            return true;
    }
    return Fail(Status::Invalid("Invalid JSON: unknown value type"));
}

template <typename Node>
bool JsonDecoder::Decode(Node& node, ReadPlan& plan, Value& out) {
    od::json_type jt;
    if (auto e = node.type().get(jt)) return Json(e);
    const SqlType& type = plan.type;
    switch (type.kind()) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
        case TypeKind::kDate:
        case TypeKind::kTime:
        case TypeKind::kTimestamp:
            if (jt == od::json_type::number) return DecodeInteger(node, type, out);
            if (jt == od::json_type::string) return DecodeFromString(node, type, out);
            break;
        case TypeKind::kString:
            if (jt == od::json_type::string) {
                std::string_view s;
                if (auto e = node.get_string().get(s)) return Json(e);
                out.MutableString().assign(s.data(), s.size());
                return true;
            }
            if (jt == od::json_type::null) break;
            return DecodeText(node, jt, out);
        case TypeKind::kDouble:
            if (jt == od::json_type::number) {
                double d;
                if (auto e = node.get_double().get(d)) return Json(e);
                out.SetDouble(d);
                return true;
            }
            if (jt == od::json_type::string) return DecodeFromString(node, type, out);
            break;
        case TypeKind::kBoolean:
            if (jt == od::json_type::boolean) {
                bool b;
                if (auto e = node.get_bool().get(b)) return Json(e);
                out.SetBool(b);
                return true;
            }
            if (jt == od::json_type::string) return DecodeFromString(node, type, out);
            break;
        case TypeKind::kDecimal:
            if (jt == od::json_type::number) {
                std::string_view token;
                if (!NumberToken(node, &token)) return false;
                auto unscaled = ParseDecimalText(token, type.precision(), type.scale());
                if (!unscaled.ok()) return Fail(unscaled.status());
                out.SetDecimal(unscaled.value());
                return true;
            }
            if (jt == od::json_type::string) return DecodeFromString(node, type, out);
            break;
        case TypeKind::kBytes:
            if (jt == od::json_type::string) return DecodeFromString(node, type, out);
            break;
        case TypeKind::kArray:
            if (jt == od::json_type::array) {
                od::array array;
                if (auto e = node.get_array().get(array)) return Json(e);
                return DecodeArray(array, plan, out);
            }
            break;
        case TypeKind::kMap:
            if (jt == od::json_type::object) {
                od::object object;
                if (auto e = node.get_object().get(object)) return Json(e);
                return DecodeMap(object, plan, out);
            }
            break;
        case TypeKind::kStruct:
            if (jt == od::json_type::object) {
                od::object object;
                if (auto e = node.get_object().get(object)) return Json(e);
                return DecodeStruct(object, plan, out);
            }
            break;
        case TypeKind::kNull:
        case TypeKind::kNamed:
            return Fail(Status::Invalid("cannot read a value of type " + type.ToString()));
    }
    if (jt == od::json_type::null) {
        bool is_null = false;
        if (node.is_null().get(is_null) != simdjson::SUCCESS || !is_null) {
            return Json(simdjson::N_ATOM_ERROR);
        }
        out.SetNull();
        return true;
    }
    return MismatchOf(node, jt, type);
}

bool JsonDecoder::DecodeRoot(od::document& doc, ReadPlan& plan, Value& out) {
    od::json_type jt;
    if (auto e = doc.type().get(jt)) return Json(e);
    bool scalar = jt != od::json_type::object && jt != od::json_type::array;
    if (scalar) {
        // A root scalar's raw token runs to the next structural character or the end.
        std::string_view raw;
        if (auto e = doc.raw_json_token().get(raw)) return Json(e);
        if (raw.data() + raw.size() != input_end_) return Json(simdjson::TRAILING_CONTENT);
    }
    if (!Decode(doc, plan, out)) return false;
    if (!scalar && doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
        return Json(simdjson::TRAILING_CONTENT);
    }
    return true;
}

bool JsonDecoder::DecodeValue(od::value& value, ReadPlan& plan, Value& out) {
    return Decode(value, plan, out);
}

bool JsonDecoder::Mismatch(od::value& value, od::json_type jt, const SqlType& type) {
    return MismatchOf(value, jt, type);
}

bool JsonDecoder::NumberText(od::value& value, std::string_view* token) {
    return NumberToken(value, token);
}

bool JsonDecoder::ReadNull(od::value& value, Value& out) {
    bool is_null = false;
    if (value.is_null().get(is_null) != simdjson::SUCCESS || !is_null) {
        return Json(simdjson::N_ATOM_ERROR);
    }
    out.SetNull();
    return true;
}

bool JsonDecoder::DecodeArray(od::array& array, ReadPlan& plan, Value& out) {
    ValueList items;
    for (auto element : array) {
        if (element.error()) return Json(element.error());
        items.emplace_back();
        if (!Decode(element.value_unsafe(), *plan.element, items.back())) {
            path_.insert(0, fmt::format("[{}]", items.size() - 1));
            return false;
        }
    }
    out.SetList(std::make_shared<const ValueList>(std::move(items)));
    return true;
}

bool JsonDecoder::DecodeMap(od::object& object, ReadPlan& plan, Value& out) {
    ValueMap entries;
    // Duplicate keys keep the last value at the first key's position (as Jackson's
    // ObjectNode does). Small maps are searched linearly; larger ones through an index.
    constexpr size_t kLinearLimit = 16;
    std::unordered_map<std::string, size_t> index;
    for (auto field : object) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return Json(e);
        Value key_value;
        if (plan.key->type.kind() == TypeKind::kString) {
            key_value.SetString(key);
        } else if (!Check(ParseTextAs(key, plan.key->type, key_value))) {
            path_.insert(0, "." + std::string(key));
            return false;
        }
        size_t slot = entries.size();
        if (entries.size() <= kLinearLimit) {
            for (size_t i = 0; i < entries.size(); ++i) {
                if (entries[i].first == key_value) {
                    slot = i;
                    break;
                }
            }
        } else {
            if (index.empty()) {
                for (size_t i = 0; i < entries.size(); ++i) {
                    index.emplace(entries[i].first.DebugString(), i);
                }
            }
            auto [it, inserted] = index.emplace(key_value.DebugString(), entries.size());
            if (!inserted) slot = it->second;
        }
        if (slot == entries.size()) entries.emplace_back(std::move(key_value), Value());
        auto value = field.value();
        if (value.error()) return Json(value.error());
        if (!Decode(value.value_unsafe(), *plan.element, entries[slot].second)) {
            path_.insert(0, "." + std::string(key));
            return false;
        }
    }
    out.SetMap(std::make_shared<const ValueMap>(std::move(entries)));
    return true;
}

bool JsonDecoder::DecodeStruct(od::object& object, ReadPlan& plan, Value& out) {
    auto items = std::make_shared<ValueList>(plan.fields.size());
    if (!DecodeFields(object, plan.matcher, plan.fields, plan.states,
                      [&](size_t i) -> Value& { return (*items)[i]; })) {
        return false;
    }
    out.SetList(std::move(items));
    return true;
}

bool JsonDecoder::WriteCompact(od::value& value, std::string& out) {
    od::json_type jt;
    if (auto e = value.type().get(jt)) return Json(e);
    switch (jt) {
        case od::json_type::object: {
            od::object object;
            if (auto e = value.get_object().get(object)) return Json(e);
            return WriteCompactObject(object, out);
        }
        case od::json_type::array: {
            od::array array;
            if (auto e = value.get_array().get(array)) return Json(e);
            return WriteCompactArray(array, out);
        }
        case od::json_type::string: {
            std::string_view s;
            if (auto e = value.get_string().get(s)) return Json(e);
            AppendJsonString(s, out);
            return true;
        }
        case od::json_type::number: {
            std::string_view token;
            if (!NumberToken(value, &token)) return false;
            out.append(token);
            return true;
        }
        case od::json_type::boolean: {
            bool b;
            if (auto e = value.get_bool().get(b)) return Json(e);
            out.append(b ? "true" : "false");
            return true;
        }
        case od::json_type::null: {
            bool is_null = false;
            if (value.is_null().get(is_null) != simdjson::SUCCESS || !is_null) {
                return Json(simdjson::N_ATOM_ERROR);
            }
            out.append("null");
            return true;
        }
    }
    return Fail(Status::Invalid("Invalid JSON: unknown value type"));
}

bool JsonDecoder::WriteCompactObject(od::object& object, std::string& out) {
    out.push_back('{');
    bool first = true;
    for (auto field : object) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return Json(e);
        if (!first) out.push_back(',');
        first = false;
        AppendJsonString(key, out);
        out.push_back(':');
        auto value = field.value();
        if (value.error()) return Json(value.error());
        if (!WriteCompact(value.value_unsafe(), out)) return false;
    }
    out.push_back('}');
    return true;
}

bool JsonDecoder::WriteCompactArray(od::array& array, std::string& out) {
    out.push_back('[');
    bool first = true;
    for (auto element : array) {
        if (element.error()) return Json(element.error());
        if (!first) out.push_back(',');
        first = false;
        if (!WriteCompact(element.value_unsafe(), out)) return false;
    }
    out.push_back(']');
    return true;
}

const char* PaddedBuffer::Assign(const char* data, size_t size) {
    if (size > kMaxJsonBytes) return nullptr;
    size_t need = size + simdjson::SIMDJSON_PADDING;
    if (bytes_.size() < need) bytes_.resize(std::max(need, bytes_.size() * 2));
    std::memcpy(bytes_.data(), data, size);
    return bytes_.data();
}

}  // namespace runnel::serde
