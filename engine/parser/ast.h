// AST of the ksqlDB dialect: immutable nodes with source locations, built by the parser
// (parser.h) and printable back to SQL (ast_printer.h). The only module that sees ANTLR types is
// parser/; everything downstream works on these nodes. Nodes are immutable after building and
// safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/common/schema.h"
#include "engine/common/sql_type.h"

namespace runnel::parser {

struct SourceLocation {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, as ksqlDB reports it ("line 1:8")
};

// An identifier as written: canonical name is upper-cased unless it was quoted.
struct Identifier {
    std::string name;    // canonical (upper-cased unless quoted)
    bool quoted = false;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
    kLiteral,        // literal
    kColumnRef,      // qualifier (may be empty) . name
    kDereference,    // args[0] -> name  (struct field)
    kDereferenceAll, // args[0] ->*       (projection only)
    kSubscript,      // args[0] [ args[1] ]
    kUnary,          // op in {kNeg, kPlus, kNot}; args[0]
    kBinary,         // op arithmetic/comparison/logical/concat; args[0], args[1]
    kIsNull,         // args[0] IS NULL
    kIsNotNull,      // args[0] IS NOT NULL
    kIsDistinctFrom, // args[0] IS [NOT] DISTINCT FROM args[1]; negated = NOT
    kFunctionCall,   // name(args...); star = COUNT(*); distinct unused by ksql
    kCast,           // CAST(args[0] AS type)
    kCase,           // searched CASE: args = [when1, then1, when2, then2, ...], else_expr optional
    kSimpleCase,     // CASE args[0] WHEN args[1] THEN args[2] ... ; else_expr optional
    kIn,             // args[0] [NOT] IN (args[1..])
    kBetween,        // args[0] [NOT] BETWEEN args[1] AND args[2]
    kLike,           // args[0] [NOT] LIKE args[1] [ESCAPE escape]
    kArrayCtor,      // ARRAY[args...]
    kMapCtor,        // MAP(k1 := v1, ...): args = [k1, v1, k2, v2 ...]
    kStructCtor,     // STRUCT(name := args[i]) ; field_names parallel to args
    kLambda,         // (params) => args[0]
    kLambdaVar,      // a lambda parameter reference, name
    kIntervalUnit,   // a time unit argument (e.g. TIMESTAMPADD(SECONDS, ...)); name = unit
    kVariable,       // ${name} left unresolved (normally substituted before parsing)
};

enum class Op : uint8_t {
    kNone,
    // unary
    kNeg, kPlus, kNot,
    // arithmetic
    kAdd, kSub, kMul, kDiv, kMod,
    // comparison
    kEq, kNe, kLt, kLe, kGt, kGe,
    // logical
    kAnd, kOr,
    // string concatenation '||' (ksqlDB also uses + on strings; that parses as kAdd)
    kConcat,
};

enum class LiteralKind : uint8_t {
    kNull, kBoolean, kInteger, kBigint, kDecimal, kDouble, kString,
    // TIMESTAMP 'literal' etc. are parsed as function-like casts by ksqlDB; we keep them as strings
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
    ExprKind kind = ExprKind::kLiteral;
    SourceLocation loc;

    // kLiteral
    LiteralKind literal_kind = LiteralKind::kNull;
    std::string text;  // literal text as written (digits, string contents unescaped)
    bool bool_value = false;
    int64_t int_value = 0;  // kInteger (fits INT) / kBigint
    double double_value = 0;

    // kColumnRef: qualifier may be empty. kDereference / kFunctionCall / kLambdaVar / kVariable /
    // kIntervalUnit: name.
    Identifier qualifier;
    Identifier name;

