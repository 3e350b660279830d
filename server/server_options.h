// Options of the HTTP listener (address, threads, limits). Plain value type; thread-safe to copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace runnel::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8088;  // 0 picks a free port (tests); HttpServer::port() tells which
    int io_threads = 4;
    size_t body_limit = 10 * 1024 * 1024;  // larger request bodies get 413
    int poll_timeout_ms = 100;             // push query poll slice; bounds disconnect detection
    int idle_timeout_s = 600;              // keep-alive connections idle longer are closed
};

}  // namespace runnel::server
