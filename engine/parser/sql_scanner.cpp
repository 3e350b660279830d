#include "engine/parser/sql_scanner.h"

namespace runnel::parser {

namespace {

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// End of a quoted run starting at `begin` (which holds `quote`); a doubled quote is an escape.
size_t QuotedEnd(std::string_view text, size_t begin, char quote) {
    size_t i = begin + 1;
    while (i < text.size()) {
        if (text[i] == quote) {
            if (i + 1 < text.size() && text[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return text.size();
}

}  // namespace

std::vector<Segment> ScanSegments(std::string_view text) {
    std::vector<Segment> segments;
    size_t i = 0;
    const size_t n = text.size();
    auto push = [&](SegmentKind kind, size_t begin, size_t end) {
        // Merge adjacent code runs so that a word is one segment.
        if (kind == SegmentKind::kCode && !segments.empty() &&
            segments.back().kind == SegmentKind::kCode && segments.back().end == begin) {
            segments.back().end = end;
            return;
        }
        segments.push_back(Segment{kind, begin, end});
    };
    // A UTF-8 byte order mark at the start is treated as whitespace.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        push(SegmentKind::kWhitespace, 0, 3);
        i = 3;
    }
    while (i < n) {
        const char c = text[i];
        if (IsSpace(c)) {
            size_t j = i + 1;
            while (j < n && IsSpace(text[j])) ++j;
            push(SegmentKind::kWhitespace, i, j);
            i = j;
        } else if (c == '\'') {
            size_t j = QuotedEnd(text, i, '\'');
            push(SegmentKind::kString, i, j);
            i = j;
        } else if (c == '"') {
            size_t j = QuotedEnd(text, i, '"');
            push(SegmentKind::kQuotedIdentifier, i, j);
            i = j;
        } else if (c == '`') {
            size_t j = QuotedEnd(text, i, '`');
            push(SegmentKind::kBackQuotedIdentifier, i, j);
            i = j;
        } else if (c == '-' && i + 1 < n && text[i + 1] == '-') {
            size_t j = i + 2;
            while (j < n && text[j] != '\n' && text[j] != '\r') ++j;
            push(SegmentKind::kLineComment, i, j);
            i = j;
        } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
            size_t close = text.find("*/", i + 2);
            size_t j = close == std::string_view::npos ? n : close + 2;
            push(SegmentKind::kBlockComment, i, j);
            i = j;
        } else if (c == ';') {
            push(SegmentKind::kSemicolon, i, i + 1);
            ++i;
        } else {
            size_t j = i + 1;
            while (j < n) {
                char d = text[j];
                if (IsSpace(d) || d == '\'' || d == '"' || d == '`' || d == ';') break;
                if (d == '-' && j + 1 < n && text[j + 1] == '-') break;
                if (d == '/' && j + 1 < n && text[j + 1] == '*') break;
                ++j;
            }
            push(SegmentKind::kCode, i, j);
            i = j;
        }
    }
    return segments;
}

size_t FindExcessiveNesting(std::string_view text, size_t max_depth) {
    size_t depth = 0;
    for (const Segment& segment : ScanSegments(text)) {
        if (segment.kind != SegmentKind::kCode) continue;
        for (size_t i = segment.begin; i < segment.end; ++i) {
            const char c = text[i];
            if (c == '(' || c == '[') {
                if (++depth > max_depth) return i;
            } else if ((c == ')' || c == ']') && depth > 0) {
                --depth;
            }
        }
    }
    return std::string_view::npos;
}

}  // namespace runnel::parser
