// Resolves and type-checks AST expressions against a scope, producing TypedExpr trees with
// explicit casts (ksqlDB's widening rules), ready to compile. Stateless; thread-safe.
//
// Split by concept: expression_analyzer.cpp (dispatch, literals, columns, calls),
// _operators.cpp (logic, comparison, arithmetic, IN/BETWEEN/LIKE, CASE), _types.cpp (common
// types, CAST, named types, literal coercion), _complex.cpp (structs, arrays, maps, lambdas),
// _messages.cpp (expressions printed as ksqlDB prints them in errors).
#pragma once

#include <functional>

#include <map>
#include <optional>
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
    // Table function calls (EXPLODE ...) already computed by the query's flat map step, by their
    // SQL text -> the column holding their value; null outside a SELECT list that has them
    // (table_function_analyzer.h).
    const std::map<std::string, size_t>* table_function_columns = nullptr;
    // Custom types (CREATE TYPE) by name, for CAST(x AS MY_TYPE); null when there are none.
    const std::map<std::string, SqlType>* types = nullptr;
    // Aggregations: called for every sub-expression before it is analysed; a non-null result
    // replaces it (GROUP BY expressions and aggregate calls become columns of the aggregate's
    // output). An error result stops the analysis.
    std::function<Result<expression::TypedExprPtr>(const parser::Expr&)> substitute;
    // Joins: resolves a column reference (qualifier may be empty) to a schema index, nullopt
    // for a pseudo column (ROWTIME ...), or an error (unknown or ambiguous). Replaces the
    // qualifier check and the lookup by name.
    std::function<Result<std::optional<size_t>>(const std::string& qualifier, const std::string& name)>
        resolve_column;
};

class ExpressionAnalyzer {
public:
    ExpressionAnalyzer(const Scope& scope, const expression::FunctionRegistry& functions)
        : scope_(scope), functions_(functions) {}

    Result<expression::TypedExprPtr> Analyze(const parser::Expr& expr) const;

    // A boolean predicate (WHERE / HAVING); `clause` names it in errors ("WHERE").
    Result<expression::TypedExprPtr> AnalyzePredicate(const parser::Expr& expr,
                                                      const std::string& clause) const;

    // A select-list expression: as Analyze, but an expression whose type cannot be inferred
    // (a bare NULL) is an error, as in ksqlDB.
    Result<expression::TypedExprPtr> AnalyzeSelectItem(const parser::Expr& expr) const;

    // `type` with every named type (CREATE TYPE) replaced by its definition.
    Result<SqlType> ResolveType(const SqlType& type) const;

private:
    // Lambda parameters in scope while analysing a lambda body, and the next free slot.
    struct LambdaBinding {
        std::string name;
        size_t slot;
        SqlType type;
    };
    struct Ctx {
        std::vector<LambdaBinding> lambda_vars;
        size_t next_slot = 0;
        const char* clause = nullptr;  // "SELECT" / "WHERE" ... for unresolved-column errors
    };

    Result<expression::TypedExprPtr> Visit(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeLiteral(const parser::Expr& e) const;
    Result<expression::TypedExprPtr> AnalyzeColumn(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeUnary(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeBinary(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeLogical(const parser::Expr& e,
                                                     expression::TypedExprPtr l,
                                                     expression::TypedExprPtr r) const;
    Result<expression::TypedExprPtr> AnalyzeCompare(const parser::Expr& e,
                                                     expression::TypedExprPtr l,
                                                     expression::TypedExprPtr r) const;
    Result<expression::TypedExprPtr> AnalyzeArithmetic(const parser::Expr& e,
                                                        expression::TypedExprPtr l,
                                                        expression::TypedExprPtr r) const;
    Result<expression::TypedExprPtr> AnalyzeDistinct(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeInOrBetween(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeLike(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeCase(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeCast(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeCall(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeLambdaCall(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeDereference(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeSubscript(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeArrayCtor(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeMapCtor(const parser::Expr& e, Ctx& ctx) const;
    Result<expression::TypedExprPtr> AnalyzeStructCtor(const parser::Expr& e, Ctx& ctx) const;

    const Scope& scope_;
    const expression::FunctionRegistry& functions_;
};

// Wraps `e` in a cast to `to` unless it already has that type.
expression::TypedExprPtr CastTo(expression::TypedExprPtr e, const SqlType& to);

// The widest of two types for comparison, CASE branches and collection elements, or nullopt
// when they don't mix. NULL mixes with anything; STRUCTs mix into the union of their fields.
std::optional<SqlType> CommonType(const SqlType& a, const SqlType& b);

// `e` converted to `to` for use as a collection element / comparison operand: a STRING literal
// is parsed into a literal of `to` (numbers, booleans, DATE/TIME/TIMESTAMP); anything else is
// cast. Invalid when a literal does not parse ('invalid input syntax for type INTEGER: "x"').
Result<expression::TypedExprPtr> CoerceTo(expression::TypedExprPtr e, const SqlType& to);

// The expression as ksqlDB prints it in error messages: "(ID >= 'x')", "(true + 1.5)",
// "SUM(VALUE)", "ADDRESS->STATE".
std::string ExprToMessage(const parser::Expr& e);

}  // namespace runnel::analyzer
