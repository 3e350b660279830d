#include "engine/runtime/join_operator.h"

#include <algorithm>

#include "engine/common/value_codec.h"
#include "engine/state/byte_codec.h"
#include "engine/state/task_state_manager.h"

namespace runnel::runtime {

namespace {
// Old Kafka Streams JoinWindows default: a day of grace when none is given.
constexpr int64_t kDefaultJoinGraceMs = 24LL * 3600 * 1000;
}  // namespace

Result<std::unique_ptr<JoinOperator>> JoinOperator::Make(const plan::JoinStep& step) {
    auto op = std::make_unique<JoinOperator>();
    op->step_ = &step;
    return op;
}

Status JoinOperator::Open(OperatorContext& ctx) {
    ctx_ = ctx;
    if (ctx.state == nullptr) return Status::Internal("a join needs task state");
    const auto& s = *step_;
    windowed_ = s.right_source.windowed;
    switch (s.kind) {
        case plan::JoinKind::kStreamTable: {
            ASSIGN_OR_RETURN(right_kv_, ctx.state->OpenKeyValueStore(s.right_store));
            break;
        }
        case plan::JoinKind::kTableTable:
        case plan::JoinKind::kForeignKey: {
            // Foreign-key joins: the left store is an index, [foreign key][left key] -> row.
            ASSIGN_OR_RETURN(left_kv_, ctx.state->OpenKeyValueStore(s.left_store));
            ASSIGN_OR_RETURN(right_kv_, ctx.state->OpenKeyValueStore(s.right_store));
            break;
        }
        case plan::JoinKind::kStreamStream: {
            state::WindowStoreOptions options;
            options.window_size_ms = 1;
            options.retention_ms = s.before_ms + s.after_ms + s.grace_ms.value_or(kDefaultJoinGraceMs) + 1;
            ASSIGN_OR_RETURN(left_ws_, ctx.state->OpenWindowStore(s.left_store, options));
            ASSIGN_OR_RETURN(right_ws_, ctx.state->OpenWindowStore(s.right_store, options));
            if (s.grace_ms) {
                state::KeyValueStoreOptions pending_options;
                pending_options.ordered_cache = true;
                ASSIGN_OR_RETURN(pending_, ctx.state->OpenKeyValueStore(s.left_store + "-outer", pending_options));
            }
            break;
        }
    }
    return Status::Ok();
}

bool JoinOperator::Outer(bool left) const {
    const auto t = step_->type;
    return t == plan::JoinType::kFull || (left ? t == plan::JoinType::kLeft : t == plan::JoinType::kRight);
}

void JoinOperator::EncodeKey(const Value& key) {
    key_buf_.clear();
    AppendValue(key, key_buf_);
    if (windowed_) {
        // Windowed sources join on the key and its window.
        state::AppendOrderedInt64(key_buf_, window_start_);
        state::AppendOrderedInt64(key_buf_, window_end_);
    }
}

bool JoinOperator::ReadStored(std::string_view bytes, std::vector<Value>& out, size_t width) const {
    return ReadValues(bytes, out) && out.size() == width;
}

void JoinOperator::AppendJoined(const Value& key, const Value* left, const Value* right, int64_t ts,
                                ChangeKind change) {
    const size_t lw = step_->left_width, rw = step_->right_width;
    Row& out = out_.Append(1 + lw + rw);
    out.values[0] = key;
    for (size_t i = 0; i < lw; ++i) {
        if (left != nullptr) {
            out.values[1 + i] = left[i];
        } else {
            out.values[1 + i].SetNull();
        }
    }
    for (size_t i = 0; i < rw; ++i) {
        if (right != nullptr) {
            out.values[1 + lw + i] = right[i];
        } else {
            out.values[1 + lw + i].SetNull();
        }
    }
    out.timestamp = ts;
    out.change = change;
    out.partition = -1;
    out.offset = -1;
    out.headers = headers_;
    out.window_start = window_start_;
    out.window_end = window_end_;
}

Status JoinOperator::Process(RowBatch& batch) { return ProcessSide(batch, true); }
Status JoinOperator::ProcessRight(RowBatch& batch) { return ProcessSide(batch, false); }

Status JoinOperator::ProcessSide(RowBatch& batch, bool left) {
    out_.Clear();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Row& row = batch[i];
        headers_ = row.headers;  // joined rows carry the headers of the record that made them
        window_start_ = row.window_start;
        window_end_ = row.window_end;
        switch (step_->kind) {
            case plan::JoinKind::kStreamTable: RETURN_IF_ERROR(StreamTable(row, left)); break;
            case plan::JoinKind::kTableTable: RETURN_IF_ERROR(TableTable(row, left)); break;
            case plan::JoinKind::kStreamStream: RETURN_IF_ERROR(StreamStream(row, left)); break;
            case plan::JoinKind::kForeignKey: RETURN_IF_ERROR(ForeignKey(row, left)); break;
        }
    }
    Status st = Emit(out_);
    out_.Clear();
    return st;
}

