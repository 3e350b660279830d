// SqlType: the SQL type of a column or expression (ksqlDB's type system).
// An immutable value type; nested types are shared, so copies are cheap. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace runnel {

enum class TypeKind : uint8_t {
    kBoolean,
    kInt,        // 32-bit, "INTEGER"
    kBigint,     // 64-bit
    kDouble,
    kDecimal,    // precision / scale
    kString,     // VARCHAR
    kBytes,
    kDate,       // days since epoch
    kTime,       // millis of day
    kTimestamp,  // millis since epoch, UTC
    kArray,
    kMap,
    kStruct,
    kNull,       // the type of a bare NULL literal before coercion
    kNamed,      // an unresolved custom type name (CREATE TYPE), replaced during analysis
};

class SqlType;

struct StructField;

class SqlType {
public:
    SqlType() = default;
    explicit SqlType(TypeKind kind) : kind_(kind) {}

    static SqlType Boolean() { return SqlType(TypeKind::kBoolean); }
    static SqlType Int() { return SqlType(TypeKind::kInt); }
    static SqlType Bigint() { return SqlType(TypeKind::kBigint); }
    static SqlType Double() { return SqlType(TypeKind::kDouble); }
    static SqlType String() { return SqlType(TypeKind::kString); }
    static SqlType Bytes() { return SqlType(TypeKind::kBytes); }
    static SqlType Date() { return SqlType(TypeKind::kDate); }
    static SqlType Time() { return SqlType(TypeKind::kTime); }
    static SqlType Timestamp() { return SqlType(TypeKind::kTimestamp); }
    static SqlType Null() { return SqlType(TypeKind::kNull); }
    static SqlType Decimal(int precision, int scale);
    static SqlType Array(SqlType element);
    static SqlType Map(SqlType key, SqlType value);
    static SqlType Struct(std::vector<StructField> fields);
    static SqlType Named(std::string name);

    TypeKind kind() const { return kind_; }
    int precision() const { return precision_; }
    int scale() const { return scale_; }
    // ARRAY element; MAP value.
    const SqlType& element() const;
    const SqlType& map_key() const;
    const SqlType& map_value() const { return element(); }
    const std::vector<StructField>& fields() const;
    const std::string& name() const;  // kNamed only

    bool IsNumeric() const;
    bool IsPrimitive() const;

    // ksqlDB's SQL spelling: INTEGER, BIGINT, DECIMAL(4, 2), ARRAY<STRING>, STRUCT<`A` INTEGER>.
    std::string ToString() const;
    // ksqlDB's REST "type" names (INTEGER, BIGINT, DOUBLE, DECIMAL, STRING, ARRAY, MAP, STRUCT ...).
    std::string RestTypeName() const;

    bool operator==(const SqlType& other) const;
    bool operator!=(const SqlType& other) const { return !(*this == other); }

private:
    TypeKind kind_ = TypeKind::kNull;
    int precision_ = 0;
    int scale_ = 0;
    // Children: ARRAY -> [element]; MAP -> [key, value]. STRUCT fields in struct_fields_.
    std::shared_ptr<const std::vector<SqlType>> children_;
    std::shared_ptr<const std::vector<StructField>> struct_fields_;
    std::shared_ptr<const std::string> name_;
};

struct StructField {
    std::string name;
    SqlType type;
    bool operator==(const StructField& o) const { return name == o.name && type == o.type; }
};

}  // namespace runnel
