#include "server/active_queries.h"

#include <algorithm>

namespace runnel::server {

void ActiveQueries::Add(PushStream* stream) {
    std::lock_guard<std::mutex> lock(mu_);
    streams_.push_back(stream);
}

void ActiveQueries::Remove(PushStream* stream) {
    std::lock_guard<std::mutex> lock(mu_);
    streams_.erase(std::remove(streams_.begin(), streams_.end(), stream), streams_.end());
}

bool ActiveQueries::Close(const std::string& query_id) {
    std::lock_guard<std::mutex> lock(mu_);
    bool found = false;
    for (PushStream* stream : streams_) {
        if (stream->query_id() == query_id) {
            stream->Close();  // under the lock, so the stream cannot be destroyed meanwhile
            found = true;
        }
    }
    return found;
}

void ActiveQueries::CloseAll() {
    std::lock_guard<std::mutex> lock(mu_);
    for (PushStream* stream : streams_) stream->Close();
}

size_t ActiveQueries::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return streams_.size();
}

}  // namespace runnel::server
