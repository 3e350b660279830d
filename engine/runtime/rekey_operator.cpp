#include "engine/runtime/rekey_operator.h"

#include "engine/runtime/group_by_operator.h"

namespace runnel::runtime {

Result<OperatorPtr> RekeyOperator::Make(const plan::RekeyStep& step, kafka::Producer* producer, std::string topic,
                                        int32_t partitions) {
    auto op = std::make_unique<RekeyOperator>();
    for (const auto& e : step.exprs) {
        ASSIGN_OR_RETURN(auto ev, expression::Compile(*e));
        op->exprs_.push_back(std::move(ev));
    }
    op->repartition_ = step.repartition;
    if (op->repartition_ && producer == nullptr) {
        return Status::NotImplemented("A push query whose join needs a repartition is not supported yet");
    }
    op->producer_ = producer;
    op->topic_ = std::move(topic);
    // The key written as the other side writes its keys, for the partition only.
    if (op->repartition_) op->partitioner_.Init(step.partition_key_format, step.schema, partitions);
    return OperatorPtr(std::move(op));
}

Status RekeyOperator::Process(RowBatch& batch) {
    out_.Clear();
    const size_t width = exprs_.size();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Row& in = batch[i];
        Row& out = out_.Append(width);
        for (size_t j = 0; j < width; ++j) out.values[j] = exprs_[j]->Eval(in);
        CopyRowMetadata(in, out);
        out.key_null = false;  // the join key is computed
    }
    if (!repartition_) return Emit(out_);
    for (size_t i = 0; i < out_.size(); ++i) {
        const Row& row = out_[i];
        EncodeRepartitionRecord(row, 1, key_buf_, value_buf_);
        const int32_t partition = partitioner_.Partition(row);
        RETURN_IF_ERROR(producer_->Produce(topic_, partition, key_buf_.data(), key_buf_.size(), value_buf_.data(),
                                           value_buf_.size(), row.timestamp, row.headers.get()));
    }
    return Status::Ok();
}

}  // namespace runnel::runtime
