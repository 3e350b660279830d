#include "engine/analyzer/query_analyzer.h"

#include <algorithm>
#include <set>

#include "engine/analyzer/aggregate_analyzer.h"
#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/analyzer/join_analyzer.h"
#include "engine/analyzer/source_binder.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

namespace {

bool IsReservedName(const std::string& n) {
    return n == kRowTime || n == kRowPartition || n == kRowOffset || n == kWindowStart ||
           n == kWindowEnd;
}


// The name ksqlDB gives an unaliased select expression.
std::optional<std::string> ImplicitName(const parser::Expr& e) {
    if (e.kind == parser::ExprKind::kColumnRef) return e.name.name;
    if (e.kind == parser::ExprKind::kDereference) return e.name.name;
    return std::nullopt;
}

}  // namespace

Result<QueryAnalysis> AnalyzeQuery(const parser::Query& query, const catalog::Catalog& catalog,
                                   const QueryContext& context) {

    QueryAnalysis a;
    if (!query.joins.empty()) {
        if (IsAggregationQuery(query)) RETURN_IF_ERROR(CheckNoTableFunctionsInAggregation(query));
        if (!query.partition_by.empty() && IsAggregationQuery(query)) {
            return Status::NotImplemented("PARTITION BY with GROUP BY is not supported yet");
        }
        a.limit = query.limit;
        a.emit = query.emit;
        RETURN_IF_ERROR(AnalyzeJoins(query, catalog, context, a));
        return a;
    }
    a.source = catalog.Find(query.from.source.name);
    if (!a.source) {
        return Status::Invalid(query.from.source.name + " does not exist.");
    }
    a.is_table = a.source->kind == catalog::SourceKind::kTable;
    a.limit = query.limit;
    a.emit = query.emit;

    if (a.source->is_windowed && a.source->kind == catalog::SourceKind::kTable && context.persistent) {
        return Status::Invalid("KSQL does not support persistent queries on windowed tables.");
    }
    Scope scope;
    scope.windowed = a.source->is_windowed;
    scope.schema = &a.source->schema;
    scope.qualifiers.push_back(a.source->name);
    if (query.from.alias) scope.qualifiers.push_back(query.from.alias->name);
    scope.types = &catalog.types();
    ExpressionAnalyzer analyzer(scope, expression::FunctionRegistry::Builtins());

    if (query.where) {
        auto w = analyzer.AnalyzePredicate(*query.where, "WHERE");
        if (!w.ok()) {
            return Status(w.status().code(), "Error in WHERE expression: " + w.status().message());
        }
        a.where = std::move(w).value();
    }
    if (IsAggregationQuery(query)) {
        RETURN_IF_ERROR(CheckNoTableFunctionsInAggregation(query));
        RETURN_IF_ERROR(AnalyzeAggregation(query, context, scope, a));
        return a;
    }

    // PARTITION BY re-keys the stream before the projection: its expressions become the key
    // columns, and the old key columns become value columns.
    int synthetic = 0;
    std::map<std::string, size_t> partition_keys;  // partition expression SQL -> key column
    if (!query.partition_by.empty()) {
        if (a.is_table) return Status::NotImplemented("PARTITION BY on a table is not supported yet");
        const auto& src = a.source->schema;
        std::vector<Column> cols;
        std::vector<bool> moved(src.size(), false);
        for (const auto& pe : query.partition_by) {
            ASSIGN_OR_RETURN(auto typed, analyzer.Analyze(*pe));
            if (typed->kind == expression::TypedKind::kLiteral && typed->literal.is_null()) {
                if (query.partition_by.size() > 1) {
                    return Status::Invalid("Cannot PARTITION BY multiple columns including NULL");
                }
                continue;
            }
            std::string name;
            if (auto n = ImplicitName(*pe)) {
                name = *n;
            } else {
                name = "KSQL_COL_" + std::to_string(synthetic++);
            }
            if (typed->kind == expression::TypedKind::kColumn) moved[typed->column] = true;
            partition_keys[parser::ExprToSql(*pe)] = cols.size();
            cols.push_back(Column{name, typed->type, ColumnNamespace::kKey, ""});
            a.partition_by.push_back(std::move(typed));
        }
        auto keep = [&](size_t i) {
            auto t = std::make_shared<expression::TypedExpr>();
            t->kind = expression::TypedKind::kColumn;
            t->column = i;
            t->type = src.column(i).type;
            t->sql = src.column(i).name;
            cols.push_back(Column{src.column(i).name, src.column(i).type, ColumnNamespace::kValue, ""});
            a.partition_by.push_back(std::move(t));
        };
        for (size_t i = src.key_count(); i < src.size(); ++i) {
            if (!moved[i]) keep(i);
        }
        for (size_t i = 0; i < src.key_count(); ++i) {
            if (!moved[i]) keep(i);
        }
        std::set<std::string> seen;
        for (const auto& c : cols) {
            if (!seen.insert(c.name).second) {
                return Status::Invalid("Duplicate column name after PARTITION BY: " + c.name);
            }
        }
        a.rekeyed_schema = LogicalSchema(std::move(cols));
    }
    const LogicalSchema& schema = a.partition_by.empty() ? a.source->schema : a.rekeyed_schema;
    Scope projection_scope = scope;
    projection_scope.schema = &schema;
    ASSIGN_OR_RETURN(a.flat_map, AnalyzeTableFunctions(query, projection_scope, a.is_table));
    if (a.flat_map) UseTableFunctionColumns(*a.flat_map, projection_scope);
    ExpressionAnalyzer projection_analyzer(projection_scope, expression::FunctionRegistry::Builtins());

    // Expand the select list.
    struct Item {
        std::string name;
        expression::TypedExprPtr expr;
        bool explicit_alias = false;
    };
    std::vector<Item> items;
    for (const auto& sel : query.select) {
        if (sel.kind == parser::SelectItem::Kind::kAllColumns) {
            if (!sel.qualifier.name.empty() && sel.qualifier.name != a.source->name &&
                !(query.from.alias && sel.qualifier.name == query.from.alias->name)) {
                return Status::Invalid("'" + sel.qualifier.name + "' is not a valid stream/table name or alias.");
            }
            for (size_t i = 0; i < schema.size(); ++i) {
                auto t = std::make_shared<expression::TypedExpr>();
                t->kind = expression::TypedKind::kColumn;
                t->column = i;
                t->type = schema.column(i).type;
                t->sql = schema.column(i).name;
                items.push_back({schema.column(i).name, std::move(t), false});
            }
            continue;
        }
        if (sel.expr->kind == parser::ExprKind::kDereferenceAll) {
            // s->* : one column per struct field, named by the field.
            ASSIGN_OR_RETURN(auto base, projection_analyzer.Analyze(*sel.expr->args[0]));
            if (base->type.kind() != TypeKind::kStruct) {
                return Status::Invalid("Expected STRUCT type for " + ExprToMessage(*sel.expr) +
                                       ", but got " + base->type.ToString() + ".");
            }
            const auto& fields = base->type.fields();
            for (size_t f = 0; f < fields.size(); ++f) {
                auto t = std::make_shared<expression::TypedExpr>();
                t->kind = expression::TypedKind::kDereference;
                t->column = f;
                t->type = fields[f].type;
                t->args = {base};
                t->sql = base->sql + "->" + fields[f].name;
                items.push_back({fields[f].name, std::move(t), false});
            }
            continue;
        }
        Item it;
        auto pk = partition_keys.find(parser::ExprToSql(*sel.expr));
        const bool pk_item = pk != partition_keys.end();
        if (pk != partition_keys.end()) {
            // The partitioning expression itself: a reference to the new key column.
            auto t = std::make_shared<expression::TypedExpr>();
            t->kind = expression::TypedKind::kColumn;
            t->column = pk->second;
            t->type = schema.column(pk->second).type;
            t->sql = schema.column(pk->second).name;
            it.expr = std::move(t);
            if (!sel.alias && !ImplicitName(*sel.expr)) it.name = schema.column(pk->second).name;
        } else {
            ASSIGN_OR_RETURN(auto typed, projection_analyzer.AnalyzeSelectItem(*sel.expr));
            it.expr = std::move(typed);
        }
        if (sel.alias) {
            it.name = sel.alias->name;
            it.explicit_alias = true;
            if (IsReservedName(it.name)) {
                return Status::Invalid("`" + it.name + "` is a reserved column name. You cannot use "
                                       "it as an alias for a column.");
            }
        } else if (auto n = ImplicitName(*sel.expr)) {
            it.name = *n;
            if (sel.expr->kind == parser::ExprKind::kDereference) {
                // A field name that clashes with a source column or an earlier item gets a
                // suffix, as in ksqlDB: B, A->B, C->B -> B, B_1, B_2.
                auto taken = [&](const std::string& c) {
                    if (a.source->schema.Find(c) && !pk_item) return true;
                    for (const auto& other : items) {
                        if (other.name == c) return true;
                    }
                    return false;
                };
                for (int suffix = 1; taken(it.name); ++suffix) {
                    it.name = *n + "_" + std::to_string(suffix);
                }
            }
            if (context.persistent && IsReservedName(it.name)) {
                return Status::Invalid("Reserved column name in select: `" + it.name +
                                       "`. Please remove or alias the column.");
            }
        } else if (it.name.empty()) {
            // Generated names skip those of source columns, as in ksqlDB.
            do {
                it.name = "KSQL_COL_" + std::to_string(synthetic++);
            } while (a.source->schema.Find(it.name));
        }
        items.push_back(std::move(it));
    }

    // Key rules: a source key column selected as a bare column reference stays a key column.
    std::vector<Column> key_cols, value_cols;
    std::vector<ProjectionItem> keys, values;
    std::map<size_t, std::vector<std::string>> key_aliases;
    for (auto& it : items) {
        bool is_key = it.expr->kind == expression::TypedKind::kColumn &&
                      it.expr->column < schema.size() &&  // not a table function's column
                      schema.column(it.expr->column).ns == ColumnNamespace::kKey;
        if (is_key) key_aliases[it.expr->column].push_back(it.name);
        if (is_key && key_aliases[it.expr->column].size() > 1 && context.persistent) {
            const auto& names = key_aliases[it.expr->column];
            return Status::Invalid("The projection contains a key column (`" +
                                   schema.column(it.expr->column).name +
                                   "`) more than once, aliased as: " + JoinList(names, " and ") + ".");
        }
        Column c{it.name, it.expr->type, is_key ? ColumnNamespace::kKey : ColumnNamespace::kValue, ""};
        if (c.type.kind() == TypeKind::kNull) c.type = SqlType::String();
        (is_key ? key_cols : value_cols).push_back(c);
        (is_key ? keys : values).push_back({it.name, it.expr, is_key});
    }
    if (context.persistent) {
        std::vector<std::string> missing;
        for (size_t i = 0; i < schema.key_count(); ++i) {
            if (!key_aliases.count(i)) missing.push_back(schema.column(i).name);
        }
        if (!missing.empty()) {
            bool many = missing.size() > 1;
            return Status::Invalid("The query used to build `" + context.sink_name +
                                   "` must include the key column" + (many ? "s " : " ") +
                                   JoinList(missing, " and ") + " in its projection (eg, SELECT " +
                                   JoinList(missing, ", ") + "...).");
        }
        if (value_cols.empty()) return Status::Invalid("The projection contains no value columns.");
    }
    std::set<std::string> names;
    for (const auto* group : {&key_cols, &value_cols}) {
        for (const auto& c : *group) {
            if (!names.insert(c.name).second) {
                return Status::Invalid("Duplicate column names: " + c.name);
            }
        }
    }
    if (!context.persistent) {
        // A push query's rows keep the select order; every column is a plain result column.
        std::vector<Column> cols;
        for (auto& it : items) {
            SqlType t = it.expr->type.kind() == TypeKind::kNull ? SqlType::String() : it.expr->type;
            cols.push_back(Column{it.name, t, ColumnNamespace::kValue, ""});
            a.projection.push_back({it.name, it.expr, false});
        }
        a.output_schema = LogicalSchema(std::move(cols));
        return a;
    }
    if (!a.partition_by.empty()) {
        // Key columns in PARTITION BY order, as ksqlDB orders them.
        std::vector<size_t> order(keys.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t x, size_t y) { return keys[x].expr->column < keys[y].expr->column; });
        std::vector<ProjectionItem> sorted_keys;
        std::vector<Column> sorted_cols;
        for (size_t i : order) {
            sorted_keys.push_back(keys[i]);
            sorted_cols.push_back(key_cols[i]);
        }
        keys = std::move(sorted_keys);
        key_cols = std::move(sorted_cols);
    }
    for (auto& k : keys) a.projection.push_back(std::move(k));
    for (auto& v : values) a.projection.push_back(std::move(v));
    std::vector<Column> cols = key_cols;
    cols.insert(cols.end(), value_cols.begin(), value_cols.end());
    a.output_schema = LogicalSchema(std::move(cols));
    return a;
}

}  // namespace runnel::analyzer
