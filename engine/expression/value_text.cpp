#include "engine/expression/value_text.h"

#include "engine/expression/temporal_text.h"
#include "engine/serde/base64.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/serde.h"

namespace runnel::expression {

namespace {

// Text of a value nested in a collection: null prints as "null".
void AppendNested(const Value& v, const SqlType& type, std::string& out) {
    if (v.is_null()) {
        out += "null";
        return;
    }
    AppendValueText(v, type, out);
}

}  // namespace

void AppendValueText(const Value& v, const SqlType& type, std::string& out) {
    switch (type.kind()) {
        case TypeKind::kBoolean: out += v.AsBool() ? "true" : "false"; return;
        case TypeKind::kInt:
        case TypeKind::kBigint: out += std::to_string(v.AsInt()); return;
        case TypeKind::kDouble: serde::AppendJavaDouble(v.AsDouble(), out); return;
        case TypeKind::kDecimal: serde::AppendDecimalText(v.AsDecimal(), type.scale(), out); return;
        case TypeKind::kString: out.append(v.AsString()); return;
        case TypeKind::kBytes: serde::AppendBase64(v.AsString(), out); return;
        case TypeKind::kDate: AppendDateText(v.AsInt(), out); return;
        case TypeKind::kTime: AppendTimeText(v.AsInt(), out); return;
        case TypeKind::kTimestamp: AppendTimestampText(v.AsInt(), out); return;
        case TypeKind::kArray: {
            out += '[';
            const auto& items = v.AsList();
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) out += ", ";
                AppendNested(items[i], type.element(), out);
            }
            out += ']';
            return;
        }
        case TypeKind::kMap: {
            out += '{';
            const auto& entries = v.AsMap();
            for (size_t i = 0; i < entries.size(); ++i) {
                if (i) out += ", ";
                AppendNested(entries[i].first, type.map_key(), out);
                out += '=';
                AppendNested(entries[i].second, type.map_value(), out);
            }
            out += '}';
            return;
        }
        case TypeKind::kStruct: {
            out += "Struct{";
            const auto& items = v.AsList();
            const auto& fields = type.fields();
            bool first = true;
            for (size_t i = 0; i < fields.size() && i < items.size(); ++i) {
                if (items[i].is_null()) continue;
                if (!first) out += ',';
                first = false;
                out += fields[i].name;
                out += '=';
                AppendValueText(items[i], fields[i].type, out);
            }
            out += '}';
            return;
        }
        case TypeKind::kNull:
        case TypeKind::kNamed: out += "null"; return;
    }
}

}  // namespace runnel::expression
