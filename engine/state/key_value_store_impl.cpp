// KeyValueStoreImpl: ranges and the iterator adapter.

#include "engine/state/key_value_store_impl.h"

#include "engine/state/byte_codec.h"

namespace runnel::state {
namespace {

class KvIterator final : public KeyValueIterator {
public:
    explicit KvIterator(std::unique_ptr<StoreIterator> it) : it_(std::move(it)) {}
    bool Valid() const override { return it_->Valid(); }
    void Next() override { it_->Next(); }
    std::string_view key() const override { return it_->key(); }
    std::string_view value() const override { return it_->value(); }
    int64_t timestamp() const override { return it_->timestamp(); }
    Status status() const override { return it_->status(); }

private:
    std::unique_ptr<StoreIterator> it_;
};

}  // namespace

KeyValueStoreImpl::KeyValueStoreImpl(std::string name, const KeyValueStoreOptions& options,
                                     CacheBudget* budget)
    : core_(std::move(name), std::make_unique<KeyValueCodec>(), options, budget) {}

Result<bool> KeyValueStoreImpl::Get(std::string_view key, ValueAndTimestamp* out) {
    return core_.Get(key, out);
}

std::unique_ptr<KeyValueIterator> KeyValueStoreImpl::Range(const KeyBounds& bounds) {
    ByteRange r;
    if (bounds.lower) r.lower.assign(bounds.lower->data(), bounds.lower->size());
    if (bounds.upper) {
        r.upper.assign(bounds.upper->data(), bounds.upper->size());
    } else {
        r.has_upper = false;
    }
    std::vector<ByteRange> ranges;
    if (!r.has_upper || r.lower < r.upper) ranges.push_back(std::move(r));
    return std::make_unique<KvIterator>(core_.NewIterator(std::move(ranges)));
}

std::unique_ptr<KeyValueIterator> KeyValueStoreImpl::Prefix(std::string_view prefix) {
    ByteRange r;
    r.lower.assign(prefix.data(), prefix.size());
    r.upper = PrefixSuccessor(prefix);
    r.has_upper = !r.upper.empty();
    std::vector<ByteRange> ranges;
    ranges.push_back(std::move(r));
    return std::make_unique<KvIterator>(core_.NewIterator(std::move(ranges)));
}

Status KeyValueStoreImpl::Put(std::string_view key, std::string_view value, int64_t timestamp) {
    return core_.Put(key, value, timestamp);
}

Status KeyValueStoreImpl::Delete(std::string_view key, int64_t timestamp) {
    return core_.Delete(key, timestamp);
}

void KeyValueStoreImpl::SetFlushListener(KeyValueFlushListener listener) {
    if (!listener) {
        core_.SetListener(nullptr);
        return;
    }
    core_.SetListener([l = std::move(listener)](std::string_view key, const std::string* value,
                                                const std::string* old_value, int64_t ts) {
        return l(KeyValueChange{key, value, old_value, ts});
    });
}

}  // namespace runnel::state
