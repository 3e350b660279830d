// DELIMITED deserializer: splits the first line of a record into fields (Commons CSV rules, see
// delimited_format.h) and parses each into its column.
#include <fmt/format.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/serde/delimited_format.h"
#include "engine/serde/format_support.h"
#include "engine/serde/text_coercion.h"

namespace runnel::serde {

namespace {

bool IsLineBreak(char c) { return c == '\n' || c == '\r'; }

// Java's Character.isWhitespace for ASCII.
bool IsWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || (c >= 0x1C && c <= 0x1F);
}

class DelimitedDeserializer final : public Deserializer {
public:
    DelimitedDeserializer(const SideLayout& layout, char delimiter)
        : columns_(layout.columns), width_(RequiredWidth(layout.columns)), delimiter_(delimiter) {
        for (size_t c : columns_) {
            const Column& column = layout.schema->column(c);
            types_.push_back(column.type);
            names_.push_back(column.name);
        }
    }

    Status Deserialize(const char* data, size_t size, Row& row) override {
        RETURN_IF_ERROR(CheckRowWidth(row, width_));
        if (data == nullptr) {
            SetColumnsNull(columns_, row);
            return Status::Ok();
        }
        RETURN_IF_ERROR(Split(data, size));
        if (fields_.size() != columns_.size()) {
            return Status::Invalid(
                fmt::format("Unexpected field count, csvFields:{} schemaFields:{}",
                            fields_.size(), columns_.size()));
        }
        for (size_t i = 0; i < columns_.size(); ++i) {
            std::string_view text = FieldText(i, data);
            Value& out = row.values[columns_[i]];
            if (text.empty()) {
                out.SetNull();
                continue;
            }
            Status st = ParseTextAs(text, types_[i], out);
            if (!st.ok()) {
                return Status(st.code(), st.message() + ", column: " + names_[i]);
            }
        }
        return Status::Ok();
    }

private:
    // A field is a span of the record, or (when quoted) a scratch string.
    struct Field {
        bool quoted = false;
        size_t begin = 0;  // offset in the record, or index in scratch_
        size_t size = 0;
    };

    std::string_view FieldText(size_t i, const char* data) const {
        const Field& f = fields_[i];
        if (f.quoted) return scratch_[f.begin];
        return std::string_view(data + f.begin, f.size);
    }

    Status Split(const char* data, size_t size) {
        fields_.clear();
        size_t quoted_count = 0;
        size_t pos = 0;
        while (pos < size && IsLineBreak(data[pos])) ++pos;  // empty lines are skipped
        while (true) {
            Field field;
            if (pos < size && data[pos] == '"') {
                field.quoted = true;
                field.begin = quoted_count++;
                if (scratch_.size() < quoted_count) scratch_.emplace_back();
                std::string& text = scratch_[field.begin];
                text.clear();
                ++pos;
                while (true) {
                    const void* q = std::memchr(data + pos, '"', size - pos);
                    if (q == nullptr) {
                        return Status::Invalid(
                            "EOF reached before encapsulated token finished");
                    }
                    size_t qpos = size_t(static_cast<const char*>(q) - data);
                    text.append(data + pos, qpos - pos);
                    if (qpos + 1 < size && data[qpos + 1] == '"') {
                        text.push_back('"');
                        pos = qpos + 2;
                        continue;
                    }
                    pos = qpos + 1;
                    break;
                }
                // After the closing quote: a delimiter, a line end, the end, or whitespace.
                while (pos < size && data[pos] != delimiter_ && !IsLineBreak(data[pos])) {
                    if (!IsWhitespace(data[pos])) {
                        return Status::Invalid(
                            "invalid char between encapsulated token and delimiter");
                    }
                    ++pos;
                }
            } else {
                field.begin = pos;
                while (pos < size && data[pos] != delimiter_ && !IsLineBreak(data[pos])) ++pos;
                field.size = pos - field.begin;
            }
            fields_.push_back(field);
            if (pos < size && data[pos] == delimiter_) {
                ++pos;
                continue;
            }
            return Status::Ok();  // end of data or of the first line
        }
    }

    std::vector<size_t> columns_;
    size_t width_;
    char delimiter_;
    std::vector<SqlType> types_;
    std::vector<std::string> names_;
    std::vector<Field> fields_;
    std::vector<std::string> scratch_;
};

}  // namespace

std::unique_ptr<Deserializer> MakeDelimitedDeserializer(const SideLayout& layout, char delimiter) {
    return std::make_unique<DelimitedDeserializer>(layout, delimiter);
}

}  // namespace runnel::serde
