#include "engine/parser/statement_splitter.h"

#include "engine/parser/sql_scanner.h"

namespace runnel::parser {

std::vector<StatementSpan> SplitStatements(std::string_view script) {
    std::vector<StatementSpan> spans;
    bool open = false;
    StatementSpan current;
    for (const Segment& segment : ScanSegments(script)) {
        if (IsInsignificant(segment.kind)) continue;
        if (segment.kind == SegmentKind::kSemicolon) {
            if (open) {
                current.end = segment.end;
                current.has_semicolon = true;
                spans.push_back(current);
                open = false;
            }
            continue;
        }
        if (!open) {
            open = true;
            current = StatementSpan{segment.begin, segment.end, false};
        }
        current.end = segment.end;
    }
    if (open) spans.push_back(current);
    return spans;
}

}  // namespace runnel::parser
