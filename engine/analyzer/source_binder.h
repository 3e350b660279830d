// Binds CREATE STREAM / CREATE TABLE (with columns) to a catalog DataSource: column constraints,
// reserved names, formats, timestamp column. Stateless; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/catalog/catalog.h"
#include "engine/common/status.h"
#include "engine/analyzer/with_properties.h"
#include "engine/parser/ast.h"

namespace runnel::analyzer {

struct BoundSource {
    catalog::DataSource source;
    std::optional<int32_t> partitions;  // create the topic with these when missing
    std::optional<int32_t> replicas;
};

Result<BoundSource> BindCreateSource(const parser::CreateSource& stmt, const std::string& sql,
                                     const catalog::Catalog& catalog,
                                     const std::map<std::string, std::string>& config);

// Checks a column name is not one of the reserved pseudo-column names.
Status CheckNotReserved(const std::string& name);

// Resolves WITH (TIMESTAMP='col' [, TIMESTAMP_FORMAT='...']) against the source's or sink's
// schema: BIGINT or TIMESTAMP, or STRING with a valid TIMESTAMP_FORMAT.
Status BindTimestampColumn(const WithProperties& w, catalog::DataSource& source);

// Validates each side's format against the columns it carries.
Status ValidateSourceFormats(const catalog::DataSource& source);

}  // namespace runnel::analyzer
