#include "tests/runner/qtt_loader.h"

#include <map>
#include <set>

#include "tests/runner/sql_scan.h"
#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

// Formats whose records carry schema-registry ids: Runnel has no schema registry yet.
const std::set<std::string>& SchemaRegistryFormats() {
    static const std::set<std::string> kFormats = {"AVRO", "PROTOBUF", "JSON_SR"};
    return kFormats;
}

// Functions that exist only in ksqlDB's test class path (not in the product).
const std::set<std::string>& TestOnlyFunctions() {
    static const std::set<std::string> kFunctions = {
        "TEST_UDF",  "TEST_UDAF",       "TEST_UDTF",   "THROWING_UDTF", "BAD_UDF",
        "TOSTRUCT",  "WHENCONDITION",   "WHENRESULT",  "VAR_ARG",       "MID_VAR_ARG",
        "MULTI_ARG", "GENERIC_VAR_ARG", "OBJ_COL_ARG", "FOUR_ARG",      "FIVE_ARG",
    };
    return kFunctions;
}

std::string BaseName(const std::string& path) {
    size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Stem(const std::string& file) {
    size_t dot = file.rfind('.');
    return dot == std::string::npos ? file : file.substr(0, dot);
}

// A JSON scalar as property text.
std::string ScalarText(const JsonValue& v) {
    if (v.is_string() || v.is_number()) return v.text();
    if (v.is_bool()) return v.bool_value() ? "true" : "false";
    return v.Dump();
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

std::optional<std::string> FormatName(const JsonValue* v) {
    if (v == nullptr) return std::nullopt;
    if (v->is_string()) return v->text();
    if (v->is_object()) {
        std::string f = v->GetString("format");
        if (!f.empty()) return f;
    }
    return std::nullopt;
}

SourceCheck SourceCheckFromJson(const JsonValue& s) {
    SourceCheck c;
    c.name = s.GetString("name");
    if (s.Find("type")) c.type = Upper(s.GetString("type"));
    if (s.Find("schema")) c.schema = s.GetString("schema");
    c.key_format = FormatName(s.Find("keyFormat"));
    c.value_format = FormatName(s.Find("valueFormat"));
    if (const JsonValue* kf = s.Find("keyFormat"); kf && kf->is_object()) {
        if (kf->Find("windowType")) c.window_type = Upper(kf->GetString("windowType"));
        if (const JsonValue* size = kf->Find("windowSize")) c.window_size_ms = JsonInteger(*size);
    }
    if (const JsonValue* vf = s.Find("valueFeatures"); vf && vf->is_array()) {
        for (const auto& f : vf->array()) {
            if (f.text() == "UNWRAP_SINGLES") c.wrap_single_value = false;
            if (f.text() == "WRAP_SINGLES") c.wrap_single_value = true;
        }
    }
    if (const JsonValue* is = s.Find("isSource"); is && is->is_bool())
        c.is_source = is->bool_value();
    return c;
}

struct TopicPlan {
    std::vector<std::string> order;
    std::map<std::string, int32_t> partitions;
    void Add(const std::string& name, int32_t count) {
        if (name.empty() || partitions.count(name)) return;
        order.push_back(name);
        partitions[name] = count;
    }
};

// Steps shared by QTT cases and the testing-tool trio.
void AddSteps(TestCase& tc, const std::vector<std::string>& statements, const JsonValue* topics,
              const std::vector<RecordSpec>& inputs, const std::vector<RecordSpec>& outputs,
              bool outputs_empty_list) {
    TopicPlan plan;
    if (topics && topics->is_array()) {
        for (const auto& t : topics->array()) {
            int32_t partitions = 1;
            if (const JsonValue* p = t.Find("partitions")) {
                partitions = static_cast<int32_t>(JsonInteger(*p).value_or(1));
            }
            plan.Add(t.GetString("name"), partitions);
        }
    }
    for (const auto& sql : statements) {
        auto create = ScanCreate(sql);
        if (!create) continue;
        if (create->has_columns && !create->as_select) {
            plan.Add(create->Topic(), create->Partitions().value_or(1));
        } else if (create->as_select && create->Partitions()) {
            plan.Add(create->Topic(), *create->Partitions());
        }
    }
    for (const auto& r : inputs) plan.Add(r.topic, 1);
    for (const auto& r : outputs) plan.Add(r.topic, 1);
    for (const auto& name : plan.order) {
        Step s;
        s.kind = Step::Kind::kTopic;
        s.topic = name;
        s.partitions = plan.partitions[name];
        s.explicit_partitions = true;
        tc.steps.push_back(std::move(s));
    }
    if (!statements.empty()) {
        Step s;
        s.kind = Step::Kind::kStatement;
        s.script = statements;
        for (const auto& sql : statements) s.sql += (s.sql.empty() ? "" : "\n") + sql;
        tc.steps.push_back(std::move(s));
    }
    if (!inputs.empty()) {
        Step s;
        s.kind = Step::Kind::kProduce;
        s.records = inputs;
        tc.steps.push_back(std::move(s));
    }
    std::vector<std::string> order;
    std::map<std::string, std::vector<RecordSpec>> by_topic;
    for (const auto& r : outputs) {
        if (!by_topic.count(r.topic)) order.push_back(r.topic);
        by_topic[r.topic].push_back(r);
    }
    for (const auto& topic : order) {
        Step s;
        s.kind = Step::Kind::kExpect;
        s.topic = topic;
        s.records = by_topic[topic];
        tc.steps.push_back(std::move(s));
    }
    if (outputs_empty_list) {
        // "outputs": [] says the queries write nothing: every query sink must stay empty.
        Step s;
        s.kind = Step::Kind::kExpect;
        tc.steps.push_back(std::move(s));
    }
}

Result<std::vector<RecordSpec>> RecordsFrom(const JsonValue* list, const std::string& what) {
    std::vector<RecordSpec> out;
    if (list == nullptr || list->is_null()) return out;
    if (!list->is_array()) return Status::Invalid(what + " is not a list");
    for (const auto& r : list->array()) {
        auto rec = QttRecordFromJson(r);
        if (!rec.ok()) return Status::Invalid(what + ": " + rec.status().message());
        out.push_back(std::move(rec).value());
    }
    return out;
}

std::optional<std::string> SkipReason(const JsonValue& c,
                                      const std::vector<std::string>& statements,
                                      const std::map<std::string, std::string>& properties) {
    if (const JsonValue* enabled = c.Find("enabled");
        enabled && enabled->is_bool() && !enabled->bool_value()) {
        return "disabled in the QTT file (enabled: false)";
    }
    std::set<std::string> formats;
    for (const auto& sql : statements) {
        for (const auto& f : FormatsNamed(sql)) formats.insert(f);
    }
    if (const JsonValue* topics = c.Find("topics"); topics && topics->is_array()) {
        for (const auto& t : topics->array()) {
            for (const char* key : {"keyFormat", "valueFormat", "format"}) {
                std::string f = t.GetString(key);
                if (!f.empty()) formats.insert(Upper(f));
            }
        }
    }
    for (const char* key :
         {"ksql.persistence.default.format.key", "ksql.persistence.default.format.value"}) {
        auto it = properties.find(key);
        if (it != properties.end()) formats.insert(Upper(it->second));
    }
    for (const auto& f : formats) {
        if (SchemaRegistryFormats().count(f)) {
            return "format " + f + " needs a schema registry (not supported yet)";
        }
    }
    for (const auto& sql : statements) {
        for (const auto& fn : FunctionNames(sql)) {
            if (TestOnlyFunctions().count(fn)) return "uses ksqlDB's test-only function " + fn;
        }
    }
    return std::nullopt;
}

TestCase FailedLoad(const std::string& name, const std::string& file, const std::string& path,
                    const std::string& why) {
    TestCase tc;
    tc.name = name;
    tc.file = file;
    tc.path = path;
    tc.qtt = true;
    tc.load_error = why;
    return tc;
}

}  // namespace

std::optional<int64_t> JsonInteger(const JsonValue& v) {
    if (!v.is_number() && !v.is_string()) return std::nullopt;
    try {
        size_t used = 0;
        long long n = std::stoll(v.text(), &used);
        if (used == v.text().size()) return static_cast<int64_t>(n);
    } catch (...) {
    }
    return std::nullopt;
}

Result<std::vector<HeaderSpec>> HeadersFromJson(const JsonValue& hs) {
    if (!hs.is_array()) return Status::Invalid("headers must be a list: " + hs.Dump());
    std::vector<HeaderSpec> headers;
    for (const auto& h : hs.array()) {
        if (!h.is_object()) return Status::Invalid("a header is not an object: " + h.Dump());
        HeaderSpec spec;
        spec.key = h.GetString("KEY");
        const JsonValue* v = h.Find("VALUE");
        if (v && v->is_string()) {
            auto bytes = Base64Decode(v->text());
            if (!bytes) return Status::Invalid("header value is not base64: " + v->Dump());
            spec.value = *bytes;
        } else if (v && !v->is_null()) {
            return Status::Invalid("header value must be base64 text or null: " + v->Dump());
        }
        headers.push_back(std::move(spec));
    }
    return headers;
}

Result<RecordSpec> QttRecordFromJson(const JsonValue& r) {
    if (!r.is_object()) return Status::Invalid("a record is not an object: " + r.Dump());
    RecordSpec rec;
    rec.topic = r.GetString("topic");
    if (rec.topic.empty()) return Status::Invalid("a record has no topic: " + r.Dump());
    if (const JsonValue* key = r.Find("key")) rec.key = FieldSpec::Json(*key);
    const JsonValue* value = r.Find("value");
    rec.value = value ? FieldSpec::Json(*value) : FieldSpec::Null();
    if (const JsonValue* ts = r.Find("timestamp"); ts && !ts->is_null()) {
        auto n = JsonInteger(*ts);
        if (!n) return Status::Invalid("bad timestamp: " + ts->Dump());
        rec.timestamp = *n;
    }
    if (const JsonValue* w = r.Find("window"); w && w->is_object()) {
        WindowSpec ws;
        const JsonValue* start = w->Find("start");
        const JsonValue* end = w->Find("end");
        auto s = start ? JsonInteger(*start) : std::nullopt;
        auto e = end ? JsonInteger(*end) : std::nullopt;
        if (!s || !e) return Status::Invalid("bad window: " + w->Dump());
        ws.start = *s;
        ws.end = *e;
        ws.session = EqualsIgnoreCase(w->GetString("type"), "session");
        rec.window = ws;
    }
    if (const JsonValue* hs = r.Find("headers"); hs && !hs->is_null()) {
        ASSIGN_OR_RETURN(auto headers, HeadersFromJson(*hs));
        rec.headers = std::move(headers);
    }
    return rec;
}

std::vector<TestCase> QttCasesFromJson(const JsonValue& doc, const std::string& file,
                                       const std::string& path) {
    std::vector<TestCase> out;
    std::string stem = Stem(file);
    const JsonValue* tests = doc.Find("tests");
    if (tests == nullptr || !tests->is_array()) {
        out.push_back(FailedLoad(stem + " - (no tests)", file, path, "no \"tests\" list"));
        return out;
    }
    std::map<std::string, int> seen;
    for (const auto& c : tests->array()) {
        std::string case_name = c.GetString("name");
        std::vector<std::string> formats = {""};
        if (const JsonValue* f = c.Find("format"); f && f->is_array() && !f->array().empty()) {
            formats.clear();
            for (const auto& x : f->array()) formats.push_back(ScalarText(x));
        }
        std::vector<std::string> configs = {""};
        bool has_config = false;
        if (const JsonValue* f = c.Find("config"); f && f->is_array() && !f->array().empty()) {
            configs.clear();
            has_config = true;
            for (const auto& x : f->array()) configs.push_back(ScalarText(x));
        }
        std::string config_property;
        std::map<std::string, std::string> base_properties;
        if (const JsonValue* props = c.Find("properties"); props && props->is_object()) {
            for (const auto& [k, v] : props->object()) {
                base_properties[k] = ScalarText(v);
                if (v.is_string() && v.text() == "{CONFIG}") config_property = k;
            }
        }
        for (const auto& format : formats) {
            for (const auto& config : configs) {
                std::string name = stem + " - " + case_name;
                if (!format.empty()) name += " - " + format;
                if (has_config) name += " - " + config_property + "=" + config;
                int n = ++seen[name];
                if (n > 1) name += " (" + std::to_string(n) + ")";

                TestCase tc;
                tc.name = name;
                tc.file = file;
                tc.path = path;
                tc.qtt = true;
                tc.properties = base_properties;
                if (has_config && !config_property.empty()) tc.properties[config_property] = config;
                std::vector<std::string> statements;
                if (const JsonValue* s = c.Find("statements"); s && s->is_array()) {
                    for (const auto& x : s->array()) {
                        statements.push_back(ReplaceAll(x.text(), "{FORMAT}", format));
                    }
                }
                if (const JsonValue* e = c.Find("expectedException"); e && e->is_object()) {
                    tc.expected_failure =
                        ExpectedFailure{e->GetString("type"), e->GetString("message")};
                }
                tc.skip_reason = SkipReason(c, statements, tc.properties);
                auto inputs = RecordsFrom(c.Find("inputs"), "inputs");
                auto outputs = RecordsFrom(c.Find("outputs"), "outputs");
                if (!inputs.ok() || !outputs.ok()) {
                    tc.load_error =
                        !inputs.ok() ? inputs.status().message() : outputs.status().message();
                    out.push_back(std::move(tc));
                    continue;
                }
                const JsonValue* out_list = c.Find("outputs");
                bool empty_list = out_list && out_list->is_array() && out_list->array().empty();
                AddSteps(tc, statements, c.Find("topics"), inputs.value(), outputs.value(),
                         empty_list);
                if (const JsonValue* post = c.Find("post"); post && post->is_object()) {
                    if (const JsonValue* sources = post->Find("sources");
                        sources && sources->is_array() && !sources->array().empty()) {
                        Step s;
                        s.kind = Step::Kind::kCheckSources;
                        for (const auto& src : sources->array()) {
                            s.sources.push_back(SourceCheckFromJson(src));
                        }
                        tc.steps.push_back(std::move(s));
                    }
                }
                out.push_back(std::move(tc));
            }
        }
    }
    return out;
}

std::vector<TestCase> LoadQttFile(const std::string& path) {
    std::string file = BaseName(path);
    auto text = ReadFile(path);
    if (!text)
        return {FailedLoad(Stem(file) + " - (unreadable)", file, path, "cannot read " + path)};
    auto doc = ParseJson(*text, true);
    if (!doc.ok()) {
        return {FailedLoad(Stem(file) + " - (unreadable)", file, path,
                           "not JSON: " + doc.status().message())};
    }
    return QttCasesFromJson(doc.value(), file, path);
}

TestCase LoadTestingToolCase(const std::string& statements_path, const std::string& input_path,
                             const std::string& output_path) {
    std::string file = BaseName(statements_path);
    TestCase tc;
    tc.name = Stem(file);
    tc.file = file;
    tc.path = statements_path;
    tc.qtt = true;
    auto sql = ReadFile(statements_path);
    if (!sql) {
        tc.load_error = "cannot read " + statements_path;
        return tc;
    }
    auto records = [&](const std::string& p, const char* field) -> Result<std::vector<RecordSpec>> {
        auto text = ReadFile(p);
        if (!text) return Status::IoError("cannot read " + p);
        auto doc = ParseJson(*text, true);
        if (!doc.ok()) return Status::Invalid(p + ": " + doc.status().message());
        return RecordsFrom(doc->Find(field), p);
    };
    auto inputs = records(input_path, "inputs");
    auto outputs = records(output_path, "outputs");
    if (!inputs.ok() || !outputs.ok()) {
        tc.load_error = !inputs.ok() ? inputs.status().message() : outputs.status().message();
        return tc;
    }
    AddSteps(tc, SplitStatements(*sql), nullptr, inputs.value(), outputs.value(), false);
    return tc;
}

}  // namespace runnel::runner
