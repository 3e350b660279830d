// AggregateOperator: folds each grouping key's rows into accumulators (plan::AggregateStep)
// kept in a state store, and emits the updated results as a table changelog.
//   - no window: a key-value store, key = the grouping keys' bytes;
//   - TUMBLING / HOPPING: a window store, one entry per (key, window start); a record updates
//     every window it falls in, unless the window has closed (stream time >= end + grace):
//     then it is late, dropped and logged;
//   - SESSION: a session store; a record joins (merges) the key's sessions within the gap of
//     its time; merged-away sessions are emitted as deletes.
// Emission follows the state layer's contract: results leave only from the store's flush
// listener (every update with cache size 0, collapsed per commit otherwise). EMIT FINAL holds a
// window back until it closes, emits it once, and then drops it from the store (later records
// for it are late anyway), so memory stays bounded by the open windows.
// Accumulators are stored with the Value codec (value_codec.h). Single-threaded (one per task).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/expression/evaluator.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/operator.h"
#include "engine/state/key_value_store.h"
#include "engine/state/session_store.h"
#include "engine/state/window_store.h"

namespace runnel::runtime {

class AggregateOperator final : public Operator {
public:
    static Result<OperatorPtr> Make(const plan::AggregateStep& step);
    bool stateful() const override { return true; }
    Status Open(OperatorContext& ctx) override;
    Status Process(RowBatch& batch) override;
    Status EmitPending() override;

    uint64_t late_records() const { return late_records_; }

private:
    Status Resume();
    Status PutHeld();
    // Per-row steps.
    void EncodeKey(const Row& row);
    Status LoadAccumulators(bool found, std::string_view bytes);
    void Fold(const Row& row);
    void EncodeAccumulators();
    Status ProcessUnwindowed(const Row& row);
    Status ProcessTimeWindows(const Row& row);
    Status ProcessSession(const Row& row);
    void LogLate(const Row& row, int64_t window_start, int64_t window_end);

    // Emission (flush listeners).
    Status OnUpdate(std::string_view key, const std::string* value, const std::string* old_value,
                    int64_t timestamp, int64_t window_start, int64_t window_end);
    Status AppendDelete(std::string_view key, int64_t timestamp, int64_t window_start,
                        int64_t window_end);
    Status AppendResult(std::string_view key, std::string_view value, int64_t timestamp,
                        int64_t window_start, int64_t window_end);
    Status EmitClosedWindows();

    const plan::AggregateStep* step_ = nullptr;
    OperatorContext ctx_;
    size_t key_count_ = 0;
    std::vector<const expression::Aggregator*> aggregators_;
    std::unique_ptr<expression::Evaluator> having_;
    std::vector<std::vector<const Value*>> args_;  // per call, pointers into the current row
    state::KeyValueStore* kv_ = nullptr;
    state::WindowStore* windows_ = nullptr;
    state::SessionStore* sessions_ = nullptr;

    std::string key_buf_, value_buf_;
    std::vector<Value> accs_;
    std::vector<Value> merge_accs_;
    std::vector<Value> key_values_;
    std::vector<Value> result_accs_;
    state::ValueAndTimestamp stored_;
    // accs_ hold the value being written by the current Put (the listener then skips decoding).
    bool writing_ = false;
    bool resumed_ = false;
    // A kRetract row's undone accumulators, waiting for the addition of the same key.
    bool held_ = false;
    std::string held_key_;
    RowBatch out_;
    int64_t stream_time_ = INT64_MIN;
    uint64_t late_records_ = 0;
    // EMIT FINAL: open windows by (end, key, start, session end).
    std::set<std::tuple<int64_t, std::string, int64_t, int64_t>> open_windows_;
    struct Merged {
        int64_t start, end;
    };
    std::vector<Merged> merged_;
};

}  // namespace runnel::runtime
