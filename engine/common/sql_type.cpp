#include "engine/common/sql_type.h"

namespace runnel {

namespace {
const SqlType& NullType() {
    static const SqlType kNullType;
    return kNullType;
}
const std::vector<StructField>& NoFields() {
    static const std::vector<StructField> kEmpty;
    return kEmpty;
}
}  // namespace

SqlType SqlType::Decimal(int precision, int scale) {
    SqlType t(TypeKind::kDecimal);
    t.precision_ = precision;
    t.scale_ = scale;
    return t;
}

SqlType SqlType::Array(SqlType element) {
    SqlType t(TypeKind::kArray);
    t.children_ = std::make_shared<const std::vector<SqlType>>(std::vector<SqlType>{std::move(element)});
    return t;
}

SqlType SqlType::Map(SqlType key, SqlType value) {
    SqlType t(TypeKind::kMap);
    t.children_ = std::make_shared<const std::vector<SqlType>>(
        std::vector<SqlType>{std::move(key), std::move(value)});
    return t;
}

SqlType SqlType::Struct(std::vector<StructField> fields) {
    SqlType t(TypeKind::kStruct);
    t.struct_fields_ = std::make_shared<const std::vector<StructField>>(std::move(fields));
    return t;
}

SqlType SqlType::Named(std::string name) {
    SqlType t(TypeKind::kNamed);
    t.name_ = std::make_shared<const std::string>(std::move(name));
    return t;
}

const SqlType& SqlType::element() const {
    if (!children_ || children_->empty()) return NullType();
    return children_->back();
}

const SqlType& SqlType::map_key() const {
    if (!children_ || children_->empty()) return NullType();
    return children_->front();
}

const std::vector<StructField>& SqlType::fields() const {
    return struct_fields_ ? *struct_fields_ : NoFields();
}

const std::string& SqlType::name() const {
    static const std::string kEmpty;
    return name_ ? *name_ : kEmpty;
}

bool SqlType::IsNumeric() const {
    return kind_ == TypeKind::kInt || kind_ == TypeKind::kBigint || kind_ == TypeKind::kDouble ||
           kind_ == TypeKind::kDecimal;
}

bool SqlType::IsPrimitive() const {
    return kind_ != TypeKind::kArray && kind_ != TypeKind::kMap && kind_ != TypeKind::kStruct;
}

std::string SqlType::ToString() const {
    switch (kind_) {
        case TypeKind::kBoolean: return "BOOLEAN";
        case TypeKind::kInt: return "INTEGER";
        case TypeKind::kBigint: return "BIGINT";
        case TypeKind::kDouble: return "DOUBLE";
        case TypeKind::kDecimal:
            return "DECIMAL(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
        case TypeKind::kString: return "STRING";
        case TypeKind::kBytes: return "BYTES";
        case TypeKind::kDate: return "DATE";
        case TypeKind::kTime: return "TIME";
        case TypeKind::kTimestamp: return "TIMESTAMP";
        case TypeKind::kArray: return "ARRAY<" + element().ToString() + ">";
        case TypeKind::kMap: return "MAP<" + map_key().ToString() + ", " + map_value().ToString() + ">";
        case TypeKind::kStruct: {
            std::string s = "STRUCT<";
            bool first = true;
            for (const auto& f : fields()) {
                if (!first) s += ", ";
                first = false;
                s += "`" + f.name + "` " + f.type.ToString();
            }
            return s + ">";
        }
        case TypeKind::kNull: return "NULL";
        case TypeKind::kNamed: return name();
    }
    return "UNKNOWN";
}

std::string SqlType::RestTypeName() const {
    switch (kind_) {
        case TypeKind::kDecimal: return "DECIMAL";
        case TypeKind::kArray: return "ARRAY";
        case TypeKind::kMap: return "MAP";
        case TypeKind::kStruct: return "STRUCT";
        default: return ToString();
    }
}

bool SqlType::operator==(const SqlType& other) const {
    if (kind_ != other.kind_) return false;
    switch (kind_) {
        case TypeKind::kDecimal:
            return precision_ == other.precision_ && scale_ == other.scale_;
        case TypeKind::kArray: return element() == other.element();
        case TypeKind::kMap:
            return map_key() == other.map_key() && map_value() == other.map_value();
        case TypeKind::kStruct: return fields() == other.fields();
        case TypeKind::kNamed: return name() == other.name();
        default: return true;
    }
}

}  // namespace runnel
