#include "server/server_config.h"

#include <charconv>
#include <map>
#include <optional>

#include "server/properties_file.h"

namespace runnel::server {

namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

struct Flag {
    const char* name;
    const char* property;  // the properties-file key with the same meaning
};

constexpr Flag kFlags[] = {
    {"--bootstrap-servers", "bootstrap.servers"}, {"--listeners", "listeners"},
    {"--state-dir", "ksql.state.dir"},            {"--service-id", "ksql.service.id"},
    {"--queries-file", "ksql.queries.file"},
};

// Alternative spellings in ksqlDB / Kafka Streams config files.
const std::map<std::string, std::string>& Aliases() {
    static const std::map<std::string, std::string> kAliases = {
        {"ksql.streams.bootstrap.servers", "bootstrap.servers"},
        {"state.dir", "ksql.state.dir"},
        {"ksql.streams.state.dir", "ksql.state.dir"},
    };
    return kAliases;
}

}  // namespace

Result<ListenerAddress> ParseListener(std::string_view listener) {
    std::string_view s = Trim(listener);
    if (size_t comma = s.find(','); comma != std::string_view::npos) s = Trim(s.substr(0, comma));
    if (s.rfind("https://", 0) == 0) {
        return Status::Invalid("HTTPS listeners are not supported yet: " + std::string(s));
    }
    if (s.rfind("http://", 0) == 0) s.remove_prefix(7);
    while (!s.empty() && s.back() == '/') s.remove_suffix(1);
    ListenerAddress out;
    std::string_view port_text;
    if (!s.empty() && s.front() == '[') {  // [v6 address]:port
        size_t close = s.find(']');
        if (close == std::string_view::npos) {
            return Status::Invalid("Invalid listener: " + std::string(listener));
        }
        out.host = std::string(s.substr(1, close - 1));
        std::string_view rest = s.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                return Status::Invalid("Invalid listener: " + std::string(listener));
            }
            port_text = rest.substr(1);
        }
    } else {
        size_t colon = s.rfind(':');
        out.host = std::string(colon == std::string_view::npos ? s : s.substr(0, colon));
        if (colon != std::string_view::npos) port_text = s.substr(colon + 1);
    }
    if (out.host.empty()) out.host = "0.0.0.0";
    if (!port_text.empty()) {
        unsigned port = 0;
        const char* end = port_text.data() + port_text.size();
        auto [ptr, ec] = std::from_chars(port_text.data(), end, port);
        if (ec != std::errc() || ptr != end || port > 65535) {
            return Status::Invalid("Invalid port in listener: " + std::string(listener));
        }
        out.port = static_cast<uint16_t>(port);
    }
    return out;
}

Result<ServerConfig> ParseServerArgs(const std::vector<std::string>& args) {
    ServerConfig config;
    std::map<std::string, std::string> from_flags;  // property key -> value
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "-h" || arg == "--help") {
            config.help = true;
            return config;
        }
        std::optional<std::string> inline_value;
        if (arg.rfind("--", 0) == 0) {
            if (size_t eq = arg.find('='); eq != std::string::npos) {
                inline_value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
            }
        }
        auto value = [&]() -> Result<std::string> {
            if (inline_value) return *inline_value;
            if (i + 1 >= args.size()) return Status::Invalid("Missing value for " + arg);
            return args[++i];
        };
        if (arg == "--config") {
            ASSIGN_OR_RETURN(config.config_file, value());
            continue;
        }
        const Flag* flag = nullptr;
        for (const Flag& f : kFlags) {
            if (arg == f.name) flag = &f;
        }
        if (flag != nullptr) {
            ASSIGN_OR_RETURN(from_flags[flag->property], value());
            continue;
        }
        if (arg.rfind("-", 0) == 0) return Status::Invalid("Unknown option: " + arg);
        if (!config.config_file.empty()) return Status::Invalid("Unexpected argument: " + arg);
        config.config_file = arg;
    }

    Properties props;
    if (!config.config_file.empty()) {
        ASSIGN_OR_RETURN(props, LoadPropertiesFile(config.config_file));
    }
    for (const auto& [alias, key] : Aliases()) {
        auto it = props.find(alias);
        if (it == props.end()) continue;
        if (!props.count(key)) props[key] = it->second;
        props.erase(it);
    }
    for (auto& [key, value] : from_flags) props[key] = value;  // flags win

    auto take = [&](const char* key, std::string* out) {
        auto it = props.find(key);
        if (it == props.end()) return;
        *out = it->second;
        props.erase(it);
    };
    take("bootstrap.servers", &config.engine.bootstrap_servers);
    take("listeners", &config.listener);
    take("ksql.state.dir", &config.engine.state_dir);
    take("ksql.service.id", &config.engine.service_id);
    take("ksql.queries.file", &config.engine.queries_file);
    config.engine.properties = std::move(props);

    ASSIGN_OR_RETURN(ListenerAddress address, ParseListener(config.listener));
    config.http.host = address.host;
    config.http.port = address.port;
    return config;
}

std::string ServerUsage() {
    return "Usage: runneld [options] [config.properties]\n"
           "  --bootstrap-servers HOST:PORT  Kafka brokers (default 127.0.0.1:9092)\n"
           "  --listeners http://HOST:PORT   REST listener (default http://127.0.0.1:8088)\n"
           "  --state-dir DIR                local state directory (default ./state)\n"
           "  --service-id ID                ksql.service.id (default default_)\n"
           "  --config FILE                  Java-style properties file; flags win over it\n"
           "  --queries-file FILE            headless mode: run the statements of FILE and\n"
           "                                 refuse DDL/DML over REST\n"
           "  -h, --help                     this help\n"
           "Properties file keys: bootstrap.servers, listeners, ksql.state.dir (or state.dir),\n"
           "ksql.service.id, ksql.queries.file; other keys are passed to the engine.\n";
}

}  // namespace runnel::server
