#include "engine/parser/ast_equal.h"

#include <cstring>

namespace runnel::parser {

namespace {

bool ExprListEquals(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!ExprPtrEquals(a[i], b[i])) return false;
    }
    return true;
}

bool IdentifierListEquals(const std::vector<Identifier>& a, const std::vector<Identifier>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!IdentifierEquals(a[i], b[i])) return false;
    }
    return true;
}

bool OptionalIdentifierEquals(const std::optional<Identifier>& a,
                              const std::optional<Identifier>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || IdentifierEquals(*a, *b);
}

bool SameDouble(double a, double b) { return std::memcmp(&a, &b, sizeof(double)) == 0; }

bool PropertiesEqual(const Properties& a, const Properties& b) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
        if (ia->first != ib->first || ia->second.kind != ib->second.kind ||
            ia->second.text != ib->second.text) {
            return false;
        }
    }
    return true;
}

bool RelationEquals(const Relation& a, const Relation& b) {
    return IdentifierEquals(a.source, b.source) && OptionalIdentifierEquals(a.alias, b.alias);
}

bool WithinEquals(const std::optional<WithinClause>& a, const std::optional<WithinClause>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a.has_value()) return true;
    return a->before_ms == b->before_ms && a->after_ms == b->after_ms && a->grace_ms == b->grace_ms;
}

bool WindowEquals(const std::optional<WindowClause>& a, const std::optional<WindowClause>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a.has_value()) return true;
    return a->kind == b->kind && a->size_ms == b->size_ms && a->advance_ms == b->advance_ms &&
           a->retention_ms == b->retention_ms && a->grace_ms == b->grace_ms;
}

bool SelectItemEquals(const SelectItem& a, const SelectItem& b) {
    return a.kind == b.kind && ExprPtrEquals(a.expr, b.expr) &&
           OptionalIdentifierEquals(a.alias, b.alias) && IdentifierEquals(a.qualifier, b.qualifier);
}

bool ElementEquals(const TableElement& a, const TableElement& b) {
    return IdentifierEquals(a.name, b.name) && a.type == b.type && a.constraint == b.constraint &&
           a.header_key == b.header_key;
}

struct BodyEquals {
    bool operator()(const CreateSource& a, const CreateSource& b) const {
        if (a.elements.size() != b.elements.size()) return false;
        for (size_t i = 0; i < a.elements.size(); ++i) {
            if (!ElementEquals(a.elements[i], b.elements[i])) return false;
        }
        return a.is_table == b.is_table && a.or_replace == b.or_replace &&
               a.if_not_exists == b.if_not_exists && a.is_source == b.is_source &&
               IdentifierEquals(a.name, b.name) && PropertiesEqual(a.properties, b.properties);
    }
    bool operator()(const CreateAsSelect& a, const CreateAsSelect& b) const {
        return a.is_table == b.is_table && a.or_replace == b.or_replace &&
               a.if_not_exists == b.if_not_exists && IdentifierEquals(a.name, b.name) &&
               PropertiesEqual(a.properties, b.properties) && QueryEquals(a.query, b.query);
    }
    bool operator()(const InsertInto& a, const InsertInto& b) const {
        return IdentifierEquals(a.target, b.target) &&
               PropertiesEqual(a.properties, b.properties) && QueryEquals(a.query, b.query);
    }
    bool operator()(const InsertValues& a, const InsertValues& b) const {
        return IdentifierEquals(a.target, b.target) && IdentifierListEquals(a.columns, b.columns) &&
               ExprListEquals(a.values, b.values);
    }
    bool operator()(const SelectStatement& a, const SelectStatement& b) const {
        return QueryEquals(a.query, b.query);
    }
    bool operator()(const ListStatement& a, const ListStatement& b) const {
        return a.kind == b.kind && a.extended == b.extended;
    }
    bool operator()(const DescribeSource& a, const DescribeSource& b) const {
        return IdentifierEquals(a.name, b.name) && a.extended == b.extended &&
               a.all_streams == b.all_streams && a.all_tables == b.all_tables;
    }
    bool operator()(const DescribeFunction& a, const DescribeFunction& b) const {
        return IdentifierEquals(a.name, b.name);
    }
    bool operator()(const DropSource& a, const DropSource& b) const {
        return a.is_table == b.is_table && a.if_exists == b.if_exists &&
               IdentifierEquals(a.name, b.name) && a.delete_topic == b.delete_topic;
    }
    bool operator()(const TerminateQuery& a, const TerminateQuery& b) const {
        return a.query_id == b.query_id && a.all == b.all;
    }
    bool operator()(const SetProperty& a, const SetProperty& b) const {
        return a.name == b.name && a.value == b.value;
    }
    bool operator()(const UnsetProperty& a, const UnsetProperty& b) const {
        return a.name == b.name;
    }
    bool operator()(const DefineVariable& a, const DefineVariable& b) const {
        return a.name == b.name && a.value == b.value;
    }
    bool operator()(const UndefineVariable& a, const UndefineVariable& b) const {
        return a.name == b.name;
    }
    bool operator()(const ExplainStatement& a, const ExplainStatement& b) const {
        return a.query_id == b.query_id && a.statement_text == b.statement_text;
    }
    bool operator()(const CreateType& a, const CreateType& b) const {
        return IdentifierEquals(a.name, b.name) && a.type == b.type &&
               a.if_not_exists == b.if_not_exists;
    }
    bool operator()(const DropType& a, const DropType& b) const {
        return IdentifierEquals(a.name, b.name) && a.if_exists == b.if_exists;
    }
    bool operator()(const PrintTopic& a, const PrintTopic& b) const {
        return a.topic == b.topic && a.from_beginning == b.from_beginning &&
               a.interval == b.interval && a.limit == b.limit;
    }
    bool operator()(const AssertStatement& a, const AssertStatement& b) const {
        return a.text == b.text;
    }
    template <typename A, typename B>
    bool operator()(const A&, const B&) const {
        return false;
    }
};

}  // namespace