Status JoinOperator::StreamTable(const Row& row, bool left) {
    const Value& key = row.values[0];
    if (!left) {
        // A table update: remembered, nothing emitted.
        if (key.is_null()) return Status::Ok();
        EncodeKey(key);
        if (row.change == ChangeKind::kDelete) return right_kv_->Delete(key_buf_, row.timestamp);
        value_buf_.clear();
        AppendValues(row.values.data() + 1, step_->right_width, value_buf_);
        return right_kv_->Put(key_buf_, value_buf_, row.timestamp);
    }
    if (row.change == ChangeKind::kDelete) return Status::Ok();  // a null-valued stream record
    const Value* lvals = row.values.data() + 1;
    if (key.is_null()) {
        if (Outer(true) && step_->emit_null_key_rows) AppendJoined(key, lvals, nullptr, row.timestamp, ChangeKind::kInsert);
        return Status::Ok();
    }
    EncodeKey(key);
    ASSIGN_OR_RETURN(bool found, right_kv_->Get(key_buf_, &other_));
    if (found) {
        if (!ReadStored(other_.value, other_vals_, step_->right_width)) {
            return Status::Internal("corrupt row in store " + step_->right_store);
        }
        AppendJoined(key, lvals, other_vals_.data(), row.timestamp, ChangeKind::kInsert);
    } else if (Outer(true)) {
        AppendJoined(key, lvals, nullptr, row.timestamp, ChangeKind::kInsert);
    }
    return Status::Ok();
}

Status JoinOperator::TableTable(const Row& row, bool left) {
    const Value& key = row.values[0];
    if (key.is_null()) return Status::Ok();
    state::KeyValueStore* own = left ? left_kv_ : right_kv_;
    state::KeyValueStore* other = left ? right_kv_ : left_kv_;
    const size_t own_width = left ? step_->left_width : step_->right_width;
    const size_t other_width = left ? step_->right_width : step_->left_width;
    EncodeKey(key);
    ASSIGN_OR_RETURN(bool own_existed, own->Get(key_buf_, &stored_));
    const bool own_exists = row.change != ChangeKind::kDelete;
    if (own_exists) {
        value_buf_.clear();
        AppendValues(row.values.data() + 1, own_width, value_buf_);
        RETURN_IF_ERROR(own->Put(key_buf_, value_buf_, row.timestamp));
    } else if (own_existed) {
        RETURN_IF_ERROR(own->Delete(key_buf_, row.timestamp));
    }
    ASSIGN_OR_RETURN(bool other_exists, other->Get(key_buf_, &other_));
    auto result = [&](bool l, bool r) {
        switch (step_->type) {
            case plan::JoinType::kInner: return l && r;
            case plan::JoinType::kLeft: return l;
            case plan::JoinType::kRight: return r;
            case plan::JoinType::kFull: return l || r;
        }
        return false;
    };
    const bool had = left ? result(own_existed, other_exists) : result(other_exists, own_existed);
    const bool has = left ? result(own_exists, other_exists) : result(other_exists, own_exists);
    const int64_t ts = other_exists ? std::max(row.timestamp, other_.timestamp) : row.timestamp;
    if (has) {
        const Value* other_vals = nullptr;
        if (other_exists) {
            if (!ReadStored(other_.value, other_vals_, other_width)) {
                return Status::Internal("corrupt row in a join store");
            }
            other_vals = other_vals_.data();
        }
        const Value* own_vals = own_exists ? row.values.data() + 1 : nullptr;
        AppendJoined(key, left ? own_vals : other_vals, left ? other_vals : own_vals, ts, ChangeKind::kInsert);
    } else if (had) {
        AppendJoined(key, nullptr, nullptr, row.timestamp, ChangeKind::kDelete);
    }
    return Status::Ok();
}

