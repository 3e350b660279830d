// Routes one HTTP request of the ksqlDB REST API to the engine and builds the reply:
// POST /ksql, POST /query, POST /query-stream, POST /close-query, GET /info, GET /healthcheck;
// anything else is a 404 / 405 generic_error. Free of HTTP library types: the transport
// (http_server.cpp) hands in the request and writes the reply; a streaming reply carries a
// PushStream for the transport to pump. Thread-safe: Handle may run on many threads at once.
#pragma once

#include <memory>
#include <string>

#include "engine/api/engine.h"
#include "server/active_queries.h"
#include "server/push_stream.h"

namespace runnel::server {

struct HttpRequestInfo {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path, possibly with a query string
    std::string content_type;
    std::string accept;
    std::string body;
};

struct HttpReply {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    // Set for a streamed query: the transport sends status 200 with chunked encoding, writes
    // stream->Begin(), the text of each Poll(), then stream->End().
    std::unique_ptr<PushStream> stream;
};

class RequestRouter {
public:
    RequestRouter(api::Engine& engine, ActiveQueries& active);

    HttpReply Handle(const HttpRequestInfo& request);

private:
    HttpReply HandleKsql(const HttpRequestInfo& request);
    HttpReply HandleQuery(const HttpRequestInfo& request);
    HttpReply HandleQueryStream(const HttpRequestInfo& request);
    HttpReply HandleCloseQuery(const HttpRequestInfo& request);
    HttpReply HandleInfo(const HttpRequestInfo& request);
    HttpReply HandleHealth(const HttpRequestInfo& request);

    api::Engine& engine_;
    ActiveQueries& active_;
};

}  // namespace runnel::server
