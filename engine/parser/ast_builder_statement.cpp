// AstBuilder, statements: CREATE / INSERT / DROP / SHOW / DESCRIBE / TERMINATE / SET / DEFINE /
// EXPLAIN / PRINT / ASSERT and types.
#include "engine/parser/ast_builder.h"

namespace runnel::parser {

using P = runnel_grammar::RunnelSqlParser;

Result<StatementBody> AstBuilder::BuildStatement(P::StatementContext* ctx) {
    if (auto* query = dynamic_cast<P::QueryStatementContext*>(ctx)) {
        SelectStatement statement;
        ASSIGN_OR_RETURN(statement.query, BuildQuery(query->query()));
        return StatementBody(std::move(statement));
    }
    if (auto* create = dynamic_cast<P::CreateSourceContext*>(ctx)) return BuildCreateSource(create);
    if (auto* create = dynamic_cast<P::CreateAsSelectContext*>(ctx)) {
        return BuildCreateAsSelect(create);
    }
    if (auto* insert = dynamic_cast<P::InsertIntoContext*>(ctx)) {
        InsertInto statement;
        ASSIGN_OR_RETURN(statement.target, BuildIdentifier(insert->sourceName()->identifier()));
        ASSIGN_OR_RETURN(statement.properties, BuildProperties(insert->withClause()));
        ASSIGN_OR_RETURN(statement.query, BuildQuery(insert->query()));
        return StatementBody(std::move(statement));
    }
    if (auto* insert = dynamic_cast<P::InsertValuesContext*>(ctx)) return BuildInsertValues(insert);
    if (auto* list = dynamic_cast<P::ListStatementContext*>(ctx)) return BuildList(list);
    if (auto* describe = dynamic_cast<P::DescribeSourcesContext*>(ctx)) {
        DescribeSource statement;
        statement.all_streams = describe->kind->getType() == P::STREAMS;
        statement.all_tables = !statement.all_streams;
        statement.extended = describe->EXTENDED() != nullptr;
        return StatementBody(std::move(statement));
    }
    if (auto* describe = dynamic_cast<P::DescribeSourceContext*>(ctx)) {
        DescribeSource statement;
        ASSIGN_OR_RETURN(statement.name, BuildIdentifier(describe->sourceName()->identifier()));
        statement.extended = describe->EXTENDED() != nullptr;
        return StatementBody(std::move(statement));
    }
    if (auto* describe = dynamic_cast<P::DescribeFunctionContext*>(ctx)) {
        DescribeFunction statement;
        ASSIGN_OR_RETURN(statement.name, BuildIdentifier(describe->identifier()));
        return StatementBody(std::move(statement));
    }
    if (auto* drop = dynamic_cast<P::DropSourceContext*>(ctx)) {
        DropSource statement;
        statement.is_table = drop->kind->getType() == P::TABLE;
        statement.if_exists = drop->IF() != nullptr;
        ASSIGN_OR_RETURN(statement.name, BuildIdentifier(drop->sourceName()->identifier()));
        statement.delete_topic = drop->DELETE() != nullptr;
        return StatementBody(std::move(statement));
    }
    if (dynamic_cast<P::TerminateAllContext*>(ctx) != nullptr) {
        TerminateQuery statement;
        statement.all = true;
        return StatementBody(std::move(statement));
    }
    if (auto* terminate = dynamic_cast<P::TerminateQueryContext*>(ctx)) {
        TerminateQuery statement;
        ASSIGN_OR_RETURN(Identifier id, BuildIdentifier(terminate->identifier()));
        statement.query_id = std::move(id.name);
        return StatementBody(std::move(statement));
    }
    if (auto* set = dynamic_cast<P::SetPropertyContext*>(ctx)) {
        SetProperty statement;
        statement.name = UnquoteString(set->name->getText());
        statement.value = UnquoteString(set->value->getText());
        return StatementBody(std::move(statement));
    }
    if (auto* unset = dynamic_cast<P::UnsetPropertyContext*>(ctx)) {
        UnsetProperty statement;
        statement.name = UnquoteString(unset->name->getText());
        return StatementBody(std::move(statement));
    }
    if (auto* define = dynamic_cast<P::DefineVariableContext*>(ctx)) {
        DefineVariable statement;
        ASSIGN_OR_RETURN(statement.name, BuildVariableName(define->variableName()));
        statement.value = UnquoteString(define->STRING()->getText());
        return StatementBody(std::move(statement));
    }
    if (auto* undefine = dynamic_cast<P::UndefineVariableContext*>(ctx)) {
        UndefineVariable statement;
        ASSIGN_OR_RETURN(statement.name, BuildVariableName(undefine->variableName()));
        return StatementBody(std::move(statement));
    }
    if (auto* explain = dynamic_cast<P::ExplainStatementContext*>(ctx)) {
        // The explained statement must be valid; only its text is kept.
        ASSIGN_OR_RETURN(StatementBody inner, BuildStatement(explain->statement()));
        (void)inner;
        ExplainStatement statement;
        statement.statement_text = TextOf(explain->statement());
        return StatementBody(std::move(statement));
    }
    if (auto* explain = dynamic_cast<P::ExplainQueryContext*>(ctx)) {
        ExplainStatement statement;
        ASSIGN_OR_RETURN(Identifier id, BuildIdentifier(explain->identifier()));
        statement.query_id = std::move(id.name);
        return StatementBody(std::move(statement));
    }
    if (auto* create = dynamic_cast<P::CreateTypeContext*>(ctx)) {
        CreateType statement;
        ASSIGN_OR_RETURN(statement.name, BuildIdentifier(create->identifier()));
        ASSIGN_OR_RETURN(statement.type, BuildType(create->type()));
        statement.if_not_exists = create->IF() != nullptr;
        return StatementBody(std::move(statement));
    }
    if (auto* drop = dynamic_cast<P::DropTypeContext*>(ctx)) {
        DropType statement;
        ASSIGN_OR_RETURN(statement.name, BuildIdentifier(drop->identifier()));
        statement.if_exists = drop->IF() != nullptr;
        return StatementBody(std::move(statement));
    }
    if (auto* print = dynamic_cast<P::PrintTopicContext*>(ctx)) return BuildPrint(print);
    if (dynamic_cast<P::AssertStatementContext*>(ctx) != nullptr) {
        AssertStatement statement;
        statement.text = TextOf(ctx);
        return StatementBody(std::move(statement));
    }
    return ErrorAt(ctx, "unsupported statement");
}

Result<TableElement> AstBuilder::BuildTableElement(P::TableElementContext* ctx) {
    TableElement element;
    element.loc = Loc(ctx);
    ASSIGN_OR_RETURN(element.name, BuildIdentifier(ctx->identifier()));
    ASSIGN_OR_RETURN(element.type, BuildType(ctx->type()));
    P::ColumnConstraintContext* constraint = ctx->columnConstraint();
    if (constraint == nullptr) {
        element.constraint = ColumnConstraint::kNone;
    } else if (dynamic_cast<P::PrimaryKeyConstraintContext*>(constraint) != nullptr) {
        element.constraint = ColumnConstraint::kPrimaryKey;
    } else if (dynamic_cast<P::KeyConstraintContext*>(constraint) != nullptr) {
        element.constraint = ColumnConstraint::kKey;
    } else if (dynamic_cast<P::HeadersConstraintContext*>(constraint) != nullptr) {
        element.constraint = ColumnConstraint::kHeaders;
    } else if (auto* header = dynamic_cast<P::HeaderConstraintContext*>(constraint)) {
        element.constraint = ColumnConstraint::kHeader;
        element.header_key = UnquoteString(header->STRING()->getText());
    }
    return element;
}

Result<StatementBody> AstBuilder::BuildCreateSource(P::CreateSourceContext* ctx) {
    CreateSource statement;
    statement.is_table = ctx->kind->getType() == P::TABLE;
    statement.or_replace = ctx->REPLACE() != nullptr;
    statement.if_not_exists = ctx->IF() != nullptr;
    statement.is_source = ctx->SOURCE() != nullptr;
    ASSIGN_OR_RETURN(statement.name, BuildIdentifier(ctx->sourceName()->identifier()));
    for (P::TableElementContext* element : ctx->tableElement()) {
        ASSIGN_OR_RETURN(TableElement built, BuildTableElement(element));
        for (const TableElement& existing : statement.elements) {
            if (existing.name.name == built.name.name) {
                return ErrorAt(element, "duplicate column name: " + built.name.name);
            }
        }
        statement.elements.push_back(std::move(built));
    }
    ASSIGN_OR_RETURN(statement.properties, BuildProperties(ctx->withClause()));
    return StatementBody(std::move(statement));
}

Result<StatementBody> AstBuilder::BuildCreateAsSelect(P::CreateAsSelectContext* ctx) {
    CreateAsSelect statement;
    statement.is_table = ctx->kind->getType() == P::TABLE;
    statement.or_replace = ctx->REPLACE() != nullptr;
    statement.if_not_exists = ctx->IF() != nullptr;
    ASSIGN_OR_RETURN(statement.name, BuildIdentifier(ctx->sourceName()->identifier()));
    ASSIGN_OR_RETURN(statement.properties, BuildProperties(ctx->withClause()));
    ASSIGN_OR_RETURN(statement.query, BuildQuery(ctx->query()));
    return StatementBody(std::move(statement));
}

Result<StatementBody> AstBuilder::BuildInsertValues(P::InsertValuesContext* ctx) {
    InsertValues statement;
    ASSIGN_OR_RETURN(statement.target, BuildIdentifier(ctx->sourceName()->identifier()));
    ASSIGN_OR_RETURN(statement.columns, BuildIdentifiers(ctx->identifier()));
    // A column/value count mismatch is left to the analyzer, which knows the schema.
    ASSIGN_OR_RETURN(statement.values, BuildExpressions(ctx->expression()));
    return StatementBody(std::move(statement));
}

Result<StatementBody> AstBuilder::BuildList(P::ListStatementContext* ctx) {
    ListStatement statement;
    const size_t kind = ctx->kind->getType();
    const bool all = ctx->ALL() != nullptr;
    statement.extended = ctx->EXTENDED() != nullptr;
    const std::string verb = ctx->LIST() != nullptr ? "LIST" : "SHOW";
    switch (kind) {
        case P::STREAMS: statement.kind = ListKind::kStreams; break;
        case P::TABLES: statement.kind = ListKind::kTables; break;
        case P::QUERIES: statement.kind = ListKind::kQueries; break;
        case P::TOPICS: statement.kind = all ? ListKind::kAllTopics : ListKind::kTopics; break;
        case P::PROPERTIES: statement.kind = ListKind::kProperties; break;
        case P::FUNCTIONS: statement.kind = ListKind::kFunctions; break;
        case P::TYPES: statement.kind = ListKind::kTypes; break;
        case P::VARIABLES: statement.kind = ListKind::kVariables; break;
        default: statement.kind = ListKind::kConnectors; break;
    }
    if (all && kind != P::TOPICS) {
        return ErrorAt(ctx->ALL()->getSymbol(), "ALL is only allowed in " + verb + " ALL TOPICS");
    }
    const bool extensible = kind == P::STREAMS || kind == P::TABLES || kind == P::QUERIES ||
                            kind == P::TOPICS;
    if (statement.extended && !extensible) {
        return ErrorAt(ctx->EXTENDED()->getSymbol(),
                       "EXTENDED is not supported for " + verb + " " + ctx->kind->getText());
    }
    return StatementBody(std::move(statement));
}

Result<StatementBody> AstBuilder::BuildPrint(P::PrintTopicContext* ctx) {
    PrintTopic statement;
    if (ctx->STRING() != nullptr) {
        statement.topic = UnquoteString(ctx->STRING()->getText());
    } else {
        // Topic names are case-sensitive: an unquoted name is kept as written.
        ASSIGN_OR_RETURN(Identifier id, BuildIdentifier(ctx->identifier()));
        statement.topic = id.quoted ? id.name : ctx->identifier()->getText();
    }
    P::PrintClauseContext* clause = ctx->printClause();
    statement.from_beginning = clause->BEGINNING() != nullptr;
    if (clause->interval != nullptr) {
        ASSIGN_OR_RETURN(statement.interval, BuildCount(clause->interval));
    }
    if (clause->limit != nullptr) {
        ASSIGN_OR_RETURN(statement.limit, BuildCount(clause->limit));
    }
    return StatementBody(std::move(statement));
}

}  // namespace runnel::parser
