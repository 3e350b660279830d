#include "engine/expression/value_compare.h"

namespace runnel::expression {

int CompareValues(const Value& x, const Value& y, TypeKind kind) {
    switch (kind) {
        case TypeKind::kDouble: {
            double l = x.AsDouble(), r = y.AsDouble();
            return l < r ? -1 : (l > r ? 1 : 0);
        }
        case TypeKind::kBoolean: return int(x.AsBool()) - int(y.AsBool());
        case TypeKind::kString:
        case TypeKind::kBytes: {
            int c = x.AsString().compare(y.AsString());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case TypeKind::kDecimal: {
            auto l = x.AsDecimal(), r = y.AsDecimal();
            return l < r ? -1 : (l > r ? 1 : 0);
        }
        default: {
            int64_t l = x.AsInt(), r = y.AsInt();
            return l < r ? -1 : (l > r ? 1 : 0);
        }
    }
}

namespace {

bool NullableEqual(const Value& x, const Value& y, const SqlType& type) {
    if (x.is_null() || y.is_null()) return x.is_null() && y.is_null();
    return ValuesEqual(x, y, type);
}

}  // namespace

bool ValuesEqual(const Value& x, const Value& y, const SqlType& type) {
    switch (type.kind()) {
        case TypeKind::kArray: {
            const auto& a = x.AsList();
            const auto& b = y.AsList();
            if (a.size() != b.size()) return false;
            for (size_t i = 0; i < a.size(); ++i) {
                if (!NullableEqual(a[i], b[i], type.element())) return false;
            }
            return true;
        }
        case TypeKind::kStruct: {
            const auto& a = x.AsList();
            const auto& b = y.AsList();
            const auto& fields = type.fields();
            if (a.size() != b.size()) return false;
            for (size_t i = 0; i < a.size() && i < fields.size(); ++i) {
                if (!NullableEqual(a[i], b[i], fields[i].type)) return false;
            }
            return true;
        }
        case TypeKind::kMap: {
            const auto& a = x.AsMap();
            const auto& b = y.AsMap();
            if (a.size() != b.size()) return false;
            for (const auto& [k, v] : a) {
                bool found = false;
                for (const auto& [k2, v2] : b) {
                    if (!NullableEqual(k, k2, type.map_key())) continue;
                    if (!NullableEqual(v, v2, type.map_value())) return false;
                    found = true;
                    break;
                }
                if (!found) return false;
            }
            return true;
        }
        case TypeKind::kNull: return true;
        default: return CompareValues(x, y, type.kind()) == 0;
    }
}

}  // namespace runnel::expression
