// Helpers for the state tests: a temporary state dir, a TaskStateManager on an in-memory broker,
// and collectors for flush-listener output and iterators.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"
#include "engine/state/key_value_store.h"
#include "engine/state/session_store.h"
#include "engine/state/task_state_manager.h"
#include "engine/state/window_store.h"

namespace runnel::state::testing {

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("runnel-state-test-" + std::to_string(getpid()) + "-" +
                 std::to_string(counter.fetch_add(1)));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

// Where stores live and how big the cache is: the axes the parameterised suites run over.
struct Backend {
    bool in_memory = false;
    int64_t cache_bytes = 0;
    std::string label;
};

// gtest prints parameters of failed tests with this.
inline void PrintTo(const Backend& b, std::ostream* os) { *os << b.label; }

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param.label;
}

inline std::vector<Backend> AllBackends() {
    return {
        {true, 0, "MemoryWriteThrough"},   {true, 1 << 20, "MemoryCached"},
        {true, 600, "MemoryTinyCache"},  // overflows after a few entries: eviction flushes
        {false, 0, "RocksDbWriteThrough"}, {false, 1 << 20, "RocksDbCached"},
        {false, 600, "RocksDbTinyCache"},
    };
}

// A task's state on an in-memory broker. Reopen() closes the manager (cleanly or not) and makes
// a new one over the same state dir and broker, as a restarted task would.
class StateHarness {
public:
    explicit StateHarness(Backend backend, std::string query_id = "CTAS_COUNTS_7",
                          std::string task_id = "0_1")
        : backend_(std::move(backend)),
          broker_(std::make_shared<kafka::MemoryBroker>()),
          factory_(kafka::MakeMemoryClientFactory(broker_)),
          query_id_(std::move(query_id)),
          task_id_(std::move(task_id)) {
        auto producer = factory_->CreateProducer(kafka::ProducerConfig{});
        EXPECT_TRUE(producer.ok());
        producer_ = std::move(producer).value();
    }

    TaskStateParams Params() const {
        TaskStateParams p;
        p.config.state_dir = dir_.path();
        p.config.in_memory = backend_.in_memory;
        p.config.cache_max_bytes = backend_.cache_bytes;
        p.config.restore_idle_timeout_ms = 2000;
        p.config.exactly_once = exactly_once_;
        p.application_id = ApplicationId("svc", query_id_);
        p.query_id = query_id_;
        p.task_id = task_id_;
        p.partition = 1;
        p.changelog_partitions = 2;
        p.kafka = logging_ ? factory_.get() : nullptr;
        p.producer = producer_.get();
        return p;
    }

    TaskStateManager& Open() {
        auto m = TaskStateManager::Create(Params());
        EXPECT_TRUE(m.ok()) << m.status().ToString();
        manager_ = std::move(m).value();
        return *manager_;
    }

    // The commit sequence of at-least-once: flush stores, flush producer, checkpoint.
    Status Commit() {
        RETURN_IF_ERROR(manager_->Flush());
        RETURN_IF_ERROR(producer_->Flush(1000));
        return manager_->Checkpoint();
    }

    void Close(bool clean) {
        if (!manager_) return;
        Status s = manager_->Close(clean);
        EXPECT_TRUE(s.ok()) << s.ToString();
        manager_.reset();
    }

    TaskStateManager& manager() { return *manager_; }
    kafka::MemoryBroker& broker() { return *broker_; }
    kafka::ClientFactory& factory() { return *factory_; }
    const Backend& backend() const { return backend_; }
    std::string state_dir() const { return dir_.path(); }
    std::string Changelog(const std::string& store) const {
        return ChangelogTopicName(ApplicationId("svc", query_id_), store);
    }
    void set_logging(bool on) { logging_ = on; }
    void set_exactly_once(bool on) { exactly_once_ = on; }

private:
    Backend backend_;
    TempDir dir_;
    std::shared_ptr<kafka::MemoryBroker> broker_;
    std::unique_ptr<kafka::ClientFactory> factory_;
    std::unique_ptr<kafka::Producer> producer_;
    std::string query_id_;
    std::string task_id_;
    bool logging_ = true;
    bool exactly_once_ = false;
    std::unique_ptr<TaskStateManager> manager_;
};

inline std::string Str(std::string_view v) { return std::string(v); }

// key -> value of a key-value iteration, in order.
inline std::vector<std::pair<std::string, std::string>> Drain(KeyValueIterator& it) {
    std::vector<std::pair<std::string, std::string>> out;
    for (; it.Valid(); it.Next()) out.emplace_back(Str(it.key()), Str(it.value()));
    EXPECT_TRUE(it.status().ok()) << it.status().ToString();
    return out;
}

struct WindowedRow {
    std::string key;
    int64_t start;
    int64_t end;
    std::string value;
    bool operator==(const WindowedRow& o) const {
        return key == o.key && start == o.start && end == o.end && value == o.value;
    }
};

inline std::ostream& operator<<(std::ostream& os, const WindowedRow& r) {
    return os << "{" << r.key << " [" << r.start << "," << r.end << "] " << r.value << "}";
}

inline std::vector<WindowedRow> Drain(WindowedIterator& it) {
    std::vector<WindowedRow> out;
    for (; it.Valid(); it.Next()) {
        out.push_back({Str(it.key()), it.window_start(), it.window_end(), Str(it.value())});
    }
    EXPECT_TRUE(it.status().ok()) << it.status().ToString();
    return out;
}

// A flush listener's output: "key=value" or "key=<deleted>" strings in call order.
struct Emitted {
    std::vector<std::string> lines;
    std::vector<int64_t> timestamps;
    std::vector<std::string> old_values;  // "-" when none
};

}  // namespace runnel::state::testing
