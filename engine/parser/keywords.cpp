#include "engine/parser/keywords.h"

#include <memory>
#include <string>
#include <unordered_set>

#include "antlr4-runtime.h"
#include "engine/parser/variable_substituter.h"
#include "grammar/RunnelSqlLexer.h"
#include "grammar/RunnelSqlParser.h"

namespace runnel::parser {

namespace {

using runnel_grammar::RunnelSqlLexer;
using runnel_grammar::RunnelSqlParser;

struct KeywordTables {
    std::unordered_set<std::string> keywords;
    std::unordered_set<std::string> reserved;
};

bool IsUpperWord(std::string_view word) {
    if (word.empty()) return false;
    for (char c : word) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

// A token is a keyword when its symbolic name (minus a trailing '_', as in NULL_) is a word that
// the lexer reads back as that very token.
KeywordTables BuildTables() {
    KeywordTables tables;
    antlr4::ANTLRInputStream input("");
    RunnelSqlLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    RunnelSqlParser parser(&tokens);
    const antlr4::atn::ATN& atn = parser.getATN();
    const antlr4::misc::IntervalSet& non_reserved =
        atn.nextTokens(atn.ruleToStartState[RunnelSqlParser::RuleNonReserved]);
    const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
    for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
        if (type == RunnelSqlLexer::IDENTIFIER) continue;
        std::string word = vocabulary.getSymbolicName(type);
        if (!word.empty() && word.back() == '_') word.pop_back();
        if (!IsUpperWord(word)) continue;
        antlr4::ANTLRInputStream probe(word);
        lexer.setInputStream(&probe);
        std::unique_ptr<antlr4::Token> token = lexer.nextToken();
        if (token->getType() != type || token->getText().size() != word.size()) continue;
        tables.keywords.insert(word);
        if (!non_reserved.contains(type)) tables.reserved.insert(word);
    }
    return tables;
}

const KeywordTables& Tables() {
    static const KeywordTables tables = BuildTables();
    return tables;
}

}  // namespace

bool IsKeyword(std::string_view word) { return Tables().keywords.count(ToUpperAscii(word)) > 0; }

bool IsReservedKeyword(std::string_view word) {
    return Tables().reserved.count(ToUpperAscii(word)) > 0;
}

bool IsBareIdentifier(std::string_view name) {
    if (name.empty()) return false;
    char first = name.front();
    if (!((first >= 'A' && first <= 'Z') || first == '_')) return false;
    for (char c : name) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@';
        if (!ok) return false;
    }
    return !IsReservedKeyword(name);
}

}  // namespace runnel::parser
