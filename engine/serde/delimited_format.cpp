#include "engine/serde/delimited_format.h"

#include <fmt/format.h>

#include "engine/serde/field_matcher.h"
#include "engine/serde/format_support.h"

namespace runnel::serde {

Result<char> DelimitedDelimiter(const FormatSpec& format, bool is_key) {
    const std::string* value = nullptr;
    for (const auto& [k, v] : format.properties) {
        if (EqualsIgnoreAsciiCase(k, "delimiter")) value = &v;
    }
    if (value == nullptr) return ',';
    if (EqualsIgnoreAsciiCase(*value, "TAB")) return '\t';
    if (EqualsIgnoreAsciiCase(*value, "SPACE")) return ' ';
    const char* config = is_key ? "KEY_DELIMITER" : "VALUE_DELIMITER";
    if (value->size() != 1) {
        return Status::Invalid(fmt::format(
            "Configuration {} is invalid: Invalid delimiter value: '{}'. Delimiter must be a "
            "single character or TAB or SPACE",
            config, *value));
    }
    char c = (*value)[0];
    if (c == '"' || c == '\r' || c == '\n') {
        return Status::Invalid(fmt::format(
            "Configuration {} is invalid: the delimiter cannot be a quote or a line break",
            config));
    }
    return c;
}

Status ValidateDelimitedFormat(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    auto delimiter = DelimitedDelimiter(format, is_key);
    if (!delimiter.ok()) return delimiter.status();
    for (size_t c : layout.columns) {
        if (layout.schema == nullptr || c >= layout.schema->size()) {
            return Status::Internal("format layout refers to a column outside the schema");
        }
        const SqlType& type = layout.schema->column(c).type;
        RETURN_IF_ERROR(CheckTypeResolved(type));
        if (!type.IsPrimitive()) {
            return Status::Invalid(fmt::format("The 'DELIMITED' format does not support type '{}'",
                                               type.RestTypeName()));
        }
    }
    return Status::Ok();
}

}  // namespace runnel::serde
