// Splits SQL text into statements at ';' that is outside quotes ('..', "..", `..`) and comments
// (-- to end of line, /* .. */). Fed incrementally (a REPL line at a time) it tells when the input
// so far ends inside an unfinished statement, so the CLI can show its continuation prompt.
// Comments are dropped from the statement text; quoted text is kept verbatim.
// Not thread-safe (one splitter per input source).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace runnel::protocol {

class StatementSplitter {
public:
    // Adds input text (REPL lines should include their '\n'). Returns the statements that the text
    // completed, each trimmed and ending with ';'.
    std::vector<std::string> Add(std::string_view text);

    // True when the input after the last complete statement holds something: statement text, an
    // open quote or an open block comment.
    bool pending() const;

    // Ends the input: returns the unterminated rest (trimmed; empty if there is none) and resets.
    std::string Finish();

    void Reset();

private:
    enum class State {
        kNormal,
        kSingleQuote,
        kDoubleQuote,
        kBacktick,
        kLineComment,
        kBlockComment,
    };

    // Processes input_ from the start; stops early (leaving input) when a two-character decision
    // needs a character that has not arrived yet, unless `at_end`.
    void Process(bool at_end, std::vector<std::string>* out);
    void Append(char c);

    State state_ = State::kNormal;
    std::string input_;    // unprocessed input
    std::string current_;  // text of the statement being built
    bool has_content_ = false;
};

// Splits a whole text; the unterminated rest (if any) goes to *rest, or is returned as a final
// statement when rest is null.
std::vector<std::string> SplitStatements(std::string_view text, std::string* rest = nullptr);

}  // namespace runnel::protocol
