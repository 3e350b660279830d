#include "tests/runner/sql_scan.h"

#include <cctype>

#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

bool IsWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '@' || c == '$';
}

bool IsWord(const SqlToken& t, std::string_view upper) {
    return t.kind == SqlToken::Kind::kWord && EqualsIgnoreCase(t.text, upper);
}

bool IsPunct(const SqlToken& t, char c) {
    return t.kind == SqlToken::Kind::kPunct && t.text.size() == 1 && t.text[0] == c;
}

std::string Canonical(const SqlToken& t) {
    return t.kind == SqlToken::Kind::kQuoted ? t.text : Upper(t.text);
}

// Index just past the parenthesised group starting at tokens[i] == '(' (or tokens.size()).
size_t SkipGroup(const std::vector<SqlToken>& tokens, size_t i) {
    int depth = 0;
    for (; i < tokens.size(); ++i) {
        if (IsPunct(tokens[i], '(')) ++depth;
        if (IsPunct(tokens[i], ')') && --depth == 0) return i + 1;
    }
    return tokens.size();
}

// Reads "name = value, ..." from the group starting at tokens[i] == '('.
std::map<std::string, SqlToken> ReadProperties(const std::vector<SqlToken>& tokens, size_t i) {
    std::map<std::string, SqlToken> props;
    size_t end = SkipGroup(tokens, i);
    for (size_t j = i + 1; j + 2 < end; ++j) {
        const auto& name = tokens[j];
        if ((name.kind == SqlToken::Kind::kWord || name.kind == SqlToken::Kind::kQuoted ||
             name.kind == SqlToken::Kind::kString) &&
            IsPunct(tokens[j + 1], '=')) {
            props[Upper(name.text)] = tokens[j + 2];
            j += 2;
        }
    }
    return props;
}

}  // namespace

