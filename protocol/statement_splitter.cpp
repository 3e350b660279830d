#include "protocol/statement_splitter.h"

#include <cctype>

namespace runnel::protocol {

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string TrimCopy(const std::string& s) {
    size_t a = 0;
    size_t b = s.size();
    while (a < b && IsSpace(s[a])) ++a;
    while (b > a && IsSpace(s[b - 1])) --b;
    return s.substr(a, b - a);
}

}  // namespace

void StatementSplitter::Append(char c) {
    if (!has_content_ && IsSpace(c)) return;  // no leading blanks
    current_.push_back(c);
    has_content_ = true;
}

std::vector<std::string> StatementSplitter::Add(std::string_view text) {
    input_.append(text);
    std::vector<std::string> out;
    Process(/*at_end=*/false, &out);
    return out;
}

bool StatementSplitter::pending() const {
    if (has_content_) return true;
    if (state_ != State::kNormal && state_ != State::kLineComment) return true;
    for (char c : input_) {
        if (!IsSpace(c)) return true;
    }
    return false;
}

std::string StatementSplitter::Finish() {
    std::vector<std::string> out;
    Process(/*at_end=*/true, &out);
    std::string rest = has_content_ ? TrimCopy(current_) : std::string();
    Reset();
    return rest;
}

void StatementSplitter::Reset() {
    state_ = State::kNormal;
    input_.clear();
    current_.clear();
    has_content_ = false;
}

void StatementSplitter::Process(bool at_end, std::vector<std::string>* out) {
    size_t i = 0;
    const size_t n = input_.size();
    // The quote character that closes each quoted state.
    auto quote_of = [](State s) {
        return s == State::kSingleQuote ? '\'' : s == State::kDoubleQuote ? '"' : '`';
    };
    while (i < n) {
        char c = input_[i];
        bool has_next = i + 1 < n;
        char next = has_next ? input_[i + 1] : '\0';
        switch (state_) {
            case State::kNormal:
                if ((c == '-' || c == '/') && !has_next && !at_end) {
                    input_.erase(0, i);  // wait for the next character
                    return;
                }
                if (c == '-' && next == '-') {
                    state_ = State::kLineComment;
                    i += 2;
                    continue;
                }
                if (c == '/' && next == '*') {
                    state_ = State::kBlockComment;
                    i += 2;
                    continue;
                }
                if (c == ';') {
                    if (has_content_) {
                        current_.push_back(';');
                        out->push_back(TrimCopy(current_));
                    }
                    current_.clear();
                    has_content_ = false;
                } else {
                    if (c == '\'') state_ = State::kSingleQuote;
                    if (c == '"') state_ = State::kDoubleQuote;
                    if (c == '`') state_ = State::kBacktick;
                    Append(c);
                }
                ++i;
                break;
            case State::kSingleQuote:
            case State::kDoubleQuote:
            case State::kBacktick: {
                char q = quote_of(state_);
                if (c == q) {
                    if (!has_next && !at_end) {
                        input_.erase(0, i);  // a doubled quote is an escape: wait
                        return;
                    }
                    if (next == q) {
                        current_.push_back(c);
                        current_.push_back(next);
                        i += 2;
                        continue;
                    }
                    state_ = State::kNormal;
                }
                current_.push_back(c);
                ++i;
                break;
            }
            case State::kLineComment:
                if (c == '\n') {
                    state_ = State::kNormal;
                    Append('\n');
                }
                ++i;
                break;
            case State::kBlockComment:
                if (c == '*' && !has_next && !at_end) {
                    input_.erase(0, i);
                    return;
                }
                if (c == '*' && next == '/') {
                    state_ = State::kNormal;
                    Append(' ');
                    i += 2;
                    continue;
                }
                ++i;
                break;
        }
    }
    input_.clear();
}

std::vector<std::string> SplitStatements(std::string_view text, std::string* rest) {
    StatementSplitter splitter;
    std::vector<std::string> statements = splitter.Add(text);
    std::string tail = splitter.Finish();
    if (rest != nullptr) {
        *rest = std::move(tail);
    } else if (!tail.empty()) {
        statements.push_back(std::move(tail));
    }
    return statements;
}

}  // namespace runnel::protocol
