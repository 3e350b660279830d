// KeyValueStoreImpl: KeyValueStore over a StoreCore whose store keys are the user keys.
// Made by TaskStateManager. Thread-safety: as KeyValueStore (state_store.h).
#pragma once

#include <memory>
#include <string>

#include "engine/state/key_value_store.h"
#include "engine/state/store_core.h"

namespace runnel::state {

class KeyValueStoreImpl final : public KeyValueStore {
public:
    KeyValueStoreImpl(std::string name, const KeyValueStoreOptions& options, CacheBudget* budget);

    const std::string& name() const override { return core_.name(); }
    bool persistent() const override { return core_.persistent(); }
    Status Flush() override { return core_.Flush(); }

    Result<bool> Get(std::string_view key, ValueAndTimestamp* out) override;
    std::unique_ptr<KeyValueIterator> Range(const KeyBounds& bounds) override;
    std::unique_ptr<KeyValueIterator> Prefix(std::string_view prefix) override;
    uint64_t ApproximateCount() override { return core_.ApproximateCount(); }
    Status Put(std::string_view key, std::string_view value, int64_t timestamp) override;
    Status Delete(std::string_view key, int64_t timestamp) override;
    void SetFlushListener(KeyValueFlushListener listener) override;

    StoreCore& core() { return core_; }

private:
    StoreCore core_;
};

}  // namespace runnel::state
