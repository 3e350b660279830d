// StoreIterator: the merge of the cache snapshot and the raw iterator.

#include "engine/state/store_iterator.h"

namespace runnel::state {

StoreIterator::StoreIterator(std::vector<WriteBackCache::Snapshot> cached,
                             std::unique_ptr<RawIterator> raw)
    : cached_(std::move(cached)), raw_(std::move(raw)) {
    Settle();
}

void StoreIterator::Settle() {
    while (true) {
        const bool has_cache = pos_ < cached_.size();
        const bool has_raw = raw_->Valid();
        if (!has_cache && !has_raw) {
            current_ = kNone;
            return;
        }
        if (!has_cache) {
            current_ = kRaw;
            return;
        }
        const auto& c = cached_[pos_];
        if (has_raw) {
            const std::string_view rk = raw_->key();
            if (rk < std::string_view(c.key)) {
                current_ = kRaw;
                return;
            }
            if (rk == std::string_view(c.key)) raw_->Next();  // the cache shadows it
        }
        if (c.present) {
            current_ = kCache;
            return;
        }
        ++pos_;  // a cached deletion: skip it (and the raw entry it shadowed)
    }
}

void StoreIterator::Next() {
    if (current_ == kCache) {
        ++pos_;
    } else if (current_ == kRaw) {
        raw_->Next();
    }
    Settle();
}

std::string_view StoreIterator::key() const {
    return current_ == kCache ? std::string_view(cached_[pos_].key) : raw_->key();
}

std::string_view StoreIterator::value() const {
    return current_ == kCache ? std::string_view(cached_[pos_].value) : raw_->value();
}

int64_t StoreIterator::timestamp() const {
    return current_ == kCache ? cached_[pos_].timestamp : raw_->timestamp();
}

}  // namespace runnel::state
