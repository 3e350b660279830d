// Parser facade: SQL text -> statements (AST). Splits a script into statements, substitutes
// ${variables}, and reports the first syntax error as "line L:C: message" with the location.
// Thread-safe: each call builds its own ANTLR lexer/parser.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/parser/ast.h"

namespace runnel::parser {

// Parses every statement of `sql` (one or more, ';'-separated; the last ';' may be missing).
// `variables` are substituted for ${name} before parsing (names case-insensitive).
// On a syntax error: Status kSyntaxError, message "line L:C: <what>", where L:C are 1-based in
// the original text.
Result<std::vector<Statement>> ParseStatements(
    std::string_view sql, const std::map<std::string, std::string>& variables = {});

// Parses a single expression (for tests and tools).
Result<ExprPtr> ParseExpression(std::string_view sql);

// Prints back to SQL; parse(print(x)) == x up to whitespace and canonical case.
std::string ExprToSql(const Expr& expr);
std::string StatementToSql(const Statement& statement);

}  // namespace runnel::parser
