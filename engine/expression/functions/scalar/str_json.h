// A small JSON reader for the JSON functions, reading documents the way ksqlDB's Jackson
// ObjectMapper does (readTree): the first value of the text is parsed and fully validated,
// anything after it is ignored (a number or literal at the root must end at whitespace or the
// end), nesting is limited to 1000 levels. No DOM: a value is its type and the span of its text;
// objects and arrays are walked again on demand. The compact writer prints a value as Jackson's
// JsonNode does: no whitespace, strings re-escaped, a repeated object key keeps its first place
// and its last value, integers as written, other numbers as BigDecimal prints them.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::expression::str {

enum class JsonType : uint8_t { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull };

// How numbers with a fraction or an exponent are printed: BigDecimal.toString() (Jackson's
// JsonNode.toString()) or toPlainString() (ksqlDB's mapper, WRITE_BIGDECIMAL_AS_PLAIN).
enum class NumberStyle : uint8_t { kBigDecimal, kPlain };

struct JsonValue {
    JsonType type = JsonType::kNull;
    std::string_view text;  // the value's own text (strings with their quotes)
};

// Parses the first value of `doc`. False for invalid JSON and for a document with no value
// (empty or blank: Jackson's missing node).
bool ParseJsonRoot(std::string_view doc, JsonValue* out);

// Walks the members of a parsed object in document order; `key` is the raw key text between
// the quotes (escapes not decoded).
class JsonMembers {
public:
    explicit JsonMembers(const JsonValue& object);
    bool Next(std::string_view* key, JsonValue* value);

private:
    std::string_view text_;
    size_t pos_;
};

// Walks the elements of a parsed array in order.
class JsonElements {
public:
    explicit JsonElements(const JsonValue& array);
    bool Next(JsonValue* value);

private:
    std::string_view text_;
    size_t pos_;
};

// Reads a top-level array element by element, validating each one only when it is reached (as
// Jackson's streaming parser does): a match found early is good even if later text is not.
class JsonArrayStream {
public:
    enum class Step : uint8_t { kElement, kEnd, kError };
    // False when the document does not start with an array.
    bool Begin(std::string_view doc);
    Step Next(JsonValue* element);

private:
    std::string_view text_;
    size_t pos_ = 0;
    bool first_ = true;
};

// Writes the objects merged into one: keys in order of first appearance, values from the last
// object that has the key (Jackson's ObjectNode.setAll).
void AppendMergedObjects(const JsonValue* objects, size_t count, NumberStyle style,
                         std::string& out);

// Decodes the escapes of a raw string body (the text between the quotes).
void AppendUnescaped(std::string_view raw, std::string& out);
// The decoded text of a kString value.
void AppendStringValue(const JsonValue& v, std::string& out);
// Whether a raw key (as ForEachMember gives it) decodes to `name`.
bool KeyEquals(std::string_view raw_key, std::string_view name);

// Appends the value compactly, as described at the top.
void AppendCompactJson(const JsonValue& v, NumberStyle style, std::string& out);
// Appends a JSON number token as Jackson re-prints it.
void AppendJsonNumber(std::string_view token, NumberStyle style, std::string& out);

// Appends `s` as a quoted JSON string with Jackson's escaping.
void AppendQuotedJson(std::string_view s, std::string& out);

}  // namespace runnel::expression::str
