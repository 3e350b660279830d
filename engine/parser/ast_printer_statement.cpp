// AST printer: queries and statements (StatementToSql).
#include <type_traits>

#include "engine/parser/ast_printer.h"
#include "engine/parser/parser.h"

namespace runnel::parser {

namespace {

std::string JoinExprs(const std::vector<ExprPtr>& list) {
    std::string out;
    for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += ", ";
        out += ExprToSql(*list[i]);
    }
    return out;
}

std::string RelationToSql(const Relation& relation) {
    std::string out = IdentifierToSql(relation.source);
    if (relation.alias) out += " " + IdentifierToSql(*relation.alias);
    return out;
}

std::string SelectItemToSql(const SelectItem& item) {
    if (item.kind == SelectItem::Kind::kAllColumns) {
        if (item.qualifier.name.empty()) return "*";
        return IdentifierToSql(item.qualifier) + ".*";
    }
    std::string out = ExprToSql(*item.expr);
    if (item.alias) out += " AS " + IdentifierToSql(*item.alias);
    return out;
}

std::string JoinToSql(const JoinClause& join) {
    std::string out;
    switch (join.type) {
        case JoinType::kInner: out = " INNER JOIN "; break;
        case JoinType::kLeft: out = " LEFT OUTER JOIN "; break;
        case JoinType::kRight: out = " RIGHT OUTER JOIN "; break;
        case JoinType::kFull: out = " FULL OUTER JOIN "; break;
    }
    out += RelationToSql(join.right);
    if (join.within) {
        const WithinClause& within = *join.within;
        if (within.before_ms == within.after_ms) {
            out += " WITHIN " + DurationToSql(within.before_ms);
        } else {
            out += " WITHIN (" + DurationToSql(within.before_ms) + ", " +
                   DurationToSql(within.after_ms) + ")";
        }
        if (within.grace_ms) out += " GRACE PERIOD " + DurationToSql(*within.grace_ms);
    }
    return out + " ON " + ExprToSql(*join.on);
}

std::string WindowToSql(const WindowClause& window) {
    std::string out;
    switch (window.kind) {
        case WindowKind::kTumbling: out = "TUMBLING (SIZE " + DurationToSql(window.size_ms); break;
        case WindowKind::kHopping:
            out = "HOPPING (SIZE " + DurationToSql(window.size_ms) + ", ADVANCE BY " +
                  DurationToSql(window.advance_ms);
            break;
        case WindowKind::kSession: out = "SESSION (" + DurationToSql(window.size_ms); break;
    }
    if (window.retention_ms) out += ", RETENTION " + DurationToSql(*window.retention_ms);
    if (window.grace_ms) out += ", GRACE PERIOD " + DurationToSql(*window.grace_ms);
    return out + ")";
}

std::string WithToSql(const Properties& properties) {
    if (properties.empty()) return "";
    return " WITH (" + PropertiesToSql(properties) + ")";
}

std::string SourceKind(bool is_table) { return is_table ? "TABLE" : "STREAM"; }

std::string ConstraintToSql(const TableElement& element) {
    switch (element.constraint) {
        case ColumnConstraint::kNone: return "";
        case ColumnConstraint::kKey: return " KEY";
        case ColumnConstraint::kPrimaryKey: return " PRIMARY KEY";
        case ColumnConstraint::kHeaders: return " HEADERS";
        case ColumnConstraint::kHeader:
            return " HEADER(" + StringLiteralToSql(element.header_key) + ")";
    }
    return "";
}

const char* ListKindSql(ListKind kind) {
    switch (kind) {
        case ListKind::kStreams: return "STREAMS";
        case ListKind::kTables: return "TABLES";
        case ListKind::kQueries: return "QUERIES";
        case ListKind::kTopics: return "TOPICS";
        case ListKind::kAllTopics: return "ALL TOPICS";
        case ListKind::kProperties: return "PROPERTIES";
        case ListKind::kFunctions: return "FUNCTIONS";
        case ListKind::kTypes: return "TYPES";
        case ListKind::kVariables: return "VARIABLES";
        case ListKind::kConnectors: return "CONNECTORS";
    }
    return "STREAMS";
}

struct BodyPrinter {
    std::string operator()(const CreateSource& s) const {
        std::string out = "CREATE ";
        if (s.or_replace) out += "OR REPLACE ";
        if (s.is_source) out += "SOURCE ";
        out += SourceKind(s.is_table) + " ";
        if (s.if_not_exists) out += "IF NOT EXISTS ";
        out += IdentifierToSql(s.name);
        if (!s.elements.empty()) {
            out += " (";
            for (size_t i = 0; i < s.elements.size(); ++i) {
                const TableElement& element = s.elements[i];
                if (i > 0) out += ", ";
                out += IdentifierToSql(element.name) + " " + TypeToSql(element.type) +
                       ConstraintToSql(element);
            }
            out += ")";
        }
        return out + WithToSql(s.properties);
    }
    std::string operator()(const CreateAsSelect& s) const {
        std::string out = "CREATE ";
        if (s.or_replace) out += "OR REPLACE ";
        out += SourceKind(s.is_table) + " ";
        if (s.if_not_exists) out += "IF NOT EXISTS ";
        return out + IdentifierToSql(s.name) + WithToSql(s.properties) + " AS " +
               QueryToSql(s.query);
    }
    std::string operator()(const InsertInto& s) const {
        return "INSERT INTO " + IdentifierToSql(s.target) + WithToSql(s.properties) + " " +
               QueryToSql(s.query);
    }
    std::string operator()(const InsertValues& s) const {
        std::string out = "INSERT INTO " + IdentifierToSql(s.target);
        if (!s.columns.empty()) {
            out += " (";
            for (size_t i = 0; i < s.columns.size(); ++i) {
                if (i > 0) out += ", ";
                out += IdentifierToSql(s.columns[i]);
            }
            out += ")";
        }
        return out + " VALUES (" + JoinExprs(s.values) + ")";
    }
    std::string operator()(const SelectStatement& s) const { return QueryToSql(s.query); }
    std::string operator()(const ListStatement& s) const {
        return std::string("SHOW ") + ListKindSql(s.kind) + (s.extended ? " EXTENDED" : "");
    }
    std::string operator()(const DescribeSource& s) const {
        if (s.all_streams || s.all_tables) {
            return std::string("DESCRIBE ") + (s.all_streams ? "STREAMS" : "TABLES") +
                   (s.extended ? " EXTENDED" : "");
        }
        return std::string("DESCRIBE ") + (s.extended ? "EXTENDED " : "") +
               IdentifierToSql(s.name);
    }
    std::string operator()(const DescribeFunction& s) const {
        return "DESCRIBE FUNCTION " + IdentifierToSql(s.name);
    }
    std::string operator()(const DropSource& s) const {
        return "DROP " + SourceKind(s.is_table) + (s.if_exists ? " IF EXISTS " : " ") +
               IdentifierToSql(s.name) + (s.delete_topic ? " DELETE TOPIC" : "");
    }
    std::string operator()(const TerminateQuery& s) const {
        return s.all ? "TERMINATE ALL" : "TERMINATE " + NameToSql(s.query_id);
    }
    std::string operator()(const SetProperty& s) const {
        return "SET " + StringLiteralToSql(s.name) + "=" + StringLiteralToSql(s.value);
    }
    std::string operator()(const UnsetProperty& s) const {
        return "UNSET " + StringLiteralToSql(s.name);
    }
    std::string operator()(const DefineVariable& s) const {
        return "DEFINE " + s.name + " = " + StringLiteralToSql(s.value);
    }
    std::string operator()(const UndefineVariable& s) const { return "UNDEFINE " + s.name; }
    std::string operator()(const ExplainStatement& s) const {
        if (!s.query_id.empty()) return "EXPLAIN " + NameToSql(s.query_id);
        return "EXPLAIN " + s.statement_text;
    }
    std::string operator()(const CreateType& s) const {
        return std::string("CREATE TYPE ") + (s.if_not_exists ? "IF NOT EXISTS " : "") +
               IdentifierToSql(s.name) + " AS " + TypeToSql(s.type);
    }
    std::string operator()(const DropType& s) const {
        return std::string("DROP TYPE ") + (s.if_exists ? "IF EXISTS " : "") +
               IdentifierToSql(s.name);
    }
    std::string operator()(const PrintTopic& s) const {
        std::string out = "PRINT " + StringLiteralToSql(s.topic);
        if (s.from_beginning) out += " FROM BEGINNING";
        if (s.interval) out += " INTERVAL " + std::to_string(*s.interval);
        if (s.limit) out += " LIMIT " + std::to_string(*s.limit);
        return out;
    }
    std::string operator()(const AssertStatement& s) const { return s.text; }
};

}  // namespace