Status JoinOperator::ForeignKey(const Row& row, bool left) {
    const Value& key = row.values[0];
    const bool inner = step_->type == plan::JoinType::kInner;
    if (left) {
        // [foreign key] + the left row; the left table's key is its first columns.
        const Value* lvals = row.values.data() + 1;
        std::string index_key;
        AppendValue(key, index_key);
        AppendValues(lvals, step_->left_key_count, index_key);
        if (row.change == ChangeKind::kRetract) {
            // The row moves to another foreign key; its new result comes from there.
            return left_kv_->Delete(index_key, row.timestamp);
        }
        if (row.change == ChangeKind::kDelete) {
            RETURN_IF_ERROR(left_kv_->Delete(index_key, row.timestamp));
            AppendJoined(key, lvals, nullptr, row.timestamp, ChangeKind::kDelete);
            return Status::Ok();
        }
        // Without a match an inner join clears an updated key's old result and says nothing
        // for a new key; a left join emits the row with nulls.
        const bool update = row.change == ChangeKind::kUpdate;
        if (key.is_null()) {
            if (!inner || update) {
                AppendJoined(key, lvals, nullptr, row.timestamp, inner ? ChangeKind::kDelete : ChangeKind::kInsert);
            }
            return Status::Ok();
        }
        value_buf_.clear();
        AppendValues(lvals, step_->left_width, value_buf_);
        RETURN_IF_ERROR(left_kv_->Put(index_key, value_buf_, row.timestamp));
        EncodeKey(key);
        ASSIGN_OR_RETURN(bool found, right_kv_->Get(key_buf_, &other_));
        if (found) {
            if (!ReadStored(other_.value, other_vals_, step_->right_width)) {
                return Status::Internal("corrupt row in store " + step_->right_store);
            }
            AppendJoined(key, lvals, other_vals_.data(), std::max(row.timestamp, other_.timestamp), ChangeKind::kInsert);
        } else if (!inner || update) {
            AppendJoined(key, lvals, nullptr, row.timestamp, inner ? ChangeKind::kDelete : ChangeKind::kInsert);
        }
        return Status::Ok();
    }
    // A right row: every left row that names it is re-joined.
    if (key.is_null()) return Status::Ok();
    EncodeKey(key);
    const bool deleted = row.change == ChangeKind::kDelete;
    if (deleted) {
        RETURN_IF_ERROR(right_kv_->Delete(key_buf_, row.timestamp));
    } else {
        value_buf_.clear();
        AppendValues(row.values.data() + 1, step_->right_width, value_buf_);
        RETURN_IF_ERROR(right_kv_->Put(key_buf_, value_buf_, row.timestamp));
    }
    auto it = left_kv_->Prefix(key_buf_);
    for (; it->Valid(); it->Next()) {
        std::string_view bytes = it->value();
        if (!ReadValues(bytes, own_vals_) || own_vals_.size() != step_->left_width) {
            return Status::Internal("corrupt row in store " + step_->left_store);
        }
        const int64_t ts = std::max(row.timestamp, it->timestamp());
        if (deleted) {
            AppendJoined(key, own_vals_.data(), nullptr, ts, inner ? ChangeKind::kDelete : ChangeKind::kInsert);
        } else {
            AppendJoined(key, own_vals_.data(), row.values.data() + 1, ts, ChangeKind::kInsert);
        }
    }
    return it->status();
}

