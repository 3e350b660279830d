// Runs one test case on a fresh engine: in-process on an in-memory broker (synchronous queries,
// RunUntilQuiet after every input record: deterministic), or on a real cluster (queries on their
// threads; expectations wait for the expected count, then a quiet period, within a timeout).
// Matrix options restart the engine after every produced record, give created topics more
// partitions, or run with a RocksDB state directory. Not thread-safe: one case per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/kafka/kafka.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

struct RunOptions {
    // A real cluster's clients; null for an in-memory broker per case.
    std::shared_ptr<kafka::ClientFactory> kafka;
    bool restart_after_each_record = false;
    std::optional<int32_t> partitions;  // matrix: topics the test creates get this many
    bool rocksdb = false;               // matrix: a fresh state directory per case
    int timeout_ms = 10000;             // waiting for records and push query rows
    int settle_ms = 300;                // quiet period once the expected count is there
};

struct CaseResult {
    enum class Outcome { kPass, kFail, kSkip };
    Outcome outcome = Outcome::kPass;
    std::string reason;  // fail: the first difference; skip: why
    // A short, data-free class of the reason ("output: value differs", "statement failed: <the
    // engine's message with names and numbers elided>"), for grouping in committed summaries.
    std::string category;
    // Negative QTT cases that passed: whether ksqlDB's message is a substring of ours.
    std::optional<bool> message_matched;
    std::string actual_error;
    double seconds = 0;
};

CaseResult RunCase(const TestCase& test, const RunOptions& options);

}  // namespace runnel::runner