bool IdentifierEquals(const Identifier& a, const Identifier& b) {
    return a.name == b.name && a.quoted == b.quoted;
}

bool ExprPtrEquals(const ExprPtr& a, const ExprPtr& b) {
    if (!a || !b) return !a && !b;
    return ExprEquals(*a, *b);
}

bool ExprEquals(const Expr& a, const Expr& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == ExprKind::kLiteral) {
        return a.literal_kind == b.literal_kind && a.text == b.text &&
               a.bool_value == b.bool_value && a.int_value == b.int_value &&
               SameDouble(a.double_value, b.double_value);
    }
    return IdentifierEquals(a.qualifier, b.qualifier) && IdentifierEquals(a.name, b.name) &&
           a.op == b.op && a.negated == b.negated && a.star == b.star &&
           ExprListEquals(a.args, b.args) && ExprPtrEquals(a.else_expr, b.else_expr) &&
           a.escape == b.escape && a.type == b.type &&
           IdentifierListEquals(a.field_names, b.field_names) &&
           IdentifierListEquals(a.lambda_params, b.lambda_params);
}

bool QueryEquals(const Query& a, const Query& b) {
    if (a.select.size() != b.select.size() || a.joins.size() != b.joins.size()) return false;
    for (size_t i = 0; i < a.select.size(); ++i) {
        if (!SelectItemEquals(a.select[i], b.select[i])) return false;
    }
    for (size_t i = 0; i < a.joins.size(); ++i) {
        const JoinClause& x = a.joins[i];
        const JoinClause& y = b.joins[i];
        if (x.type != y.type || !RelationEquals(x.right, y.right) ||
            !WithinEquals(x.within, y.within) || !ExprPtrEquals(x.on, y.on)) {
            return false;
        }
    }
    return RelationEquals(a.from, b.from) && WindowEquals(a.window, b.window) &&
           ExprPtrEquals(a.where, b.where) && ExprListEquals(a.group_by, b.group_by) &&
           ExprListEquals(a.partition_by, b.partition_by) && ExprPtrEquals(a.having, b.having) &&
           a.emit == b.emit && a.limit == b.limit;
}

bool StatementBodyEquals(const StatementBody& a, const StatementBody& b) {
    return std::visit(BodyEquals{}, a, b);
}

}  // namespace runnel::parser
