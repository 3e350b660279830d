// Value: one SQL value in a row. The SQL type lives in the schema; a Value only records its
// physical storage (null, bool, 64-bit integer, double, decimal, bytes/string, list, map).
// INT, BIGINT, DATE, TIME and TIMESTAMP are stored as int64; STRING and BYTES as bytes;
// ARRAY and STRUCT as a list; MAP as a list of key/value pairs.
// Setters reuse the string's capacity, so a Value slot reused across records does not allocate
// for strings that fit what it held before. Not thread-safe (plain value type).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace runnel {

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::vector<std::pair<Value, Value>>;  // insertion-ordered

class Value {
public:
    enum class Tag : uint8_t { kNull, kBool, kInt, kDouble, kDecimal, kString, kList, kMap };

    Value() = default;
    static Value Bool(bool b) { Value v; v.SetBool(b); return v; }
    static Value Int(int64_t i) { Value v; v.SetInt(i); return v; }
    static Value Double(double d) { Value v; v.SetDouble(d); return v; }
    static Value String(std::string_view s) { Value v; v.SetString(s); return v; }
    static Value Decimal(__int128 unscaled) { Value v; v.SetDecimal(unscaled); return v; }
    static Value List(ValueList items);
    static Value Map(ValueMap entries);

    Tag tag() const { return tag_; }
    bool is_null() const { return tag_ == Tag::kNull; }

    void SetNull() { tag_ = Tag::kNull; }
    void SetBool(bool b) { tag_ = Tag::kBool; b_ = b; }
    void SetInt(int64_t i) { tag_ = Tag::kInt; i_ = i; }
    void SetDouble(double d) { tag_ = Tag::kDouble; d_ = d; }
    void SetDecimal(__int128 unscaled) { tag_ = Tag::kDecimal; dec_ = unscaled; }
    void SetString(std::string_view s) { tag_ = Tag::kString; s_.assign(s.data(), s.size()); }
    // Gives the string buffer for in-place writing; the value becomes a string.
    std::string& MutableString() { tag_ = Tag::kString; return s_; }
    void SetList(std::shared_ptr<const ValueList> l) { tag_ = Tag::kList; list_ = std::move(l); }
    void SetMap(std::shared_ptr<const ValueMap> m) { tag_ = Tag::kMap; map_ = std::move(m); }

    bool AsBool() const { return b_; }
    int64_t AsInt() const { return i_; }
    double AsDouble() const { return d_; }
    __int128 AsDecimal() const { return dec_; }
    std::string_view AsString() const { return s_; }
    const ValueList& AsList() const { return *list_; }
    const ValueMap& AsMap() const { return *map_; }

    // Structural equality (doubles compared exactly); null equals null here.
    bool operator==(const Value& o) const;
    bool operator!=(const Value& o) const { return !(*this == o); }
    // Debug text, not a wire format.
    std::string DebugString() const;

private:
    Tag tag_ = Tag::kNull;
    union {
        bool b_;
        int64_t i_;
        double d_;
        __int128 dec_ = 0;
    };
    std::string s_;
    std::shared_ptr<const ValueList> list_;
    std::shared_ptr<const ValueMap> map_;
};

}  // namespace runnel
