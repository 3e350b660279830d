#include "engine/serde/json_format.h"

#include "engine/serde/format_support.h"

namespace runnel::serde {

bool JsonSideIsWrapped(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    if (layout.columns.size() != 1) return true;
    return !is_key && format.wrap_single_value;
}

Status ValidateJsonFormat(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    if (!is_key && !format.wrap_single_value && layout.columns.size() > 1) {
        return Status::Invalid(
            "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas. Got: " +
            DescribeColumns(layout));
    }
    for (size_t c : layout.columns) {
        if (layout.schema == nullptr || c >= layout.schema->size()) {
            return Status::Internal("format layout refers to a column outside the schema");
        }
        RETURN_IF_ERROR(CheckTypeResolved(layout.schema->column(c).type));
    }
    return Status::Ok();
}

}  // namespace runnel::serde
