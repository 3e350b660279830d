#include "engine/parser/syntax_error_listener.h"

#include <algorithm>
#include <string>
#include <vector>

#include "grammar/RunnelSqlParser.h"

namespace runnel::parser {

namespace {

using runnel_grammar::RunnelSqlParser;

std::string TokenDisplayName(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
    switch (type) {
        case antlr4::Token::EOF: return "<EOF>";
        case RunnelSqlParser::STRING: return "a string";
        case RunnelSqlParser::INTEGER_VALUE: return "an integer";
        case RunnelSqlParser::DECIMAL_VALUE:
        case RunnelSqlParser::FLOATING_POINT_VALUE: return "a number";
        case RunnelSqlParser::NULL_: return "NULL";
        default: break;
    }
    std::string literal = vocabulary.getLiteralName(type);
    if (!literal.empty()) return literal;
    return vocabulary.getSymbolicName(type);
}

// ANTLR lists every token it expects, which with non-reserved keywords is unreadable: tokens
// that together can start an expression or an identifier are shown as "an expression" or
// "an identifier".
std::string DescribeExpected(antlr4::Parser* parser, const antlr4::misc::IntervalSet& expected) {
    const antlr4::atn::ATN& atn = parser->getATN();
    const antlr4::misc::IntervalSet& expression_start =
        atn.nextTokens(atn.ruleToStartState[RunnelSqlParser::RuleExpression]);
    const antlr4::misc::IntervalSet& value_start =
        atn.nextTokens(atn.ruleToStartState[RunnelSqlParser::RuleValueExpression]);
    const antlr4::misc::IntervalSet& identifier_start =
        atn.nextTokens(atn.ruleToStartState[RunnelSqlParser::RuleIdentifier]);
    std::vector<std::string> parts;
    antlr4::misc::IntervalSet rest = expected;
    auto contains_all = [&](const antlr4::misc::IntervalSet& set) {
        return !set.isEmpty() && set.subtract(expected).isEmpty();
    };
    if (contains_all(expression_start)) {
        parts.push_back("an expression");
        rest = rest.subtract(expression_start);
    } else if (contains_all(value_start)) {
        parts.push_back("an expression");
        rest = rest.subtract(value_start);
    } else if (contains_all(identifier_start)) {
        parts.push_back("an identifier");
        rest = rest.subtract(identifier_start);
    }
    for (ssize_t type : rest.toList()) {
        std::string name = TokenDisplayName(parser->getVocabulary(), static_cast<size_t>(type));
        if (std::find(parts.begin(), parts.end(), name) == parts.end()) parts.push_back(name);
    }
    if (parts.size() == 1) return parts[0];
    std::string out = "{";
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += ", ";
        out += parts[i];
    }
    return out + "}";
}

std::string ShortenExpected(antlr4::Recognizer* recognizer, const std::string& message) {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    const size_t at = message.find(" expecting ");
    if (parser == nullptr || at == std::string::npos) return message;
    try {
        return message.substr(0, at) + " expecting " +
               DescribeExpected(parser, parser->getExpectedTokens());
    } catch (const std::exception&) {
        return message;
    }
}

// Clearer words for tokens that only appear in broken input.
std::string ExplainMessage(const antlr4::Token* offending, const std::string& message) {
    if (offending == nullptr) return message;
    const std::string text = offending->getText();
    if (offending->getType() == RunnelSqlParser::VARIABLE) {
        return "undefined variable " + text + " (" + message + ")";
    }
    if (offending->getType() != RunnelSqlParser::UNRECOGNIZED) return message;
    if (text == "'") return "unterminated string literal (" + message + ")";
    if (text == "\"" || text == "`") return "unterminated quoted identifier (" + message + ")";
    return "unexpected character '" + text + "' (" + message + ")";
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer,
                                      antlr4::Token* offending_symbol, size_t line,
                                      size_t char_position_in_line, const std::string& message,
                                      std::exception_ptr /*error*/) {
    if (has_error_) return;
    has_error_ = true;
    error_.char_index = SyntaxErrorInfo::kNoIndex;
    error_.token_index = SyntaxErrorInfo::kNoIndex;
    if (offending_symbol != nullptr && offending_symbol->getStartIndex() != INVALID_INDEX) {
        error_.char_index = offending_symbol->getStartIndex();
        error_.token_index = offending_symbol->getTokenIndex();
    }
    error_.line = line;
    error_.column = char_position_in_line;
    error_.message = ExplainMessage(offending_symbol, ShortenExpected(recognizer, message));
}

}  // namespace runnel::parser
