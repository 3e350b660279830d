#include "engine/runtime/aggregate_operator.h"

#include <algorithm>

#include "engine/common/value_codec.h"
#include "engine/runtime/processing_log.h"
#include "engine/state/task_state_manager.h"

namespace runnel::runtime {

Result<OperatorPtr> AggregateOperator::Make(const plan::AggregateStep& step) {
    auto op = std::make_unique<AggregateOperator>();
    op->step_ = &step;
    op->key_count_ = step.input_schema.key_count();
    for (const auto& call : step.calls) {
        if (!call.bound.aggregator) return Status::Internal("unbound aggregate " + call.function);
        op->aggregators_.push_back(call.bound.aggregator.get());
        op->args_.emplace_back(call.arg_columns.size(), nullptr);
    }
    if (step.having) {
        ASSIGN_OR_RETURN(op->having_, expression::Compile(*step.having));
    }
    return OperatorPtr(std::move(op));
}

Status AggregateOperator::Open(OperatorContext& ctx) {
    ctx_ = ctx;
    if (ctx.state == nullptr) return Status::Internal("aggregation needs task state");
    const auto& w = step_->window;
    if (!w) {
        state::KeyValueStoreOptions options;
        options.send_old_values = having_ != nullptr;
        ASSIGN_OR_RETURN(kv_, ctx.state->OpenKeyValueStore(step_->store_name, options));
        kv_->SetFlushListener([this](const state::KeyValueChange& c) {
            return OnUpdate(c.key, c.value, c.old_value, c.timestamp, 0, 0);
        });
        return Status::Ok();
    }
    if (w->kind == plan::WindowKind::kSession) {
        state::SessionStoreOptions options;
        options.send_old_values = having_ != nullptr;
        // A session is found by records up to a gap after its end and emitted (EMIT FINAL) a
        // grace period after its end: keep it for both.
        options.retention_ms = std::max<int64_t>(w->retention_ms, 2 * w->size_ms + w->grace_ms) + 1;
        ASSIGN_OR_RETURN(sessions_, ctx.state->OpenSessionStore(step_->store_name, options));
        sessions_->SetFlushListener([this](const state::SessionChange& c) {
            return OnUpdate(c.key, c.value, c.old_value, c.timestamp, c.session_start, c.session_end);
        });
        return Status::Ok();
    }
    state::WindowStoreOptions options;
    options.send_old_values = having_ != nullptr;
    options.window_size_ms = w->size_ms;
    options.retention_ms = std::max<int64_t>(w->retention_ms, w->size_ms + w->grace_ms) + 1;
    ASSIGN_OR_RETURN(windows_, ctx.state->OpenWindowStore(step_->store_name, options));
    windows_->SetFlushListener([this](const state::WindowChange& c) {
        return OnUpdate(c.key, c.value, c.old_value, c.timestamp, c.window_start,
                        c.window_start + step_->window->size_ms);
    });
    return Status::Ok();
}

Status AggregateOperator::Resume() {
    // After the task's restore: stream time continues from what the store saw (a lower bound),
    // and under EMIT FINAL every window still in the store is open (closed ones were removed
    // when they were emitted).
    resumed_ = true;
    if (sessions_) {
        if (sessions_->observed_stream_time() != INT64_MIN) stream_time_ = sessions_->observed_stream_time();
        if (!step_->emit_final) return Status::Ok();
        auto it = sessions_->All();
        for (; it->Valid(); it->Next()) {
            open_windows_.emplace(it->window_end(), std::string(it->key()), it->window_start(),
                                  it->window_end());
        }
        return it->status();
    }
    if (windows_) {
        if (windows_->observed_stream_time() != INT64_MIN) stream_time_ = windows_->observed_stream_time();
        if (!step_->emit_final) return Status::Ok();
        auto it = windows_->All();
        for (; it->Valid(); it->Next()) {
            open_windows_.emplace(it->window_start() + step_->window->size_ms, std::string(it->key()),
                                  it->window_start(), 0);
        }
        return it->status();
    }
    return Status::Ok();
}

void AggregateOperator::EncodeKey(const Row& row) {
    key_buf_.clear();
    AppendValues(row.values.data(), key_count_, key_buf_);
}

Status AggregateOperator::LoadAccumulators(bool found, std::string_view bytes) {
    if (!found) {
        accs_.resize(aggregators_.size());
        for (size_t i = 0; i < aggregators_.size(); ++i) accs_[i] = aggregators_[i]->Init();
        return Status::Ok();
    }
    if (!ReadValues(bytes, accs_) || accs_.size() != aggregators_.size()) {
        return Status::Internal("corrupt accumulators in store " + step_->store_name);
    }
    return Status::Ok();
}

void AggregateOperator::Fold(const Row& row) {
    const bool undo = row.change == ChangeKind::kDelete || row.change == ChangeKind::kRetract;
    for (size_t i = 0; i < aggregators_.size(); ++i) {
        auto& ptrs = args_[i];
        const auto& cols = step_->calls[i].arg_columns;
        for (size_t j = 0; j < cols.size(); ++j) ptrs[j] = &row.values[cols[j]];
        expression::Args args(ptrs.data(), ptrs.size());
        if (undo) {
            aggregators_[i]->Undo(args, accs_[i]);
            continue;
        }
        Status st = aggregators_[i]->TryAdd(args, accs_[i]);
        if (!st.ok() && ctx_.processing_log != nullptr) {
            ctx_.processing_log->Record(ctx_.query_id, "", row.partition, row.offset,
                                        "aggregate " + step_->calls[i].function + ": " + st.message());
        }
    }
}

void AggregateOperator::EncodeAccumulators() {
    value_buf_.clear();
    AppendValues(accs_.data(), accs_.size(), value_buf_);
}

Status AggregateOperator::Process(RowBatch& batch) {
    if (!resumed_) RETURN_IF_ERROR(Resume());
    out_.Clear();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Row& row = batch[i];
        if (row.change != ChangeKind::kInsert && !step_->table_source) continue;
        if (!step_->window) {
            RETURN_IF_ERROR(ProcessUnwindowed(row));
        } else if (step_->window->kind == plan::WindowKind::kSession) {
            RETURN_IF_ERROR(ProcessSession(row));
        } else {
            RETURN_IF_ERROR(ProcessTimeWindows(row));
        }
        if (step_->emit_final) RETURN_IF_ERROR(EmitClosedWindows());
    }
    Status st = Emit(out_);
    out_.Clear();
    return st;
}

