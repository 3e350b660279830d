// CommandLog: the service's history of catalog-changing statements, kept in a single-partition
// Kafka topic so that a restarted server (or another server of the service) replays the same
// catalog and queries. Each record is a JSON object {"version":1,"statement":"...",
// "properties":{...}}; its offset is the command sequence number. Thread-compatible: the engine
// serialises appends under its statement lock.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/kafka/kafka.h"

namespace runnel::api {

struct Command {
    int64_t sequence = 0;  // offset in the command topic
    std::string statement;
    std::map<std::string, std::string> properties;
};

class CommandLog {
public:
    CommandLog(kafka::ClientFactory& kafka, std::string topic) : kafka_(kafka), topic_(std::move(topic)) {}

    // Creates the topic when missing (1 partition, compaction off: history is kept whole).
    Status EnsureTopic();
    // Reads every command from the beginning to the current end.
    Result<std::vector<Command>> ReadAll();
    // Appends a command durably; returns its sequence number.
    Result<int64_t> Append(const std::string& statement,
                           const std::map<std::string, std::string>& properties);
    const std::string& topic() const { return topic_; }

private:
    Result<int64_t> EndOffset();

    kafka::ClientFactory& kafka_;
    std::string topic_;
    std::unique_ptr<kafka::Producer> producer_;
    std::unique_ptr<kafka::Consumer> offsets_consumer_;
};

}  // namespace runnel::api
