// Parser facade (parser.h): splits a script into statements, substitutes ${variables} (DEFINE
// and UNDEFINE in the script apply to the statements after them), parses each statement with
// ANTLR in two stages (fast SLL prediction first, full LL only when SLL fails) and builds the AST.
#include "engine/parser/parser.h"

#include <exception>
#include <memory>
#include <utility>

#include "antlr4-runtime.h"
#include "engine/parser/ast_builder.h"
#include "engine/parser/keywords.h"
#include "engine/parser/source_map.h"
#include "engine/parser/sql_scanner.h"
#include "engine/parser/statement_splitter.h"
#include "engine/parser/syntax_error_listener.h"
#include "engine/parser/variable_substituter.h"
#include "grammar/RunnelSqlLexer.h"
#include "grammar/RunnelSqlParser.h"

namespace runnel::parser {

namespace {

using runnel_grammar::RunnelSqlLexer;
using runnel_grammar::RunnelSqlParser;

// Brackets nested deeper than this are refused before parsing (see FindExcessiveNesting).
constexpr size_t kMaxNesting = 200;

std::string LocationPrefix(SourceLocation loc) {
    return "line " + std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": ";
}

Status SyntaxStatus(const StatementSource& source, const SyntaxErrorInfo& error) {
    SourceLocation loc = error.char_index != SyntaxErrorInfo::kNoIndex
                             ? source.LocateCharIndex(error.char_index)
                             : source.LocateLineColumn(error.line, error.column);
    return Status::Syntax(LocationPrefix(loc) + error.message);
}

// One lexer and parser per call, reused for every statement of the script.
class ParseSession {
public:
    ParseSession() : lexer_(&input_), tokens_(&lexer_), parser_(&tokens_) {
        lexer_.removeErrorListeners();
        lexer_.addErrorListener(&lexer_errors_);
        parser_.removeErrorListeners();
    }

    Result<StatementBody> ParseStatement(const StatementSource& source) {
        return Run(source, &RunnelSqlParser::singleStatement,
                   [&source](RunnelSqlParser::SingleStatementContext* tree) {
                       AstBuilder builder(&source);
                       return builder.BuildStatement(tree->statement());
                   });
    }

    Result<ExprPtr> ParseExpression(const StatementSource& source) {
        return Run(source, &RunnelSqlParser::singleExpression,
                   [&source](RunnelSqlParser::SingleExpressionContext* tree) {
                       AstBuilder builder(&source);
                       return builder.BuildExpression(tree->expression());
                   });
    }

private:
    template <typename Tree, typename Build>
    auto Run(const StatementSource& source, Tree* (RunnelSqlParser::*rule)(), Build build)
        -> decltype(build(static_cast<Tree*>(nullptr))) {
        const size_t too_deep = FindExcessiveNesting(source.text(), kMaxNesting);
        if (too_deep != std::string_view::npos) {
            return Status::Syntax(LocationPrefix(source.LocateByteOffset(too_deep)) +
                                  "brackets are nested more than " +
                                  std::to_string(kMaxNesting) + " levels deep");
        }
        try {
            input_.load(source.text());
        } catch (const std::exception&) {
            return Status::Syntax(LocationPrefix(source.LocateCharIndex(0)) +
                                  "the statement is not valid UTF-8");
        }
        lexer_.setInputStream(&input_);
        tokens_.setTokenSource(&lexer_);
        parser_.setTokenStream(&tokens_);
        lexer_errors_.Reset();
        parser_errors_.Reset();
        auto* simulator = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();

        // Stage 1: SLL prediction, bail out at the first error without reporting it.
        simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
        parser_.removeErrorListeners();
        parser_.setErrorHandler(bail_);
        Tree* tree = nullptr;
        try {
            tree = (parser_.*rule)();
        } catch (const antlr4::ParseCancellationException&) {
            tree = nullptr;
        }

        // Stage 2: full LL prediction with error reporting; SLL can fail on valid input.
        if (tree == nullptr) {
            parser_.reset();
            parser_.addErrorListener(&parser_errors_);
            parser_.setErrorHandler(recover_);
            simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
            tree = (parser_.*rule)();
        }
        if (lexer_errors_.has_error()) return SyntaxStatus(source, lexer_errors_.error());
        if (parser_errors_.has_error()) {
            ExplainReservedWord(rule, &parser_errors_.mutable_error());
            return SyntaxStatus(source, parser_errors_.error());
        }
        return build(tree);
    }

