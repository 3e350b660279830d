#include "protocol/statement_kind.h"

#include <cctype>
#include <optional>

namespace runnel::protocol {

namespace {

// A minimal token reader over one statement: words, '...' strings and single characters.
class Tokens {
public:
    explicit Tokens(std::string_view text) : text_(text) {}

    void SkipSpace() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
            ++pos_;
        }
    }

    // A keyword or identifier, upper-cased when `upper`.
    std::optional<std::string> Word(bool upper) {
        SkipSpace();
        size_t start = pos_;
        while (pos_ < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
            ++pos_;
        }
        if (pos_ == start) return std::nullopt;
        std::string out(text_.substr(start, pos_ - start));
        if (upper) {
            for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        return out;
    }

    // A '...' literal with '' escapes, unquoted.
    std::optional<std::string> String() {
        SkipSpace();
        if (pos_ >= text_.size() || text_[pos_] != '\'') return std::nullopt;
        std::string out;
        ++pos_;
        while (pos_ < text_.size()) {
            char c = text_[pos_++];
            if (c == '\'') {
                if (pos_ < text_.size() && text_[pos_] == '\'') {
                    out.push_back('\'');
                    ++pos_;
                    continue;
                }
                return out;
            }
            out.push_back(c);
        }
        return std::nullopt;  // unterminated
    }

    bool Char(char c) {
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    // Only an optional ';' and blanks remain.
    bool AtEnd() {
        Char(';');
        SkipSpace();
        return pos_ == text_.size();
    }

private:
    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace

ClassifiedStatement ClassifyStatement(std::string_view statement) {
    ClassifiedStatement out;
    Tokens tokens(statement);
    std::optional<std::string> first = tokens.Word(/*upper=*/true);
    if (!first) return out;
    if (*first == "SELECT" || *first == "PRINT") {
        out.kind = StatementKind::kQuery;
        return out;
    }
    if (*first == "SET") {
        auto name = tokens.String();
        if (!name || !tokens.Char('=')) return out;
        auto value = tokens.String();
        if (!value || !tokens.AtEnd()) return out;
        out = {StatementKind::kSet, *name, *value};
    } else if (*first == "UNSET") {
        auto name = tokens.String();
        if (!name || !tokens.AtEnd()) return out;
        out = {StatementKind::kUnset, *name, ""};
    } else if (*first == "DEFINE") {
        auto name = tokens.Word(/*upper=*/false);
        if (!name || !tokens.Char('=')) return out;
        auto value = tokens.String();
        if (!value || !tokens.AtEnd()) return out;
        out = {StatementKind::kDefine, *name, *value};
    } else if (*first == "UNDEFINE") {
        auto name = tokens.Word(/*upper=*/false);
        if (!name || !tokens.AtEnd()) return out;
        out = {StatementKind::kUndefine, *name, ""};
    }
    return out;
}

}  // namespace runnel::protocol
