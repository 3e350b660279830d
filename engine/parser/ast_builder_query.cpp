// AstBuilder, queries: SELECT items, FROM with joins and WITHIN, WINDOW, GROUP BY,
// PARTITION BY, HAVING, EMIT and LIMIT.
#include "engine/parser/ast_builder.h"

namespace runnel::parser {

using P = runnel_grammar::RunnelSqlParser;

Result<Query> AstBuilder::BuildQuery(P::QueryContext* ctx) {
    Query query;
    query.loc = Loc(ctx);
    for (P::SelectItemContext* item : ctx->selectItem()) {
        ASSIGN_OR_RETURN(SelectItem built, BuildSelectItem(item));
        query.select.push_back(std::move(built));
    }
    P::RelationContext* relation = ctx->relation();
    ASSIGN_OR_RETURN(query.from, BuildRelation(relation->aliasedRelation()));
    for (P::JoinClauseContext* join : relation->joinClause()) {
        ASSIGN_OR_RETURN(JoinClause built, BuildJoin(join));
        query.joins.push_back(std::move(built));
    }
    if (ctx->windowExpression() != nullptr) {
        ASSIGN_OR_RETURN(query.window, BuildWindow(ctx->windowExpression()));
    }
    if (ctx->where != nullptr) {
        ASSIGN_OR_RETURN(query.where, BuildExpression(ctx->where));
    }
    if (ctx->groupBy != nullptr) {
        ASSIGN_OR_RETURN(query.group_by, BuildGrouping(ctx->groupBy));
    }
    if (ctx->partitionBy != nullptr) {
        ASSIGN_OR_RETURN(query.partition_by, BuildGrouping(ctx->partitionBy));
    }
    if (ctx->having != nullptr) {
        ASSIGN_OR_RETURN(query.having, BuildExpression(ctx->having));
    }
    if (ctx->emit != nullptr) {
        query.emit = ctx->emit->getType() == P::CHANGES ? EmitKind::kChanges : EmitKind::kFinal;
    }
    if (ctx->limit != nullptr) {
        ASSIGN_OR_RETURN(query.limit, BuildCount(ctx->limit));
    }
    return query;
}

Result<SelectItem> AstBuilder::BuildSelectItem(P::SelectItemContext* ctx) {
    SelectItem item;
    item.loc = Loc(ctx);
    if (dynamic_cast<P::SelectAllContext*>(ctx) != nullptr) {
        item.kind = SelectItem::Kind::kAllColumns;
        return item;
    }
    if (auto* qualified = dynamic_cast<P::SelectQualifiedAllContext*>(ctx)) {
        item.kind = SelectItem::Kind::kAllColumns;
        ASSIGN_OR_RETURN(item.qualifier, BuildIdentifier(qualified->identifier()));
        return item;
    }
    auto* single = dynamic_cast<P::SelectExpressionContext*>(ctx);
    if (single == nullptr) return ErrorAt(ctx, "unsupported select item");
    item.kind = SelectItem::Kind::kExpr;
    ASSIGN_OR_RETURN(item.expr, BuildExpression(single->expression()));
    if (single->identifier() != nullptr) {
        ASSIGN_OR_RETURN(item.alias, BuildIdentifier(single->identifier()));
    }
    return item;
}

Result<Relation> AstBuilder::BuildRelation(P::AliasedRelationContext* ctx) {
    Relation relation;
    relation.loc = Loc(ctx);
    ASSIGN_OR_RETURN(relation.source, BuildIdentifier(ctx->sourceName()->identifier()));
    if (ctx->identifier() != nullptr) {
        ASSIGN_OR_RETURN(relation.alias, BuildIdentifier(ctx->identifier()));
    }
    return relation;
}

Result<JoinClause> AstBuilder::BuildJoin(P::JoinClauseContext* ctx) {
    JoinClause join;
    join.loc = Loc(ctx);
    P::JoinTypeContext* type = ctx->joinType();
    if (type->LEFT() != nullptr) {
        join.type = JoinType::kLeft;
    } else if (type->RIGHT() != nullptr) {
        join.type = JoinType::kRight;
    } else if (type->FULL() != nullptr) {
        join.type = JoinType::kFull;
    } else {
        join.type = JoinType::kInner;
    }
    ASSIGN_OR_RETURN(join.right, BuildRelation(ctx->aliasedRelation()));
    if (ctx->withinClause() != nullptr) {
        ASSIGN_OR_RETURN(join.within, BuildWithin(ctx->withinClause()));
    }
    ASSIGN_OR_RETURN(join.on, BuildExpression(ctx->expression()));
    return join;
}

Result<WithinClause> AstBuilder::BuildWithin(P::WithinClauseContext* ctx) {
    WithinClause within;
    if (ctx->single != nullptr) {
        ASSIGN_OR_RETURN(within.before_ms, BuildDuration(ctx->single));
        within.after_ms = within.before_ms;
    } else {
        ASSIGN_OR_RETURN(within.before_ms, BuildDuration(ctx->before));
        ASSIGN_OR_RETURN(within.after_ms, BuildDuration(ctx->after));
    }
    if (ctx->grace != nullptr) {
        ASSIGN_OR_RETURN(within.grace_ms, BuildDuration(ctx->grace));
    }
    return within;
}

Result<WindowClause> AstBuilder::BuildWindow(P::WindowExpressionContext* ctx) {
    WindowClause window;
    window.loc = Loc(ctx);
    if (auto* tumbling = dynamic_cast<P::TumblingWindowContext*>(ctx)) {
        window.kind = WindowKind::kTumbling;
        ASSIGN_OR_RETURN(window.size_ms, BuildDuration(tumbling->size));
        RETURN_IF_ERROR(ApplyWindowOptions(tumbling->windowOption(), &window));
    } else if (auto* hopping = dynamic_cast<P::HoppingWindowContext*>(ctx)) {
        window.kind = WindowKind::kHopping;
        ASSIGN_OR_RETURN(window.size_ms, BuildDuration(hopping->size));
        ASSIGN_OR_RETURN(window.advance_ms, BuildDuration(hopping->advance));
        RETURN_IF_ERROR(ApplyWindowOptions(hopping->windowOption(), &window));
    } else if (auto* session = dynamic_cast<P::SessionWindowContext*>(ctx)) {
        window.kind = WindowKind::kSession;
        ASSIGN_OR_RETURN(window.size_ms, BuildDuration(session->gap));
        RETURN_IF_ERROR(ApplyWindowOptions(session->windowOption(), &window));
    } else {
        return ErrorAt(ctx, "unsupported window");
    }
    return window;
}

Status AstBuilder::ApplyWindowOptions(const std::vector<P::WindowOptionContext*>& options,
                                      WindowClause* window) {
    for (P::WindowOptionContext* option : options) {
        if (auto* retention = dynamic_cast<P::RetentionOptionContext*>(option)) {
            if (window->retention_ms.has_value()) {
                return ErrorAt(option, "RETENTION is given more than once");
            }
            ASSIGN_OR_RETURN(window->retention_ms, BuildDuration(retention->duration()));
        } else if (auto* grace = dynamic_cast<P::GraceOptionContext*>(option)) {
            if (window->grace_ms.has_value()) {
                return ErrorAt(option, "GRACE PERIOD is given more than once");
            }
            ASSIGN_OR_RETURN(window->grace_ms, BuildDuration(grace->duration()));
        }
    }
    return Status::Ok();
}

Result<std::vector<ExprPtr>> AstBuilder::BuildGrouping(P::GroupingExpressionsContext* ctx) {
    return BuildExpressions(ctx->expression());
}

}  // namespace runnel::parser
