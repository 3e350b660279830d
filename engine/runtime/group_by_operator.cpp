#include "engine/runtime/group_by_operator.h"

#include "engine/common/value_codec.h"
#include "engine/state/task_state_manager.h"

namespace runnel::runtime {

void EncodeRepartitionRecord(const Row& row, size_t key_count, std::string& key, std::string& value) {
    key.clear();
    value.clear();
    AppendValues(row.values.data(), key_count, key);
    char change = '+';
    if (row.change == ChangeKind::kDelete) change = '-';
    if (row.change == ChangeKind::kRetract) change = '~';
    if (row.change == ChangeKind::kUpdate) change = '*';
    value.push_back(change);
    AppendValues(row.values.data() + key_count, row.values.size() - key_count, value);
}

bool DecodeRepartitionRecord(std::string_view key, std::string_view value, size_t key_count, Row& row) {
    thread_local std::vector<Value> part;
    if (value.empty()) return false;
    switch (value[0]) {
        case '+': row.change = ChangeKind::kInsert; break;
        case '-': row.change = ChangeKind::kDelete; break;
        case '~': row.change = ChangeKind::kRetract; break;
        case '*': row.change = ChangeKind::kUpdate; break;
        default: return false;
    }
    if (!ReadValues(key, part) || part.size() != key_count || key_count > row.values.size()) return false;
    for (size_t i = 0; i < key_count; ++i) row.values[i] = std::move(part[i]);
    value.remove_prefix(1);
    if (!ReadValues(value, part) || key_count + part.size() != row.values.size()) return false;
    for (size_t i = 0; i < part.size(); ++i) row.values[key_count + i] = std::move(part[i]);
    return true;
}

Result<OperatorPtr> GroupByOperator::Make(const plan::GroupByStep& step, size_t input_key_count,
                                          std::optional<Repartition> repartition, int32_t partitions) {
    auto op = std::make_unique<GroupByOperator>();
    for (const auto& e : step.exprs) {
        ASSIGN_OR_RETURN(auto ev, expression::Compile(*e));
        op->exprs_.push_back(std::move(ev));
    }
    op->key_count_ = step.schema.key_count();
    op->input_key_count_ = input_key_count;
    op->table_source_ = step.table_source;
    op->store_name_ = step.source_store;
    op->repartition_ = std::move(repartition);
    op->foreign_key_ = step.foreign_key;
    if (step.foreign_key) op->partitioner_.Init(step.partition_key_format, step.schema, partitions);
    return OperatorPtr(std::move(op));
}

Status GroupByOperator::Open(OperatorContext& ctx) {
    if (!table_source_) return Status::Ok();
    if (ctx.state == nullptr) return Status::Internal("group by over a table needs task state");
    ASSIGN_OR_RETURN(store_, ctx.state->OpenKeyValueStore(store_name_));
    return Status::Ok();
}

bool GroupByOperator::Group(const Row& in, Row& out) {
    for (size_t j = 0; j < exprs_.size(); ++j) out.values[j] = exprs_[j]->Eval(in);
    out.timestamp = in.timestamp;
    out.partition = in.partition;
    out.offset = in.offset;
    out.change = ChangeKind::kInsert;
    if (foreign_key_) return true;  // a null foreign key still joins (LEFT) or clears (INNER)
    for (size_t k = 0; k < key_count_; ++k) {
        if (out.values[k].is_null()) return false;
    }
    return true;
}

Status GroupByOperator::Process(RowBatch& batch) {
    out_.Clear();
    const size_t width = exprs_.size();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Row& in = batch[i];
        if (!table_source_) {
            if (in.change == ChangeKind::kDelete) continue;  // a null-valued stream record
            Row& out = out_.Append(width);
            if (!Group(in, out)) out_.PopBack();
            continue;
        }
        // A table: retract the key's previous row, then add the new one.
        source_key_.clear();
        AppendValues(in.values.data(), input_key_count_, source_key_);
        ASSIGN_OR_RETURN(bool found, store_->Get(source_key_, &previous_));
        if (found) {
            std::string_view bytes = previous_.value;
            if (!ReadValues(bytes, previous_values_) || previous_values_.size() != width) {
                return Status::Internal("corrupt row in store " + store_name_);
            }
            Row& retract = out_.Append(width);
            for (size_t j = 0; j < width; ++j) retract.values[j] = std::move(previous_values_[j]);
            retract.timestamp = in.timestamp;
            retract.partition = in.partition;
            retract.offset = in.offset;
            retract.change = ChangeKind::kDelete;
        }
        bool grouped = false;
        if (in.change != ChangeKind::kDelete) {
            const size_t retract_index = out_.size() - 1;
            Row& out = out_.Append(width);
            grouped = Group(in, out);
            if (grouped && found) {
                // Same grouping key as the retracted row: one change for the aggregate.
                Row& retract = out_[retract_index];
                bool same = true;
                for (size_t k = 0; k < key_count_ && same; ++k) same = retract.values[k] == out.values[k];
                if (same || foreign_key_) retract.change = ChangeKind::kRetract;
                if (foreign_key_) out.change = ChangeKind::kUpdate;
            }
            if (grouped) {
                row_bytes_.clear();
                AppendValues(out.values.data(), width, row_bytes_);
                RETURN_IF_ERROR(store_->Put(source_key_, row_bytes_, in.timestamp));
            } else {
                out_.PopBack();
            }
        }
        if (!grouped && found) RETURN_IF_ERROR(store_->Delete(source_key_, in.timestamp));
    }
    return Forward();
}

Status GroupByOperator::Forward() {
    if (!repartition_) return Emit(out_);
    for (size_t i = 0; i < out_.size(); ++i) {
        const Row& row = out_[i];
        EncodeRepartitionRecord(row, key_count_, key_buf_, value_buf_);
        // Partition -1: the default partitioner hashes the key bytes (murmur2), so equal keys
        // always land in the same partition. A foreign-key join partitions as the right table.
        const int32_t partition = partitioner_.Partition(row);
        RETURN_IF_ERROR(repartition_->producer->Produce(repartition_->topic, partition, key_buf_.data(),
                                                        key_buf_.size(), value_buf_.data(),
                                                        value_buf_.size(), row.timestamp, nullptr));
    }
    return Status::Ok();
}

}  // namespace runnel::runtime
