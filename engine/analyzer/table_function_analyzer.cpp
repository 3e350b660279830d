#include "engine/analyzer/table_function_analyzer.h"

#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

namespace {

using expression::TableFunctionRegistry;
using parser::Expr;
using parser::ExprKind;

bool IsTableFunctionCall(const Expr& e) {
    return e.kind == ExprKind::kFunctionCall && TableFunctionRegistry::Builtins().Has(e.name.name);
}

// Walks one select expression, collecting its table function calls (outermost first) and
// rejecting the places where ksqlDB does not allow them.
class CallFinder {
public:
    CallFinder(bool aggregation, std::vector<const Expr*>& calls)
        : aggregation_(aggregation), calls_(calls) {}

    Status Visit(const Expr& e) {
        if (IsTableFunctionCall(e)) {
            if (outer_call_ != nullptr) {
                return Status::Invalid("Table functions cannot be nested: " +
                                       outer_call_->name.name + "(" + e.name.name + "())");
            }
            if (aggregation_) {
                return Status::Invalid("Table functions cannot be used with aggregations.");
            }
            if (case_expr_ != nullptr) {
                return Status::Invalid("Table functions cannot be used in CASE: " +
                                       ExprToMessage(*case_expr_));
            }
            if (lambda_depth_ > 0) {
                // Runnel's own rule: the call's arguments could read the lambda's parameters,
                // which do not exist where the flat map runs.
                return Status::Invalid("Table functions cannot be used in a lambda: " +
                                       ExprToMessage(e));
            }
            calls_.push_back(&e);
            outer_call_ = &e;
            Status st = VisitChildren(e);
            outer_call_ = nullptr;
            return st;
        }
        if (e.kind == ExprKind::kCase || e.kind == ExprKind::kSimpleCase) {
            const Expr* saved = case_expr_;
            if (case_expr_ == nullptr) case_expr_ = &e;
            Status st = VisitChildren(e);
            case_expr_ = saved;
            return st;
        }
        if (e.kind == ExprKind::kLambda) {
            ++lambda_depth_;
            Status st = VisitChildren(e);
            --lambda_depth_;
            return st;
        }
        return VisitChildren(e);
    }

private:
    Status VisitChildren(const Expr& e) {
        for (const auto& a : e.args) {
            if (a) RETURN_IF_ERROR(Visit(*a));
        }
        if (e.else_expr) RETURN_IF_ERROR(Visit(*e.else_expr));
        return Status::Ok();
    }

    const bool aggregation_;
    std::vector<const Expr*>& calls_;
    const Expr* outer_call_ = nullptr;
    const Expr* case_expr_ = nullptr;
    int lambda_depth_ = 0;
};

// The table function calls of the SELECT list, outermost first.
Status FindCalls(const parser::Query& query, bool aggregation, std::vector<const Expr*>& found) {
    for (const auto& sel : query.select) {
        if (sel.kind != parser::SelectItem::Kind::kExpr || !sel.expr) continue;
        CallFinder finder(aggregation, found);
        RETURN_IF_ERROR(finder.Visit(*sel.expr));
    }
    return Status::Ok();
}

}  // namespace

Status CheckNoTableFunctionsInAggregation(const parser::Query& query) {
    std::vector<const Expr*> found;
    return FindCalls(query, true, found);
}

Result<std::optional<TableFunctionAnalysis>> AnalyzeTableFunctions(const parser::Query& query,
                                                                   const Scope& input,
                                                                   bool source_is_table) {
    std::vector<const Expr*> found;
    RETURN_IF_ERROR(FindCalls(query, !query.group_by.empty() || query.having != nullptr, found));
    if (found.empty()) return std::optional<TableFunctionAnalysis>();
    if (source_is_table) {
        return Status::Invalid("Table source is not supported with table functions");
    }

    TableFunctionAnalysis out;
    std::vector<Column> cols = input.schema->columns();
    ExpressionAnalyzer analyzer(input, expression::FunctionRegistry::Builtins());
    for (const Expr* call : found) {
        std::string sql = parser::ExprToSql(*call);
        if (out.columns.count(sql)) continue;
        std::vector<expression::TypedExprPtr> args;
        std::vector<SqlType> types;
        for (const auto& a : call->args) {
            ASSIGN_OR_RETURN(auto typed, analyzer.Analyze(*a));
            types.push_back(typed->type);
            args.push_back(std::move(typed));
        }
        std::vector<SqlType> params;
        SqlType type;
        ASSIGN_OR_RETURN(const auto* fn, TableFunctionRegistry::Builtins().Resolve(
                                             call->name.name, types, &params, &type));
        expression::TableFunctionCall c;
        c.function = fn;
        for (size_t i = 0; i < args.size(); ++i) {
            c.args.push_back(i < params.size() ? CastTo(std::move(args[i]), params[i])
                                               : std::move(args[i]));
        }
        c.type = type;
        c.sql = sql;
        out.columns[sql] = cols.size();
        cols.push_back(Column{"KSQL_SYNTH_" + std::to_string(out.calls.size()), type,
                              ColumnNamespace::kValue, ""});
        out.calls.push_back(std::move(c));
    }
    out.schema = LogicalSchema(std::move(cols));
    return std::optional<TableFunctionAnalysis>(std::move(out));
}

void UseTableFunctionColumns(const TableFunctionAnalysis& analysis, Scope& projection) {
    projection.schema = &analysis.schema;
    projection.table_function_columns = &analysis.columns;
}

Result<expression::TypedExprPtr> TableFunctionReference(const parser::Expr& call,
                                                        const Scope& scope) {
    std::string sql = parser::ExprToSql(call);
    if (scope.table_function_columns != nullptr) {
        auto it = scope.table_function_columns->find(sql);
        if (it != scope.table_function_columns->end()) {
            expression::TypedExpr t;
            t.kind = expression::TypedKind::kColumn;
            t.column = it->second;
            t.type = scope.schema->column(it->second).type;
            t.sql = sql;
            return MakeTyped(std::move(t));
        }
    }
    return Status::Invalid("Table functions are only allowed in the SELECT list: " +
                           ExprToMessage(call));
}

}  // namespace runnel::analyzer
