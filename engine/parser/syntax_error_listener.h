// SyntaxErrorListener: ANTLR error listener that keeps the first error of a parse (position,
// offending token and message) so the parser facade can turn it into
// Status::Syntax("line L:C: ..."). Private to engine/parser (it exposes ANTLR types).
// Not thread-safe: one per parse session.
#pragma once

#include <cstddef>
#include <exception>
#include <string>

#include "antlr4-runtime.h"

namespace runnel::parser {

struct SyntaxErrorInfo {
    static constexpr size_t kNoIndex = static_cast<size_t>(-1);
    size_t char_index = kNoIndex;   // start of the offending token, when there is one
    size_t token_index = kNoIndex;  // index of the offending token in the token stream
    size_t line = 1;                // 1-based, in the parsed text
    size_t column = 0;              // 0-based, in the parsed text
    std::string message;
};

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending_symbol, size_t line,
                     size_t char_position_in_line, const std::string& message,
                     std::exception_ptr error) override;

    bool has_error() const { return has_error_; }
    const SyntaxErrorInfo& error() const { return error_; }
    SyntaxErrorInfo& mutable_error() { return error_; }
    void Reset() { has_error_ = false; }

private:
    bool has_error_ = false;
    SyntaxErrorInfo error_;
};

}  // namespace runnel::parser