std::string PropertiesToSql(const Properties& properties) {
    std::string out;
    for (const auto& [key, value] : properties) {
        if (!out.empty()) out += ", ";
        out += NameToSql(key) + "=";
        out += value.kind == LiteralKind::kString ? StringLiteralToSql(value.text) : value.text;
    }
    return out;
}

std::string QueryToSql(const Query& query) {
    std::string out = "SELECT ";
    for (size_t i = 0; i < query.select.size(); ++i) {
        if (i > 0) out += ", ";
        out += SelectItemToSql(query.select[i]);
    }
    out += " FROM " + RelationToSql(query.from);
    for (const JoinClause& join : query.joins) out += JoinToSql(join);
    if (query.window) out += " WINDOW " + WindowToSql(*query.window);
    if (query.where) out += " WHERE " + ExprToSql(*query.where);
    if (!query.group_by.empty()) out += " GROUP BY " + JoinExprs(query.group_by);
    if (!query.partition_by.empty()) out += " PARTITION BY " + JoinExprs(query.partition_by);
    if (query.having) out += " HAVING " + ExprToSql(*query.having);
    if (query.emit == EmitKind::kChanges) out += " EMIT CHANGES";
    if (query.emit == EmitKind::kFinal) out += " EMIT FINAL";
    if (query.limit) out += " LIMIT " + std::to_string(*query.limit);
    return out;
}

std::string StatementToSql(const Statement& statement) {
    return std::visit(BodyPrinter{}, statement.body) + ";";
}

}  // namespace runnel::parser
