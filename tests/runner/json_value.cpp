#include "tests/runner/json_value.h"

#include <cstdio>

namespace runnel::runner {

namespace {

const JsonArray& EmptyArray() {
    static const JsonArray kEmpty;
    return kEmpty;
}

const JsonObject& EmptyObject() {
    static const JsonObject kEmpty;
    return kEmpty;
}

void AppendUtf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Recursive-descent parser over the whole text.
class Parser {
public:
    Parser(std::string_view text, bool comments) : text_(text), comments_(comments) {}

    Result<JsonValue> ParseDocument() {
        auto v = ParseValue(0);
        if (!v.ok()) return v;
        if (!SkipSpace()) return Error(error_);
        if (pos_ != text_.size()) return Error("unexpected text after the JSON value");
        return v;
    }

private:
    static constexpr int kMaxDepth = 200;

    Status Error(const std::string& what) const {
        int line = 1, col = 1;
        for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return Status::Invalid("line " + std::to_string(line) + ":" + std::to_string(col) + ": " +
                               what);
    }

    // Skips whitespace and (when allowed) comments; false on an unterminated comment.
    bool SkipSpace() {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++pos_;
            } else if (comments_ && c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
            } else if (comments_ && c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
                size_t end = text_.find("*/", pos_ + 2);
                if (end == std::string_view::npos) {
                    error_ = "unterminated comment";
                    return false;
                }
                pos_ = end + 2;
            } else {
                break;
            }
        }
        return true;
    }

    Result<JsonValue> ParseValue(int depth) {
        if (depth > kMaxDepth) return Error("JSON nested too deeply");
        if (!SkipSpace()) return Error(error_);
        if (pos_ >= text_.size()) return Error("unexpected end of JSON");
        char c = text_[pos_];
        if (c == '{') return ParseObject(depth);
        if (c == '[') return ParseArray(depth);
        if (c == '"') {
            auto s = ParseString();
            if (!s.ok()) return s.status();
            return JsonValue::String(std::move(s).value());
        }
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
        if (text_.substr(pos_, 4) == "true") {
            pos_ += 4;
            return JsonValue::Bool(true);
        }
        if (text_.substr(pos_, 5) == "false") {
            pos_ += 5;
            return JsonValue::Bool(false);
        }
        if (text_.substr(pos_, 4) == "null") {
            pos_ += 4;
            return JsonValue();
        }
        return Error(std::string("unexpected character '") + c + "'");
    }

    Result<JsonValue> ParseNumber() {
        size_t start = pos_;
        if (text_[pos_] == '-') ++pos_;
        auto digits = [&] {
            size_t s = pos_;
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
            return pos_ - s;
        };
        if (pos_ < text_.size() && text_[pos_] == '0') {
            ++pos_;
        } else if (digits() == 0) {
            return Error("bad number");
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (digits() == 0) return Error("bad number: digits expected after '.'");
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (digits() == 0) return Error("bad number: digits expected in exponent");
        }
        return JsonValue::Number(std::string(text_.substr(start, pos_ - start)));
    }

    Result<uint32_t> Hex4() {
        if (pos_ + 4 > text_.size()) return Error("bad \\u escape");
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            char h = text_[pos_++];
            v <<= 4;
            if (h >= '0' && h <= '9') {
                v |= h - '0';
            } else if (h >= 'a' && h <= 'f') {
                v |= h - 'a' + 10;
            } else if (h >= 'A' && h <= 'F') {
                v |= h - 'A' + 10;
            } else {
                return Error("bad \\u escape");
            }
        }
        return v;
    }

    Result<std::string> ParseString() {
        ++pos_;  // opening quote
        std::string out;
        while (true) {
            if (pos_ >= text_.size()) return Error("unterminated string");
            char c = text_[pos_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) return Error("control character in string");
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (pos_ >= text_.size()) return Error("unterminated string");
            char e = text_[pos_++];
            switch (e) {
                case '"':
                    out.push_back('"');
                    break;
                case '\\':
                    out.push_back('\\');
                    break;
                case '/':
                    out.push_back('/');
                    break;
                case 'b':
                    out.push_back('\b');
                    break;
                case 'f':
                    out.push_back('\f');
                    break;
                case 'n':
                    out.push_back('\n');
                    break;
                case 'r':
                    out.push_back('\r');
                    break;
                case 't':
                    out.push_back('\t');
                    break;
                case 'u': {
                    auto cp = Hex4();
                    if (!cp.ok()) return cp.status();
                    uint32_t code = cp.value();
                    if (code >= 0xD800 && code < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
                        pos_ += 2;
                        auto low = Hex4();
                        if (!low.ok()) return low.status();
                        if (low.value() >= 0xDC00 && low.value() < 0xE000) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low.value() - 0xDC00);
                        } else {
                            AppendUtf8(code, out);
                            code = low.value();
                        }
                    }
                    AppendUtf8(code, out);
                    break;
                }
                default:
                    return Error(std::string("bad escape '\\") + e + "'");
            }
        }
    }

    Result<JsonValue> ParseArray(int depth) {
        ++pos_;
        JsonArray items;
        if (!SkipSpace()) return Error(error_);
        if (pos_ < text_.size() && text_[pos_] == ']') {
            ++pos_;
            return JsonValue::Array(std::move(items));
        }
        while (true) {
            auto v = ParseValue(depth + 1);
            if (!v.ok()) return v;
            items.push_back(std::move(v).value());
            if (!SkipSpace()) return Error(error_);
            if (pos_ >= text_.size()) return Error("unterminated array");
            char c = text_[pos_++];
            if (c == ']') break;
            if (c != ',') return Error("',' or ']' expected in array");
        }
        return JsonValue::Array(std::move(items));
    }

    Result<JsonValue> ParseObject(int depth) {
        ++pos_;
        JsonObject fields;
        if (!SkipSpace()) return Error(error_);
        if (pos_ < text_.size() && text_[pos_] == '}') {
            ++pos_;
            return JsonValue::Object(std::move(fields));
        }
        while (true) {
            if (!SkipSpace()) return Error(error_);
            if (pos_ >= text_.size() || text_[pos_] != '"') return Error("field name expected");
            auto name = ParseString();
            if (!name.ok()) return name.status();
            if (!SkipSpace()) return Error(error_);
            if (pos_ >= text_.size() || text_[pos_] != ':') return Error("':' expected");
            ++pos_;
            auto v = ParseValue(depth + 1);
            if (!v.ok()) return v;
            fields.emplace_back(std::move(name).value(), std::move(v).value());
            if (!SkipSpace()) return Error(error_);
            if (pos_ >= text_.size()) return Error("unterminated object");
            char c = text_[pos_++];
            if (c == '}') break;
            if (c != ',') return Error("',' or '}' expected in object");
        }
        return JsonValue::Object(std::move(fields));
    }

    std::string_view text_;
    bool comments_;
    size_t pos_ = 0;
    std::string error_;
};

}  // namespace

