// SourceMap / StatementSource: turn positions inside the text given to the parser (one statement,
// possibly after ${variable} substitution) back into 1-based line:column positions of the
// original script, as ksqlDB reports them. Columns count code points, as ANTLR does.
// Thread-safe after construction (const methods only).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/parser/ast.h"

namespace runnel::parser {

// Line/column lookup over a whole script.
class SourceMap {
public:
    explicit SourceMap(std::string_view script);

    // `offset` is a byte offset into the script (the end offset is allowed).
    SourceLocation Locate(size_t offset) const;

private:
    std::string_view script_;
    std::vector<size_t> line_starts_;
};

// The text of one statement as handed to the parser, and where it came from.
class StatementSource {
public:
    // `origin` maps each byte of `text` (plus its end) to an offset in the original statement
    // text that starts at `script_offset`; empty means identity.
    StatementSource(const SourceMap* script, size_t script_offset, std::string text,
                    std::vector<size_t> origin);

    const std::string& text() const { return text_; }

    // Location of the parser's character index (a code point index into text()).
    SourceLocation LocateCharIndex(size_t index) const;
    // Location of a parser line (1-based) and position in line (0-based, code points).
    SourceLocation LocateLineColumn(size_t line, size_t column) const;

    // Location of a byte offset into text().
    SourceLocation LocateByteOffset(size_t byte) const;

private:

    const SourceMap* script_;
    size_t script_offset_;
    std::string text_;
    std::vector<size_t> origin_;
    std::vector<size_t> char_to_byte_;  // empty when text_ is ASCII
};

}  // namespace runnel::parser
