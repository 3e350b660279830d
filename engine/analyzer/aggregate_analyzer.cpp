#include "engine/analyzer/aggregate_analyzer.h"

#include <map>
#include <set>

#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

namespace {

using expression::TypedExprPtr;
using parser::Expr;
using parser::ExprKind;

const expression::AggregateRegistry& Aggregates() { return expression::AggregateRegistry::Builtins(); }

bool IsAggregateCall(const Expr& e) {
    return e.kind == ExprKind::kFunctionCall && Aggregates().Has(e.name.name);
}

// A copy of `e` without column qualifiers, so `T.ID` and `ID` compare equal.
parser::ExprPtr Unqualified(const Expr& e) {
    auto c = std::make_shared<Expr>(e);
    c->qualifier = parser::Identifier{};
    for (auto& arg : c->args) arg = Unqualified(*arg);
    if (c->else_expr) c->else_expr = Unqualified(*c->else_expr);
    return c;
}

std::string Canon(const Expr& e) { return parser::ExprToSql(*Unqualified(e)); }

template <typename F>
void Walk(const Expr& e, F&& f) {
    if (!f(e)) return;
    for (const auto& arg : e.args) Walk(*arg, f);
    if (e.else_expr) Walk(*e.else_expr, f);
}

// Collects aggregate calls (outermost only); fails on nested ones.
Status CollectCalls(const Expr& root, std::vector<const Expr*>& out) {
    Status st = Status::Ok();
    Walk(root, [&](const Expr& e) {
        if (!st.ok()) return false;
        if (!IsAggregateCall(e)) return true;
        for (const auto& arg : e.args) {
            Walk(*arg, [&](const Expr& inner) {
                if (st.ok() && IsAggregateCall(inner)) {
                    st = Status::Invalid("Aggregate functions can not be nested: " + ExprToMessage(e));
                }
                return st.ok();
            });
        }
        out.push_back(&e);
        return false;
    });
    return st;
}


std::optional<std::string> ImplicitName(const Expr& e) {
    if (e.kind == ExprKind::kColumnRef || e.kind == ExprKind::kDereference) return e.name.name;
    return std::nullopt;
}


bool IsWindowBound(const std::string& name) { return name == kWindowStart || name == kWindowEnd; }

}  // namespace

bool IsAggregationQuery(const parser::Query& query) {
    if (!query.group_by.empty() || query.window || query.having) return true;
    bool found = false;
    for (const auto& sel : query.select) {
        if (sel.kind != parser::SelectItem::Kind::kExpr) continue;
        Walk(*sel.expr, [&](const Expr& e) {
            if (IsAggregateCall(e)) found = true;
            return !found;
        });
    }
    return found;
}

