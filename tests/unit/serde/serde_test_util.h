// Helpers for the serde unit tests: a schema with key and value columns, the layouts of its
// two sides, and (de)serializer construction that fails the test on error. Not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/serde/serde.h"

namespace runnel::serde::testing {

// A schema plus the key and value layouts over it.
struct TestSchema {
    std::unique_ptr<LogicalSchema> schema;
    SideLayout key;
    SideLayout value;

    size_t width() const { return schema->size(); }
    Row NewRow() const {
        Row row;
        row.Resize(width());
        return row;
    }
};

inline Column Key(std::string name, SqlType type) {
    return Column{std::move(name), std::move(type), ColumnNamespace::kKey, ""};
}

inline Column Val(std::string name, SqlType type) {
    return Column{std::move(name), std::move(type), ColumnNamespace::kValue, ""};
}

inline TestSchema MakeSchema(std::vector<Column> columns) {
    TestSchema t;
    t.schema = std::make_unique<LogicalSchema>(std::move(columns));
    t.key.schema = t.schema.get();
    t.value.schema = t.schema.get();
    for (size_t i = 0; i < t.schema->size(); ++i) {
        (t.schema->column(i).ns == ColumnNamespace::kKey ? t.key : t.value).columns.push_back(i);
    }
    return t;
}

inline FormatSpec Format(std::string name) {
    FormatSpec f;
    f.name = std::move(name);
    return f;
}

inline std::unique_ptr<Deserializer> MustDeserializer(const FormatSpec& f, const SideLayout& l,
                                                      bool is_key) {
    auto r = MakeDeserializer(f, l, is_key);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return nullptr;
    return std::move(r).value();
}

inline std::unique_ptr<Serializer> MustSerializer(const FormatSpec& f, const SideLayout& l,
                                                  bool is_key) {
    auto r = MakeSerializer(f, l, is_key);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return nullptr;
    return std::move(r).value();
}

inline Status Decode(Deserializer& d, std::string_view bytes, Row& row) {
    return d.Deserialize(bytes.data(), bytes.size(), row);
}

inline Value Str(std::string_view s) { return Value::String(s); }
inline Value I(int64_t v) { return Value::Int(v); }
inline Value D(double v) { return Value::Double(v); }
inline Value B(bool v) { return Value::Bool(v); }
inline Value Dec(__int128 v) { return Value::Decimal(v); }
inline Value Null() { return Value(); }
inline Value List(std::vector<Value> items) { return Value::List(std::move(items)); }
inline Value Map(std::vector<std::pair<Value, Value>> entries) {
    return Value::Map(std::move(entries));
}

}  // namespace runnel::serde::testing
