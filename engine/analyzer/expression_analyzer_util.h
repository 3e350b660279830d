// Helpers shared by the expression_analyzer*.cpp files (private to the analyzer). Pure inline
// functions; thread-safe.
#pragma once

#include <memory>
#include <string>

#include "engine/expression/typed_expr.h"
#include "engine/parser/ast.h"

namespace runnel::analyzer {

inline expression::TypedExprPtr MakeTyped(expression::TypedExpr e) {
    return std::make_shared<const expression::TypedExpr>(std::move(e));
}

// "Line: 1, Col: 8: " as ksqlDB prefixes resolution errors.
inline std::string Where(const parser::Expr& e) {
    return "Line: " + std::to_string(e.loc.line) + ", Col: " + std::to_string(e.loc.column) + ": ";
}

inline bool IsNullLiteral(const expression::TypedExpr& e) {
    return e.kind == expression::TypedKind::kLiteral && e.type.kind() == TypeKind::kNull;
}

}  // namespace runnel::analyzer
