#include "server/push_stream.h"

#include "protocol/error_messages.h"

namespace runnel::server {

PushStream::PushStream(std::unique_ptr<api::PushQuery> query, protocol::StreamFormat format,
                       std::string content_type)
    : query_(std::move(query)), format_(format), content_type_(std::move(content_type)) {}

PushStream::~PushStream() { Close(); }

std::string PushStream::Begin() const {
    protocol::StreamHeader header;
    header.query_id = query_->query_id();
    header.schema = query_->schema_text();
    header.column_names = query_->column_names();
    header.column_types = query_->column_types();
    return protocol::FrameBegin(format_, header);
}

bool PushStream::Poll(std::string* out, int timeout_ms) {
    rows_.clear();
    bool more = query_->Poll(rows_, timeout_ms);
    for (const std::string& row : rows_) out->append(protocol::FrameRow(format_, row));
    return more;
}

std::string PushStream::End() const {
    if (query_->failed()) {
        std::string message = query_->end_message();
        if (message.empty()) message = "Query failed";
        return protocol::FrameError(format_, protocol::kErrorServer, message);
    }
    const std::string& message = query_->end_message();
    return protocol::FrameEnd(format_, message.empty() ? "Query Completed" : message);
}

void PushStream::Close() { query_->Close(); }

}  // namespace runnel::server