Status AggregateOperator::ProcessUnwindowed(const Row& row) {
    EncodeKey(row);
    bool found;
    if (held_ && key_buf_ == held_key_) {
        // The addition that completes a retraction: continue from the undone accumulators.
        found = true;
        held_ = false;
    } else {
        if (held_) RETURN_IF_ERROR(PutHeld());
        ASSIGN_OR_RETURN(found, kv_->Get(key_buf_, &stored_));
        RETURN_IF_ERROR(LoadAccumulators(found, stored_.value));
    }
    Fold(row);
    if (row.change == ChangeKind::kRetract) {
        held_ = true;
        held_key_ = key_buf_;
        return Status::Ok();
    }
    EncodeAccumulators();
    int64_t ts = found ? std::max(stored_.timestamp, row.timestamp) : row.timestamp;
    writing_ = true;
    Status st = kv_->Put(key_buf_, value_buf_, ts);
    writing_ = false;
    return st;
}

Status AggregateOperator::PutHeld() {
    // A retraction whose addition never came (it went to another key): store it alone.
    held_ = false;
    std::swap(key_buf_, held_key_);
    EncodeAccumulators();
    writing_ = true;
    Status st = kv_->Put(key_buf_, value_buf_, stored_.timestamp);
    writing_ = false;
    std::swap(key_buf_, held_key_);
    return st;
}

void AggregateOperator::LogLate(const Row& row, int64_t window_start, int64_t window_end) {
    ++late_records_;
    if (ctx_.processing_log == nullptr) return;
    ctx_.processing_log->Record(
        ctx_.query_id, "", row.partition, row.offset,
        "Skipping record for expired window. timestamp=" + std::to_string(row.timestamp) +
            " window=[" + std::to_string(window_start) + "," + std::to_string(window_end) +
            ") streamTime=" + std::to_string(stream_time_) +
            " grace=" + std::to_string(step_->window->grace_ms));
}

