#include "tests/runner/type_text.h"

#include <vector>

#include "tests/runner/sql_scan.h"
#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

class TypeReader {
public:
    explicit TypeReader(std::string_view text) : tokens_(TokenizeSql(text)) {}

    bool AtEnd() const { return pos_ >= tokens_.size(); }
    const SqlToken* Peek() const { return AtEnd() ? nullptr : &tokens_[pos_]; }

    bool PeekPunct(char c) const {
        const SqlToken* t = Peek();
        return t && t->kind == SqlToken::Kind::kPunct && t->text[0] == c;
    }

    bool PeekWord(std::string_view w) const {
        const SqlToken* t = Peek();
        return t && t->kind == SqlToken::Kind::kWord && EqualsIgnoreCase(t->text, w);
    }

    Status Expect(char c) {
        if (!PeekPunct(c)) return Status::Invalid(std::string("'") + c + "' expected" + Where());
        ++pos_;
        return Status::Ok();
    }

    std::string Where() const { return AtEnd() ? " at end" : " at '" + tokens_[pos_].text + "'"; }

    // A column or field name: unquoted names are upper-cased.
    Result<std::string> Name() {
        const SqlToken* t = Peek();
        if (!t || (t->kind != SqlToken::Kind::kWord && t->kind != SqlToken::Kind::kQuoted)) {
            return Status::Invalid("name expected" + Where());
        }
        ++pos_;
        return t->kind == SqlToken::Kind::kQuoted ? t->text : Upper(t->text);
    }

    Result<int> Integer() {
        const SqlToken* t = Peek();
        if (!t || t->kind != SqlToken::Kind::kNumber) return Status::Invalid("number expected");
        ++pos_;
        try {
            return std::stoi(t->text);
        } catch (...) {
            return Status::Invalid("bad number " + t->text);
        }
    }

    Result<SqlType> Type() {
        const SqlToken* t = Peek();
        if (!t || t->kind != SqlToken::Kind::kWord)
            return Status::Invalid("type expected" + Where());
        std::string name = Upper(t->text);
        ++pos_;
        if (name == "BOOLEAN") return SqlType::Boolean();
        if (name == "INT" || name == "INTEGER") return SqlType::Int();
        if (name == "BIGINT") return SqlType::Bigint();
        if (name == "DOUBLE") return SqlType::Double();
        if (name == "STRING" || name == "VARCHAR") return SqlType::String();
        if (name == "BYTES") return SqlType::Bytes();
        if (name == "DATE") return SqlType::Date();
        if (name == "TIME") return SqlType::Time();
        if (name == "TIMESTAMP") return SqlType::Timestamp();
        if (name == "DECIMAL") {
            RETURN_IF_ERROR(Expect('('));
            ASSIGN_OR_RETURN(int precision, Integer());
            int scale = 0;
            if (PeekPunct(',')) {
                ++pos_;
                ASSIGN_OR_RETURN(scale, Integer());
            }
            RETURN_IF_ERROR(Expect(')'));
            return SqlType::Decimal(precision, scale);
        }
        if (name == "ARRAY") {
            RETURN_IF_ERROR(Expect('<'));
            ASSIGN_OR_RETURN(SqlType element, Type());
            RETURN_IF_ERROR(Expect('>'));
            return SqlType::Array(std::move(element));
        }
        if (name == "MAP") {
            RETURN_IF_ERROR(Expect('<'));
            ASSIGN_OR_RETURN(SqlType key, Type());
            RETURN_IF_ERROR(Expect(','));
            ASSIGN_OR_RETURN(SqlType value, Type());
            RETURN_IF_ERROR(Expect('>'));
            return SqlType::Map(std::move(key), std::move(value));
        }
        if (name == "STRUCT") {
            RETURN_IF_ERROR(Expect('<'));
            std::vector<StructField> fields;
            while (!PeekPunct('>')) {
                if (!fields.empty()) RETURN_IF_ERROR(Expect(','));
                ASSIGN_OR_RETURN(std::string field, Name());
                ASSIGN_OR_RETURN(SqlType type, Type());
                fields.push_back({std::move(field), std::move(type)});
            }
            RETURN_IF_ERROR(Expect('>'));
            return SqlType::Struct(std::move(fields));
        }
        return SqlType::Named(name);
    }

    // Column suffix: KEY, PRIMARY KEY, HEADERS, HEADER('k'); "" for none.
    Result<std::string> Suffix() {
        if (PeekWord("PRIMARY")) {
            ++pos_;
            if (!PeekWord("KEY")) return Status::Invalid("KEY expected after PRIMARY");
            ++pos_;
            return std::string(" KEY");
        }
        if (PeekWord("KEY")) {
            ++pos_;
            return std::string(" KEY");
        }
        if (PeekWord("HEADERS")) {
            ++pos_;
            return std::string(" HEADERS");
        }
        if (PeekWord("HEADER")) {
            ++pos_;
            RETURN_IF_ERROR(Expect('('));
            const SqlToken* k = Peek();
            if (!k || k->kind != SqlToken::Kind::kString)
                return Status::Invalid("header key expected");
            std::string key = k->text;
            ++pos_;
            RETURN_IF_ERROR(Expect(')'));
            return " HEADER('" + key + "')";
        }
        return std::string();
    }

    size_t pos_ = 0;

private:
    std::vector<SqlToken> tokens_;
};

std::string Quote(const std::string& name) { return "`" + name + "`"; }

// The canonical text of a type (field names quoted, synonyms unified).
std::string Canonical(const SqlType& type) {
    switch (type.kind()) {
        case TypeKind::kArray:
            return "ARRAY<" + Canonical(type.element()) + ">";
        case TypeKind::kMap:
            return "MAP<" + Canonical(type.map_key()) + ", " + Canonical(type.map_value()) + ">";
        case TypeKind::kStruct: {
            std::string out = "STRUCT<";
            bool first = true;
            for (const auto& f : type.fields()) {
                if (!first) out += ", ";
                first = false;
                out += Quote(f.name) + " " + Canonical(f.type);
            }
            return out + ">";
        }
        case TypeKind::kDecimal:
            return "DECIMAL(" + std::to_string(type.precision()) + ", " +
                   std::to_string(type.scale()) + ")";
        case TypeKind::kNamed:
            return type.name();
        default:
            return type.ToString();
    }
}

}  // namespace

Result<SqlType> ParseSqlType(std::string_view text) {
    TypeReader reader(text);
    ASSIGN_OR_RETURN(SqlType type, reader.Type());
    if (!reader.AtEnd()) return Status::Invalid("unexpected text after type" + reader.Where());
    return type;
}

Result<std::string> NormalizeSchemaText(std::string_view text) {
    TypeReader reader(text);
    std::string out;
    while (!reader.AtEnd()) {
        if (!out.empty()) RETURN_IF_ERROR(reader.Expect(','));
        ASSIGN_OR_RETURN(std::string name, reader.Name());
        ASSIGN_OR_RETURN(SqlType type, reader.Type());
        ASSIGN_OR_RETURN(std::string suffix, reader.Suffix());
        if (!out.empty()) out += ", ";
        out += Quote(name) + " " + Canonical(type) + suffix;
    }
    return out;
}

}  // namespace runnel::runner
