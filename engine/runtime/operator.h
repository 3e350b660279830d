// Operator: one stage of a task's pipeline. Push-based: Process() takes a batch, transforms it
// (in place or into its own output batch) and pushes the result downstream. Operators are built
// per task from plan steps and are single-threaded.
#pragma once

#include <memory>

#include "engine/common/row.h"
#include "engine/common/status.h"

namespace runnel::runtime {

class Operator {
public:
    virtual ~Operator() = default;
    // Processes a batch. The batch may be modified; it is not used by the caller afterwards.
    virtual Status Process(RowBatch& batch) = 0;
    void set_downstream(Operator* next) { downstream_ = next; }

protected:
    Status Emit(RowBatch& batch) {
        if (downstream_ == nullptr || batch.empty()) return Status::Ok();
        return downstream_->Process(batch);
    }
    Operator* downstream_ = nullptr;
};

using OperatorPtr = std::unique_ptr<Operator>;

}  // namespace runnel::runtime