JsonValue JsonValue::Bool(bool b) {
    JsonValue v;
    v.kind_ = Kind::kBool;
    v.bool_ = b;
    return v;
}

JsonValue JsonValue::Number(std::string text) {
    JsonValue v;
    v.kind_ = Kind::kNumber;
    v.text_ = std::move(text);
    return v;
}

JsonValue JsonValue::Integer(int64_t i) { return Number(std::to_string(i)); }

JsonValue JsonValue::String(std::string s) {
    JsonValue v;
    v.kind_ = Kind::kString;
    v.text_ = std::move(s);
    return v;
}

JsonValue JsonValue::Array(JsonArray items) {
    JsonValue v;
    v.kind_ = Kind::kArray;
    v.array_ = std::make_shared<const JsonArray>(std::move(items));
    return v;
}

JsonValue JsonValue::Object(JsonObject fields) {
    JsonValue v;
    v.kind_ = Kind::kObject;
    v.object_ = std::make_shared<const JsonObject>(std::move(fields));
    return v;
}

const JsonArray& JsonValue::array() const { return array_ ? *array_ : EmptyArray(); }

const JsonObject& JsonValue::object() const { return object_ ? *object_ : EmptyObject(); }

const JsonValue* JsonValue::Find(std::string_view name) const {
    if (kind_ != Kind::kObject) return nullptr;
    for (const auto& [k, v] : *object_) {
        if (k == name) return &v;
    }
    return nullptr;
}

std::string JsonValue::GetString(std::string_view name, const std::string& fallback) const {
    const JsonValue* v = Find(name);
    if (v == nullptr) return fallback;
    if (v->is_string() || v->is_number()) return v->text();
    if (v->is_bool()) return v->bool_value() ? "true" : "false";
    return fallback;
}

void AppendJsonQuoted(std::string_view s, std::string& out) {
    out.push_back('"');
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

void JsonValue::DumpTo(std::string& out) const {
    switch (kind_) {
        case Kind::kNull:
            out += "null";
            break;
        case Kind::kBool:
            out += bool_ ? "true" : "false";
            break;
        case Kind::kNumber:
            out += text_;
            break;
        case Kind::kString:
            AppendJsonQuoted(text_, out);
            break;
        case Kind::kArray: {
            out.push_back('[');
            bool first = true;
            for (const auto& item : array()) {
                if (!first) out.push_back(',');
                first = false;
                item.DumpTo(out);
            }
            out.push_back(']');
            break;
        }
        case Kind::kObject: {
            out.push_back('{');
            bool first = true;
            for (const auto& [k, v] : object()) {
                if (!first) out.push_back(',');
                first = false;
                AppendJsonQuoted(k, out);
                out.push_back(':');
                v.DumpTo(out);
            }
            out.push_back('}');
            break;
        }
    }
}

std::string JsonValue::Dump() const {
    std::string out;
    DumpTo(out);
    return out;
}

Result<JsonValue> ParseJson(std::string_view text, bool allow_comments) {
    return Parser(text, allow_comments).ParseDocument();
}

bool IsJsonNumber(std::string_view text) {
    auto v = ParseJson(text);
    return v.ok() && v->is_number();
}

}  // namespace runnel::runner
