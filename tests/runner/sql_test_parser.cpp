#include "tests/runner/sql_test_parser.h"

#include <tuple>

#include "tests/runner/qtt_loader.h"
#include "tests/runner/sql_scan.h"
#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

bool IsBlank(std::string_view line) { return Trim(line).empty(); }

bool IsComment(std::string_view line) {
    auto t = Trim(line);
    return !t.empty() && t.front() == '#';
}

// First word of a line and the rest (trimmed).
std::pair<std::string, std::string> Head(std::string_view line) {
    auto t = Trim(line);
    size_t sp = t.find_first_of(" \t");
    if (sp == std::string_view::npos) return {std::string(t), ""};
    return {std::string(t.substr(0, sp)), std::string(Trim(t.substr(sp)))};
}

// A token starting at s[pos]: a JSON string literal, a balanced JSON object/array, or a run of
// non-space characters.
Result<std::string> ReadToken(std::string_view s, size_t& pos, bool json_aware) {
    size_t start = pos;
    if (json_aware && pos < s.size() && s[pos] == '"') {
        ++pos;
        while (pos < s.size() && s[pos] != '"') pos += s[pos] == '\\' ? 2 : 1;
        if (pos >= s.size()) return Status::Invalid("unterminated string");
        ++pos;
        return std::string(s.substr(start, pos - start));
    }
    if (json_aware && pos < s.size() && (s[pos] == '{' || s[pos] == '[')) {
        int depth = 0;
        bool in_string = false;
        for (; pos < s.size(); ++pos) {
            char c = s[pos];
            if (in_string) {
                if (c == '\\') {
                    ++pos;
                } else if (c == '"') {
                    in_string = false;
                }
                continue;
            }
            if (c == '"') in_string = true;
            if (c == '{' || c == '[') ++depth;
            if ((c == '}' || c == ']') && --depth == 0) {
                ++pos;
                return std::string(s.substr(start, pos - start));
            }
        }
        return Status::Invalid("unbalanced " + std::string(1, s[start]));
    }
    while (pos < s.size() && s[pos] != ' ' && s[pos] != '\t') ++pos;
    return std::string(s.substr(start, pos - start));
}

FieldSpec FieldFromText(const std::string& text, bool key) {
    FieldSpec f;
    if (text == "null") return FieldSpec::Null();
    if (StartsWith(text, "hex:")) {
        auto bytes = HexDecode(text.substr(4));
        f.kind = FieldSpec::Kind::kBytes;
        f.text = bytes ? *bytes : "";
        if (!bytes) f.kind = FieldSpec::Kind::kAbsent;  // reported by the caller
        return f;
    }
    f.kind = FieldSpec::Kind::kText;
    f.text = text;
    f.is_key_token = key;
    return f;
}

Result<int64_t> Integer(const std::string& text, const char* what) {
    try {
        size_t used = 0;
        long long v = std::stoll(text, &used);
        if (used == text.size()) return static_cast<int64_t>(v);
    } catch (...) {
    }
    return Status::Invalid(std::string("bad ") + what + ": '" + text + "'");
}

Result<WindowSpec> Window(const std::string& text) {
    // [start,end) time window, [start,end] session window.
    if (text.size() < 5 || text.front() != '[' || (text.back() != ')' && text.back() != ']')) {
        return Status::Invalid("window must be [start,end) or [start,end]: '" + text + "'");
    }
    std::string inner = text.substr(1, text.size() - 2);
    size_t comma = inner.find(',');
    if (comma == std::string::npos)
        return Status::Invalid("window needs start,end: '" + text + "'");
    WindowSpec w;
    ASSIGN_OR_RETURN(w.start, Integer(std::string(Trim(inner.substr(0, comma))), "window start"));
    ASSIGN_OR_RETURN(w.end, Integer(std::string(Trim(inner.substr(comma + 1))), "window end"));
    w.session = text.back() == ']';
    return w;
}

struct Block {
    int line = 0;  // 1-based line of the directive
    std::string head;
    std::string args;
    std::vector<std::pair<int, std::string>> body;  // (line, text) up to the blank line
};

class FileParser {
public:
    FileParser(std::string_view text, std::string display, std::string path)
        : lines_(SplitLines(text)), display_(std::move(display)), path_(std::move(path)) {}

