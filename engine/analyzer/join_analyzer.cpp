#include "engine/analyzer/join_analyzer.h"

#include <algorithm>
#include <set>

#include "engine/analyzer/aggregate_analyzer.h"
#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

namespace {

using expression::TypedExprPtr;
using parser::Expr;
using parser::ExprKind;

constexpr const char* kRowKey = "ROWKEY";

struct JoinSource {
    catalog::DataSourcePtr source;
    std::string prefix;                   // alias, else the source name
    std::vector<std::string> qualifiers;  // alias and name
    size_t offset = 0;                    // first column in the combined layout
};

// Where a source's columns sit in some row layout.
struct Placed {
    const JoinSource* source;
    size_t first;  // index of its first column in the layout
};

// A row layout and how names resolve in it.
struct Layout {
    LogicalSchema schema;
    bool has_rowkey = false;  // index 0 is ROWKEY
    std::vector<Placed> placed;

    Result<std::optional<size_t>> Resolve(const std::string& qualifier, const std::string& name) const {
        if (qualifier.empty() && name == kRowKey && has_rowkey) return std::optional<size_t>(0);
        if (!qualifier.empty()) {
            for (const auto& p : placed) {
                const auto& q = p.source->qualifiers;
                if (std::find(q.begin(), q.end(), qualifier) == q.end()) continue;
                if (auto c = p.source->source->schema.Find(name)) return std::optional<size_t>(p.first + *c);
                return std::optional<size_t>();
            }
            return Status::Invalid("'" + qualifier + "' is not a valid stream/table name or alias.");
        }
        std::vector<std::pair<const Placed*, size_t>> hits;
        for (const auto& p : placed) {
            if (auto c = p.source->source->schema.Find(name)) hits.push_back({&p, *c});
        }
        if (hits.empty()) return std::optional<size_t>();
        if (hits.size() > 1) {
            std::string could;
            for (size_t i = 0; i < hits.size(); ++i) {
                if (i) could += " or ";
                could += hits[i].first->source->prefix + "." + name;
            }
            return Status::Invalid("Column '" + name + "' is ambiguous. Could be " + could + ".");
        }
        return std::optional<size_t>(hits[0].first->first + hits[0].second);
    }
};

Scope MakeScope(const Layout& layout, const Scope& base) {
    Scope s = base;
    s.schema = &layout.schema;
    s.qualifiers.clear();
    s.resolve_column = [&layout](const std::string& q, const std::string& n) { return layout.Resolve(q, n); };
    return s;
}

std::vector<Column> SourceColumns(const JoinSource& s) {
    std::vector<Column> cols;
    for (const auto& c : s.source->schema.columns()) {
        cols.push_back(Column{s.prefix + "_" + c.name, c.type, ColumnNamespace::kValue, ""});
    }
    return cols;
}


// The sources (by index) an expression's column references name.
void ReferencedSources(const Expr& e, const std::vector<JoinSource>& sources, size_t upto, std::set<size_t>& out) {
    if (e.kind == ExprKind::kColumnRef) {
        for (size_t i = 0; i < upto; ++i) {
            const auto& q = sources[i].qualifiers;
            if (!e.qualifier.name.empty()) {
                if (std::find(q.begin(), q.end(), e.qualifier.name) != q.end()) out.insert(i);
            } else if (sources[i].source->schema.Find(e.name.name)) {
                out.insert(i);
            }
        }
    }
    for (const auto& a : e.args) ReferencedSources(*a, sources, upto, out);
    if (e.else_expr) ReferencedSources(*e.else_expr, sources, upto, out);
}

const char* JoinTypeName(parser::JoinType t) {
    switch (t) {
        case parser::JoinType::kInner: return "INNER";
        case parser::JoinType::kLeft: return "LEFT";
        case parser::JoinType::kRight: return "RIGHT";
        case parser::JoinType::kFull: return "FULL";
    }
    return "";
}

// A column reference is named by its column, or <source>_<column> when several sources
// have a column of that name (ksqlDB's rule).
std::optional<std::string> ImplicitName(const Expr& e, const std::vector<JoinSource>& sources, const LogicalSchema& joined,
                                        const TypedExprPtr& typed) {
    if (e.kind == ExprKind::kColumnRef) {
        if (!e.qualifier.name.empty() && typed->kind == expression::TypedKind::kPseudo) {
            return e.qualifier.name + "_" + e.name.name;  // S.ROWTIME -> S_ROWTIME
        }
        int owners = 0;
        for (const auto& s : sources) owners += s.source->schema.Find(e.name.name) ? 1 : 0;
        if (owners <= 1) return e.name.name;
        if (typed->kind == expression::TypedKind::kColumn) return joined.column(typed->column).name;
        return e.name.name;
    }
    if (e.kind == ExprKind::kDereference) return e.name.name;
    return std::nullopt;
}

struct Item {
    std::string name;
    TypedExprPtr expr;
};

// A copy of `e` whose column references point into another layout (map[old] = new).
TypedExprPtr RemapColumns(const TypedExprPtr& e, const std::vector<size_t>& map) {
    auto c = std::make_shared<expression::TypedExpr>(*e);
    if (c->kind == expression::TypedKind::kColumn && c->column < map.size()) c->column = map[c->column];
    for (auto& a : c->args) a = RemapColumns(a, map);
    return c;
}

// A foreign-key join's result is keyed by the left table's primary key: the projection must
// hold each of its columns exactly once; they become the key columns, in the table's order.
Status ForeignKeyProjection(const std::vector<Item>& items, const JoinSource& left, const LogicalSchema& joined,
                            const QueryContext& context, QueryAnalysis& a) {
    const size_t key_count = left.source->schema.key_count();
    std::vector<std::optional<size_t>> key_items(key_count);
    std::vector<std::vector<std::string>> names(key_count);
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i].expr;
        if (e->kind != expression::TypedKind::kColumn) continue;
        if (e->column < 1 + left.offset || e->column >= 1 + left.offset + key_count) continue;
        const size_t k = e->column - 1 - left.offset;
        names[k].push_back(items[i].name);
        if (!key_items[k]) key_items[k] = i;
    }
    std::vector<std::string> missing;
    for (size_t k = 0; k < key_count; ++k) {
        if (names[k].size() > 1) {
            auto sorted = names[k];
            std::sort(sorted.begin(), sorted.end());
            std::string as;
            for (size_t i = 0; i < sorted.size(); ++i) {
                if (i) as += (i + 1 == sorted.size()) ? " and " : ", ";
                as += sorted[i];
            }
            return Status::Invalid("The projection contains a key column (`" + joined.column(1 + left.offset + k).name +
                                   "`) more than once, aliased as: " + as + ".");
        }
        if (!key_items[k]) missing.push_back("`" + left.source->schema.column(k).name + "`");
    }
    if (!missing.empty() && context.persistent) {
        std::string list;
        for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
        const bool many = missing.size() > 1;
        return Status::Invalid(std::string("Primary key column") + (many ? "s" : "") +
                               " missing in projection. For foreign-key table-table joins, the projection must "
                               "include all primary key columns from the left input table (`" + left.source->name +
                               "`). Missing column" + (many ? "s" : "") + ": " + list + ".");
    }
    std::vector<Column> cols;
    std::set<size_t> used;
    if (context.persistent) {
        for (size_t k = 0; k < key_count; ++k) {
            const auto& it = items[*key_items[k]];
            cols.push_back(Column{it.name, it.expr->type, ColumnNamespace::kKey, ""});
            a.projection.push_back({it.name, it.expr, true});
            used.insert(*key_items[k]);
        }
    }
    std::set<std::string> seen;
    for (const auto& c : cols) seen.insert(c.name);
    for (size_t i = 0; i < items.size(); ++i) {
        if (used.count(i)) continue;
        SqlType t = items[i].expr->type.kind() == TypeKind::kNull ? SqlType::String() : items[i].expr->type;
        if (!seen.insert(items[i].name).second) return Status::Invalid("Duplicate column names: " + items[i].name);
        cols.push_back(Column{items[i].name, t, ColumnNamespace::kValue, ""});
        a.projection.push_back({items[i].name, items[i].expr, false});
    }
    if (context.persistent && cols.size() == key_count) return Status::Invalid("The projection contains no value columns.");
    a.output_schema = LogicalSchema(std::move(cols));
    return Status::Ok();
}