Status AnalyzeAggregation(const parser::Query& query, const QueryContext& context,
                          const Scope& source_scope, QueryAnalysis& a) {
    const LogicalSchema& source = *source_scope.schema;
    ExpressionAnalyzer source_analyzer(source_scope, expression::FunctionRegistry::Builtins());
    if (!query.partition_by.empty()) {
        return Status::NotImplemented("PARTITION BY with GROUP BY is not supported yet");
    }
    // SELECT * stands for every source column, each of which must then be grouped.
    std::vector<parser::SelectItem> select;
    for (const auto& sel : query.select) {
        if (sel.kind != parser::SelectItem::Kind::kAllColumns) {
            select.push_back(sel);
            continue;
        }
        for (const auto& c : source.columns()) {
            if (c.ns != ColumnNamespace::kKey && c.ns != ColumnNamespace::kValue) continue;
            auto ref = std::make_shared<Expr>();
            ref->kind = ExprKind::kColumnRef;
            ref->name.name = c.name;
            ref->loc = sel.loc;
            parser::SelectItem item;
            item.expr = std::move(ref);
            item.loc = sel.loc;
            select.push_back(std::move(item));
        }
    }

    // 1. The aggregate calls of SELECT and HAVING, deduplicated by their text.
    std::vector<const Expr*> call_exprs;
    for (const auto& sel : select) RETURN_IF_ERROR(CollectCalls(*sel.expr, call_exprs));
    if (query.having) RETURN_IF_ERROR(CollectCalls(*query.having, call_exprs));
    for (const auto& g : query.group_by) {
        Status st = Status::Ok();
        Walk(*g, [&](const Expr& e) {
            if (st.ok() && IsAggregateCall(e)) {
                st = Status::Invalid("GROUP BY does not support aggregate functions: " + e.name.name +
                                     " is an aggregate function.");
            }
            return st.ok();
        });
        RETURN_IF_ERROR(st);
    }
    if (query.group_by.empty()) {
        if (!call_exprs.empty()) {
            std::string what = context.persistent ? "CREATE TABLE AS SELECT statement" : "A push query";
            return Status::Invalid(what + " does not support aggregate function [" +
                                   ExprToMessage(*call_exprs.front()) + "] without a GROUP BY clause.");
        }
        if (query.window) return Status::Invalid("WINDOW clause requires a GROUP BY clause.");
        return Status::Invalid("HAVING requires a GROUP BY clause.");
    }
    if (call_exprs.empty()) {
        return Status::Invalid("GROUP BY requires aggregate functions in either the SELECT or HAVING clause.");
    }
    if (query.emit == parser::EmitKind::kFinal && !query.window) {
        return Status::Invalid("EMIT FINAL is only supported for windowed aggregations.");
    }

    if (a.source->value_format.name == "KAFKA") {
        // The rows of a re-keyed aggregation travel with the source's value format, which KAFKA
        // cannot do for several columns (ksqlDB's rule, kept for compatibility of errors).
        return Status::Invalid("Source(s) " + a.source->name +
                               " are using the 'KAFKA' value format. This format does not yet support GROUP BY.");
    }
    AggregationAnalysis agg;
    agg.window = query.window;
    agg.emit_final = query.emit == parser::EmitKind::kFinal;

    // 2. Grouping expressions over the source.
    std::map<std::string, size_t> key_index;  // canonical text -> grouping key
    std::vector<Column> group_cols;
    for (const auto& g : query.group_by) {
        std::string canon = Canon(*g);
        if (key_index.count(canon)) {
            return Status::Invalid("Duplicate GROUP BY expression: " + ExprToMessage(*g));
        }
        ASSIGN_OR_RETURN(auto typed, source_analyzer.Analyze(*g));
        if (typed->type.kind() == TypeKind::kNull) {
            return Status::Invalid("GROUP BY expression has no type: " + ExprToMessage(*g));
        }
        key_index[canon] = group_cols.size();
        group_cols.push_back(Column{"", typed->type, ColumnNamespace::kKey, ""});
        agg.group_exprs.push_back(std::move(typed));
    }

    // 3. Names of the select items (alias, implicit, or KSQL_COL_n), which also name the keys.
    std::vector<std::string> item_names;
    int synthetic = 0;
    for (const auto& sel : select) {
        if (sel.alias) {
            if (sel.alias->name == kRowTime || IsWindowBound(sel.alias->name)) {
                return Status::Invalid("`" + sel.alias->name + "` is a reserved column name. You "
                                       "cannot use it as an alias for a column.");
            }
            item_names.push_back(sel.alias->name);
        } else if (auto n = ImplicitName(*sel.expr)) {
            item_names.push_back(*n);
        } else {
            std::string name;
            do {
                name = "KSQL_COL_" + std::to_string(synthetic++);
            } while (source.Find(name));
            item_names.push_back(name);
        }
    }
    for (size_t k = 0; k < group_cols.size(); ++k) {
        const std::string canon = Canon(*query.group_by[k]);
        for (size_t i = 0; i < select.size() && group_cols[k].name.empty(); ++i) {
            if (Canon(*select[i].expr) == canon) group_cols[k].name = item_names[i];
        }
        if (group_cols[k].name.empty()) {
            auto n = ImplicitName(*query.group_by[k]);
            group_cols[k].name = n ? *n : "KSQL_COL_" + std::to_string(synthetic++);
        }
    }

    // 4. The calls: bind each, and add their column arguments to the group schema.
    std::map<std::string, size_t> call_index;  // canonical text -> call
    std::vector<Column> arg_cols;
    for (const Expr* ce : call_exprs) {
        std::string canon = Canon(*ce);
        if (call_index.count(canon)) continue;
        AggregateCallAnalysis call;
        call.function = ce->name.name;
        call.sql = ExprToMessage(*ce);
        call.call.config = context.config;
        std::vector<TypedExprPtr> typed_args;
        for (const auto& arg : ce->args) {
            call.call.arg_sql.push_back(ExprToMessage(*arg));
            ASSIGN_OR_RETURN(auto t, source_analyzer.Analyze(*arg));
            call.call.arg_types.push_back(t->type);
            bool constant = t->kind == expression::TypedKind::kLiteral;
            call.call.is_constant.push_back(constant);
            call.call.constant_values.push_back(constant ? t->literal : Value());
            typed_args.push_back(std::move(t));
        }
        ASSIGN_OR_RETURN(call.bound, Aggregates().Bind(call.function, call.call));
        const auto& params = call.bound.column_param_types;
        if (params.size() > typed_args.size()) {
            return Status::Internal("aggregate " + call.function + " bound more columns than arguments");
        }
        for (size_t i = 0; i < params.size(); ++i) {
            call.arg_columns.push_back(group_cols.size() + arg_cols.size());
            arg_cols.push_back(Column{"KSQL_AGG_ARG_" + std::to_string(arg_cols.size()), params[i],
                                      ColumnNamespace::kValue, ""});
            agg.group_exprs.push_back(CastTo(typed_args[i], params[i]));
        }
        call_index[canon] = agg.calls.size();
        agg.calls.push_back(std::move(call));
    }
    if (a.is_table) {
        std::vector<std::string> bad;
        for (const auto& c : agg.calls) {
            if (!c.bound.aggregator->can_undo() &&
                std::find(bad.begin(), bad.end(), c.function) == bad.end()) {
                bad.push_back(c.function);
            }
        }
        if (!bad.empty()) {
            return Status::Invalid("The aggregation function" + std::string(bad.size() > 1 ? "s " : " ") +
                                   JoinList(bad, " and ") +
                                   " cannot be applied to a table source, only to a stream source.");
        }
    }
    {
        std::vector<Column> cols = group_cols;
        cols.insert(cols.end(), arg_cols.begin(), arg_cols.end());
        agg.group_schema = LogicalSchema(std::move(cols));
    }
    // Streams grouped by exactly their key need no repartition; tables always materialise the
    // previous row of each key to retract it, and re-key when the grouping differs.
    bool same_key = agg.group_exprs.size() >= group_cols.size() && group_cols.size() == source.key_count();
    for (size_t k = 0; same_key && k < group_cols.size(); ++k) {
        const auto& g = *agg.group_exprs[k];
        same_key = g.kind == expression::TypedKind::kColumn && g.column == k;
    }
    agg.repartition = !same_key;
    {
        std::vector<Column> cols = group_cols;
        for (size_t i = 0; i < agg.calls.size(); ++i) {
            cols.push_back(Column{"KSQL_AGG_VARIABLE_" + std::to_string(i), agg.calls[i].bound.return_type,
                                  ColumnNamespace::kValue, ""});
        }
        agg.aggregate_schema = LogicalSchema(std::move(cols));
    }

    // 5. Projection and HAVING over the aggregate's output.
    Scope out_scope = source_scope;
    out_scope.schema = &agg.aggregate_schema;
    out_scope.resolve_column = nullptr;  // names resolve against the aggregate's output
    out_scope.windowed = query.window.has_value();
    bool ungrouped = false;
    const bool windowed = query.window.has_value();
    out_scope.substitute = [&](const Expr& e) -> Result<TypedExprPtr> {
        if (e.kind == ExprKind::kColumnRef && IsWindowBound(e.name.name)) {
            if (!windowed) {
                return Status::Invalid("Window bounds column " + e.name.name +
                                       " can only be used in the SELECT clause of windowed aggregations");
            }
            return TypedExprPtr();
        }
        std::string canon = Canon(e);
        auto k = key_index.find(canon);
        if (k != key_index.end()) return ColumnRef(k->second, agg.aggregate_schema.column(k->second));
        if (IsAggregateCall(e)) {
            auto c = call_index.find(canon);
            if (c == call_index.end()) return Status::Internal("unindexed aggregate " + canon);
            size_t col = group_cols.size() + c->second;
            return ColumnRef(col, agg.aggregate_schema.column(col));
        }
        if (e.kind == ExprKind::kColumnRef) {
            ungrouped = true;
            return Status::Invalid("ungrouped column " + e.name.name);
        }
        return TypedExprPtr();
    };
    ExpressionAnalyzer out_analyzer(out_scope, expression::FunctionRegistry::Builtins());
    std::vector<std::string> not_grouped;
    std::vector<TypedExprPtr> item_exprs;
    for (const auto& sel : select) {
        ungrouped = false;
        auto t = out_analyzer.AnalyzeSelectItem(*sel.expr);
        if (!t.ok()) {
            if (!ungrouped) return t.status();
            not_grouped.push_back(ExprToMessage(*sel.expr));
            item_exprs.push_back(nullptr);
            continue;
        }
        item_exprs.push_back(std::move(t).value());
    }
    if (!not_grouped.empty()) {
        return Status::Invalid("Non-aggregate SELECT expression(s) not part of GROUP BY: " +
                               JoinList(not_grouped, ", ") +
                               "\nEither add the column(s) to the GROUP BY or remove them from the SELECT.");
    }
    if (query.having) {
        ungrouped = false;
        auto h = out_analyzer.AnalyzePredicate(*query.having, "HAVING");
        if (!h.ok()) {
            if (ungrouped) {
                std::vector<std::string> cols;
                Walk(*query.having, [&](const Expr& e) {
                    if (IsAggregateCall(e)) return false;
                    if (key_index.count(Canon(e))) return false;
                    if (e.kind == ExprKind::kColumnRef && !IsWindowBound(e.name.name)) {
                        cols.push_back(e.name.name);
                    }
                    return true;
                });
                return Status::Invalid("Non-aggregate HAVING expression not part of GROUP BY: " +
                                       JoinList(cols, ", "));
            }
            return h.status();
        }
        agg.having = std::move(h).value();
    }

    // 6. Output schema: the grouping keys (GROUP BY order), then the other items.
    std::vector<ProjectionItem> keys(group_cols.size()), values;
    std::vector<Column> key_cols(group_cols.size()), value_cols;
    std::vector<std::vector<std::string>> key_names(group_cols.size());
    for (size_t i = 0; i < select.size(); ++i) {
        const auto& t = item_exprs[i];
        SqlType type = t->type.kind() == TypeKind::kNull ? SqlType::String() : t->type;
        bool is_key = context.persistent && t->kind == expression::TypedKind::kColumn &&
                      t->column < group_cols.size() &&
                      key_index.count(Canon(*select[i].expr));
        if (is_key) {
            size_t k = t->column;
            key_names[k].push_back(item_names[i]);
            if (key_names[k].size() > 1) {
                return Status::Invalid("The projection contains a key column more than once: `" +
                                       key_names[k][0] + "` and `" + item_names[i] + "`.");
            }
            keys[k] = {item_names[i], t, true};
            key_cols[k] = Column{item_names[i], type, ColumnNamespace::kKey, ""};
            continue;
        }
        values.push_back({item_names[i], t, false});
        value_cols.push_back(Column{item_names[i], type, ColumnNamespace::kValue, ""});
    }
    if (context.persistent) {
        std::vector<std::string> missing;
        for (size_t k = 0; k < group_cols.size(); ++k) {
            if (key_names[k].empty()) missing.push_back(ExprToMessage(*query.group_by[k]));
        }
        if (!missing.empty()) {
            bool many = missing.size() > 1;
            return Status::Invalid("The query used to build `" + context.sink_name +
                                   "` must include the grouping expression" + (many ? "s " : " ") +
                                   JoinList(missing, " and ") + " in its projection (eg, SELECT " +
                                   JoinList(missing, ", ") + "...).");
        }
        if (value_cols.empty()) return Status::Invalid("The projection contains no value columns.");
        std::set<std::string> seen;
        for (const auto& c : key_cols) seen.insert(c.name);
        for (const auto& c : value_cols) {
            if (!seen.insert(c.name).second) {
                return Status::Invalid("Duplicate value columns found in schema: `" + c.name + "` " +
                                       c.type.ToString());
            }
        }
    } else {
        keys.clear();
        key_cols.clear();
    }
    a.projection.clear();
    for (auto& k : keys) a.projection.push_back(std::move(k));
    for (auto& v : values) a.projection.push_back(std::move(v));
    std::vector<Column> cols = key_cols;
    cols.insert(cols.end(), value_cols.begin(), value_cols.end());
    a.output_schema = LogicalSchema(std::move(cols));
    a.is_table = true;
    a.aggregation = std::move(agg);
    return Status::Ok();
}

}  // namespace runnel::analyzer
