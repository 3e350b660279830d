// JsonDecoder: reads simdjson on-demand values into Values of a SQL type with the JSON format's
// coercions (documented in json_format.h), and walks JSON objects matching their keys to
// declared fields. Shared by the JSON and DEBEZIUM_JSON deserializers (internal to serde).
// A ReadPlan (how to read one SQL type) and a JsonDecoder are built once per deserializer and
// reused for every record. Not thread-safe: one instance per deserializer.
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/common/value.h"
#include "engine/serde/field_matcher.h"

namespace runnel::serde {

namespace od = simdjson::ondemand;

// How to read one SQL type. STRUCT nodes carry a FieldMatcher (with its caches) and scratch
// match states, so a plan is owned by one deserializer.
struct ReadPlan {
    SqlType type;
    std::unique_ptr<ReadPlan> element;  // ARRAY element, MAP value
    std::unique_ptr<ReadPlan> key;      // MAP key
    std::vector<ReadPlan> fields;       // STRUCT fields, in declaration order
    FieldMatcher matcher;               // STRUCT field names
    std::vector<uint8_t> states;        // STRUCT: per-field match state while decoding
};

ReadPlan BuildReadPlan(const SqlType& type);

// "Invalid JSON: <simdjson's message>".
Status JsonError(simdjson::error_code e);

// simdjson documents are limited to 4 GiB; Kafka records are far smaller.
inline constexpr size_t kMaxJsonBytes = size_t(1) << 31;

// A record copied into a buffer with simdjson's padding; the buffer only grows.
class PaddedBuffer {
public:
    // Null when the record is larger than kMaxJsonBytes.
    const char* Assign(const char* data, size_t size);
    size_t capacity() const { return bytes_.size(); }
    const char* data() const { return bytes_.data(); }
    // Bytes readable from `p` (a pointer into the buffer) to the buffer's end, padding included:
    // the capacity to pass to parser.iterate for a sub-document starting at p.
    size_t CapacityFrom(const char* p) const { return size_t(bytes_.data() + bytes_.size() - p); }

private:
    std::vector<char> bytes_;
};

// Match states while reading an object: a case-insensitive match may be replaced by a later
// exact one, never the other way round; among equals the last occurrence wins (as Jackson's
// object nodes keep the last duplicate).
inline constexpr uint8_t kUnmatched = 0;
inline constexpr uint8_t kMatchedIgnoringCase = 1;
inline constexpr uint8_t kMatchedExactly = 2;

// Reads JSON values into Values. The hot path returns bool; on false the error (and the path of
// the failing value, built while the error unwinds) is kept here, so a successful field costs
// no Status.
class JsonDecoder {
public:
    // One past the last byte of the document being read: bounds raw key compares and finds
    // trailing content after a root scalar. Clears the error path.
    void Reset(const char* input_end) {
        input_end_ = input_end;
        path_.clear();
    }

    // Reads a root document: checks that nothing but whitespace follows the value.
    bool DecodeRoot(od::document& doc, ReadPlan& plan, Value& out);

    // Reads one value (an object field, an array element) with the plan's type.
    bool DecodeValue(od::value& value, ReadPlan& plan, Value& out);

    // Walks the fields of an object. Each key is matched to a declared field through `matcher`
    // (exact first, else ASCII case-insensitively; see the match states above); for the field
    // that wins, decode(i, value) reads the value and returns false on error (the field's name
    // is then prepended to the error path). Unmatched keys are skipped. On return,
    // states[i] == kUnmatched for every declared field the object did not carry.
    template <typename DecodeField>
    bool MatchFields(od::object& object, FieldMatcher& matcher, std::vector<uint8_t>& states,
                     DecodeField decode);

    // MatchFields reading every matched field with plans[i] into slot_of(i), and setting the
    // unmatched ones null.
    template <typename SlotOf>
    bool DecodeFields(od::object& object, FieldMatcher& matcher, std::vector<ReadPlan>& plans,
                      std::vector<uint8_t>& states, SlotOf slot_of);