    std::vector<TestCase> Parse() {
        Status st = ParseAll();
        if (!st.ok()) {
            TestCase tc;
            tc.name = display_ + " - (parse error)";
            tc.file = display_;
            tc.path = path_;
            tc.load_error = st.message();
            return {tc};
        }
        std::vector<TestCase> out;
        if (cases_.empty()) {
            TestCase tc = NewCase(display_);
            tc.steps = prelude_;
            out.push_back(std::move(tc));
            return out;
        }
        for (auto& c : cases_) {
            std::vector<Step> steps = prelude_;
            for (auto& s : c.steps) steps.push_back(std::move(s));
            c.steps = std::move(steps);
            out.push_back(std::move(c));
        }
        return out;
    }

private:
    TestCase NewCase(const std::string& name) const {
        TestCase tc;
        tc.name = name;
        tc.file = display_;
        tc.path = path_;
        tc.single_partition_reason = single_partition_;
        tc.stateful = stateful_;
        return tc;
    }

    std::vector<Step>& Steps() { return cases_.empty() ? prelude_ : cases_.back().steps; }

    Status LineError(int line, const std::string& what) const {
        return Status::Invalid("line " + std::to_string(line) + ": " + what);
    }

    Status ParseAll() {
        size_t i = 0;
        while (i < lines_.size()) {
            if (IsBlank(lines_[i]) || IsComment(lines_[i])) {
                ++i;
                continue;
            }
            Block b;
            b.line = static_cast<int>(i) + 1;
            std::tie(b.head, b.args) = Head(lines_[i]);
            ++i;
            if (IsMultiLine(b.head)) {
                while (i < lines_.size() && !IsBlank(lines_[i])) {
                    if (!IsComment(lines_[i]))
                        b.body.emplace_back(static_cast<int>(i) + 1, lines_[i]);
                    ++i;
                }
            }
            RETURN_IF_ERROR(Dispatch(b));
        }
        // The statefulness of a file is also read from its statements.
        auto scan = [&](const std::vector<Step>& steps) {
            for (const auto& s : steps) {
                if ((s.kind == Step::Kind::kStatement || s.kind == Step::Kind::kPush) &&
                    NeedsState(s.sql)) {
                    stateful_ = true;
                }
            }
        };
        scan(prelude_);
        for (const auto& c : cases_) scan(c.steps);
        for (auto& c : cases_) {
            c.stateful = stateful_;
            c.single_partition_reason = single_partition_;
        }
        return Status::Ok();
    }

    static bool IsMultiLine(const std::string& head) {
        return head == "statement" || head == "produce" || head == "expect" || head == "push" ||
               head == "source";
    }

    Status Dispatch(const Block& b) {
        if (b.head == "case") {
            if (b.args.empty()) return LineError(b.line, "case needs a name");
            for (const auto& c : cases_) {
                if (c.name == display_ + " - " + b.args) {
                    return LineError(b.line, "duplicate case name '" + b.args + "'");
                }
            }
            cases_.push_back(NewCase(display_ + " - " + b.args));
            return Status::Ok();
        }
        if (b.head == "option") return Option(b);
        if (b.head == "known-bug") {
            if (cases_.empty()) return LineError(b.line, "known-bug goes inside a case");
            if (b.args.empty()) return LineError(b.line, "known-bug needs a description");
            cases_.back().known_bug = b.args;
            return Status::Ok();
        }
        if (b.head == "topic") return Topic(b);
        if (b.head == "set") return Set(b);
        if (b.head == "statement") return Statement(b);
        if (b.head == "produce" || b.head == "expect") return Records(b);
        if (b.head == "push") return Push(b);
        if (b.head == "source") return Source(b);
        return LineError(b.line, "unknown directive '" + b.head + "'");
    }

    Status Option(const Block& b) {
        if (!cases_.empty()) return LineError(b.line, "options go before the first case");
        auto [name, rest] = Head(b.args);
        if (name == "single-partition") {
            if (rest.empty()) return LineError(b.line, "option single-partition needs a reason");
            single_partition_ = rest;
        } else if (name == "stateful") {
            stateful_ = true;
        } else {
            return LineError(b.line, "unknown option '" + name + "'");
        }
        return Status::Ok();
    }