Status JoinOperator::StreamStream(const Row& row, bool left) {
    if (row.change == ChangeKind::kDelete) return Status::Ok();  // a null-valued stream record
    const Value& key = row.values[0];
    const size_t own_width = left ? step_->left_width : step_->right_width;
    const size_t other_width = left ? step_->right_width : step_->left_width;
    const Value* vals = row.values.data() + 1;
    const int64_t ts = row.timestamp;
    if (key.is_null()) {
        if (Outer(left) && step_->emit_null_key_rows) {
            AppendJoined(key, left ? vals : nullptr, left ? nullptr : vals, ts, ChangeKind::kInsert);
        }
        return Status::Ok();
    }
    if (stream_time_ == INT64_MIN) {
        // After a restart: the stores remember the newest time they saw.
        stream_time_ = std::max(left_ws_->observed_stream_time(), right_ws_->observed_stream_time());
    }
    stream_time_ = std::max(stream_time_, ts);
    const bool eager = !step_->grace_ms.has_value();
    state::WindowStore* own = left ? left_ws_ : right_ws_;
    state::WindowStore* other = left ? right_ws_ : left_ws_;
    EncodeKey(key);
    // Remember the row: all rows of a key at one timestamp share an entry. A row older than the
    // store's retention is not kept (the store drops it), so later rows cannot join it.
    ASSIGN_OR_RETURN(bool found, own->Get(key_buf_, ts, &stored_));
    value_buf_ = found ? stored_.value : std::string();
    AppendValues(vals, own_width, value_buf_);
    RETURN_IF_ERROR(own->Put(key_buf_, ts, value_buf_, ts));

    // The other side's rows within the window: left.ts - before <= right.ts <= left.ts + after.
    const int64_t from = left ? ts - step_->before_ms : ts - step_->after_ms;
    const int64_t to = left ? ts + step_->after_ms : ts + step_->before_ms;
    bool matched = false;
    {
        auto it = other->Fetch(key_buf_, from, to);
        for (; it->Valid(); it->Next()) {
            std::string_view bytes = it->value();
            const int64_t other_ts = it->window_start();
            while (!bytes.empty()) {
                if (!ReadValues(bytes, other_vals_) || other_vals_.size() != other_width) {
                    return Status::Internal("corrupt row in a join window store");
                }
                matched = true;
                AppendJoined(key, left ? vals : other_vals_.data(), left ? other_vals_.data() : vals,
                             std::max(ts, other_ts), ChangeKind::kInsert);
            }
        }
        RETURN_IF_ERROR(it->status());
    }
    const int64_t window_end = left ? ts + step_->after_ms : ts + step_->before_ms;
    if (!eager) {
        // Rows of the other side that were waiting for a match now have one.
        std::string lower, upper;
        state::AppendOrderedInt64(lower, from);
        state::AppendOrderedInt64(upper, to + 1);
        std::vector<std::string> matched_keys;
        {
            state::KeyBounds bounds{std::string_view(lower), std::string_view(upper)};
            auto it = pending_->Range(bounds);
            for (; it->Valid(); it->Next()) {
                std::string_view k = it->key();
                if (k.size() < 17 || k[8] != (left ? 'R' : 'L') || k.substr(17) != key_buf_) continue;
                matched_keys.emplace_back(k);
            }
            RETURN_IF_ERROR(it->status());
        }
        for (const auto& k : matched_keys) RETURN_IF_ERROR(pending_->Delete(k, ts));
    }
    if (!matched && Outer(left)) {
        // Without a grace period (ksqlDB's classic semantics), or when the row's window has
        // already closed, an unmatched outer row is emitted at once; otherwise it waits.
        if (eager || window_end < stream_time_) {
            AppendJoined(key, left ? vals : nullptr, left ? nullptr : vals, ts, ChangeKind::kInsert);
        } else {
            pending_key_.clear();
            state::AppendOrderedInt64(pending_key_, ts);
            pending_key_.push_back(left ? 'L' : 'R');
            state::AppendOrderedInt64(pending_key_, row.offset);
            pending_key_ += key_buf_;
            value_buf_.clear();
            AppendValues(row.values.data(), 1 + own_width, value_buf_);
            RETURN_IF_ERROR(pending_->Put(pending_key_, value_buf_, ts));
        }
    }
    if (!eager && ts == stream_time_) RETURN_IF_ERROR(EmitClosedPending());
    return Status::Ok();
}

Status JoinOperator::EmitClosedPending() {
    // An unmatched outer row is final once no row of the other side can still join it: stream
    // time has passed its window's far end plus the grace period. Rows come in time order.
    const int64_t grace = *step_->grace_ms;
    std::vector<std::string> done;
    {
        auto it = pending_->All();
        for (; it->Valid(); it->Next()) {
            std::string_view k = it->key();
            if (k.size() < 17) continue;
            const int64_t ts = state::DecodeOrderedInt64(k.data());
            if (ts + std::min(step_->before_ms, step_->after_ms) + grace >= stream_time_) break;
            const bool left = k[8] == 'L';
            const int64_t far = left ? step_->after_ms : step_->before_ms;
            if (ts + far + grace >= stream_time_) continue;
            std::string_view bytes = it->value();
            const size_t width = 1 + (left ? step_->left_width : step_->right_width);
            if (!ReadValues(bytes, pending_vals_) || pending_vals_.size() != width) {
                return Status::Internal("corrupt row in the outer join store");
            }
            AppendJoined(pending_vals_[0], left ? pending_vals_.data() + 1 : nullptr,
                         left ? nullptr : pending_vals_.data() + 1, ts, ChangeKind::kInsert);
            done.emplace_back(k);
        }
        RETURN_IF_ERROR(it->status());
    }
    for (const auto& k : done) RETURN_IF_ERROR(pending_->Delete(k, stream_time_));
    return Status::Ok();
}

}  // namespace runnel::runtime
