#include "protocol/entity_renderer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "protocol/json_text.h"
#include "protocol/query_response_parser.h"
#include "protocol/schema_info.h"
#include "protocol/table_renderer.h"

namespace runnel::protocol {

namespace {

using Json = nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

std::string Str(const Json& object, const char* key) {
    if (!object.is_object()) return "";
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return "";
    return CellText(*it);
}

const Json& Array(const Json& object, const char* key) {
    static const Json kEmpty = Json::array();
    if (!object.is_object()) return kEmpty;
    auto it = object.find(key);
    return it != object.end() && it->is_array() ? *it : kEmpty;
}

std::string Join(const Json& array, const char* sep) {
    std::string out;
    for (const auto& item : array) {
        if (!out.empty()) out += sep;
        out += CellText(item);
    }
    return out;
}

std::string Label(const char* name, const std::string& value) {
    char label[32];
    std::snprintf(label, sizeof label, "%-20s", name);
    return std::string(label) + " : " + value + "\n";
}

std::string SingleLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::string RenderSources(const Json& entity, const char* key, const char* title, size_t width) {
    Rows rows;
    for (const auto& s : Array(entity, key)) {
        rows.push_back({Str(s, "name"), Str(s, "topic"), Str(s, "keyFormat"),
                        Str(s, "valueFormat"), s.value("isWindowed", false) ? "true" : "false"});
    }
    return RenderListTable({title, "Kafka Topic", "Key Format", "Value Format", "Windowed"}, rows,
                           width);
}

std::string QueryStatus(const Json& q) {
    auto it = q.find("statusCount");
    if (it != q.end() && it->is_object() && !it->empty()) {
        std::string out;
        for (const auto& [state, count] : it->items()) {
            if (!out.empty()) out += " ";
            out += state + ":" + CellText(count);
        }
        return out;
    }
    std::string state = Str(q, "state");
    return state.empty() ? "N/A" : state;
}

std::string RenderQueries(const Json& entity, size_t width) {
    Rows rows;
    for (const auto& q : Array(entity, "queries")) {
        rows.push_back({Str(q, "id"), Str(q, "queryType"), QueryStatus(q),
                        Join(Array(q, "sinks"), ","), Join(Array(q, "sinkKafkaTopics"), ","),
                        SingleLine(Str(q, "queryString"))});
    }
    return RenderListTable({"Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic",
                            "Query String"},
                           rows, width) +
           "For detailed information on a Query run: EXPLAIN <Query ID>;\n";
}

std::string ReplicaText(const Json& replicas) {
    if (replicas.empty()) return "0";
    bool same = std::all_of(replicas.begin(), replicas.end(),
                            [&](const Json& r) { return r == replicas.front(); });
    return same ? CellText(replicas.front()) : Join(replicas, ", ");
}

std::string RenderTopics(const Json& entity, size_t width) {
    Rows rows;
    for (const auto& t : Array(entity, "topics")) {
        const Json& replicas = Array(t, "replicaInfo");
        rows.push_back({Str(t, "name"), std::to_string(replicas.size()), ReplicaText(replicas)});
    }
    return RenderListTable({"Kafka Topic", "Partitions", "Partition Replicas"}, rows, width);
}

bool Contains(const Json& array, const std::string& name) {
    return std::any_of(array.begin(), array.end(),
                       [&](const Json& item) { return item.is_string() && item == name; });
}

std::string RenderProperties(const Json& entity, size_t width) {
    Rows rows;
    const Json& overwritten = Array(entity, "overwrittenProperties");
    const Json& defaults = Array(entity, "defaultProperties");
    for (const auto& p : Array(entity, "properties")) {
        std::string name = Str(p, "name");
        std::string level = Contains(overwritten, name) ? "SESSION"
                            : Contains(defaults, name)  ? ""
                                                        : "SERVER";
        std::string value = p.contains("value") && !p["value"].is_null() ? Str(p, "value") : "NULL";
        rows.push_back({name, Str(p, "scope"), level, value});
    }
    std::sort(rows.begin(), rows.end());
    return RenderListTable({"Property", "Scope", "Default override", "Effective Value"}, rows,
                           width);
}

std::string RenderFunctions(const Json& entity, size_t width) {
    std::vector<std::pair<std::string, std::string>> fns;  // (category, name)
    for (const auto& f : Array(entity, "functions")) {
        std::string category = Str(f, "category");
        fns.emplace_back(category.empty() ? Str(f, "type") : category, Str(f, "name"));
    }
    std::sort(fns.begin(), fns.end());
    Rows rows;
    for (size_t i = 0; i < fns.size(); ++i) {
        if (i > 0 && fns[i].first != fns[i - 1].first) rows.push_back({" ", " "});
        rows.push_back({fns[i].second, fns[i].first});
    }
    return RenderListTable({"Function Name", "Category"}, rows, width) +
           "For detailed information about a function, run: DESCRIBE FUNCTION <Function Name>;\n";
}

std::string FieldType(const Json& field, bool is_table, const std::string& window_type) {
    std::string type = SchemaInfoTypeString(field.value("schema", Json::object()));
    if (Str(field, "type") != "KEY") return type;
    char padded[64];
    std::snprintf(padded, sizeof padded, "%-16s", type.c_str());
    std::string out = std::string(padded) + (is_table ? " (primary key)" : " (key)");
    if (!window_type.empty()) out += " (Window type: " + window_type + ")";
    return out;
}

std::string RenderQueryList(const Json& queries, const char* title, const std::string& type) {
    std::string out = "\n" + std::string(title) + " " + type + "\n";
    std::string body;
    for (const auto& q : queries) {
        body += Str(q, "id") + " (" + QueryStatus(q) + ") : " +
                SingleLine(Str(q, "queryString")) + "\n";
    }
    size_t width = 0;
    for (size_t pos = 0; pos < body.size();) {
        size_t nl = body.find('\n', pos);
        width = std::max(width, DisplayWidth(std::string_view(body).substr(pos, nl - pos)));
        pos = nl + 1;
    }
    std::string line(std::max<size_t>(width, 40), '-');
    return out + line + "\n" + body;
}

std::string RenderDescription(const Json& d, size_t width) {
    const std::string type = Str(d, "type");
    const bool is_table = type == "TABLE";
    const std::string window_type = Str(d, "windowType");
    const bool extended = d.value("extended", false);
    std::string out = Label("Name", Str(d, "name"));
    if (extended) {
        std::string timestamp = Str(d, "timestamp");
        out += Label("Type", type);
        out += Label("Timestamp field",
                     timestamp.empty() ? "Not set - using <ROWTIME>" : timestamp);
        out += Label("Key format", Str(d, "keyFormat"));
        out += Label("Value format", Str(d, "valueFormat"));
        out += Label("Kafka topic", Str(d, "topic") + " (partitions: " + Str(d, "partitions") +
                                        ", replication: " + Str(d, "replication") + ")");
        out += Label("Statement", Str(d, "statement"));
        out += "\n";
    }
    Rows rows;
    for (const auto& f : Array(d, "fields")) {
        rows.push_back({Str(f, "name"), FieldType(f, is_table, window_type)});
    }
    out += RenderListTable({"Field", "Type"}, rows, width);
    if (!extended) {
        out += "For runtime statistics and query details run: DESCRIBE <Stream,Table> EXTENDED;\n";
        return out;
    }
    const Json& reads = Array(d, "readQueries");
    const Json& writes = Array(d, "writeQueries");
    if (!reads.empty()) out += RenderQueryList(reads, "Queries that read from this", type);
    if (!writes.empty()) out += RenderQueryList(writes, "Queries that write into this", type);
    if (!reads.empty() || !writes.empty()) {
        out += "\nFor query topology and execution plan please run: EXPLAIN <QueryId>\n";
    }
    std::string stats = Str(d, "statistics");
    std::string errors = Str(d, "errorStats");
    if (!stats.empty() || !errors.empty()) {
        out += "\nRuntime statistics by topic (if available):\n" + stats + "\n" + errors;
    }
    return out;
}

std::string RenderWarnings(const Json& entity) {
    std::string out;
    for (const auto& w : Array(entity, "warnings")) {
        std::string message = w.is_object() ? Str(w, "message") : CellText(w);
        out += "WARNING: " + message + "\n";
    }
    return out;
}

}  // namespace

std::string RenderEntity(const Json& entity, size_t width) {
    const std::string type = Str(entity, "@type");
    std::string out;
    if (type == "currentStatus") {
        const Json& status = entity.value("commandStatus", Json::object());
        out = RenderListTable({"Message"}, {{Str(status, "message")}}, width);
    } else if (type == "streams") {
        out = RenderSources(entity, "streams", "Stream Name", width);
    } else if (type == "tables") {
        out = RenderSources(entity, "tables", "Table Name", width);
    } else if (type == "queries") {
        out = RenderQueries(entity, width);
    } else if (type == "kafka_topics") {
        out = RenderTopics(entity, width);
    } else if (type == "properties") {
        out = RenderProperties(entity, width);
    } else if (type == "function_names") {
        out = RenderFunctions(entity, width);
    } else if (type == "type_list") {
        Rows rows;
        if (entity.contains("types") && entity["types"].is_object()) {
            for (const auto& [name, schema] : entity["types"].items()) rows.push_back({name, SchemaInfoTypeString(schema)});
        }
        out = RenderListTable({"Type Name", "Schema"}, rows, width);
    } else if (type == "describe_function") {
        out = Label("Name", Str(entity, "name")) + Label("Type", Str(entity, "type")) + "\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : Array(entity, "functions")) {
            rows.push_back({Join(Array(f, "argumentTypes"), ", "), Str(f, "returnType"),
                            Str(f, "description")});
        }
        out += RenderListTable({"Arguments", "Returns", "Description"}, rows, width);
    } else if (type == "sourceDescription") {
        out = RenderDescription(entity.value("sourceDescription", Json::object()), width);
    } else if (type == "source_descriptions") {
        for (const auto& d : Array(entity, "sourceDescriptions")) {
            if (!out.empty()) out += "\n";
            out += RenderDescription(d, width);
        }
    } else if (type == "statement_error" || type == "generic_error") {
        out = ErrorMessageOf(entity) + "\n";
    } else {
        out = entity.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    }
    return RenderWarnings(entity) + out;
}

std::string ErrorMessageOf(const Json& body) {
    if (body.is_object()) {
        auto it = body.find("message");
        if (it != body.end() && it->is_string()) return it->get<std::string>();
    }
    if (body.is_string()) return body.get<std::string>();
    return DumpJson(body);
}

std::string RenderKsqlResponse(int http_status, const std::string& body, bool* failed,
                               size_t width) {
    Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    *failed = http_status < 200 || http_status >= 300;
    if (doc.is_discarded()) {
        *failed = true;
        std::string text = body.empty() ? "(empty response, HTTP " + std::to_string(http_status) +
                                              ")"
                                        : body;
        if (text.back() != '\n') text += "\n";
        return text;
    }
    if (*failed || !doc.is_array()) {
        if (!doc.is_array()) *failed = true;
        return ErrorMessageOf(doc) + "\n";
    }
    std::string out;
    for (const auto& entity : doc) {
        if (!out.empty()) out += "\n";
        out += RenderEntity(entity, width);
    }
    return out;
}

}  // namespace runnel::protocol