    Status Topic(const Block& b) {
        auto [name, rest] = Head(b.args);
        if (name.empty()) return LineError(b.line, "topic needs a name");
        Step s;
        s.kind = Step::Kind::kTopic;
        s.line = b.line;
        s.topic = name;
        if (!rest.empty()) {
            if (!StartsWith(rest, "partitions=")) return LineError(b.line, "expected partitions=N");
            auto n = Integer(rest.substr(11), "partitions");
            if (!n.ok() || *n <= 0) return LineError(b.line, "bad partition count");
            s.partitions = static_cast<int32_t>(*n);
            s.explicit_partitions = true;
        }
        Steps().push_back(std::move(s));
        return Status::Ok();
    }

    Status Set(const Block& b) {
        size_t eq = b.args.find('=');
        if (eq == std::string::npos) return LineError(b.line, "set NAME=VALUE expected");
        Step s;
        s.kind = Step::Kind::kSet;
        s.line = b.line;
        s.name = std::string(Trim(b.args.substr(0, eq)));
        s.value = std::string(Trim(b.args.substr(eq + 1)));
        Steps().push_back(std::move(s));
        return Status::Ok();
    }

    static std::string JoinBody(const Block& b, size_t from, size_t to) {
        std::string out;
        for (size_t i = from; i < to; ++i) {
            if (!out.empty()) out += "\n";
            out += b.body[i].second;
        }
        return out;
    }

    Result<ErrorPattern> Pattern(const Block& b, const std::string& text) {
        if (text.empty()) return LineError(b.line, "an error block needs a message pattern");
        ErrorPattern p;
        if (text.size() >= 2 && text.front() == '/' && text.back() == '/') {
            p.pattern = text.substr(1, text.size() - 2);
            p.regex = true;
        } else {
            p.pattern = text;
        }
        return p;
    }

    Status Statement(const Block& b) {
        auto [mode, rest] = Head(b.args);
        Step s;
        s.kind = Step::Kind::kStatement;
        s.line = b.line;
        if (mode == "error") {
            auto p = Pattern(b, rest);
            if (!p.ok()) return p.status();
            s.error = p.value();
        } else if (mode != "ok" || !rest.empty()) {
            return LineError(b.line, "expected 'statement ok' or 'statement error <pattern>'");
        }
        s.sql = JoinBody(b, 0, b.body.size());
        if (Trim(s.sql).empty()) return LineError(b.line, "statement block without SQL");
        Steps().push_back(std::move(s));
        return Status::Ok();
    }

    Status Records(const Block& b) {
        auto [topic, rest] = Head(b.args);
        if (topic.empty()) return LineError(b.line, b.head + " needs a topic");
        Step s;
        s.kind = b.head == "produce" ? Step::Kind::kProduce : Step::Kind::kExpect;
        s.line = b.line;
        s.topic = topic;
        if (rest == "unordered" && s.kind == Step::Kind::kExpect) {
            s.unordered = true;
        } else if (!rest.empty()) {
            return LineError(b.line, "unexpected '" + rest + "'");
        }
        for (const auto& [line, text] : b.body) {
            auto r = ParseRecordLine(text);
            if (!r.ok()) return LineError(line, r.status().message());
            r->topic = topic;
            r->line = line;
            s.records.push_back(std::move(r).value());
        }
        if (s.kind == Step::Kind::kProduce && s.records.empty()) {
            return LineError(b.line, "produce block without records");
        }
        Steps().push_back(std::move(s));
        return Status::Ok();
    }

    Status Push(const Block& b) {
        Step s;
        s.kind = Step::Kind::kPush;
        s.line = b.line;
        auto [first, rest] = Head(b.args);
        if (first == "error") {
            auto p = Pattern(b, rest);
            if (!p.ok()) return p.status();
            s.error = p.value();
            s.sql = JoinBody(b, 0, b.body.size());
            Steps().push_back(std::move(s));
            return Status::Ok();
        }
        std::string args = b.args;
        while (!args.empty()) {
            auto [word, more] = Head(args);
            if (word == "unordered") {
                s.unordered = true;
            } else if (word == "latest") {
                s.latest = true;
            } else {
                return LineError(b.line, "unknown push flag '" + word + "'");
            }
            args = more;
        }
        size_t sep = b.body.size();
        for (size_t i = 0; i < b.body.size(); ++i) {
            if (Trim(b.body[i].second) == "----") {
                sep = i;
                break;
            }
        }
        if (sep == b.body.size())
            return LineError(b.line, "push block needs '----' before its rows");
        s.sql = JoinBody(b, 0, sep);
        for (size_t i = sep + 1; i < b.body.size(); ++i) {
            auto row = ParseJson(Trim(b.body[i].second));
            if (!row.ok() || !row->is_array()) {
                return LineError(b.body[i].first, "a row must be a JSON array");
            }
            s.rows.push_back(std::move(row).value());
        }
        Steps().push_back(std::move(s));
        return Status::Ok();
    }

