// JSON serializer: `{"COL":value,...}` in layout order with the schema's column names, or the
// bare value of a single unwrapped column; values through AppendJsonValue.
#include <string>
#include <vector>

#include "engine/serde/format_support.h"
#include "engine/serde/json_format.h"
#include "engine/serde/json_writer.h"

namespace runnel::serde {

namespace {

class JsonSerializer final : public Serializer {
public:
    JsonSerializer(const SideLayout& layout, bool wrapped)
        : columns_(layout.columns), width_(RequiredWidth(layout.columns)), wrapped_(wrapped) {
        for (size_t i = 0; i < columns_.size(); ++i) {
            const Column& column = layout.schema->column(columns_[i]);
            types_.push_back(column.type);
            // Each column's text up to its value, e.g. `{"ID":` then `,"NAME":`.
            std::string prefix(i == 0 ? "{" : ",");
            AppendJsonString(column.name, prefix);
            prefix.push_back(':');
            prefixes_.push_back(std::move(prefix));
        }
    }

    Status Serialize(const Row& row, std::string& out, bool* is_null) override {
        out.clear();
        *is_null = false;
        RETURN_IF_ERROR(CheckRowWidth(row, width_));
        if (columns_.empty()) {
            *is_null = true;
            return Status::Ok();
        }
        BufferWriter& w = writer_;
        w.Clear();
        if (!wrapped_) {
            const Value& v = row.values[columns_[0]];
            if (v.is_null()) {
                *is_null = true;
                return Status::Ok();
            }
            WriteJsonValue(v, types_[0], w);
        } else {
            for (size_t i = 0; i < columns_.size(); ++i) {
                w.Write(prefixes_[i]);
                WriteJsonValue(row.values[columns_[i]], types_[i], w);
            }
            w.Put('}');
        }
        out.assign(w.view());
        return Status::Ok();
    }

private:
    std::vector<size_t> columns_;
    size_t width_;
    bool wrapped_;
    std::vector<SqlType> types_;
    std::vector<std::string> prefixes_;
    BufferWriter writer_;
};

}  // namespace

std::unique_ptr<Serializer> MakeJsonSerializer(const FormatSpec& format, const SideLayout& layout,
                                               bool is_key) {
    return std::make_unique<JsonSerializer>(layout, JsonSideIsWrapped(format, layout, is_key));
}

}  // namespace runnel::serde
