// runneld's configuration: command-line flags plus an optional Java-style properties file
// (bootstrap.servers, listeners, ksql.state.dir, ksql.service.id, ksql.queries.file; every other
// key goes to EngineConfig::properties). Flags win over the file. Stateless functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/api/engine.h"
#include "engine/common/status.h"
#include "server/server_options.h"

namespace runnel::server {

struct ServerConfig {
    api::EngineConfig engine;
    std::string listener = "http://127.0.0.1:8088";
    ServerOptions http;  // host and port taken from `listener`
    std::string config_file;
    bool help = false;  // --help was given
};

struct ListenerAddress {
    std::string host;
    uint16_t port = 8088;
};

// "http://HOST:PORT" (also "HOST:PORT", "http://[::1]:8088"; a list takes its first entry).
Result<ListenerAddress> ParseListener(std::string_view listener);

// Parses the arguments after argv[0] and reads the config file they name (--config FILE, or a
// lone positional FILE as ksql-server-start takes it).
Result<ServerConfig> ParseServerArgs(const std::vector<std::string>& args);

std::string ServerUsage();

}  // namespace runnel::server
