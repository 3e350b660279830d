#include "protocol/table_renderer.h"

#include <algorithm>

namespace runnel::protocol {

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void Pad(std::string& out, std::string_view text, size_t width) {
    out.append(text);
    size_t w = DisplayWidth(text);
    if (w < width) out.append(width - w, ' ');
}

// Splits text into pieces of at most `width` code points; newlines and tabs become spaces.
std::vector<std::string> SplitFixed(std::string_view text, size_t width) {
    std::vector<std::string> pieces;
    std::string piece;
    size_t count = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (!IsContinuation(c)) {
            if (count == width) {
                pieces.push_back(std::move(piece));
                piece.clear();
                count = 0;
            }
            ++count;
        }
        piece.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
    if (!piece.empty() || pieces.empty()) pieces.push_back(std::move(piece));
    return pieces;
}

std::string OneLine(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return out;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
    size_t n = 0;
    for (char c : text) {
        if (!IsContinuation(c)) ++n;
    }
    return n;
}

std::string RenderListTable(const std::vector<std::string>& headers,
                            const std::vector<std::vector<std::string>>& rows,
                            size_t max_width) {
    if (headers.empty()) return {};
    std::vector<size_t> widths(headers.size());
    for (size_t i = 0; i < headers.size(); ++i) widths[i] = DisplayWidth(headers[i]);
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size());
    for (const auto& row : rows) {
        std::vector<std::string> line(headers.size());
        for (size_t i = 0; i < headers.size() && i < row.size(); ++i) {
            line[i] = OneLine(row[i]);
            widths[i] = std::max(widths[i], DisplayWidth(line[i]));
        }
        cells.push_back(std::move(line));
    }
    auto render_row = [&](const std::vector<std::string>& row, std::string& out) {
        out.push_back(' ');
        for (size_t i = 0; i < widths.size(); ++i) {
            if (i > 0) out.append(" | ");
            Pad(out, row[i], widths[i]);
        }
        out.append(" \n");
    };
    size_t separator = 0;
    for (size_t w : widths) separator += w + 3;
    separator -= 1;
    if (max_width > 0) separator = std::min(separator, max_width);
    const std::string line(separator, '-');

    std::string out;
    render_row(headers, out);
    out.append(line).push_back('\n');
    for (const auto& row : cells) render_row(row, out);
    out.append(line).push_back('\n');
    return out;
}

BoxTable::BoxTable(std::vector<std::string> columns, size_t total_width)
    : columns_(std::move(columns)) {
    size_t n = columns_.empty() ? 1 : columns_.size();
    size_t per = total_width / n;
    cell_width_ = per > 7 ? per - 2 : 5;
}

std::string BoxTable::Border() const {
    std::string out = "+";
    for (size_t i = 0; i < columns_.size(); ++i) {
        out.append(cell_width_, '-');
        out.push_back('+');
    }
    out.push_back('\n');
    return out;
}

std::string BoxTable::Header() const {
    return Border() + Row(columns_) + Border();
}

std::string BoxTable::Row(const std::vector<std::string>& cells) const {
    std::vector<std::vector<std::string>> pieces;
    size_t lines = 1;
    for (size_t i = 0; i < columns_.size(); ++i) {
        pieces.push_back(SplitFixed(i < cells.size() ? cells[i] : std::string(), cell_width_));
        lines = std::max(lines, pieces.back().size());
    }
    std::string out;
    for (size_t line = 0; line < lines; ++line) {
        out.push_back('|');
        for (const auto& column : pieces) {
            Pad(out, line < column.size() ? column[line] : std::string(), cell_width_);
            out.push_back('|');
        }
        out.push_back('\n');
    }
    return out;
}

std::string BoxTable::Footer() const { return Border(); }

}  // namespace runnel::protocol