    Op op = Op::kNone;
    bool negated = false;  // NOT IN, NOT BETWEEN, NOT LIKE, IS NOT DISTINCT FROM
    bool star = false;     // COUNT(*)
    std::vector<ExprPtr> args;
    ExprPtr else_expr;                     // kCase / kSimpleCase
    std::optional<std::string> escape;     // kLike
    SqlType type;                          // kCast
    std::vector<Identifier> field_names;   // kStructCtor
    std::vector<Identifier> lambda_params; // kLambda
};

// ---------------------------------------------------------------- query pieces

struct SelectItem {
    enum class Kind : uint8_t { kExpr, kAllColumns };  // kAllColumns: * or qualifier.*
    Kind kind = Kind::kExpr;
    ExprPtr expr;                     // kExpr
    std::optional<Identifier> alias;  // kExpr
    Identifier qualifier;             // kAllColumns with `s.*` (empty name for plain *)
    SourceLocation loc;
};

struct Relation {
    Identifier source;
    std::optional<Identifier> alias;
    SourceLocation loc;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull };

// Durations are normalised to milliseconds.
struct WithinClause {
    int64_t before_ms = 0;
    int64_t after_ms = 0;  // WITHIN n: before = after = n
    std::optional<int64_t> grace_ms;
};

struct JoinClause {
    JoinType type = JoinType::kInner;
    Relation right;
    std::optional<WithinClause> within;
    ExprPtr on;
    SourceLocation loc;
};

enum class WindowKind : uint8_t { kTumbling, kHopping, kSession };

struct WindowClause {
    WindowKind kind = WindowKind::kTumbling;
    int64_t size_ms = 0;     // TUMBLING/HOPPING SIZE; SESSION gap
    int64_t advance_ms = 0;  // HOPPING
    std::optional<int64_t> retention_ms;
    std::optional<int64_t> grace_ms;
    SourceLocation loc;
};

enum class EmitKind : uint8_t { kNone, kChanges, kFinal };

struct Query {
    std::vector<SelectItem> select;
    Relation from;
    std::vector<JoinClause> joins;
    std::optional<WindowClause> window;
    ExprPtr where;
    std::vector<ExprPtr> group_by;
    std::vector<ExprPtr> partition_by;
    ExprPtr having;
    EmitKind emit = EmitKind::kNone;
    std::optional<int64_t> limit;
    SourceLocation loc;
};

// WITH (...) properties. Keys upper-cased; values are literals (string/number/boolean) kept as
// written text, with the literal kind so that numbers and strings can be told apart.
struct PropertyValue {
    LiteralKind kind = LiteralKind::kString;
    std::string text;  // unquoted string contents, or the number/boolean as written
};
using Properties = std::map<std::string, PropertyValue>;

// ---------------------------------------------------------------- statements

enum class ColumnConstraint : uint8_t { kNone, kKey, kPrimaryKey, kHeaders, kHeader };

struct TableElement {
    Identifier name;
    SqlType type;
    ColumnConstraint constraint = ColumnConstraint::kNone;
    std::string header_key;  // kHeader
    SourceLocation loc;
};

struct CreateSource {  // CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name (elements) WITH (...)
    bool is_table = false;
    bool or_replace = false;
    bool if_not_exists = false;
    bool is_source = false;
    Identifier name;
    std::vector<TableElement> elements;
    Properties properties;
};

struct CreateAsSelect {  // CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [WITH (...)] AS query
    bool is_table = false;
    bool or_replace = false;
    bool if_not_exists = false;
    Identifier name;
    Properties properties;
    Query query;
};

struct InsertInto {  // INSERT INTO target [WITH (...)] query
    Identifier target;
    Properties properties;
    Query query;
};

struct InsertValues {  // INSERT INTO target [(columns)] VALUES (values)
    Identifier target;
    std::vector<Identifier> columns;  // empty: all columns in schema order
    std::vector<ExprPtr> values;
};

struct SelectStatement {  // a push (EMIT CHANGES) or pull query
    Query query;
};

enum class ListKind : uint8_t {
    kStreams, kTables, kQueries, kTopics, kAllTopics, kProperties, kFunctions, kTypes,
    kVariables, kConnectors,
};

struct ListStatement {  // SHOW|LIST STREAMS|TABLES|QUERIES|[ALL] TOPICS|PROPERTIES|FUNCTIONS|TYPES|VARIABLES [EXTENDED]
    ListKind kind = ListKind::kStreams;
    bool extended = false;
};

struct DescribeSource {  // DESCRIBE [EXTENDED] name ; DESCRIBE STREAMS|TABLES [EXTENDED]
    Identifier name;
    bool extended = false;
    bool all_streams = false;  // DESCRIBE STREAMS
    bool all_tables = false;   // DESCRIBE TABLES
};

struct DescribeFunction {  // DESCRIBE FUNCTION name
    Identifier name;
};

struct DropSource {  // DROP STREAM|TABLE [IF EXISTS] name [DELETE TOPIC]
    bool is_table = false;
    bool if_exists = false;
    Identifier name;
    bool delete_topic = false;
};

struct TerminateQuery {  // TERMINATE query_id | TERMINATE ALL
    std::string query_id;  // as written (ksqlDB ids are case-insensitive upper-case)
    bool all = false;
};

struct SetProperty {  // SET 'name' = 'value'
    std::string name;
    std::string value;
};

struct UnsetProperty {  // UNSET 'name'
    std::string name;
};

struct DefineVariable {  // DEFINE name = 'value'
    std::string name;
    std::string value;
};

struct UndefineVariable {  // UNDEFINE name
    std::string name;
};

struct ExplainStatement {  // EXPLAIN query_id | EXPLAIN statement
    std::string query_id;
    std::string statement_text;  // when explaining a statement
};

struct CreateType {  // CREATE TYPE [IF NOT EXISTS] name AS type
    Identifier name;
    SqlType type;
    bool if_not_exists = false;
};

struct DropType {  // DROP TYPE [IF EXISTS] name
    Identifier name;
    bool if_exists = false;
};

struct PrintTopic {  // PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]
    std::string topic;
    bool from_beginning = false;
    std::optional<int64_t> interval;
    std::optional<int64_t> limit;
};

struct AssertStatement {  // ASSERT [NOT EXISTS] TOPIC|SCHEMA ... (parsed, reported unsupported)
    std::string text;
};

using StatementBody =
    std::variant<CreateSource, CreateAsSelect, InsertInto, InsertValues, SelectStatement,
                 ListStatement, DescribeSource, DescribeFunction, DropSource, TerminateQuery,
                 SetProperty, UnsetProperty, DefineVariable, UndefineVariable, ExplainStatement,
                 CreateType, DropType, PrintTopic, AssertStatement>;

struct Statement {
    StatementBody body;
    std::string text;  // the statement's own text, as written, ending with ';'
    SourceLocation loc;
};

}  // namespace runnel::parser
