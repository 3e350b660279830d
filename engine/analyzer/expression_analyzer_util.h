// Helpers shared by the analyzer's .cpp files (private to the analyzer). Pure inline
// functions; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/common/schema.h"
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

// A reference to column `index` (named and typed as `c`) of the input row.
inline expression::TypedExprPtr ColumnRef(size_t index, const Column& c) {
    auto t = std::make_shared<expression::TypedExpr>();
    t->kind = expression::TypedKind::kColumn;
    t->column = index;
    t->type = c.type;
    t->sql = c.name;
    return t;
}

// "a, b and c".
inline std::string JoinList(const std::vector<std::string>& names, const std::string& last_sep) {
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) s += (i + 1 == names.size()) ? last_sep : ", ";
        s += names[i];
    }
    return s;
}

inline bool IsNullLiteral(const expression::TypedExpr& e) {
    return e.kind == expression::TypedKind::kLiteral && e.type.kind() == TypeKind::kNull;
}

}  // namespace runnel::analyzer
