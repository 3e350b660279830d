// AST printer: SQL text for identifiers, types, literals, durations and queries, such that
// parsing the text gives back the same AST (locations aside). ExprToSql and StatementToSql are
// declared in parser.h. Expressions are printed fully parenthesised: (A + (B * C)).
// Identifiers that were quoted are printed with backticks; other names are printed bare when
// they read back unchanged, else with backticks. Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/sql_type.h"
#include "engine/parser/ast.h"

namespace runnel::parser {

std::string IdentifierToSql(const Identifier& id);
// A canonical name (struct field, type name, property key, query id): bare when possible.
std::string NameToSql(std::string_view name);
// 'it''s'
std::string StringLiteralToSql(std::string_view value);
// The SQL spelling of a binary operator ("+", "<>", "AND", "||").
const char* BinaryOpToSql(Op op);
// INTEGER, DECIMAL(4, 2), ARRAY<STRING>, MAP<STRING, INTEGER>, STRUCT<A INTEGER, `b` STRING>
std::string TypeToSql(const SqlType& type);
// In the largest unit that divides it exactly: 3600000 -> "1 HOURS", 1500 -> "1500 MILLISECONDS".
std::string DurationToSql(int64_t millis);
// WITH-clause body: KAFKA_TOPIC='t', PARTITIONS=3
std::string PropertiesToSql(const Properties& properties);
// SELECT ... (no trailing ';')
std::string QueryToSql(const Query& query);

}  // namespace runnel::parser
