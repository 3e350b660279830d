#include "engine/runtime/flat_map_operator.h"

#include <algorithm>

namespace runnel::runtime {

Result<OperatorPtr> FlatMapOperator::Make(const plan::FlatMapStep& step, Context context) {
    auto op = std::make_unique<FlatMapOperator>();
    op->ctx_ = std::move(context);
    op->input_width_ = step.schema.size() - step.calls.size();
    for (const auto& c : step.calls) {
        if (c.function == nullptr) return Status::Internal("table function call without function");
        Call call;
        call.function = c.function;
        for (const auto& a : c.args) {
            ASSIGN_OR_RETURN(auto ev, expression::Compile(*a));
            call.args.push_back(std::move(ev));
        }
        call.arg_values.resize(call.args.size(), nullptr);
        op->calls_.push_back(std::move(call));
    }
    return OperatorPtr(std::move(op));
}

bool FlatMapOperator::Expand(const Row& in) {
    for (auto& call : calls_) {
        call.produced.clear();
        for (size_t i = 0; i < call.args.size(); ++i) call.arg_values[i] = &call.args[i]->Eval(in);
        expression::Args args(call.arg_values.data(), call.arg_values.size());
        Status st = call.function->impl(args, call.produced);
        if (!st.ok()) {
            if (ctx_.processing_log != nullptr) {
                ctx_.processing_log->Record(
                    ctx_.query_id, ctx_.topic, in.partition, in.offset,
                    "table function " + call.function->name + " failed: " + st.message());
            }
            return false;
        }
    }
    return true;
}

Status FlatMapOperator::Process(RowBatch& batch) {
    out_.Clear();
    for (size_t r = 0; r < batch.size(); ++r) {
        const Row& in = batch[r];
        // A null-valued stream record has nothing to expand.
        if (in.change == ChangeKind::kDelete) continue;
        if (!Expand(in)) continue;
        size_t rows = 0;
        for (const auto& call : calls_) rows = std::max(rows, call.produced.size());
        const size_t input_width = std::min(input_width_, in.values.size());
        const size_t width = input_width_ + calls_.size();
        for (size_t i = 0; i < rows; ++i) {
            Row& out = out_.Append(width);
            std::copy_n(in.values.begin(), input_width, out.values.begin());
            for (size_t c = 0; c < calls_.size(); ++c) {
                ValueList& produced = calls_[c].produced;  // each value is used once
                if (i < produced.size()) {
                    out.values[input_width_ + c] = std::move(produced[i]);
                } else {
                    out.values[input_width_ + c].SetNull();
                }
            }
            out.timestamp = in.timestamp;
            out.partition = in.partition;
            out.offset = in.offset;
            out.window_start = in.window_start;
            out.window_end = in.window_end;
            out.headers = in.headers;
        }
    }
    return Emit(out_);
}

}  // namespace runnel::runtime