    // The type-mismatch error for a value ("Can't convert type. sourceType: TextNode,
    // requiredType: INTEGER"); always false.
    bool Mismatch(od::value& value, od::json_type jt, const SqlType& type);

    // The text of a number token, validated against the JSON grammar.
    bool NumberText(od::value& value, std::string_view* token);

    // A value that is JSON null (validating the literal).
    bool ReadNull(od::value& value, Value& out);

    // Records an error; always false.
    bool Fail(Status st) {
        error_ = std::move(st);
        return false;
    }
    bool Json(simdjson::error_code e) { return Fail(JsonError(e)); }
    // Prepends a segment (".after", "[2]") to the error path, while an error unwinds.
    void PrependPath(std::string_view segment) { path_.insert(0, segment); }

    // The error after a false return, with ", path: $.A.B[2]" when it is inside the record.
    Status TakeError() {
        if (path_.empty()) return std::move(error_);
        return Status(error_.code(), error_.message() + ", path: $" + path_);
    }

private:
    template <typename Node>
    bool Decode(Node& node, ReadPlan& plan, Value& out);
    template <typename Node>
    bool MismatchOf(Node& node, od::json_type jt, const SqlType& type);
    template <typename Node>
    bool NumberToken(Node& node, std::string_view* token);
    template <typename Node>
    bool DecodeInteger(Node& node, const SqlType& type, Value& out);
    template <typename Node>
    bool DecodeFromString(Node& node, const SqlType& type, Value& out);
    template <typename Node>
    bool DecodeText(Node& node, od::json_type jt, Value& out);
    bool DecodeArray(od::array& array, ReadPlan& plan, Value& out);
    bool DecodeMap(od::object& object, ReadPlan& plan, Value& out);
    bool DecodeStruct(od::object& object, ReadPlan& plan, Value& out);
    bool Check(Status st) { return st.ok() ? true : Fail(std::move(st)); }

    // Compact JSON text of a value (for objects/arrays read into STRING columns).
    bool WriteCompact(od::value& value, std::string& out);
    bool WriteCompactObject(od::object& object, std::string& out);
    bool WriteCompactArray(od::array& array, std::string& out);

    const char* input_end_ = nullptr;
    std::string path_;
    Status error_;
};

template <typename DecodeField>
bool JsonDecoder::MatchFields(od::object& object, FieldMatcher& matcher,
                              std::vector<uint8_t>& states, DecodeField decode) {
    std::fill(states.begin(), states.end(), kUnmatched);
    for (auto field : object) {
        // Compare the raw key bytes first; unescape only when they are not the expected ones.
        od::raw_json_string raw;
        if (auto e = field.key().get(raw)) return Json(e);
        FieldMatcher::Match m;
        if (!matcher.FindExpectedRaw(raw.raw(), size_t(input_end_ - raw.raw()), &m)) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return Json(e);
            m = matcher.Find(key);
        }
        if (m.index < 0) continue;  // extra field: on-demand skips its value
        size_t i = size_t(m.index);
        uint8_t state = m.exact ? kMatchedExactly : kMatchedIgnoringCase;
        if (states[i] > state) continue;
        states[i] = state;
        auto value = field.value();
        if (value.error()) return Json(value.error());
        if (!decode(i, value.value_unsafe())) {
            path_.insert(0, "." + matcher.name(i));
            return false;
        }
    }
    return true;
}

template <typename SlotOf>
bool JsonDecoder::DecodeFields(od::object& object, FieldMatcher& matcher,
                               std::vector<ReadPlan>& plans, std::vector<uint8_t>& states,
                               SlotOf slot_of) {
    bool ok = MatchFields(object, matcher, states, [&](size_t i, od::value& value) {
        return DecodeValue(value, plans[i], slot_of(i));
    });
    if (!ok) return false;
    for (size_t i = 0; i < states.size(); ++i) {
        if (states[i] == kUnmatched) slot_of(i).SetNull();
    }
    return true;
}

}  // namespace runnel::serde
