#include "engine/analyzer/source_binder.h"

#include <set>

#include "engine/analyzer/with_properties.h"
#include "engine/expression/functions/scalar/time_pattern.h"

namespace runnel::analyzer {

namespace {

Status ResolveNamedTypes(SqlType& type, const catalog::Catalog& catalog) {
    if (type.kind() == TypeKind::kNamed) {
        auto t = catalog.FindType(type.name());
        if (!t) return Status::Invalid("Type '" + type.name() + "' does not exist");
        type = *t;
        return Status::Ok();
    }
    if (type.kind() == TypeKind::kArray) {
        SqlType e = type.element();
        RETURN_IF_ERROR(ResolveNamedTypes(e, catalog));
        type = SqlType::Array(e);
    } else if (type.kind() == TypeKind::kMap) {
        SqlType k = type.map_key(), v = type.map_value();
        RETURN_IF_ERROR(ResolveNamedTypes(k, catalog));
        RETURN_IF_ERROR(ResolveNamedTypes(v, catalog));
        type = SqlType::Map(k, v);
    } else if (type.kind() == TypeKind::kStruct) {
        std::vector<StructField> fields = type.fields();
        for (auto& f : fields) RETURN_IF_ERROR(ResolveNamedTypes(f.type, catalog));
        type = SqlType::Struct(std::move(fields));
    }
    return Status::Ok();
}

}  // namespace

Status CheckNotReserved(const std::string& name) {
    static const std::set<std::string> kReserved = {
        std::string(kRowTime), std::string(kRowPartition), std::string(kRowOffset),
        std::string(kWindowStart), std::string(kWindowEnd)};
    if (kReserved.count(name)) {
        return Status::Invalid("'" + name + "' is a reserved column name. You cannot use it as a name for a column.");
    }
    return Status::Ok();
}

namespace {

bool ContainsMap(const SqlType& t) {
    switch (t.kind()) {
        case TypeKind::kMap: return true;
        case TypeKind::kArray: return ContainsMap(t.element());
        case TypeKind::kStruct:
            for (const auto& f : t.fields()) {
                if (ContainsMap(f.type)) return true;
            }
            return false;
        default: return false;
    }
}

}  // namespace

Status ValidateSourceFormats(const catalog::DataSource& source) {
    for (size_t i = 0; i < source.schema.key_count(); ++i) {
        const auto& c = source.schema.column(i);
        if (ContainsMap(c.type)) {
            // Map iteration order is not part of a map's value, so equal keys could serialise
            // differently and land in different partitions.
            return Status::Invalid("Map keys, including types that contain maps, are not supported "
                                   "as they may lead to unexpected behavior due to inconsistent "
                                   "serialization. Key column name: `" + c.name + "`. Column type: " +
                                   c.type.ToString() + ". See https://github.com/confluentinc/ksql/"
                                   "issues/6621 for more.");
        }
    }
    serde::SideLayout key{&source.schema, {}}, value{&source.schema, {}};
    for (size_t i = 0; i < source.schema.size(); ++i) {
        auto ns = source.schema.column(i).ns;
        if (ns == ColumnNamespace::kKey) key.columns.push_back(i);
        if (ns == ColumnNamespace::kValue) value.columns.push_back(i);
    }
    RETURN_IF_ERROR(serde::ValidateFormat(source.key_format, key, true));
    RETURN_IF_ERROR(serde::ValidateFormat(source.value_format, value, false));
    return Status::Ok();
}

Status BindTimestampColumn(const WithProperties& w, catalog::DataSource& src) {
    if (w.timestamp_format && !w.timestamp) {
        return Status::Invalid("TIMESTAMP_FORMAT needs a TIMESTAMP column in the WITH clause");
    }
    if (w.timestamp) {
        auto idx = src.schema.Find(*w.timestamp);
        if (!idx) {
            return Status::Invalid("The TIMESTAMP column set in the WITH clause does not exist in "
                                   "the schema: '" + *w.timestamp + "'");
        }
        auto k = src.schema.column(*idx).type.kind();
        if (w.timestamp_format) {
            if (k != TypeKind::kString) {
                return Status::Invalid("TIMESTAMP_FORMAT can only be used with a STRING timestamp "
                                       "column; `" + *w.timestamp + "` is " +
                                       src.schema.column(*idx).type.ToString());
            }
            auto pattern = expression::builtin::DateTimePattern::Compile(*w.timestamp_format);
            if (!pattern.ok()) {
                return Status::Invalid("Invalid TIMESTAMP_FORMAT '" + *w.timestamp_format +
                                       "': " + pattern.status().message());
            }
            src.timestamp_format = *w.timestamp_format;
        } else if (k != TypeKind::kBigint && k != TypeKind::kTimestamp) {
            return Status::Invalid("Timestamp column, `" + *w.timestamp + "`, should be LONG(INT64)"
                                   ", TIMESTAMP, or a String with a timestamp_format specified.");
        }
        src.timestamp_column = idx;
    }
    return Status::Ok();
}

Result<BoundSource> BindCreateSource(const parser::CreateSource& stmt, const std::string& sql,
                                     const catalog::Catalog& catalog,
                                     const std::map<std::string, std::string>& config) {
    BoundSource bound;
    auto& src = bound.source;
    src.kind = stmt.is_table ? catalog::SourceKind::kTable : catalog::SourceKind::kStream;
    src.name = stmt.name.name;
    src.sql = sql;
    src.is_source = stmt.is_source;
    if (stmt.is_source && stmt.or_replace) {
        return Status::Invalid(std::string("Cannot add ") + (stmt.is_table ? "table" : "stream") +
                               " '" + src.name + "': CREATE OR REPLACE is not supported on source " +
                               (stmt.is_table ? "tables." : "streams."));
    }

    std::vector<Column> columns;
    std::set<std::string> seen;
    bool has_key = false;
    bool has_headers_column = false;
    for (const auto& el : stmt.elements) {
        RETURN_IF_ERROR(CheckNotReserved(el.name.name));
        if (!seen.insert(el.name.name).second) {
            return Status::Invalid("Duplicate column names: " + el.name.name);
        }
        Column c;
        c.name = el.name.name;
        c.type = el.type;
        RETURN_IF_ERROR(ResolveNamedTypes(c.type, catalog));
        switch (el.constraint) {
            case parser::ColumnConstraint::kKey:
                if (stmt.is_table) {
                    return Status::Invalid("Column `" + c.name + "` is a 'KEY' column: please use "
                                           "'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, "
                                           "which are unique and NON NULL.\nStreams have KEYs, "
                                           "which have no uniqueness or NON NULL constraints.");
                }
                c.ns = ColumnNamespace::kKey;
                has_key = true;
                break;
            case parser::ColumnConstraint::kPrimaryKey:
                if (!stmt.is_table) {
                    return Status::Invalid("Column `" + c.name + "` is a 'PRIMARY KEY' column: "
                                           "please use 'KEY' for streams.\nTables have PRIMARY "
                                           "KEYs, which are unique and NON NULL.\nStreams have "
                                           "KEYs, which have no uniqueness or NON NULL "
                                           "constraints.");
                }
                c.ns = ColumnNamespace::kKey;
                has_key = true;
                break;
            case parser::ColumnConstraint::kHeaders: {
                SqlType want = SqlType::Array(SqlType::Struct(
                    {{"KEY", SqlType::String()}, {"VALUE", SqlType::Bytes()}}));
                if (c.type != want) {
                    return Status::Invalid("Invalid type for HEADERS column: expected " +
                                           want.ToString() + ", got " + c.type.ToString());
                }
                if (has_headers_column) return Status::Invalid("Schema already contains a HEADERS column.");
                has_headers_column = true;
                c.ns = ColumnNamespace::kHeaders;
                break;
            }
            case parser::ColumnConstraint::kHeader:
                if (c.type.kind() != TypeKind::kBytes) {
                    return Status::Invalid("Invalid type for HEADER('" + el.header_key +
                                           "') column: expected BYTES, got " + c.type.ToString());
                }
                c.ns = ColumnNamespace::kHeader;
                c.header_key = el.header_key;
                break;
            case parser::ColumnConstraint::kNone:
                c.ns = ColumnNamespace::kValue;
                break;
        }
        columns.push_back(std::move(c));
    }
    if (stmt.is_table && !has_key) {
        return Status::Invalid("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.");
    }
    const bool no_columns = columns.empty();
    src.schema = LogicalSchema(std::move(columns));

    ASSIGN_OR_RETURN(auto w, ParseWithProperties(stmt.properties));
    src.topic = w.kafka_topic ? *w.kafka_topic : src.name;
    bound.partitions = w.partitions;
    bound.replicas = w.replicas;

    auto default_value = ConfigValue(config, "ksql.persistence.default.format.value");
    auto default_key = ConfigValue(config, "ksql.persistence.default.format.key");
    if (!w.value_format && !default_value) {
        return Status::Invalid("Statement is missing the 'VALUE_FORMAT' property from the WITH "
                               "clause. Either provide one or set a default via the "
                               "'ksql.persistence.default.format.value' config.");
    }
    if (!has_key && w.key_format && *w.key_format != "NONE" && !stmt.properties.count("FORMAT")) {
        // ksqlDB: a key format on a keyless stream is an error, except NONE.
        return Status::Invalid("Key format specified for stream without key columns.");
    }
    std::string key_default = has_key ? (default_key ? *default_key : "KAFKA") : "NONE";
    if (!has_key && stmt.properties.count("FORMAT") && w.key_format) {
        auto canonical = serde::CanonicalFormatName(*w.key_format);
        if (canonical.ok() && *canonical != "NONE") src.keyless_format = *canonical;
    }
    std::optional<std::string> key_name = has_key ? w.key_format : std::optional<std::string>{};
    ASSIGN_OR_RETURN(src.key_format, MakeFormat(key_name, w.key_delimiter, key_default));
    ASSIGN_OR_RETURN(src.value_format,
                     MakeFormat(w.value_format, w.value_delimiter, default_value.value_or("JSON")));
    RETURN_IF_ERROR(ApplyProtobufNullable(w.key_protobuf_nullable, true, src.key_format));
    RETURN_IF_ERROR(ApplyProtobufNullable(w.value_protobuf_nullable, false, src.value_format));
    if (w.window_type) {
        if (!has_key) return Status::Invalid("Windowed sources require a key column.");
        const bool session = *w.window_type == "SESSION";
        if (!session && !w.window_size_ms) {
            return Status::Invalid("Tumbling and Hopping window types should set WINDOW_SIZE in the WITH clause.");
        }
        if (session && w.window_size_ms) {
            return Status::Invalid("'WINDOW_SIZE' should not be set for SESSION windows.");
        }
        src.is_windowed = true;
        src.window_type = *w.window_type;
        src.window_size_ms = w.window_size_ms.value_or(0);
    } else if (w.window_size_ms) {
        return Status::Invalid("'WINDOW_SIZE' should not be set without 'WINDOW_TYPE'.");
    }
    // The WITH clause is checked first, as in ksqlDB, so its errors win.
    if (no_columns) {
        return Status::NotImplemented("Inferring columns from a schema registry is not supported: "
                                      "declare the columns of " + src.name);
    }
    if (w.wrap_single_value) {
        if (*w.wrap_single_value && (src.value_format.name == "KAFKA" ||
                                     src.value_format.name == "DELIMITED")) {
            return Status::Invalid("Format '" + src.value_format.name +
                                   "' does not support 'WRAP_SINGLE_VALUE' set to 'true'.");
        }
        if (src.schema.size() - src.schema.key_count() != 1) {
            return Status::Invalid("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
        }
        src.value_format.wrap_single_value = *w.wrap_single_value;
    } else if (src.schema.size() - src.schema.key_count() == 1) {
        src.value_format.wrap_single_value = DefaultWrapSingleValue(config);
    }
    RETURN_IF_ERROR(ValidateSourceFormats(src));

    RETURN_IF_ERROR(BindTimestampColumn(w, src));
    return bound;
}

}  // namespace runnel::analyzer