Status AggregateOperator::ProcessTimeWindows(const Row& row) {
    const auto& w = *step_->window;
    const int64_t ts = row.timestamp;
    if (ts < 0) {
        LogLate(row, ts, ts);
        return Status::Ok();
    }
    stream_time_ = std::max(stream_time_, ts);
    const int64_t close = stream_time_ - w.grace_ms;
    EncodeKey(row);
    // Kafka Streams' TimeWindows.windowsFor: every window [start, start + size) holding ts,
    // starts aligned to the advance.
    int64_t start = std::max<int64_t>(0, ts - w.size_ms + w.advance_ms) / w.advance_ms * w.advance_ms;
    for (; start <= ts; start += w.advance_ms) {
        const int64_t end = start + w.size_ms;
        if (end <= close) {
            LogLate(row, start, end);
            continue;
        }
        ASSIGN_OR_RETURN(bool found, windows_->Get(key_buf_, start, &stored_));
        RETURN_IF_ERROR(LoadAccumulators(found, stored_.value));
        Fold(row);
        EncodeAccumulators();
        int64_t out_ts = found ? std::max(stored_.timestamp, ts) : ts;
        writing_ = true;
        Status st = windows_->Put(key_buf_, start, value_buf_, out_ts);
        writing_ = false;
        RETURN_IF_ERROR(st);
    }
    return Status::Ok();
}

Status AggregateOperator::ProcessSession(const Row& row) {
    const auto& w = *step_->window;
    const int64_t ts = row.timestamp;
    stream_time_ = std::max(stream_time_, ts);
    const int64_t close = stream_time_ - w.grace_ms;
    EncodeKey(row);
    int64_t start = ts, end = ts;
    RETURN_IF_ERROR(LoadAccumulators(false, {}));
    merged_.clear();
    {
        auto it = sessions_->FindSessions(key_buf_, ts - w.size_ms, ts + w.size_ms);
        for (; it->Valid(); it->Next()) {
            std::string_view bytes = it->value();
            if (!ReadValues(bytes, merge_accs_) || merge_accs_.size() != aggregators_.size()) {
                return Status::Internal("corrupt accumulators in store " + step_->store_name);
            }
            for (size_t i = 0; i < aggregators_.size(); ++i) aggregators_[i]->Merge(merge_accs_[i], accs_[i]);
            start = std::min(start, it->window_start());
            end = std::max(end, it->window_end());
            merged_.push_back({it->window_start(), it->window_end()});
        }
        RETURN_IF_ERROR(it->status());
    }
    if (end < close) {
        LogLate(row, start, end);
        return Status::Ok();
    }
    for (const auto& m : merged_) {
        if (m.start == start && m.end == end) continue;
        RETURN_IF_ERROR(sessions_->Remove(key_buf_, m.start, m.end, m.end));
    }
    Fold(row);
    EncodeAccumulators();
    writing_ = true;
    Status st = sessions_->Put(key_buf_, start, end, value_buf_, end);
    writing_ = false;
    return st;
}

Status AggregateOperator::OnUpdate(std::string_view key, const std::string* value,
                                   const std::string* old_value, int64_t timestamp,
                                   int64_t window_start, int64_t window_end) {
    if (step_->emit_final) {
        // Held back until the window closes; a removed (merged) session is forgotten.
        const int64_t closes = window_end;
        std::tuple<int64_t, std::string, int64_t, int64_t> entry{
            closes, std::string(key), window_start, sessions_ ? window_end : 0};
        if (value == nullptr) {
            open_windows_.erase(entry);
        } else {
            open_windows_.insert(std::move(entry));
        }
        return Status::Ok();
    }
    if (having_) {
        // HAVING: a result that does not pass is not emitted, or, when the key's previous
        // result passed, becomes a tombstone.
        bool passes = false;
        if (value != nullptr) {
            RETURN_IF_ERROR(AppendResult(key, *value, timestamp, window_start, window_end));
            passes = expression::IsTrue(having_->Eval(out_[out_.size() - 1]));
            if (passes) return Status::Ok();
            out_.PopBack();
        }
        if (old_value == nullptr) return Status::Ok();
        const bool writing = writing_;
        writing_ = false;  // decode the old accumulators, not the ones being written
        Status st = AppendResult(key, *old_value, timestamp, window_start, window_end);
        writing_ = writing;
        RETURN_IF_ERROR(st);
        bool old_passed = expression::IsTrue(having_->Eval(out_[out_.size() - 1]));
        out_.PopBack();
        if (!old_passed) return Status::Ok();
        return AppendDelete(key, timestamp, window_start, window_end);
    }
    if (value == nullptr) return AppendDelete(key, timestamp, window_start, window_end);
    return AppendResult(key, *value, timestamp, window_start, window_end);
}

