// Structural equality of AST nodes, ignoring source locations and statement text: two nodes are
// equal when they mean the same SQL as far as the AST can tell (identifier spelling and quoting,
// literal text and values, types, clauses). Used by round-trip tests and by anything that needs
// to compare parsed expressions. Thread-safe: pure functions.
#pragma once

#include "engine/parser/ast.h"

namespace runnel::parser {

bool IdentifierEquals(const Identifier& a, const Identifier& b);
bool ExprEquals(const Expr& a, const Expr& b);
bool ExprPtrEquals(const ExprPtr& a, const ExprPtr& b);  // both null, or both equal
bool QueryEquals(const Query& a, const Query& b);
bool StatementBodyEquals(const StatementBody& a, const StatementBody& b);

}  // namespace runnel::parser