std::vector<SqlToken> TokenizeSql(std::string_view sql) {
    std::vector<SqlToken> tokens;
    size_t i = 0;
    const size_t n = sql.size();
    while (i < n) {
        char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            size_t e = sql.find("*/", i + 2);
            i = e == std::string_view::npos ? n : e + 2;
            continue;
        }
        SqlToken t;
        t.begin = i;
        if (c == '\'') {
            t.kind = SqlToken::Kind::kString;
            ++i;
            while (i < n) {
                if (sql[i] == '\'') {
                    if (i + 1 < n && sql[i + 1] == '\'') {
                        t.text.push_back('\'');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                t.text.push_back(sql[i++]);
            }
        } else if (c == '`' || c == '"') {
            t.kind = SqlToken::Kind::kQuoted;
            char q = c;
            ++i;
            while (i < n) {
                if (sql[i] == q) {
                    if (i + 1 < n && sql[i + 1] == q) {
                        t.text.push_back(q);
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                t.text.push_back(sql[i++]);
            }
        } else if (IsWordStart(c)) {
            t.kind = SqlToken::Kind::kWord;
            while (i < n && IsWordChar(sql[i])) t.text.push_back(sql[i++]);
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            t.kind = SqlToken::Kind::kNumber;
            while (i < n && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.')) {
                t.text.push_back(sql[i++]);
            }
        } else {
            t.kind = SqlToken::Kind::kPunct;
            t.text.push_back(c);
            ++i;
        }
        t.end = i;
        tokens.push_back(std::move(t));
    }
    return tokens;
}

std::vector<std::string> SplitStatements(std::string_view script) {
    std::vector<std::string> out;
    size_t begin = std::string_view::npos;  // the current statement's first token
    for (const auto& t : TokenizeSql(script)) {
        if (begin == std::string_view::npos) {
            if (IsPunct(t, ';')) continue;  // an empty statement
            begin = t.begin;
        }
        if (IsPunct(t, ';')) {
            out.emplace_back(script.substr(begin, t.end - begin));
            begin = std::string_view::npos;
        }
    }
    if (begin != std::string_view::npos) out.emplace_back(Trim(script.substr(begin)));
    return out;
}

std::optional<std::string> CreateInfo::Property(const std::string& name) const {
    auto it = with.find(name);
    if (it == with.end()) return std::nullopt;
    return it->second.text;
}

std::string CreateInfo::Topic() const {
    auto topic = Property("KAFKA_TOPIC");
    return topic ? *topic : name;
}

std::optional<int> CreateInfo::Partitions() const {
    auto p = Property("PARTITIONS");
    if (!p) return std::nullopt;
    try {
        return std::stoi(*p);
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<CreateInfo> ScanCreate(std::string_view sql) {
    auto tokens = TokenizeSql(sql);
    size_t i = 0;
    if (i >= tokens.size() || !IsWord(tokens[i], "CREATE")) return std::nullopt;
    ++i;
    if (i + 1 < tokens.size() && IsWord(tokens[i], "OR") && IsWord(tokens[i + 1], "REPLACE")) {
        i += 2;
    }
    if (i < tokens.size() && IsWord(tokens[i], "SOURCE")) ++i;
    if (i >= tokens.size()) return std::nullopt;
    CreateInfo info;
    if (IsWord(tokens[i], "TABLE")) {
        info.is_table = true;
    } else if (!IsWord(tokens[i], "STREAM")) {
        return std::nullopt;
    }
    ++i;
    if (i + 2 < tokens.size() && IsWord(tokens[i], "IF") && IsWord(tokens[i + 1], "NOT") &&
        IsWord(tokens[i + 2], "EXISTS")) {
        i += 3;
    }
    if (i >= tokens.size()) return std::nullopt;
    info.name = Canonical(tokens[i]);
    ++i;
    if (i < tokens.size() && IsPunct(tokens[i], '(')) {
        info.has_columns = true;
        i = SkipGroup(tokens, i);
    }
    if (i + 1 < tokens.size() && IsWord(tokens[i], "WITH") && IsPunct(tokens[i + 1], '(')) {
        info.with = ReadProperties(tokens, i + 1);
        i = SkipGroup(tokens, i + 1);
    }
    if (i < tokens.size() && IsWord(tokens[i], "AS")) info.as_select = true;
    return info;
}

std::set<std::string> FormatsNamed(std::string_view sql) {
    std::set<std::string> out;
    auto tokens = TokenizeSql(sql);
    for (size_t i = 0; i + 2 < tokens.size(); ++i) {
        if ((IsWord(tokens[i], "KEY_FORMAT") || IsWord(tokens[i], "VALUE_FORMAT") ||
             IsWord(tokens[i], "FORMAT")) &&
            IsPunct(tokens[i + 1], '=') && tokens[i + 2].kind == SqlToken::Kind::kString) {
            out.insert(Upper(tokens[i + 2].text));
        }
    }
    return out;
}

std::set<std::string> FunctionNames(std::string_view sql) {
    std::set<std::string> out;
    auto tokens = TokenizeSql(sql);
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens[i].kind == SqlToken::Kind::kWord && IsPunct(tokens[i + 1], '(')) {
            out.insert(Upper(tokens[i].text));
        }
    }
    return out;
}

bool NeedsState(std::string_view sql) {
    auto tokens = TokenizeSql(sql);
    for (size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        if (IsWord(t, "JOIN") || IsWord(t, "WINDOW")) return true;
        if (IsWord(t, "GROUP") && i + 1 < tokens.size() && IsWord(tokens[i + 1], "BY")) return true;
        if (IsWord(t, "TABLE") && i > 0) {
            // CREATE [OR REPLACE] [SOURCE] TABLE
            const auto& p = tokens[i - 1];
            if (IsWord(p, "CREATE") || IsWord(p, "REPLACE") || IsWord(p, "SOURCE")) return true;
        }
    }
    return false;
}

std::string RewritePartitions(std::string_view sql, int partitions) {
    auto info = ScanCreate(sql);
    if (!info || !info->has_columns || info->as_select) return std::string(sql);
    auto it = info->with.find("PARTITIONS");
    if (it == info->with.end()) return std::string(sql);
    const SqlToken& v = it->second;
    std::string out(sql.substr(0, v.begin));
    out += std::to_string(partitions);
    out += sql.substr(v.end);
    return out;
}

std::optional<int64_t> ParseDuration(int64_t amount, std::string_view unit) {
    std::string u = Upper(unit);
    if (!u.empty() && u.back() == 'S') u.pop_back();
    if (u == "MILLISECOND") return amount;
    if (u == "SECOND") return amount * 1000;
    if (u == "MINUTE") return amount * 60 * 1000;
    if (u == "HOUR") return amount * 3600 * 1000;
    if (u == "DAY") return amount * 24 * 3600 * 1000;
    return std::nullopt;
}

std::optional<WindowInfo> WindowFromSql(std::string_view sql) {
    auto tokens = TokenizeSql(sql);
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (!IsWord(tokens[i], "WINDOW")) continue;
        const auto& kind = tokens[i + 1];
        WindowInfo w;
        if (IsWord(kind, "SESSION")) {
            w.kind = "SESSION";
            w.session = true;
            return w;
        }
        if (IsWord(kind, "TUMBLING") || IsWord(kind, "HOPPING")) {
            w.kind = Upper(kind.text);
            for (size_t j = i + 2; j + 2 < tokens.size(); ++j) {
                if (IsWord(tokens[j], "SIZE") && tokens[j + 1].kind == SqlToken::Kind::kNumber) {
                    try {
                        auto ms = ParseDuration(std::stoll(tokens[j + 1].text), tokens[j + 2].text);
                        if (ms) w.size_ms = *ms;
                    } catch (...) {
                    }
                    break;
                }
            }
            return w;
        }
    }
    auto create = ScanCreate(sql);
    if (create) {
        auto type = create->Property("WINDOW_TYPE");
        if (type) {
            WindowInfo w;
            w.kind = Upper(*type);
            w.session = w.kind == "SESSION";
            auto size = create->Property("WINDOW_SIZE");
            if (size) {
                auto parts = TokenizeSql(*size);
                if (parts.size() >= 2 && parts[0].kind == SqlToken::Kind::kNumber) {
                    try {
                        auto ms = ParseDuration(std::stoll(parts[0].text), parts[1].text);
                        if (ms) w.size_ms = *ms;
                    } catch (...) {
                    }
                }
            }
            return w;
        }
    }
    return std::nullopt;
}

}  // namespace runnel::runner