    // When the error is at a reserved word, parse again with that word read as a name: if that
    // gets further, the word was meant as a name and the message says how to quote it.
    template <typename Tree>
    void ExplainReservedWord(Tree* (RunnelSqlParser::*rule)(), SyntaxErrorInfo* error) {
        if (error->token_index == SyntaxErrorInfo::kNoIndex) return;
        auto* token = dynamic_cast<antlr4::WritableToken*>(tokens_.get(error->token_index));
        if (token == nullptr || !IsReservedKeyword(token->getText())) return;
        const size_t original_type = token->getType();
        token->setType(RunnelSqlParser::IDENTIFIER);
        SyntaxErrorListener retry;
        parser_.removeErrorListeners();
        parser_.addErrorListener(&retry);
        parser_.reset();
        (parser_.*rule)();
        parser_.removeErrorListeners();
        token->setType(original_type);
        const bool got_further = !retry.has_error() ||
                                 (retry.error().token_index != SyntaxErrorInfo::kNoIndex &&
                                  retry.error().token_index > error->token_index);
        if (!got_further) return;
        const std::string word = ToUpperAscii(token->getText());
        error->message = "'" + word + "' is a reserved keyword and cannot be used as an " +
                         "identifier; quote it as `" + word + "` to use it as a name";
    }

    antlr4::ANTLRInputStream input_;
    RunnelSqlLexer lexer_;
    antlr4::CommonTokenStream tokens_;
    RunnelSqlParser parser_;
    SyntaxErrorListener lexer_errors_;
    SyntaxErrorListener parser_errors_;
    std::shared_ptr<antlr4::ANTLRErrorStrategy> bail_ =
        std::make_shared<antlr4::BailErrorStrategy>();
    std::shared_ptr<antlr4::ANTLRErrorStrategy> recover_ =
        std::make_shared<antlr4::DefaultErrorStrategy>();
};

}  // namespace

Result<std::vector<Statement>> ParseStatements(
    std::string_view sql, const std::map<std::string, std::string>& variables) {
    try {
        VariableMap vars;
        for (const auto& [name, value] : variables) vars[ToUpperAscii(name)] = value;
        SourceMap script(sql);
        ParseSession session;
        std::vector<Statement> statements;
        for (const StatementSpan& span : SplitStatements(sql)) {
            SubstitutedText substituted =
                SubstituteVariables(sql.substr(span.begin, span.end - span.begin), vars);
            StatementSource source(&script, span.begin, std::move(substituted.text),
                                   std::move(substituted.origin));
            ASSIGN_OR_RETURN(StatementBody body, session.ParseStatement(source));
            Statement statement;
            statement.body = std::move(body);
            statement.text = source.text();
            if (!span.has_semicolon) statement.text += ';';
            statement.loc = script.Locate(span.begin);
            if (const auto* define = std::get_if<DefineVariable>(&statement.body)) {
                vars[define->name] = define->value;
            } else if (const auto* undefine = std::get_if<UndefineVariable>(&statement.body)) {
                vars.erase(undefine->name);
            }
            statements.push_back(std::move(statement));
        }
        return statements;
    } catch (const std::exception& e) {
        return Status::Internal(std::string("parser failure: ") + e.what());
    }
}

Result<ExprPtr> ParseExpression(std::string_view sql) {
    try {
        SourceMap script(sql);
        StatementSource source(&script, 0, std::string(sql), {});
        ParseSession session;
        return session.ParseExpression(source);
    } catch (const std::exception& e) {
        return Status::Internal(std::string("parser failure: ") + e.what());
    }
}

}  // namespace runnel::parser
