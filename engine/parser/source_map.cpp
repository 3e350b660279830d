#include "engine/parser/source_map.h"

#include <algorithm>

namespace runnel::parser {

namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

SourceMap::SourceMap(std::string_view script) : script_(script) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < script.size(); ++i) {
        if (script[i] == '\n') line_starts_.push_back(i + 1);
    }
}

SourceLocation SourceMap::Locate(size_t offset) const {
    offset = std::min(offset, script_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
    size_t column = 1;
    for (size_t i = line_starts_[line_index]; i < offset; ++i) {
        if (!IsContinuationByte(script_[i])) ++column;
    }
    return SourceLocation{static_cast<int>(line_index + 1), static_cast<int>(column)};
}

StatementSource::StatementSource(const SourceMap* script, size_t script_offset, std::string text,
                                 std::vector<size_t> origin)
    : script_(script),
      script_offset_(script_offset),
      text_(std::move(text)),
      origin_(std::move(origin)) {
    bool ascii = std::all_of(text_.begin(), text_.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
        for (size_t i = 0; i < text_.size(); ++i) {
            if (!IsContinuationByte(text_[i])) char_to_byte_.push_back(i);
        }
        char_to_byte_.push_back(text_.size());
    }
}

SourceLocation StatementSource::LocateByteOffset(size_t byte) const {
    byte = std::min(byte, text_.size());
    size_t original = origin_.empty() ? byte : origin_[std::min(byte, origin_.size() - 1)];
    return script_->Locate(script_offset_ + original);
}

SourceLocation StatementSource::LocateCharIndex(size_t index) const {
    if (char_to_byte_.empty()) return LocateByteOffset(index);
    return LocateByteOffset(char_to_byte_[std::min(index, char_to_byte_.size() - 1)]);
}

SourceLocation StatementSource::LocateLineColumn(size_t line, size_t column) const {
    size_t byte = 0;
    for (size_t current = 1; current < line && byte < text_.size(); ++byte) {
        if (text_[byte] == '\n') ++current;
    }
    for (size_t seen = 0; byte < text_.size(); ++byte) {
        if (IsContinuationByte(text_[byte])) continue;
        if (seen == column) break;
        ++seen;
    }
    return LocateByteOffset(byte);
}

}  // namespace runnel::parser
