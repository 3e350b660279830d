// Operator: one stage of a task's pipeline. Push-based: Process() takes a batch, transforms it
// (in place or into its own output batch) and pushes the result downstream. Operators are built
// per task from plan steps and are single-threaded.
//
// Stateful operators open their stores in Open() and emit from their stores' flush listeners;
// updates a listener hands over outside Process() (a cache flush at commit) are pushed
// downstream by EmitPending(), which the task calls after flushing its state.
#pragma once

#include <memory>
#include <string>

#include "engine/common/row.h"
#include "engine/common/status.h"

namespace runnel::state {
class TaskStateManager;
}

namespace runnel::runtime {

class ProcessingLog;

struct OperatorContext {
    std::string query_id;
    state::TaskStateManager* state = nullptr;  // null when the task has no state
    ProcessingLog* processing_log = nullptr;
};

class Operator {
public:
    virtual ~Operator() = default;
    // True when the operator keeps state (the task then opens a state manager before Open).
    virtual bool stateful() const { return false; }
    virtual Status Open(OperatorContext& ctx) { (void)ctx; return Status::Ok(); }
    // Processes a batch. The batch may be modified; it is not used by the caller afterwards.
    virtual Status Process(RowBatch& batch) = 0;
    // Pushes downstream what the operator's flush listeners collected outside Process().
    virtual Status EmitPending() { return Status::Ok(); }
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
