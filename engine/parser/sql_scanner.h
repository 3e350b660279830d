// SqlScanner: cuts SQL text into lexical segments (code, quoted text, comments, ';') without a
// full lexer, so a script can be split into statements and ${variables} substituted with the
// quoting context known. Unterminated quotes and comments run to the end of the text; the
// parser reports them. Thread-safe: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace runnel::parser {

enum class SegmentKind : uint8_t {
    kCode,                  // anything else (words, numbers, operators)
    kWhitespace,
    kString,                // '...'   ('' inside)
    kQuotedIdentifier,      // "..."   ("" inside)
    kBackQuotedIdentifier,  // `...`   (`` inside)
    kLineComment,           // -- ... (up to, not including, the line break)
    kBlockComment,          // /* ... */
    kSemicolon,
};

struct Segment {
    SegmentKind kind = SegmentKind::kCode;
    size_t begin = 0;  // byte offsets, [begin, end)
    size_t end = 0;
};

std::vector<Segment> ScanSegments(std::string_view text);

// Offset of the first '(' or '[' (outside quotes and comments) that opens more than `max_depth`
// nested brackets, or std::string_view::npos. Deeper input is refused before it reaches the
// recursive-descent parser, whose stack it could exhaust.
size_t FindExcessiveNesting(std::string_view text, size_t max_depth);

inline bool IsInsignificant(SegmentKind kind) {
    return kind == SegmentKind::kWhitespace || kind == SegmentKind::kLineComment ||
           kind == SegmentKind::kBlockComment;
}

}  // namespace runnel::parser
