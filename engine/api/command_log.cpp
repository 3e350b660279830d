#include "engine/api/command_log.h"

#include <nlohmann/json.hpp>

#include "engine/common/log.h"

namespace runnel::api {

Status CommandLog::EnsureTopic() {
    auto info = kafka_.admin().DescribeTopic(topic_);
    if (info.ok()) return Status::Ok();
    Status st = kafka_.admin().CreateTopic(topic_, 1, 1, {{"retention.ms", "-1"}});
    if (st.code() == StatusCode::kAlreadyExists) return Status::Ok();
    return st;
}

Result<int64_t> CommandLog::EndOffset() {
    if (!offsets_consumer_) {
        kafka::ConsumerConfig cc;
        cc.client_id = "runnel-command-offsets";
        ASSIGN_OR_RETURN(offsets_consumer_, kafka_.CreateConsumer(cc));
    }
    ASSIGN_OR_RETURN(auto ends, offsets_consumer_->EndOffsets({{topic_, 0, 0}}, 10000));
    return ends.empty() ? int64_t{0} : ends[0].offset;
}

Result<std::vector<Command>> CommandLog::ReadAll() {
    ASSIGN_OR_RETURN(int64_t end, EndOffset());
    std::vector<Command> out;
    if (end <= 0) return out;
    kafka::ConsumerConfig cc;
    cc.client_id = "runnel-command-replay";
    ASSIGN_OR_RETURN(auto consumer, kafka_.CreateConsumer(cc));
    RETURN_IF_ERROR(consumer->Assign({{topic_, 0, kafka::kOffsetBeginning}}));
    std::vector<kafka::RecordView> records;
    int64_t next = 0;
    int idle_polls = 0;
    while (next < end) {
        RETURN_IF_ERROR(consumer->Poll(records, 500, 500));
        if (records.empty()) {
            if (++idle_polls > 120) return Status::Unavailable("timed out reading the command topic " + topic_);
            continue;
        }
        idle_polls = 0;
        for (const auto& r : records) {
            next = r.offset + 1;
            if (r.value == nullptr) continue;
            auto j = nlohmann::json::parse(r.value, r.value + r.value_size, nullptr, false);
            if (j.is_discarded() || !j.contains("statement")) {
                RLOG_WARN("command-log", "skipping unreadable command at offset {}", r.offset);
                continue;
            }
            Command c;
            c.sequence = r.offset;
            c.statement = j["statement"].get<std::string>();
            if (j.contains("properties") && j["properties"].is_object()) {
                for (auto& [k, v] : j["properties"].items()) {
                    c.properties[k] = v.is_string() ? v.get<std::string>() : v.dump();
                }
            }
            out.push_back(std::move(c));
        }
    }
    consumer->Close();
    return out;
}

Result<int64_t> CommandLog::Append(const std::string& statement,
                                   const std::map<std::string, std::string>& properties) {
    if (!producer_) {
        kafka::ProducerConfig pc;
        pc.client_id = "runnel-command-log";
        ASSIGN_OR_RETURN(producer_, kafka_.CreateProducer(pc));
    }
    nlohmann::json j;
    j["version"] = 1;
    j["statement"] = statement;
    j["properties"] = properties;
    std::string value = j.dump();
    RETURN_IF_ERROR(producer_->Produce(topic_, 0, nullptr, 0, value.data(), value.size(), -1, nullptr));
    RETURN_IF_ERROR(producer_->Flush(30000));
    ASSIGN_OR_RETURN(int64_t end, EndOffset());
    return end - 1;
}

}  // namespace runnel::api
