#include "engine/serde/format_support.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/serde/decimal_text.h"

namespace runnel::serde {

std::string DescribeColumns(const SideLayout& layout) {
    std::string s = "[";
    for (size_t i = 0; i < layout.columns.size(); ++i) {
        if (i) s += ", ";
        if (layout.schema == nullptr || layout.columns[i] >= layout.schema->size()) {
            s += "?";
            continue;
        }
        const Column& c = layout.schema->column(layout.columns[i]);
        s += "`" + c.name + "` " + c.type.ToString();
    }
    return s + "]";
}

void SetColumnsNull(const std::vector<size_t>& columns, Row& row) {
    for (size_t c : columns) row.values[c].SetNull();
}

size_t RequiredWidth(const std::vector<size_t>& columns) {
    size_t width = 0;
    for (size_t c : columns) width = std::max(width, c + 1);
    return width;
}

Status CheckRowWidth(const Row& row, size_t width) {
    if (row.values.size() >= width) return Status::Ok();
    return Status::Internal(fmt::format("row has {} values but the format's columns need {}",
                                        row.values.size(), width));
}

Status CheckTypeResolved(const SqlType& type) {
    switch (type.kind()) {
        case TypeKind::kNull:
            return Status::Invalid("a column cannot have the NULL type");
        case TypeKind::kNamed:
            return Status::Invalid("unresolved custom type: " + type.name());
        case TypeKind::kDecimal:
            if (type.precision() < 1 || type.precision() > kMaxDecimalPrecision ||
                type.scale() < 0 || type.scale() > type.precision()) {
                return Status::Invalid(fmt::format(
                    "DECIMAL precision must be 1..{} and scale 0..precision, got DECIMAL({}, {})",
                    kMaxDecimalPrecision, type.precision(), type.scale()));
            }
            return Status::Ok();
        case TypeKind::kArray:
            return CheckTypeResolved(type.element());
        case TypeKind::kMap:
            RETURN_IF_ERROR(CheckTypeResolved(type.map_key()));
            return CheckTypeResolved(type.map_value());
        case TypeKind::kStruct:
            for (const StructField& f : type.fields()) RETURN_IF_ERROR(CheckTypeResolved(f.type));
            return Status::Ok();
        default:
            return Status::Ok();
    }
}

}  // namespace runnel::serde