Status AggregateOperator::AppendDelete(std::string_view key, int64_t timestamp, int64_t window_start,
                                       int64_t window_end) {
    {
        std::string_view bytes = key;
        if (!ReadValues(bytes, key_values_) || key_values_.size() != key_count_) {
            return Status::Internal("corrupt key in store " + step_->store_name);
        }
        Row& out = out_.Append(step_->schema.size());
        for (size_t k = 0; k < key_count_; ++k) out.values[k] = key_values_[k];
        for (size_t i = key_count_; i < out.values.size(); ++i) out.values[i].SetNull();
        out.timestamp = timestamp;
        out.window_start = window_start;
        out.window_end = window_end;
        out.change = ChangeKind::kDelete;
        return Status::Ok();
    }
}

Status AggregateOperator::AppendResult(std::string_view key, std::string_view value, int64_t timestamp,
                                       int64_t window_start, int64_t window_end) {
    std::string_view key_bytes = key;
    if (!ReadValues(key_bytes, key_values_) || key_values_.size() != key_count_) {
        return Status::Internal("corrupt key in store " + step_->store_name);
    }
    const std::vector<Value>* accs = &accs_;
    if (!(writing_ && key == key_buf_ && value == value_buf_)) {
        std::string_view bytes = value;
        if (!ReadValues(bytes, result_accs_) || result_accs_.size() != aggregators_.size()) {
            return Status::Internal("corrupt accumulators in store " + step_->store_name);
        }
        accs = &result_accs_;
    }
    Row& out = out_.Append(step_->schema.size());
    for (size_t k = 0; k < key_count_; ++k) out.values[k] = key_values_[k];
    for (size_t i = 0; i < aggregators_.size(); ++i) {
        aggregators_[i]->Result((*accs)[i], out.values[key_count_ + i]);
    }
    out.timestamp = timestamp;
    out.window_start = window_start;
    out.window_end = window_end;
    out.change = ChangeKind::kInsert;
    return Status::Ok();
}

Status AggregateOperator::EmitClosedWindows() {
    const int64_t grace = step_->window->grace_ms;
    while (!open_windows_.empty()) {
        auto first = open_windows_.begin();
        if (std::get<0>(*first) + grace > stream_time_) break;
        auto [end, key, start, session_end] = *first;
        open_windows_.erase(first);
        bool found = false;
        if (sessions_) {
            ASSIGN_OR_RETURN(found, sessions_->Get(key, start, session_end, &stored_));
        } else {
            ASSIGN_OR_RETURN(found, windows_->Get(key, start, &stored_));
        }
        if (!found) continue;
        RETURN_IF_ERROR(AppendResult(key, stored_.value, stored_.timestamp, start, end));
        // Closed: nothing can change it any more, so it leaves the store (the listener ignores
        // the removal under EMIT FINAL).
        if (sessions_) {
            RETURN_IF_ERROR(sessions_->Remove(key, start, session_end, stored_.timestamp));
        } else {
            RETURN_IF_ERROR(windows_->Delete(key, start, stored_.timestamp));
        }
    }
    return Status::Ok();
}

Status AggregateOperator::EmitPending() {
    if (step_->emit_final && step_->window) RETURN_IF_ERROR(EmitClosedWindows());
    Status st = Emit(out_);
    out_.Clear();
    return st;
}

}  // namespace runnel::runtime
