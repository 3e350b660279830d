#include "protocol/query_response_parser.h"

#include <cctype>

#include "protocol/json_text.h"
#include "protocol/schema_info.h"

namespace runnel::protocol {

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string ErrorText(const nlohmann::json& error) {
    if (error.is_string()) return error.get<std::string>();
    if (error.is_object()) {
        auto it = error.find("message");
        if (it != error.end() && it->is_string()) return it->get<std::string>();
    }
    return DumpJson(error);
}

}  // namespace

std::string CellText(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "null";
    return DumpJson(value);
}

std::vector<QueryEvent> QueryResponseParser::Feed(std::string_view data) {
    std::vector<QueryEvent> out;
    buffer_.append(data);
    if (mode_ == Mode::kUnknown) {
        size_t i = 0;
        while (i < buffer_.size() && IsSpace(buffer_[i])) ++i;
        if (i == buffer_.size()) return out;
        char c = buffer_[i];
        mode_ = (c == '[' || c == '{') ? Mode::kJson : Mode::kText;
        if (mode_ == Mode::kJson) {
            if (c == '[') wrapper_open_ = true;
            buffer_.erase(0, c == '[' ? i + 1 : i);
        }
    }
    if (mode_ == Mode::kJson) {
        ParseJson(&out);
    } else {
        ParseText(/*at_end=*/false, &out);
    }
    return out;
}

std::vector<QueryEvent> QueryResponseParser::Finish() {
    std::vector<QueryEvent> out;
    if (mode_ == Mode::kText) {
        ParseText(/*at_end=*/true, &out);
    } else if (mode_ == Mode::kJson) {
        size_t i = 0;
        while (i < buffer_.size() && (IsSpace(buffer_[i]) || buffer_[i] == ']')) ++i;
        if (i < buffer_.size()) {
            QueryEvent event;
            event.kind = QueryEvent::Kind::kText;
            event.message = buffer_.substr(i);
            out.push_back(std::move(event));
        }
    }
    buffer_.clear();
    scan_ = 0;
    depth_ = 0;
    return out;
}

void QueryResponseParser::ParseText(bool at_end, std::vector<QueryEvent>* out) {
    size_t start = 0;
    for (;;) {
        size_t nl = buffer_.find('\n', start);
        if (nl == std::string::npos) break;
        QueryEvent event;
        event.kind = QueryEvent::Kind::kText;
        event.message = buffer_.substr(start, nl - start);
        if (!event.message.empty() && event.message.back() == '\r') event.message.pop_back();
        out->push_back(std::move(event));
        start = nl + 1;
    }
    buffer_.erase(0, start);
    if (at_end && !buffer_.empty()) {
        QueryEvent event;
        event.kind = QueryEvent::Kind::kText;
        event.message = buffer_;
        out->push_back(std::move(event));
        buffer_.clear();
    }
}

void QueryResponseParser::ParseJson(std::vector<QueryEvent>* out) {
    for (;;) {
        if (depth_ == 0) {
            // Between elements: skip blanks, separators and the closing bracket of the wrapper.
            size_t i = 0;
            while (i < buffer_.size()) {
                char c = buffer_[i];
                if (IsSpace(c) || c == ',') {
                    ++i;
                } else if (c == ']' && wrapper_open_) {
                    wrapper_open_ = false;
                    ++i;
                } else if (c == '{' || c == '[') {
                    break;
                } else {
                    ++i;  // stray character: ignore
                }
            }
            buffer_.erase(0, i);
            if (buffer_.empty()) return;
            depth_ = 1;
            scan_ = 1;
            in_string_ = false;
            escape_ = false;
        }
        // Scan for the end of the element that starts at buffer_[0].
        while (scan_ < buffer_.size() && depth_ > 0) {
            char c = buffer_[scan_++];
            if (in_string_) {
                if (escape_) {
                    escape_ = false;
                } else if (c == '\\') {
                    escape_ = true;
                } else if (c == '"') {
                    in_string_ = false;
                }
            } else if (c == '"') {
                in_string_ = true;
            } else if (c == '{' || c == '[') {
                ++depth_;
            } else if (c == '}' || c == ']') {
                --depth_;
            }
        }
        if (depth_ > 0) return;  // incomplete: wait for more bytes
        nlohmann::json element = nlohmann::json::parse(buffer_.begin(), buffer_.begin() + scan_,
                                                       nullptr, /*allow_exceptions=*/false);
        if (element.is_discarded()) {
            QueryEvent event;
            event.kind = QueryEvent::Kind::kText;
            event.message = buffer_.substr(0, scan_);
            out->push_back(std::move(event));
        } else {
            Interpret(element, out);
        }
        buffer_.erase(0, scan_);
        scan_ = 0;
    }
}

void QueryResponseParser::Interpret(const nlohmann::json& element, std::vector<QueryEvent>* out) {
    QueryEvent event;
    if (element.is_array()) {
        event.kind = QueryEvent::Kind::kRow;
        event.columns = element;
        out->push_back(std::move(event));
        return;
    }
    if (!element.is_object()) return;
    if (auto it = element.find("header"); it != element.end() && it->is_object()) {
        event.kind = QueryEvent::Kind::kHeader;
        event.query_id = it->value("queryId", "");
        for (const SchemaColumn& column : ParseSchemaColumns(it->value("schema", ""))) {
            event.column_names.push_back(column.name);
            event.column_types.push_back(column.type);
        }
    } else if (auto row = element.find("row"); row != element.end() && row->is_object()) {
        event.kind = QueryEvent::Kind::kRow;
        auto columns = row->find("columns");
        event.columns = columns != row->end() ? *columns : nlohmann::json::array();
        event.tombstone = row->value("tombstone", false);
    } else if (auto fin = element.find("finalMessage"); fin != element.end()) {
        event.kind = QueryEvent::Kind::kFinal;
        event.message = fin->is_string() ? fin->get<std::string>() : DumpJson(*fin);
    } else if (auto err = element.find("errorMessage"); err != element.end()) {
        event.kind = QueryEvent::Kind::kError;
        event.message = ErrorText(*err);
    } else if (element.contains("columnNames")) {
        event.kind = QueryEvent::Kind::kHeader;
        event.query_id = element.value("queryId", "");
        for (const auto& name : element["columnNames"]) {
            event.column_names.push_back(CellText(name));
        }
        if (auto types = element.find("columnTypes"); types != element.end() && types->is_array()) {
            for (const auto& type : *types) event.column_types.push_back(CellText(type));
        }
    } else if (element.contains("error_code") || element.contains("@type")) {
        event.kind = QueryEvent::Kind::kError;
        event.message = ErrorText(element);
    } else {
        return;
    }
    out->push_back(std::move(event));
}

}  // namespace runnel::protocol
