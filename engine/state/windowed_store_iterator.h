// WindowedStoreIterator: a WindowedIterator over a StoreIterator of window or session keys:
// decodes each key with the store's WindowedCodec and skips entries outside the filter (key,
// start and end bounds: retention, the asked time range, other keys of a time-first scan).
// Internal to engine/state. Not thread-safe: one thread at a time.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "engine/state/store_codec.h"
#include "engine/state/store_iterator.h"
#include "engine/state/windowed_iterator.h"

namespace runnel::state {

struct WindowedFilter {
    std::optional<std::string> key;  // only this key
    int64_t start_min = std::numeric_limits<int64_t>::min();
    int64_t start_max = std::numeric_limits<int64_t>::max();
    int64_t end_min = std::numeric_limits<int64_t>::min();
    int64_t end_max = std::numeric_limits<int64_t>::max();
};

class WindowedStoreIterator final : public WindowedIterator {
public:
    WindowedStoreIterator(std::unique_ptr<StoreIterator> it, const WindowedCodec& codec,
                          WindowedFilter filter)
        : it_(std::move(it)), codec_(codec), filter_(std::move(filter)) {
        Settle();
    }

    bool Valid() const override { return it_->Valid(); }
    void Next() override {
        it_->Next();
        Settle();
    }
    std::string_view key() const override { return key_; }
    int64_t window_start() const override { return start_; }
    int64_t window_end() const override { return end_; }
    std::string_view value() const override { return it_->value(); }
    int64_t timestamp() const override { return it_->timestamp(); }
    Status status() const override { return it_->status(); }

private:
    void Settle() {
        for (; it_->Valid(); it_->Next()) {
            if (!codec_.Decode(it_->key(), &key_, &start_, &end_)) continue;
            if (start_ < filter_.start_min || start_ > filter_.start_max) continue;
            if (end_ < filter_.end_min || end_ > filter_.end_max) continue;
            if (filter_.key && key_ != std::string_view(*filter_.key)) continue;
            return;
        }
    }

    std::unique_ptr<StoreIterator> it_;
    const WindowedCodec& codec_;
    WindowedFilter filter_;
    std::string_view key_;
    int64_t start_ = 0;
    int64_t end_ = 0;
};

}  // namespace runnel::state
