// Resolves and type-checks AST expressions against a scope, producing TypedExpr trees with
// explicit casts (ksqlDB's widening rules), ready to compile. Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/common/schema.h"
#include "engine/common/status.h"
#include "engine/expression/function_registry.h"
#include "engine/expression/typed_expr.h"
#include "engine/parser/ast.h"

namespace runnel::analyzer {

struct Scope {
    const LogicalSchema* schema = nullptr;
    std::vector<std::string> qualifiers;  // source name and alias: allowed column qualifiers
    bool windowed = false;                // WINDOWSTART / WINDOWEND readable
};

class ExpressionAnalyzer {
public:
    ExpressionAnalyzer(const Scope& scope, const expression::FunctionRegistry& functions)
        : scope_(scope), functions_(functions) {}

    Result<expression::TypedExprPtr> Analyze(const parser::Expr& expr) const;

    // A boolean predicate (WHERE / HAVING); `clause` names it in errors ("WHERE").
    Result<expression::TypedExprPtr> AnalyzePredicate(const parser::Expr& expr,
                                                      const std::string& clause) const;

private:
    Result<expression::TypedExprPtr> AnalyzeBinary(const parser::Expr& expr) const;
    Result<expression::TypedExprPtr> AnalyzeCompare(const parser::Expr& e,
                                                     expression::TypedExprPtr l,
                                                     expression::TypedExprPtr r) const;
    Result<expression::TypedExprPtr> AnalyzeCall(const parser::Expr& expr) const;
    Result<expression::TypedExprPtr> AnalyzeColumn(const parser::Expr& expr) const;

    const Scope& scope_;
    const expression::FunctionRegistry& functions_;
};

// Wraps `e` in a cast to `to` unless it already has that type.
expression::TypedExprPtr CastTo(expression::TypedExprPtr e, const SqlType& to);

// The widest of two types for comparison/arithmetic, or nullopt when they don't mix.
std::optional<SqlType> CommonType(const SqlType& a, const SqlType& b);

}  // namespace runnel::analyzer
