#include "engine/serde/debezium_format.h"

#include <fmt/format.h>

#include <array>

#include "engine/serde/format_support.h"

namespace runnel::serde {

namespace {

struct MetadataName {
    std::string_view lower;
    std::string_view upper;
    DebeziumMetadata kind;
};

constexpr std::array<MetadataName, 8> kMetadataNames = {{
    {"__op", "__OP", DebeziumMetadata::kOp},
    {"__ts_ms", "__TS_MS", DebeziumMetadata::kTsMs},
    {"__source_ts_ms", "__SOURCE_TS_MS", DebeziumMetadata::kSourceTsMs},
    {"__db", "__DB", DebeziumMetadata::kDb},
    {"__table", "__TABLE", DebeziumMetadata::kTable},
    {"__schema", "__SCHEMA", DebeziumMetadata::kSchema},
    {"__lsn", "__LSN", DebeziumMetadata::kLsn},
    {"__deleted", "__DELETED", DebeziumMetadata::kDeleted},
}};

// Whether `type` suits the metadata column, and the expected type's text otherwise.
bool MetadataTypeOk(DebeziumMetadata kind, const SqlType& type, const char** expected) {
    TypeKind k = type.kind();
    switch (kind) {
        case DebeziumMetadata::kOp:
        case DebeziumMetadata::kDb:
        case DebeziumMetadata::kTable:
        case DebeziumMetadata::kSchema:
            *expected = "STRING";
            return k == TypeKind::kString;
        case DebeziumMetadata::kTsMs:
        case DebeziumMetadata::kSourceTsMs:
            *expected = "BIGINT or TIMESTAMP";
            return k == TypeKind::kBigint || k == TypeKind::kTimestamp;
        case DebeziumMetadata::kLsn:
            *expected = "BIGINT";
            return k == TypeKind::kBigint;
        case DebeziumMetadata::kDeleted:
            *expected = "BOOLEAN";
            return k == TypeKind::kBoolean;
        case DebeziumMetadata::kNone:
            break;
    }
    return true;
}

}  // namespace

DebeziumMetadata DebeziumMetadataOf(std::string_view column_name) {
    if (column_name.size() < 4 || column_name[0] != '_' || column_name[1] != '_') {
        return DebeziumMetadata::kNone;
    }
    for (const MetadataName& m : kMetadataNames) {
        if (column_name == m.lower || column_name == m.upper) return m.kind;
    }
    return DebeziumMetadata::kNone;
}

Status ValidateDebeziumFormat(const FormatSpec& format, const SideLayout& layout) {
    (void)format;
    for (size_t c : layout.columns) {
        if (layout.schema == nullptr || c >= layout.schema->size()) {
            return Status::Internal("format layout refers to a column outside the schema");
        }
        const Column& column = layout.schema->column(c);
        RETURN_IF_ERROR(CheckTypeResolved(column.type));
        DebeziumMetadata kind = DebeziumMetadataOf(column.name);
        const char* expected = "";
        if (kind != DebeziumMetadata::kNone && !MetadataTypeOk(kind, column.type, &expected)) {
            return Status::Invalid(fmt::format(
                "The Debezium metadata column `{}` must be {}, not {}", column.name, expected,
                column.type.ToString()));
        }
    }
    return Status::Ok();
}

}  // namespace runnel::serde
