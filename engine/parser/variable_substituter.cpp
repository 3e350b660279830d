#include "engine/parser/variable_substituter.h"

#include "engine/parser/sql_scanner.h"

namespace runnel::parser {

namespace {

bool IsNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

// Length of a "${name}" reference starting at `pos`, or 0.
size_t ReferenceLength(std::string_view text, size_t pos, size_t end) {
    if (pos + 3 >= end || text[pos] != '$' || text[pos + 1] != '{' || !IsNameStart(text[pos + 2])) {
        return 0;
    }
    size_t i = pos + 3;
    while (i < end && IsNameChar(text[i])) ++i;
    if (i < end && text[i] == '}') return i + 1 - pos;
    return 0;
}

class Output {
public:
    explicit Output(size_t reserve) {
        text_.reserve(reserve);
        origin_.reserve(reserve + 1);
    }
    void Copy(std::string_view input, size_t begin, size_t end) {
        text_.append(input.substr(begin, end - begin));
        for (size_t i = begin; i < end; ++i) origin_.push_back(i);
    }
    // Inserts `value` for a reference at `origin`, doubling `quote` characters when not '\0'.
    void Insert(std::string_view value, size_t origin, char quote) {
        for (char c : value) {
            text_.push_back(c);
            origin_.push_back(origin);
            if (quote != '\0' && c == quote) {
                text_.push_back(c);
                origin_.push_back(origin);
            }
        }
    }
    SubstitutedText Finish(size_t input_size) {
        origin_.push_back(input_size);
        return SubstitutedText{std::move(text_), std::move(origin_)};
    }

private:
    std::string text_;
    std::vector<size_t> origin_;
};

char QuoteOf(SegmentKind kind) {
    switch (kind) {
        case SegmentKind::kString: return '\'';
        case SegmentKind::kQuotedIdentifier: return '"';
        case SegmentKind::kBackQuotedIdentifier: return '`';
        default: return '\0';
    }
}

}  // namespace

std::string ToUpperAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

SubstitutedText SubstituteVariables(std::string_view text, const VariableMap& upper_case_vars) {
    if (text.find('$') == std::string_view::npos) return SubstitutedText{std::string(text), {}};
    Output out(text.size());
    bool changed = false;
    for (const Segment& segment : ScanSegments(text)) {
        const bool substitutable = segment.kind == SegmentKind::kCode ||
                                   QuoteOf(segment.kind) != '\0';
        if (!substitutable) {
            out.Copy(text, segment.begin, segment.end);
            continue;
        }
        size_t copied = segment.begin;
        size_t i = segment.begin;
        while (i < segment.end) {
            if (text[i] != '$') {
                ++i;
                continue;
            }
            // $${name}: drop one '$' and keep the reference as text.
            if (i + 1 < segment.end && text[i + 1] == '$') {
                size_t length = ReferenceLength(text, i + 1, segment.end);
                if (length > 0) {
                    out.Copy(text, copied, i);
                    out.Copy(text, i + 1, i + 1 + length);
                    i += 1 + length;
                    copied = i;
                    changed = true;
                    continue;
                }
            }
            size_t length = ReferenceLength(text, i, segment.end);
            if (length == 0) {
                ++i;
                continue;
            }
            std::string name = ToUpperAscii(text.substr(i + 2, length - 3));
            auto it = upper_case_vars.find(name);
            if (it == upper_case_vars.end()) {
                i += length;
                continue;
            }
            out.Copy(text, copied, i);
            out.Insert(it->second, i, QuoteOf(segment.kind));
            i += length;
            copied = i;
            changed = true;
        }
        out.Copy(text, copied, segment.end);
    }
    if (!changed) return SubstitutedText{std::string(text), {}};
    return out.Finish(text.size());
}

}  // namespace runnel::parser
