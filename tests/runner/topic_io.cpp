#include "tests/runner/topic_io.h"

#include <chrono>
#include <map>
#include <thread>

#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::runner {

namespace {

class MemoryTopicIo final : public TopicIo {
public:
    MemoryTopicIo()
        : broker_(std::make_shared<kafka::MemoryBroker>()),
          factory_(kafka::MakeMemoryClientFactory(broker_)) {}

    Status CreateTopic(const std::string& name, int32_t partitions) override {
        return broker_->CreateTopic(name, partitions);
    }

    Status DeleteTopic(const std::string& name) override {
        Status st = broker_->DeleteTopic(name);
        if (st.code() == StatusCode::kNotFound) return Status::Ok();
        return st;
    }

    Result<int32_t> Partitions(const std::string& name) override {
        ASSIGN_OR_RETURN(auto info, broker_->DescribeTopic(name));
        return info.partitions;
    }

    Status Produce(const std::string& topic, const std::optional<std::string>& key,
                   const std::optional<std::string>& value, int64_t timestamp,
                   const Headers& headers, int32_t partition) override {
        auto r = broker_->Produce(topic, key, value, timestamp, headers, partition);
        return r.ok() ? Status::Ok() : r.status();
    }

    Result<std::vector<TopicRecord>> Read(const std::string& topic) override {
        std::vector<TopicRecord> out;
        for (auto& r : broker_->Read(topic)) {
            TopicRecord t;
            t.key = std::move(r.key);
            t.value = std::move(r.value);
            t.timestamp = r.timestamp;
            t.headers = std::move(r.headers);
            t.has_headers = true;
            t.partition = r.partition;
            t.offset = r.offset;
            out.push_back(std::move(t));
        }
        return out;
    }

    std::shared_ptr<kafka::ClientFactory> factory() override { return factory_; }
    bool is_memory() const override { return true; }

private:
    std::shared_ptr<kafka::MemoryBroker> broker_;
    std::shared_ptr<kafka::ClientFactory> factory_;
};

class KafkaTopicIo final : public TopicIo {
public:
    explicit KafkaTopicIo(std::shared_ptr<kafka::ClientFactory> factory)
        : factory_(std::move(factory)) {}

    Status CreateTopic(const std::string& name, int32_t partitions) override {
        RETURN_IF_ERROR(factory_->admin().CreateTopic(name, partitions, 1, {}));
        // Wait until the topic's metadata is visible.
        for (int i = 0; i < 100; ++i) {
            if (factory_->admin().DescribeTopic(name).ok()) return Status::Ok();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return Status::IoError("topic " + name + " not visible after creation");
    }

    Status DeleteTopic(const std::string& name) override {
        Status st = factory_->admin().DeleteTopic(name);
        if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
        for (int i = 0; i < 300; ++i) {
            auto d = factory_->admin().DescribeTopic(name);
            if (d.status().code() == StatusCode::kNotFound) return Status::Ok();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return Status::IoError("topic " + name + " still exists 30 s after deletion");
    }

    Result<int32_t> Partitions(const std::string& name) override {
        ASSIGN_OR_RETURN(auto info, factory_->admin().DescribeTopic(name));
        return info.partitions;
    }

    Status Produce(const std::string& topic, const std::optional<std::string>& key,
                   const std::optional<std::string>& value, int64_t timestamp,
                   const Headers& headers, int32_t partition) override {
        if (!producer_) {
            kafka::ProducerConfig pc;
            pc.client_id = "runnel-test";
            ASSIGN_OR_RETURN(producer_, factory_->CreateProducer(pc));
        }
        RETURN_IF_ERROR(producer_->Produce(topic, partition, key ? key->data() : nullptr,
                                           key ? key->size() : 0, value ? value->data() : nullptr,
                                           value ? value->size() : 0, timestamp, &headers));
        return producer_->Flush(30000);
    }

    Result<std::vector<TopicRecord>> Read(const std::string& topic) override {
        auto described = factory_->admin().DescribeTopic(topic);
        if (described.status().code() == StatusCode::kNotFound) return std::vector<TopicRecord>{};
        if (!described.ok()) return described.status();
        kafka::ConsumerConfig cc;
        cc.client_id = "runnel-test-reader";
        ASSIGN_OR_RETURN(auto consumer, factory_->CreateConsumer(cc));
        std::vector<kafka::TopicPartition> parts;
        for (int32_t p = 0; p < described->partitions; ++p) {
            parts.push_back({topic, p, kafka::kOffsetBeginning});
        }
        ASSIGN_OR_RETURN(auto ends, consumer->EndOffsets(parts, 10000));
        std::map<int32_t, int64_t> remaining;
        for (const auto& e : ends) {
            if (e.offset > 0) remaining[e.partition] = e.offset;
        }
        std::map<int32_t, std::vector<TopicRecord>> by_partition;
        if (!remaining.empty()) {
            RETURN_IF_ERROR(consumer->Assign(parts));
            std::vector<kafka::RecordView> views;
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            while (!remaining.empty() && std::chrono::steady_clock::now() < deadline) {
                RETURN_IF_ERROR(consumer->Poll(views, 1000, 200));
                for (const auto& v : views) {
                    auto it = remaining.find(v.partition);
                    if (it == remaining.end() || v.offset >= it->second) continue;
                    TopicRecord t;
                    if (v.key) t.key = std::string(v.key, v.key_size);
                    if (v.value) t.value = std::string(v.value, v.value_size);
                    t.timestamp = v.timestamp;
                    t.has_headers = true;
                    for (size_t h = 0; h < v.header_count; ++h) {
                        t.headers.push_back({std::string(v.headers[h].key),
                                             std::string(v.headers[h].value),
                                             v.headers[h].value_null});
                    }
                    t.partition = v.partition;
                    t.offset = v.offset;
                    by_partition[v.partition].push_back(std::move(t));
                    if (v.offset + 1 >= it->second) remaining.erase(it);
                }
            }
        }
        consumer->Close();
        std::vector<TopicRecord> out;
        for (auto& [p, records] : by_partition) {
            for (auto& r : records) out.push_back(std::move(r));
        }
        return out;
    }

    std::shared_ptr<kafka::ClientFactory> factory() override { return factory_; }
    bool is_memory() const override { return false; }

private:
    std::shared_ptr<kafka::ClientFactory> factory_;
    std::unique_ptr<kafka::Producer> producer_;
};

}  // namespace

std::unique_ptr<TopicIo> MakeMemoryTopicIo() { return std::make_unique<MemoryTopicIo>(); }

std::unique_ptr<TopicIo> MakeKafkaTopicIo(std::shared_ptr<kafka::ClientFactory> factory) {
    return std::make_unique<KafkaTopicIo>(std::move(factory));
}

}  // namespace runnel::runner
