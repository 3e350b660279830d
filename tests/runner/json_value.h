// JsonValue: the runner's small JSON document model. Numbers keep their text as written (so
// 12.30 and 12.3 stay distinct and big integers stay exact) and objects keep field order and
// duplicates. ParseJson reads strict JSON, optionally with // and /* */ comments (QTT files
// carry them); Dump writes compact JSON. A plain value type: not thread-safe to mutate, safe
// to share const.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status.h"

namespace runnel::runner {

class JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::vector<std::pair<std::string, JsonValue>>;

class JsonValue {
public:
    enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

    JsonValue() = default;
    static JsonValue Bool(bool b);
    // `text` must be a valid JSON number lexeme.
    static JsonValue Number(std::string text);
    static JsonValue Integer(int64_t i);
    static JsonValue String(std::string s);
    static JsonValue Array(JsonArray items);
    static JsonValue Object(JsonObject fields);

    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::kNull; }
    bool is_bool() const { return kind_ == Kind::kBool; }
    bool is_number() const { return kind_ == Kind::kNumber; }
    bool is_string() const { return kind_ == Kind::kString; }
    bool is_array() const { return kind_ == Kind::kArray; }
    bool is_object() const { return kind_ == Kind::kObject; }

    bool bool_value() const { return bool_; }
    // The number's lexeme, or the string's content.
    const std::string& text() const { return text_; }
    const JsonArray& array() const;
    const JsonObject& object() const;

    // First field with exactly this name; nullptr when absent or not an object.
    const JsonValue* Find(std::string_view name) const;
    // Convenience for loaders: the field as a string, else `fallback`.
    std::string GetString(std::string_view name, const std::string& fallback = "") const;

    // Compact JSON text.
    std::string Dump() const;
    void DumpTo(std::string& out) const;

private:
    Kind kind_ = Kind::kNull;
    bool bool_ = false;
    std::string text_;
    std::shared_ptr<const JsonArray> array_;
    std::shared_ptr<const JsonObject> object_;
};

// Parses one JSON document (trailing whitespace and, with allow_comments, comments allowed).
// Errors carry "line L:C".
Result<JsonValue> ParseJson(std::string_view text, bool allow_comments = false);

// Appends `s` as a quoted JSON string.
void AppendJsonQuoted(std::string_view s, std::string& out);

// True when `text` is one valid JSON number lexeme.
bool IsJsonNumber(std::string_view text);

}  // namespace runnel::runner
