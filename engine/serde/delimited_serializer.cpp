// DELIMITED serializer: fields in column order, quoted as Commons CSV's minimal quote mode
// does (see delimited_format.h).
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include "engine/serde/base64.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/delimited_format.h"
#include "engine/serde/format_support.h"

namespace runnel::serde {

namespace {

class DelimitedSerializer final : public Serializer {
public:
    DelimitedSerializer(const SideLayout& layout, char delimiter, bool is_key)
        : columns_(layout.columns), width_(RequiredWidth(layout.columns)), delimiter_(delimiter), is_key_(is_key) {
        for (size_t c : columns_) types_.push_back(layout.schema->column(c).type);
    }

    Status Serialize(const Row& row, std::string& out, bool* is_null) override {
        out.clear();
        *is_null = false;
        RETURN_IF_ERROR(CheckRowWidth(row, width_));
        if (columns_.empty()) {
            *is_null = true;
            return Status::Ok();
        }
        if (is_key_) {
            // A key whose columns are all null is a null key, as in ksqlDB.
            bool all_null = true;
            for (size_t c : columns_) all_null &= row.values[c].is_null();
            if (all_null) {
                *is_null = true;
                return Status::Ok();
            }
        }
        for (size_t i = 0; i < columns_.size(); ++i) {
            if (i) out.push_back(delimiter_);
            const Value& v = row.values[columns_[i]];
            if (v.is_null()) continue;
            std::string_view text;
            if (v.tag() == Value::Tag::kString && types_[i].kind() != TypeKind::kBytes) {
                text = v.AsString();
            } else {
                text_.clear();
                RETURN_IF_ERROR(AppendText(v, types_[i], text_));
                text = text_;
            }
            AppendField(text, i == 0, out);
        }
        return Status::Ok();
    }

private:
    static Status AppendText(const Value& v, const SqlType& type, std::string& out) {
        switch (v.tag()) {
            case Value::Tag::kBool:
                out.append(v.AsBool() ? "true" : "false");
                return Status::Ok();
            case Value::Tag::kInt: {
                if (type.kind() == TypeKind::kDouble) {
                    AppendJavaDouble(double(v.AsInt()), out);
                    return Status::Ok();
                }
                char buf[24];
                auto r = std::to_chars(buf, buf + sizeof(buf), v.AsInt());
                out.append(buf, r.ptr);
                return Status::Ok();
            }
            case Value::Tag::kDouble:
                AppendJavaDouble(v.AsDouble(), out);
                return Status::Ok();
            case Value::Tag::kDecimal:
                AppendDecimalText(v.AsDecimal(), type.scale(), out);
                return Status::Ok();
            case Value::Tag::kString:
                AppendBase64(v.AsString(), out);  // BYTES; STRING is handled by the caller
                return Status::Ok();
            default:
                return Status::Internal("DELIMITED serializer got a nested value for " +
                                        type.ToString());
        }
    }

    bool NeedsQuotes(std::string_view s, bool first_in_record) const {
        if (s.empty()) return first_in_record;
        const unsigned char c0 = static_cast<unsigned char>(s.front());
        // Commons CSV: a record's first field is quoted unless it starts with a letter or a
        // digit (so "-10" is written "\"-10\""); other fields when they start with a char <= '#'.
        if (first_in_record && !std::isalnum(c0)) return true;
        if (c0 <= '#') return true;
        for (char c : s) {
            if (c == delimiter_ || c == '"' || c == '\n' || c == '\r') return true;
        }
        return static_cast<unsigned char>(s.back()) <= ' ';
    }

    void AppendField(std::string_view s, bool first_in_record, std::string& out) const {
        if (!NeedsQuotes(s, first_in_record)) {
            out.append(s);
            return;
        }
        out.push_back('"');
        for (char c : s) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    }

    std::vector<size_t> columns_;
    size_t width_;
    char delimiter_;
    bool is_key_;
    std::vector<SqlType> types_;
    std::string text_;
};

}  // namespace

std::unique_ptr<Serializer> MakeDelimitedSerializer(const SideLayout& layout, char delimiter, bool is_key) {
    return std::make_unique<DelimitedSerializer>(layout, delimiter, is_key);
}

}  // namespace runnel::serde
