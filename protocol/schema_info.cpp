#include "protocol/schema_info.h"

#include <cctype>
#include <charconv>

namespace runnel::protocol {

namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string Upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool StartsWithWord(std::string_view s, std::string_view word) {
    if (s.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(s[i])) != word[i]) return false;
    }
    return s.size() == word.size() ||
           !(std::isalnum(static_cast<unsigned char>(s[word.size()])) || s[word.size()] == '_');
}

// Splits at commas that are not nested inside <>, () or backticks.
std::vector<std::string_view> SplitTopLevel(std::string_view s) {
    std::vector<std::string_view> parts;
    int depth = 0;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '`') {
            quoted = !quoted;
        } else if (quoted) {
            continue;
        } else if (c == '<' || c == '(') {
            ++depth;
        } else if (c == '>' || c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            parts.push_back(Trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    std::string_view last = Trim(s.substr(start));
    if (!last.empty() || !parts.empty()) parts.push_back(last);
    return parts;
}

// The text between the outermost '<' and the matching last '>' (or '(' ... ')').
std::string_view Inner(std::string_view s, char open, char close) {
    size_t a = s.find(open);
    size_t b = s.rfind(close);
    if (a == std::string_view::npos || b == std::string_view::npos || b <= a) return {};
    return s.substr(a + 1, b - a - 1);
}

// Splits "`NAME` TYPE" or "NAME TYPE" into the unquoted name and the rest.
void SplitNameAndType(std::string_view s, std::string* name, std::string_view* rest) {
    s = Trim(s);
    if (!s.empty() && s.front() == '`') {
        size_t i = 1;
        std::string out;
        while (i < s.size()) {
            if (s[i] == '`') {
                if (i + 1 < s.size() && s[i + 1] == '`') {  // escaped backtick
                    out.push_back('`');
                    i += 2;
                    continue;
                }
                break;
            }
            out.push_back(s[i++]);
        }
        *name = out;
        *rest = Trim(i < s.size() ? s.substr(i + 1) : std::string_view{});
        return;
    }
    size_t space = 0;
    while (space < s.size() && !std::isspace(static_cast<unsigned char>(s[space]))) ++space;
    *name = std::string(s.substr(0, space));
    *rest = Trim(s.substr(space));
}

bool ParseInt(std::string_view s, int* out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

OrderedJson MakeSchema(std::string type, OrderedJson fields, OrderedJson member) {
    OrderedJson schema;
    schema["type"] = std::move(type);
    schema["fields"] = std::move(fields);
    schema["memberSchema"] = std::move(member);
    return schema;
}

}  // namespace

OrderedJson SchemaInfoFromSqlType(std::string_view sql_type) {
    std::string_view t = Trim(sql_type);
    if (StartsWithWord(t, "ARRAY")) {
        return MakeSchema("ARRAY", nullptr, SchemaInfoFromSqlType(Inner(t, '<', '>')));
    }
    if (StartsWithWord(t, "MAP")) {
        std::vector<std::string_view> kv = SplitTopLevel(Inner(t, '<', '>'));
        std::string_view value = kv.size() == 2 ? kv[1] : std::string_view("STRING");
        return MakeSchema("MAP", nullptr, SchemaInfoFromSqlType(value));
    }
    if (StartsWithWord(t, "STRUCT")) {
        OrderedJson fields = OrderedJson::array();
        for (std::string_view part : SplitTopLevel(Inner(t, '<', '>'))) {
            if (part.empty()) continue;
            std::string name;
            std::string_view type;
            SplitNameAndType(part, &name, &type);
            OrderedJson field;
            field["name"] = name;
            field["schema"] = SchemaInfoFromSqlType(type);
            fields.push_back(std::move(field));
        }
        return MakeSchema("STRUCT", std::move(fields), nullptr);
    }
    if (StartsWithWord(t, "DECIMAL")) {
        OrderedJson schema = MakeSchema("DECIMAL", nullptr, nullptr);
        std::vector<std::string_view> ps = SplitTopLevel(Inner(t, '(', ')'));
        int precision = 0;
        int scale = 0;
        if (ps.size() == 2 && ParseInt(ps[0], &precision) && ParseInt(ps[1], &scale)) {
            OrderedJson params;
            params["precision"] = precision;
            params["scale"] = scale;
            schema["parameters"] = std::move(params);
        }
        return schema;
    }
    std::string name = Upper(t);
    if (name == "INT") name = "INTEGER";
    if (name == "VARCHAR") name = "STRING";
    return MakeSchema(std::move(name), nullptr, nullptr);
}

std::string SchemaInfoTypeString(const nlohmann::json& schema) {
    if (!schema.is_object()) return "";
    std::string type = schema.value("type", "");
    auto member = [&]() -> std::string {
        auto it = schema.find("memberSchema");
        return it == schema.end() ? std::string("?") : SchemaInfoTypeString(*it);
    };
    if (type == "STRING") return "VARCHAR(STRING)";
    if (type == "ARRAY") return "ARRAY<" + member() + ">";
    if (type == "MAP") return "MAP<STRING, " + member() + ">";
    if (type == "STRUCT") {
        std::string out = "STRUCT<";
        auto it = schema.find("fields");
        if (it != schema.end() && it->is_array()) {
            bool first = true;
            for (const auto& field : *it) {
                if (!first) out += ", ";
                first = false;
                out += field.value("name", "");
                out += " ";
                auto fs = field.find("schema");
                if (fs != field.end()) out += SchemaInfoTypeString(*fs);
            }
        }
        return out + ">";
    }
    if (type == "DECIMAL") {
        auto it = schema.find("parameters");
        if (it != schema.end() && it->is_object() && it->contains("precision") &&
            it->contains("scale")) {
            return "DECIMAL(" + (*it)["precision"].dump() + ", " + (*it)["scale"].dump() + ")";
        }
    }
    return type;
}

std::vector<SchemaColumn> ParseSchemaColumns(std::string_view schema) {
    std::vector<SchemaColumn> columns;
    for (std::string_view part : SplitTopLevel(schema)) {
        if (part.empty()) continue;
        SchemaColumn column;
        std::string_view type;
        SplitNameAndType(part, &column.name, &type);
        std::string upper = Upper(type);
        for (std::string_view suffix :
             {std::string_view(" PRIMARY KEY"), std::string_view(" KEY")}) {
            if (upper.size() >= suffix.size() &&
                upper.compare(upper.size() - suffix.size(), suffix.size(), suffix) == 0) {
                type = Trim(type.substr(0, type.size() - suffix.size()));
                column.key = true;
                break;
            }
        }
        column.type = std::string(type);
        columns.push_back(std::move(column));
    }
    return columns;
}

}  // namespace runnel::protocol
