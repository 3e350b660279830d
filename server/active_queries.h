// The push queries currently streaming to clients, by query id: lets POST /close-query and server
// shutdown stop them. Streams register while they run and unregister before they are destroyed.
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "server/push_stream.h"

namespace runnel::server {

class ActiveQueries {
public:
    void Add(PushStream* stream);
    void Remove(PushStream* stream);
    // Closes the stream with this query id; false when there is none.
    bool Close(const std::string& query_id);
    void CloseAll();
    size_t size() const;

private:
    mutable std::mutex mu_;
    std::vector<PushStream*> streams_;
};

}  // namespace runnel::server