// How a source's records are partitioned: by its key bytes in its key format, except that a
// Debezium topic's keys are objects ({"id": 1}) whichever key format reads them.
std::string KeyPartitioning(const catalog::DataSource& s) {
    if (s.value_format.name.rfind("DEBEZIUM", 0) == 0) return "DEBEZIUM";
    return s.key_format.name;
}

}  // namespace

Status AnalyzeJoins(const parser::Query& query, const catalog::Catalog& catalog,
                    const QueryContext& context, QueryAnalysis& a) {
    // 1. The sources, their prefixes and places in the combined layout.
    std::vector<JoinSource> sources;
    auto add_source = [&](const parser::Relation& r) -> Status {
        auto ds = catalog.Find(r.source.name);
        if (!ds) return Status::Invalid(r.source.name + " does not exist.");
        for (const auto& s : sources) {
            if (s.source->name == ds->name) {
                return Status::Invalid("Can not join '" + ds->name + "' to '" + ds->name +
                                       "': self joins are not yet supported.");
            }
        }
        JoinSource js;
        js.source = ds;
        js.prefix = r.alias ? r.alias->name : ds->name;
        js.qualifiers = {js.prefix};
        if (r.alias) js.qualifiers.push_back(ds->name);
        js.offset = sources.empty() ? 0 : sources.back().offset + sources.back().source->schema.size();
        sources.push_back(std::move(js));
        return Status::Ok();
    };
    RETURN_IF_ERROR(add_source(query.from));
    for (const auto& j : query.joins) RETURN_IF_ERROR(add_source(j.right));
    {
        std::string kafka_sources;
        for (const auto& s : sources) {
            if (s.source->value_format.name != "KAFKA") continue;
            kafka_sources += (kafka_sources.empty() ? "" : ", ") + s.source->name;
        }
        if (!kafka_sources.empty()) {
            return Status::Invalid("Source(s) " + kafka_sources +
                                   " are using the 'KAFKA' value format. This format does not yet support JOIN.");
        }
    }
    a.source = sources[0].source;

    Scope base;
    base.types = &catalog.types();
    base.windowed = sources[0].source->is_windowed;
    std::vector<Column> combined = SourceColumns(sources[0]);
    bool left_is_table = sources[0].source->kind == catalog::SourceKind::kTable;
    bool left_windowed = sources[0].source->is_windowed;
    std::set<std::string> key_columns;  // combined columns equal to the current key
    SqlType key_type;
    bool synthetic_key = false;
    std::string left_key_name;  // the last join's left join column, when a plain column
    // The key format by whose bytes the current left rows are partitioned.
    std::string partition_format = KeyPartitioning(*sources[0].source);
    bool foreign_key = false;  // the (only) join is a foreign-key join: keyed by the left table's key
    Layout left;
    left.schema = LogicalSchema(combined);
    left.placed.push_back({&sources[0], 0});

    for (size_t k = 0; k < query.joins.size(); ++k) {
        const auto& clause = query.joins[k];
        const JoinSource& right_src = sources[k + 1];
        const auto& rds = *right_src.source;
        JoinAnalysis j;
        j.type = clause.type;
        j.right_source = right_src.source;
        const bool right_is_table = rds.kind == catalog::SourceKind::kTable;
        const std::string names = sources[0].source->name + " " + JoinTypeName(clause.type) + " JOIN " + rds.name;
        if (left_is_table && !right_is_table) {
            return Status::Invalid("Invalid join order: table-stream joins are not supported; only "
                                   "stream-table joins. Got " + names + ".");
        }
        j.kind = !left_is_table && !right_is_table ? JoinKind::kStreamStream
                 : right_is_table && !left_is_table ? JoinKind::kStreamTable
                                                    : JoinKind::kTableTable;
        if (j.kind == JoinKind::kStreamStream) {
            if (!clause.within) {
                return Status::Invalid("Stream-Stream joins must have a WITHIN clause specified. None was provided. "
                                       "To learn about how to specify a WITHIN clause with a stream-stream join, please "
                                       "visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select");
            }
            j.before_ms = clause.within->before_ms;
            j.after_ms = clause.within->after_ms;
            j.grace_ms = clause.within->grace_ms;
        } else if (clause.within) {
            return Status::Invalid(std::string("A window definition was provided for a ") +
                                   (j.kind == JoinKind::kStreamTable ? "Stream-Table" : "Table-Table") +
                                   " join. These joins are not windowed. Please drop the window definition (ie."
                                   " the WITHIN clause) and try to execute your join again.");
        }
        if (j.kind == JoinKind::kStreamTable &&
            (clause.type == parser::JoinType::kFull || clause.type == parser::JoinType::kRight)) {
            return Status::Invalid(std::string(clause.type == parser::JoinType::kFull ? "Full outer" : "Right outer") +
                                   " joins between streams and tables are not supported.");
        }
        if (left_windowed != rds.is_windowed) {
            const auto& l = *sources[0].source;
            auto describe = [](const catalog::DataSource& d) {
                return "`" + d.name + "` is " + (d.is_windowed ? d.window_type + " windowed" : std::string("not windowed"));
            };
            return Status::Invalid("Can not join windowed source to non-windowed source.\n" + describe(l) + "\n" +
                                   describe(rds));
        }
        if (left_windowed && (sources[0].source->window_type == "SESSION") != (rds.window_type == "SESSION")) {
            return Status::Invalid("Incompatible windowed sources.\nLeft source: " + sources[0].source->window_type +
                                   "\nRight source: " + rds.window_type +
                                   "\nSession windowed sources can only be joined to other session windowed sources, "
                                   "and may still not result in expected behaviour as session bounds must be an exact "
                                   "match for the join to work\nHopping and tumbling windowed sources can only be "
                                   "joined to other hopping and tumbling windowed sources");
        }

        // 2. ON: one equality, one side per input.
        const Expr& on = *clause.on;
        if (on.kind != ExprKind::kBinary || on.op != parser::Op::kEq) {
            if (on.kind == ExprKind::kBinary && on.op == parser::Op::kAnd) {
                return Status::Invalid("Invalid join condition: joins on multiple conditions are not yet supported. Got " +
                                       ExprToMessage(on) + ".");
            }
            return Status::Invalid("Unsupported join expression: " + ExprToMessage(on) +
                                   ". Joins must be on the equality of one expression of each side.");
        }
        std::set<size_t> refs0, refs1;
        ReferencedSources(*on.args[0], sources, k + 2, refs0);
        ReferencedSources(*on.args[1], sources, k + 2, refs1);
        auto one_side = [&](const std::set<size_t>& refs) {
            if (refs.empty()) return -1;
            bool all_left = std::all_of(refs.begin(), refs.end(), [&](size_t i) { return i <= k; });
            if (all_left) return 0;
            if (refs.size() == 1 && *refs.begin() == k + 1) return 1;
            return -1;
        };
        int side0 = one_side(refs0), side1 = one_side(refs1);
        for (int i = 0; i < 2; ++i) {
            if ((i == 0 ? side0 : side1) < 0) {
                return Status::Invalid("Invalid comparison expression '" + ExprToMessage(*on.args[i]) + "' in join '" +
                                       ExprToMessage(on) + "'. Each side of the join comparision must contain "
                                       "references from exactly one source.");
            }
        }
        if (side0 == side1) {
            return Status::Invalid("Invalid comparison expression '" + ExprToMessage(*on.args[1]) + "' in join '" +
                                   ExprToMessage(on) + "'. Each side of the join comparision must contain "
                                   "references from exactly one source.");
        }
        const Expr& left_expr = side0 == 0 ? *on.args[0] : *on.args[1];
        const Expr& right_expr = side0 == 0 ? *on.args[1] : *on.args[0];

        Layout right;
        right.schema = rds.schema;
        right.placed.push_back({&right_src, 0});
        Scope left_scope = MakeScope(left, base);
        Scope right_scope = MakeScope(right, base);
        ExpressionAnalyzer left_analyzer(left_scope, expression::FunctionRegistry::Builtins());
        ExpressionAnalyzer right_analyzer(right_scope, expression::FunctionRegistry::Builtins());
        auto on_error = [](const Status& st) {
            std::string m = st.message();
            auto pos = m.find("Column '");
            if (pos != std::string::npos && m.find("cannot be resolved") != std::string::npos) {
                return Status::Invalid("JOIN ON column '" + m.substr(pos + 8, m.find('\'', pos + 8) - pos - 8) +
                                       "' cannot be resolved.");
            }
            return st;
        };
        auto lk = left_analyzer.Analyze(left_expr);
        if (!lk.ok()) return on_error(lk.status());
        auto rk = right_analyzer.Analyze(right_expr);
        if (!rk.ok()) return on_error(rk.status());
        TypedExprPtr left_key = std::move(lk).value(), right_key = std::move(rk).value();
        if (!(left_key->type == right_key->type)) {
            return Status::Invalid("Invalid join condition: types don't match. Got " + ExprToMessage(left_expr) + "{" +
                                   left_key->type.ToString() + "} = " + ExprToMessage(right_expr) + "{" +
                                   right_key->type.ToString() + "}.");
        }
        key_type = left_key->type;

        // 3. Re-keying: a side whose join expression is not its key goes through a repartition.
        const bool right_on_key = right_key->kind == expression::TypedKind::kColumn && rds.schema.key_count() == 1 &&
                                  right_key->column == 0;
        bool left_on_key;
        if (k == 0) {
            left_on_key = left_key->kind == expression::TypedKind::kColumn &&
                          sources[0].source->schema.key_count() == 1 && left_key->column == 0;
        } else {
            left_on_key = left_key->kind == expression::TypedKind::kColumn &&
                          (left_key->column == 0 || key_columns.count(left.schema.column(left_key->column).name));
        }
        if (j.kind == JoinKind::kTableTable) {
            if (!right_on_key) {
                return Status::Invalid("Invalid join condition: table-table joins require to join on the primary key "
                                       "of the right input table. Got " + ExprToMessage(left_expr) + " = " +
                                       ExprToMessage(right_expr) + ".");
            }
            if (!left_on_key) {
                // A foreign-key join: the left table's expression names the right table's key.
                if (clause.type == parser::JoinType::kRight || clause.type == parser::JoinType::kFull) {
                    return Status::Invalid(std::string(clause.type == parser::JoinType::kRight ? "RIGHT" : "FULL") +
                                           " OUTER JOIN on a foreign key is not supported");
                }
                if (k > 0) return Status::NotImplemented("A foreign-key join after another join is not supported yet");
                j.kind = JoinKind::kForeignKey;
                j.left_key_count = sources[0].source->schema.key_count();
                foreign_key = true;
            }
        }
        if (!right_on_key && right_is_table) {
            return Status::Invalid("Cannot repartition a TABLE source. If this is a join, make sure that the criteria "
                                   "uses the TABLE's key column " + (rds.schema.key_count() ? rds.schema.column(0).name : "") +
                                   " instead of " + ExprToMessage(right_expr));
        }
        if ((!right_on_key && rds.is_windowed) || (!left_on_key && left_windowed && !foreign_key)) {
            return Status::Invalid("Implicit repartitioning of windowed sources is not supported. See "
                                   "https://github.com/confluentinc/ksql/issues/4385.");
        }
        auto rekey = [](const TypedExprPtr& key, const LogicalSchema& in, size_t skip, JoinRekeyAnalysis& out,
                        bool repartition) {
            std::vector<Column> cols{Column{kRowKey, key->type, ColumnNamespace::kKey, ""}};
            out.exprs.push_back(key);
            for (size_t i = skip; i < in.size(); ++i) {
                out.exprs.push_back(ColumnRef(i, in.column(i)));
                cols.push_back(Column{in.column(i).name, in.column(i).type, ColumnNamespace::kValue, ""});
            }
            out.schema = LogicalSchema(std::move(cols));
            out.repartition = repartition;
        };
        // Co-partitioning: a side that keeps its key is partitioned by its key bytes, which the
        // other side can only reproduce when the formats agree and are not Debezium's (its keys
        // are objects like {"id": 1}). Otherwise both sides go through repartition topics.
        bool left_rep = !left_on_key || j.kind == JoinKind::kForeignKey;
        bool right_rep = !right_on_key;
        {
            auto reproducible = [](const std::string& f) { return f.rfind("DEBEZIUM", 0) != 0; };
            const std::string right_fmt = KeyPartitioning(rds);
            const bool windowed = left_windowed || rds.is_windowed;
            if (!windowed) {
                if (!left_rep && !right_rep) {
                    if (partition_format != right_fmt || !reproducible(right_fmt)) left_rep = right_rep = true;
                } else if (left_rep && !right_rep) {
                    right_rep = !reproducible(right_fmt);
                } else if (right_rep && !left_rep) {
                    left_rep = !reproducible(partition_format);
                }
            }
            partition_format = left_rep && right_rep ? std::string("JSON") : right_rep ? partition_format : right_fmt;
        }
        rekey(left_key, left.schema, left.has_rowkey ? 1 : 0, j.left, left_rep);
        rekey(right_key, rds.schema, 0, j.right, right_rep);
        j.left_width = j.left.schema.size() - 1;
        j.right_width = j.right.schema.size() - 1;

        // 4. The join's output: [ROWKEY] + every column so far.
        auto rcols = SourceColumns(right_src);
        combined.insert(combined.end(), rcols.begin(), rcols.end());
        std::vector<Column> out_cols{Column{kRowKey, key_type, ColumnNamespace::kKey, ""}};
        out_cols.insert(out_cols.end(), combined.begin(), combined.end());
        j.schema = LogicalSchema(std::move(out_cols));

        // Which columns still equal the key after this join.
        std::set<std::string> next_keys;
        const bool left_plain = left_key->kind == expression::TypedKind::kColumn && !(left.has_rowkey && left_key->column == 0);
        const bool right_plain = right_key->kind == expression::TypedKind::kColumn;
        // Outside FULL joins, ksqlDB lets either side's join column stand for the key (the
        // result's key is the join key itself, ROWKEY, so it is never null).
        const bool not_full = clause.type != parser::JoinType::kFull;
        if (left_plain && not_full) {
            next_keys.insert(left.schema.column(left_key->column).name);
            left_key_name = left.schema.column(left_key->column).name;
        }
        if (left.has_rowkey && left_key->kind == expression::TypedKind::kColumn && left_key->column == 0 && not_full) {
            next_keys = key_columns;
        }
        if (right_plain && not_full) next_keys.insert(right_src.prefix + "_" + rds.schema.column(right_key->column).name);
        synthetic_key = next_keys.empty();
        key_columns = std::move(next_keys);

        left_is_table = j.kind == JoinKind::kTableTable || j.kind == JoinKind::kForeignKey;
        left.schema = j.schema;
        left.has_rowkey = true;
        left.placed.clear();
        for (size_t i = 0; i <= k + 1; ++i) left.placed.push_back({&sources[i], 1 + sources[i].offset});
        a.joins.push_back(std::move(j));
    }

    // 5. WHERE and the projection over the joined rows.
    const Layout& joined = left;
    Scope scope = MakeScope(joined, base);
    ExpressionAnalyzer analyzer(scope, expression::FunctionRegistry::Builtins());
    if (query.where) {
        auto w = analyzer.AnalyzePredicate(*query.where, "WHERE");
        if (!w.ok()) return Status(w.status().code(), "Error in WHERE expression: " + w.status().message());
        a.where = std::move(w).value();
    }
    if (IsAggregationQuery(query)) {
        // GROUP BY over the joined rows: the aggregation takes them as its source.
        a.is_table = a.joins.back().kind == JoinKind::kTableTable || a.joins.back().kind == JoinKind::kForeignKey;
        return AnalyzeAggregation(query, context, scope, a);
    }
    std::vector<Item> items;
    int synthetic = 0;
    for (const auto& sel : query.select) {
        if (sel.kind == parser::SelectItem::Kind::kAllColumns) {
            if (sel.qualifier.name.empty() && synthetic_key) {
                items.push_back({kRowKey, ColumnRef(0, joined.schema.column(0))});
            }
            bool found = sel.qualifier.name.empty();
            for (const auto& p : joined.placed) {
                const auto& q = p.source->qualifiers;
                if (!sel.qualifier.name.empty() && std::find(q.begin(), q.end(), sel.qualifier.name) == q.end()) continue;
                found = true;
                for (size_t c = 0; c < p.source->source->schema.size(); ++c) {
                    size_t idx = p.first + c;
                    items.push_back({joined.schema.column(idx).name, ColumnRef(idx, joined.schema.column(idx))});
                }
            }
            if (!found) return Status::Invalid("'" + sel.qualifier.name + "' is not a valid stream/table name or alias.");
            continue;
        }
        ASSIGN_OR_RETURN(auto typed, analyzer.AnalyzeSelectItem(*sel.expr));
        if (context.persistent && !sel.alias && typed->kind == expression::TypedKind::kPseudo &&
            sel.expr->kind == ExprKind::kColumnRef && sel.expr->qualifier.name.empty()) {
            return Status::Invalid("Reserved column name in select: `" + sel.expr->name.name +
                                   "`. Please remove or alias the column.");
        }
        if (context.persistent && sel.alias &&
            (sel.alias->name == kRowTime || sel.alias->name == kWindowStart || sel.alias->name == kWindowEnd)) {
            return Status::Invalid("Reserved column name in select: `" + sel.alias->name +
                                   "`. Please remove or alias the column.");
        }
        Item it;
        it.expr = std::move(typed);
        if (sel.alias) {
            it.name = sel.alias->name;
        } else if (auto n = ImplicitName(*sel.expr, sources, joined.schema, it.expr)) {
            it.name = *n;
        } else {
            it.name = "KSQL_COL_" + std::to_string(synthetic++);
        }
        items.push_back(std::move(it));
    }
    const auto& last = a.joins.back();
    a.is_table = last.kind == JoinKind::kTableTable || last.kind == JoinKind::kForeignKey;
    if (!query.partition_by.empty()) {
        if (a.is_table) return Status::NotImplemented("PARTITION BY on a table is not supported yet");
        // Re-key the joined rows: [partition expressions] + every joined column but ROWKEY.
        std::vector<Column> cols;
        std::vector<std::string> keys_sql;
        for (const auto& pe : query.partition_by) {
            ASSIGN_OR_RETURN(auto typed, analyzer.Analyze(*pe));
            auto n = ImplicitName(*pe, sources, joined.schema, typed);
            cols.push_back(Column{n ? *n : "KSQL_COL_" + std::to_string(cols.size()), typed->type,
                                  ColumnNamespace::kKey, ""});
            keys_sql.push_back(typed->sql);
            a.partition_by.push_back(std::move(typed));
        }
        const size_t nkeys = cols.size();
        std::vector<size_t> map(joined.schema.size(), 0);
        for (size_t i = 1; i < joined.schema.size(); ++i) {
            map[i] = cols.size();
            cols.push_back(Column{joined.schema.column(i).name, joined.schema.column(i).type, ColumnNamespace::kValue, ""});
            a.partition_by.push_back(ColumnRef(i, joined.schema.column(i)));
        }
        a.rekeyed_schema = LogicalSchema(std::move(cols));
        if (!context.persistent) {
            std::vector<Column> out;
            for (auto& it : items) {
                it.expr = RemapColumns(it.expr, map);
                out.push_back(Column{it.name, it.expr->type, ColumnNamespace::kValue, ""});
                a.projection.push_back({it.name, it.expr, false});
            }
            a.output_schema = LogicalSchema(std::move(out));
            return Status::Ok();
        }
        std::vector<std::optional<size_t>> key_items(nkeys);
        for (size_t i = 0; i < items.size(); ++i) {
            for (size_t k = 0; k < nkeys; ++k) {
                if (!key_items[k] && items[i].expr->sql == keys_sql[k]) key_items[k] = i;
            }
        }
        std::vector<Column> out;
        std::set<size_t> used;
        for (size_t k = 0; k < nkeys; ++k) {
            if (!key_items[k]) {
                // Not projected: the key keeps the expression's name.
                out.push_back(Column{a.rekeyed_schema.column(k).name, a.rekeyed_schema.column(k).type,
                                     ColumnNamespace::kKey, ""});
                a.projection.push_back({out.back().name, ColumnRef(k, a.rekeyed_schema.column(k)), true});
                continue;
            }
            const auto& it = items[*key_items[k]];
            out.push_back(Column{it.name, it.expr->type, ColumnNamespace::kKey, ""});
            a.projection.push_back({it.name, ColumnRef(k, a.rekeyed_schema.column(k)), true});
            used.insert(*key_items[k]);
        }
        std::set<std::string> seen;
        for (const auto& c : out) seen.insert(c.name);
        for (size_t i = 0; i < items.size(); ++i) {
            if (used.count(i)) continue;
            if (items[i].expr->kind == expression::TypedKind::kColumn && items[i].expr->column == 0) continue;
            if (!seen.insert(items[i].name).second) return Status::Invalid("Duplicate column names: " + items[i].name);
            auto e = RemapColumns(items[i].expr, map);
            SqlType t = e->type.kind() == TypeKind::kNull ? SqlType::String() : e->type;
            out.push_back(Column{items[i].name, t, ColumnNamespace::kValue, ""});
            a.projection.push_back({items[i].name, e, false});
        }
        if (out.size() == nkeys) return Status::Invalid("The projection contains no value columns.");
        a.output_schema = LogicalSchema(std::move(out));
        return Status::Ok();
    }
    if (!context.persistent) {
        std::vector<Column> cols;
        for (auto& it : items) {
            SqlType t = it.expr->type.kind() == TypeKind::kNull ? SqlType::String() : it.expr->type;
            cols.push_back(Column{it.name, t, ColumnNamespace::kValue, ""});
            a.projection.push_back({it.name, it.expr, false});
        }
        a.output_schema = LogicalSchema(std::move(cols));
        return Status::Ok();
    }
    if (foreign_key) return ForeignKeyProjection(items, sources[0], joined.schema, context, a);
    // Key: ROWKEY, or a column that equals the join key.
    auto eligible = [&](const TypedExprPtr& e) {
        if (e->kind != expression::TypedKind::kColumn) return false;
        if (e->column == 0) return true;
        return !synthetic_key && key_columns.count(joined.schema.column(e->column).name) > 0;
    };
    std::optional<size_t> key_item;
    // ROWKEY or the left side's join column first, as ksqlDB picks the key.
    for (size_t i = 0; i < items.size() && !key_item; ++i) {
        const auto& e = items[i].expr;
        if (eligible(e) && (e->column == 0 || joined.schema.column(e->column).name == left_key_name)) key_item = i;
    }
    for (size_t i = 0; i < items.size() && !key_item; ++i) {
        if (eligible(items[i].expr)) key_item = i;
    }
    std::vector<std::string> key_names;
    for (size_t i = 0; key_item && i < items.size(); ++i) {
        if (eligible(items[i].expr) && items[i].expr->column == items[*key_item].expr->column) {
            key_names.push_back(items[i].name);
        }
    }
    if (key_names.size() > 1) {
        std::sort(key_names.begin(), key_names.end());
        std::string as;
        for (size_t i = 0; i < key_names.size(); ++i) {
            if (i) as += (i + 1 == key_names.size()) ? " and " : ", ";
            as += key_names[i];
        }
        return Status::Invalid("The projection contains a key column (`" +
                               joined.schema.column(items[*key_item].expr->column).name +
                               "`) more than once, aliased as: " + as + ".");
    }
    if (!key_item) {
        if (synthetic_key) {
            return Status::Invalid("Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n"
                                   "The query used to build `" + context.sink_name +
                                   "` must include the join expression ROWKEY in its projection (eg, SELECT ROWKEY...).\n"
                                   "ROWKEY was added as a synthetic key column because the join criteria did not match "
                                   "any source column.");
        }
        std::vector<std::string> shown;
        for (const auto& name : key_columns) {
            for (const auto& p : joined.placed) {
                const std::string pre = p.source->prefix + "_";
                if (name.rfind(pre, 0) == 0 && p.source->source->schema.Find(name.substr(pre.size()))) {
                    shown.push_back(p.source->prefix + "." + name.substr(pre.size()));
                    break;
                }
            }
        }
        std::string list;
        for (size_t i = 0; i < shown.size(); ++i) list += (i ? " or " : "") + shown[i];
        return Status::Invalid("The query used to build `" + context.sink_name + "` must include the join expression" +
                               (shown.size() > 1 ? "s " : " ") + list + " in its projection (eg, SELECT " +
                               (shown.empty() ? "" : shown[0]) + "...).");
    }
    std::vector<Column> cols;
    const auto& ki = items[*key_item];
    cols.push_back(Column{ki.name, ki.expr->type, ColumnNamespace::kKey, ""});
    // The key column equals the join key; reading ROWKEY keeps it on tombstones too.
    a.projection.push_back({ki.name, ColumnRef(0, joined.schema.column(0)), true});
    std::set<std::string> seen{ki.name};
    for (size_t i = 0; i < items.size(); ++i) {
        if (i == *key_item) continue;
        SqlType t = items[i].expr->type.kind() == TypeKind::kNull ? SqlType::String() : items[i].expr->type;
        if (!seen.insert(items[i].name).second) return Status::Invalid("Duplicate column names: " + items[i].name);
        cols.push_back(Column{items[i].name, t, ColumnNamespace::kValue, ""});
        a.projection.push_back({items[i].name, items[i].expr, false});
    }
    if (cols.size() == 1) return Status::Invalid("The projection contains no value columns.");
    a.output_schema = LogicalSchema(std::move(cols));
    return Status::Ok();
}

}  // namespace runnel::analyzer
