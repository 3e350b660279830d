// ksqlDB's REST "schema" objects and schema strings: converts a SQL type spelling
// ("ARRAY<STRING>", "STRUCT<`A` INTEGER>", "DECIMAL(4, 2)") into the SchemaInfo JSON DESCRIBE
// returns ({"type","fields","memberSchema"}), prints a SchemaInfo back the way ksqlDB's CLI does,
// and splits a header schema ("`ID` INTEGER KEY, `NAME` STRING") into columns.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocol/json_text.h"

namespace runnel::protocol {

// {"type":"ARRAY","fields":null,"memberSchema":{"type":"STRING",...}}. Unknown names are kept
// upper-cased as the type.
OrderedJson SchemaInfoFromSqlType(std::string_view sql_type);

// The CLI's type text for a SchemaInfo: VARCHAR(STRING), ARRAY<INTEGER>, MAP<STRING, BIGINT>,
// STRUCT<A INTEGER, B VARCHAR(STRING)>, DECIMAL(4, 2).
std::string SchemaInfoTypeString(const nlohmann::json& schema);

struct SchemaColumn {
    std::string name;  // without backticks
    std::string type;  // SQL spelling
    bool key = false;  // KEY or PRIMARY KEY
};

// Splits "`ID` INTEGER KEY, `NAME` STRING" at top-level commas.
std::vector<SchemaColumn> ParseSchemaColumns(std::string_view schema);

}  // namespace runnel::protocol
