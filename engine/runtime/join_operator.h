// JoinOperator: joins the rows of its left input (pushed by upstream operators) with those of
// its right input (pushed through right_input()), both already in their RekeyStep's layout
// ([join key] + columns), as plan::JoinStep says:
//   - stream-table: the table side lives in a key-value store; a stream row looks the key up
//     and is emitted joined (or, LEFT, with nulls); table updates emit nothing;
//   - table-table: both sides live in key-value stores; an update on either side emits the
//     key's new joined row, or a tombstone when the key's join result disappears;
//   - stream-stream: both sides live in window stores (all rows of a key at a timestamp in one
//     entry); a row joins the other side's rows within WITHIN. Without GRACE PERIOD an outer
//     row with no match is emitted at once with nulls (ksqlDB's classic semantics); with a grace
//     period it waits until its window closes and is emitted only if nothing joined it;
//   - foreign-key (table-table on the right table's key): the left rows arrive keyed by their
//     foreign key (with retractions when it changes) and are indexed by it; a left row emits its
//     joined row, a right update re-joins every left row that names it. Results are keyed by
//     the left table's key (tombstones carry the left row so that key is known).
// A LEFT/FULL join's row whose join key is null is emitted with nulls for the other side
// (SQL's semantics) unless emit_null_key_rows is off (ksqlDB drops it).
// Output timestamps: the stream row's (stream-table), the larger of the two (otherwise).
// Single-threaded (one per task).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/plan/query_plan.h"
#include "engine/runtime/operator.h"
#include "engine/state/key_value_store.h"
#include "engine/state/window_store.h"

namespace runnel::runtime {

class JoinOperator final : public Operator {
public:
    static Result<std::unique_ptr<JoinOperator>> Make(const plan::JoinStep& step);
    bool stateful() const override { return true; }
    Status Open(OperatorContext& ctx) override;
    Status Process(RowBatch& batch) override;  // the left input
    Status ProcessRight(RowBatch& batch);
    // The entry point of the right input, for the task.
    Operator* right_input() { return &right_input_; }

private:
    class RightInput final : public Operator {
    public:
        explicit RightInput(JoinOperator* join) : join_(join) {}
        Status Process(RowBatch& batch) override { return join_->ProcessRight(batch); }

    private:
        JoinOperator* join_;
    };

    Status ProcessSide(RowBatch& batch, bool left);
    Status StreamTable(const Row& row, bool left);
    Status TableTable(const Row& row, bool left);
    Status StreamStream(const Row& row, bool left);
    Status ForeignKey(const Row& row, bool left);
    Status EmitClosedPending();
    bool Outer(bool left) const;
    void EncodeKey(const Value& key);
    // Appends [key] + left columns (or nulls) + right columns (or nulls).
    void AppendJoined(const Value& key, const Value* left, const Value* right, int64_t ts, ChangeKind change);
    bool ReadStored(std::string_view bytes, std::vector<Value>& out, size_t width) const;

    const plan::JoinStep* step_ = nullptr;
    RightInput right_input_{this};
    OperatorContext ctx_;
    state::KeyValueStore* left_kv_ = nullptr;
    state::KeyValueStore* right_kv_ = nullptr;
    state::WindowStore* left_ws_ = nullptr;
    state::WindowStore* right_ws_ = nullptr;
    std::string key_buf_, value_buf_;
    state::ValueAndTimestamp stored_, other_;
    std::vector<Value> own_vals_, other_vals_;
    RowBatch out_;
    int64_t stream_time_ = INT64_MIN;
    std::shared_ptr<const Headers> headers_;
    bool windowed_ = false;  // windowed sources: the key includes the window
    int64_t window_start_ = 0;
    int64_t window_end_ = 0;
    // Stream-stream with a grace period: outer rows waiting for their window to close, keyed by
    // [ordered ts][side 'L'/'R'][input offset][join key bytes] -> [key] + the side's columns.
    state::KeyValueStore* pending_ = nullptr;
    std::string pending_key_;
    std::vector<Value> pending_vals_;
};

}  // namespace runnel::runtime
