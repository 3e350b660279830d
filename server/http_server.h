// The HTTP/1.1 listener of the REST API (Boost.Beast behind this header, which has no Boost
// types). A pool of io threads serves requests through RequestRouter; each streamed query runs its
// poll loop on its own thread, so a push query never holds up other requests. A push query is
// closed when its client disconnects. Start/Stop/port are thread-safe; Stop is idempotent and
// also runs on destruction.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/api/engine.h"
#include "engine/common/status.h"
#include "server/server_options.h"

namespace runnel::server {

class HttpServer {
public:
    // Binds and listens on options.host:options.port, then starts serving. Fails (kIoError) when
    // the address cannot be resolved or bound. The engine must outlive the server.
    static Result<std::unique_ptr<HttpServer>> Start(const ServerOptions& options,
                                                     api::Engine& engine);
    ~HttpServer();

    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Stops accepting, closes running push queries (their clients get the final message when
    // possible), closes connections and joins every thread.
    void Stop();

    // The bound port (the chosen one when options.port was 0).
    uint16_t port() const;

    class Impl;

private:
    explicit HttpServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace runnel::server