    Status Source(const Block& b) {
        auto [name, rest] = Head(b.args);
        if (name.empty() || !rest.empty()) return LineError(b.line, "source NAME expected");
        SourceCheck c;
        c.name = name;
        for (const auto& [line, text] : b.body) {
            auto [key, value] = Head(text);
            if (key == "type") {
                c.type = Upper(value);
            } else if (key == "schema") {
                c.schema = value;
            } else if (key == "key_format") {
                c.key_format = value;
            } else if (key == "value_format") {
                c.value_format = value;
            } else if (key == "topic") {
                c.topic = value;
            } else if (key == "wrap_single_value") {
                c.wrap_single_value = value == "true";
            } else {
                return LineError(line, "unknown source property '" + key + "'");
            }
        }
        Step s;
        s.kind = Step::Kind::kCheckSources;
        s.line = b.line;
        s.sources.push_back(std::move(c));
        Steps().push_back(std::move(s));
        return Status::Ok();
    }

    std::vector<std::string> lines_;
    std::string display_;
    std::string path_;
    std::vector<Step> prelude_;
    std::vector<TestCase> cases_;
    std::optional<std::string> single_partition_;
    bool stateful_ = false;
};

}  // namespace

Result<RecordSpec> ParseRecordLine(std::string_view line) {
    RecordSpec r;
    bool has_value = false;
    size_t pos = 0;
    std::string_view s = Trim(line);
    while (pos < s.size()) {
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
        if (pos >= s.size()) break;
        size_t eq = s.find('=', pos);
        if (eq == std::string_view::npos) {
            return Status::Invalid("expected name=value at '" + std::string(s.substr(pos)) + "'");
        }
        std::string name(s.substr(pos, eq - pos));
        pos = eq + 1;
        if (name == "value") {
            std::string text(Trim(s.substr(pos)));
            r.value = FieldFromText(text, false);
            if (r.value.kind == FieldSpec::Kind::kAbsent) return Status::Invalid("bad hex value");
            has_value = true;
            break;
        }
        bool json_aware = name == "key" || name == "headers";
        ASSIGN_OR_RETURN(std::string token, ReadToken(s, pos, json_aware));
        if (name == "key") {
            r.key = FieldFromText(token, true);
            if (r.key.kind == FieldSpec::Kind::kAbsent) return Status::Invalid("bad hex key");
        } else if (name == "ts") {
            ASSIGN_OR_RETURN(r.timestamp, Integer(token, "timestamp"));
        } else if (name == "partition") {
            ASSIGN_OR_RETURN(int64_t p, Integer(token, "partition"));
            r.partition = static_cast<int32_t>(p);
        } else if (name == "window") {
            ASSIGN_OR_RETURN(r.window, Window(token));
        } else if (name == "headers") {
            auto json = ParseJson(token);
            if (!json.ok()) return Status::Invalid("headers: " + json.status().message());
            ASSIGN_OR_RETURN(r.headers, HeadersFromJson(json.value()));
        } else {
            return Status::Invalid("unknown record attribute '" + name + "'");
        }
    }
    if (!has_value) return Status::Invalid("a record needs value=... (value=null for a tombstone)");
    return r;
}

std::vector<TestCase> ParseSqlTest(std::string_view text, const std::string& display,
                                   const std::string& path) {
    return FileParser(text, display, path).Parse();
}

std::vector<TestCase> LoadSqlTestFile(const std::string& path, const std::string& display) {
    auto text = ReadFile(path);
    if (!text) {
        TestCase tc;
        tc.name = display + " - (unreadable)";
        tc.file = display;
        tc.path = path;
        tc.load_error = "cannot read " + path;
        return {tc};
    }
    return ParseSqlTest(*text, display, path);
}

}  // namespace runnel::runner
