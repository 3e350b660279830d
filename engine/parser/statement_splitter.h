// StatementSplitter: finds the statements of a ';'-separated script. Each span starts at the
// statement's first token (leading whitespace and comments are not part of it) and ends after
// its ';', or after its last token when the final ';' is missing. Empty statements are skipped.
// Thread-safe: pure function.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace runnel::parser {

struct StatementSpan {
    size_t begin = 0;  // byte offsets into the script, [begin, end)
    size_t end = 0;
    bool has_semicolon = false;
};

std::vector<StatementSpan> SplitStatements(std::string_view script);

}  // namespace runnel::parser
