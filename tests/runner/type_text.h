// SQL type and schema text as ksqlDB prints them, read back for comparisons: ParseSqlType turns
// "DECIMAL(4, 2)", "ARRAY<VARCHAR>", "STRUCT<`a` INT>" into a SqlType (push query column types),
// and NormalizeSchemaText gives one canonical spelling of a column list such as
// "ID INT KEY, `c1` VARCHAR" (unquoted names upper-cased, type synonyms unified), so an expected
// schema can be compared with LogicalSchema::ToString(). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"

namespace runnel::runner {

Result<SqlType> ParseSqlType(std::string_view text);

// "`ID` INTEGER KEY, `C1` STRING" for any equivalent spelling; Invalid when unreadable.
Result<std::string> NormalizeSchemaText(std::string_view text);

}  // namespace runnel::runner
