// One streamed query response: the engine's push query plus the framing of the endpoint that
// asked for it (/query or /query-stream). The HTTP layer pumps it: Begin(), then Poll() until it
// returns false, then End(). Poll/Begin/End from one thread at a time; Close() from any thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/api/engine.h"
#include "protocol/stream_framing.h"

namespace runnel::server {

class PushStream {
public:
    PushStream(std::unique_ptr<api::PushQuery> query, protocol::StreamFormat format,
               std::string content_type);
    ~PushStream();

    PushStream(const PushStream&) = delete;
    PushStream& operator=(const PushStream&) = delete;

    const std::string& content_type() const { return content_type_; }
    const std::string& query_id() const { return query_->query_id(); }
    protocol::StreamFormat format() const { return format_; }

    // The first piece of the body (the header / metadata).
    std::string Begin() const;
    // Waits at most timeout_ms for rows and appends their framed text to *out. Returns false once
    // the query has ended (limit reached, closed or failed); End() then closes the body.
    bool Poll(std::string* out, int timeout_ms);
    // The closing piece: the final message, or the error of a failed query.
    std::string End() const;
    // Stops the query (client gone, /close-query, shutdown). Idempotent, thread-safe.
    void Close();

private:
    std::unique_ptr<api::PushQuery> query_;
    protocol::StreamFormat format_;
    std::string content_type_;
    std::vector<std::string> rows_;  // reused between polls
};

}  // namespace runnel::server
