#include "engine/common/schema.h"

#include <algorithm>

namespace runnel {

LogicalSchema::LogicalSchema(std::vector<Column> columns) {
    // Keep key columns first, in their declared order.
    std::stable_partition(columns.begin(), columns.end(),
                          [](const Column& c) { return c.ns == ColumnNamespace::kKey; });
    for (const auto& c : columns) {
        if (c.ns == ColumnNamespace::kKey) ++key_count_;
    }
    columns_ = std::move(columns);
}

std::optional<size_t> LogicalSchema::Find(std::string_view name) const {
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].name == name) return i;
    }
    return std::nullopt;
}

std::string LogicalSchema::ToString() const {
    std::string s;
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (i) s += ", ";
        const auto& c = columns_[i];
        s += "`" + c.name + "` " + c.type.ToString();
        if (c.ns == ColumnNamespace::kKey) s += " KEY";
        if (c.ns == ColumnNamespace::kHeaders) s += " HEADERS";
        if (c.ns == ColumnNamespace::kHeader) s += " HEADER('" + c.header_key + "')";
    }
    return s;
}

}  // namespace runnel
