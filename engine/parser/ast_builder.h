// AstBuilder: turns the ANTLR parse tree of one statement or expression into the AST of ast.h.
// Canonicalises as it goes: unquoted identifiers upper-cased, property keys upper-cased,
// durations in milliseconds, a minus sign folded into a numeric literal. Errors are returned as
// Status::Syntax("line L:C: ...") located in the original script.
// Private to engine/parser (it exposes ANTLR types). Not thread-safe: one per parse.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "antlr4-runtime.h"
#include "engine/common/status.h"
#include "engine/parser/ast.h"
#include "engine/parser/source_map.h"
#include "grammar/RunnelSqlParser.h"

namespace runnel::parser {

class AstBuilder {
public:
    using P = runnel_grammar::RunnelSqlParser;

    explicit AstBuilder(const StatementSource* source) : source_(source) {}

    Result<StatementBody> BuildStatement(P::StatementContext* ctx);
    Result<ExprPtr> BuildExpression(P::ExpressionContext* ctx);

private:
    // ---- common (ast_builder_common.cpp)
    SourceLocation Loc(const antlr4::Token* token) const;
    SourceLocation Loc(antlr4::ParserRuleContext* ctx) const { return Loc(ctx->getStart()); }
    Status ErrorAt(const antlr4::Token* token, const std::string& message) const;
    Status ErrorAt(antlr4::ParserRuleContext* ctx, const std::string& message) const {
        return ErrorAt(ctx->getStart(), message);
    }
    // The original text of a rule (after variable substitution), comments included.
    std::string TextOf(antlr4::ParserRuleContext* ctx) const;

    Result<Identifier> BuildIdentifier(P::IdentifierContext* ctx);
    Result<std::vector<Identifier>> BuildIdentifiers(const std::vector<P::IdentifierContext*>& ids);
    Result<SqlType> BuildType(P::TypeContext* ctx);
    Result<int64_t> BuildDuration(P::DurationContext* ctx);
    Result<int64_t> BuildCount(antlr4::Token* token);  // a non-negative INTEGER_VALUE
    Result<Properties> BuildProperties(P::WithClauseContext* ctx);
    Result<PropertyValue> BuildPropertyValue(P::PropertyValueContext* ctx);
    Result<std::string> BuildVariableName(P::VariableNameContext* ctx);

    // ---- expressions (ast_builder_expression.cpp)
    Result<ExprPtr> BuildBoolean(P::BooleanExpressionContext* ctx);
    Result<ExprPtr> BuildPredicated(P::PredicatedContext* ctx);
    Result<ExprPtr> BuildValue(P::ValueExpressionContext* ctx);
    Result<ExprPtr> BuildPrimary(P::PrimaryExpressionContext* ctx);
    Result<ExprPtr> BuildLiteral(P::LiteralContext* ctx);
    Result<ExprPtr> BuildNumber(P::NumberContext* ctx, bool negative, SourceLocation loc);
    Result<ExprPtr> BuildTypedLiteral(P::TypedLiteralContext* ctx);
    Result<ExprPtr> BuildFunctionCall(P::FunctionCallContext* ctx);
    Result<ExprPtr> BuildFunctionArgument(P::FunctionArgumentContext* ctx);
    Result<ExprPtr> BuildLambda(P::LambdaExpressionContext* ctx);
    Result<ExprPtr> BuildColumnReference(P::IdentifierContext* ctx);
    Result<std::vector<ExprPtr>> BuildExpressions(const std::vector<P::ExpressionContext*>& list);
    bool IsLambdaVariable(const std::string& name) const;

    // ---- queries (ast_builder_query.cpp)
    Result<Query> BuildQuery(P::QueryContext* ctx);
    Result<SelectItem> BuildSelectItem(P::SelectItemContext* ctx);
    Result<Relation> BuildRelation(P::AliasedRelationContext* ctx);
    Result<JoinClause> BuildJoin(P::JoinClauseContext* ctx);
    Result<WithinClause> BuildWithin(P::WithinClauseContext* ctx);
    Result<WindowClause> BuildWindow(P::WindowExpressionContext* ctx);
    Status ApplyWindowOptions(const std::vector<P::WindowOptionContext*>& options,
                              WindowClause* window);
    Result<std::vector<ExprPtr>> BuildGrouping(P::GroupingExpressionsContext* ctx);

    // ---- statements (ast_builder_statement.cpp)
    Result<StatementBody> BuildCreateSource(P::CreateSourceContext* ctx);
    Result<StatementBody> BuildCreateAsSelect(P::CreateAsSelectContext* ctx);
    Result<StatementBody> BuildInsertValues(P::InsertValuesContext* ctx);
    Result<StatementBody> BuildList(P::ListStatementContext* ctx);
    Result<StatementBody> BuildPrint(P::PrintTopicContext* ctx);
    Result<TableElement> BuildTableElement(P::TableElementContext* ctx);

    // Guards the builder's recursion (a long a OR b OR ... chain nests as deep as it is long).
    class DepthGuard {
    public:
        explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
        ~DepthGuard() { --*depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        bool exceeded() const { return *depth_ > kMaxDepth; }

    private:
        int* depth_;
    };
    static constexpr int kMaxDepth = 2000;

    const StatementSource* source_;
    int depth_ = 0;
    // Parameters of the lambdas being built, innermost last.
    std::vector<std::vector<std::string>> lambda_scopes_;
};

// Shared helpers of the builder files.
struct TimeUnitInfo {
    const char* name;  // canonical plural: MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS
    int64_t millis;
};
TimeUnitInfo TimeUnitOf(size_t token_type);
std::shared_ptr<Expr> MakeLiteral(LiteralKind kind, std::string text, SourceLocation loc);
std::string UnquoteString(const std::string& token_text);  // 'it''s' -> it's

}  // namespace runnel::parser
