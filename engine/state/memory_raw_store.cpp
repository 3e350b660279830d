// MemoryRawStore: batches are lists of operations applied under the exclusive lock.

#include "engine/state/memory_raw_store.h"

#include <mutex>
#include <utility>

namespace runnel::state {
namespace {

struct Op {
    enum Kind { kPut, kDelete, kDeleteRange, kPutMeta } kind;
    std::string key;
    std::string value;  // kPut / kPutMeta value; kDeleteRange upper bound
    int64_t timestamp = 0;
};

class MemoryBatch final : public RawWriteBatch {
public:
    void Put(std::string_view key, int64_t timestamp, std::string_view value) override {
        ops_.push_back({Op::kPut, std::string(key), std::string(value), timestamp});
    }
    void Delete(std::string_view key) override {
        ops_.push_back({Op::kDelete, std::string(key), {}, 0});
    }
    void DeleteRange(std::string_view lower, std::string_view upper) override {
        ops_.push_back({Op::kDeleteRange, std::string(lower), std::string(upper), 0});
    }
    void PutMeta(std::string_view key, std::string_view value) override {
        ops_.push_back({Op::kPutMeta, std::string(key), std::string(value), 0});
    }
    size_t count() const override { return ops_.size(); }
    void Clear() override { ops_.clear(); }

    std::vector<Op> ops_;
};

struct Entry {
    std::string key;
    std::string value;
    int64_t timestamp;
};

class MemoryIterator final : public RawIterator {
public:
    explicit MemoryIterator(std::vector<Entry> entries) : entries_(std::move(entries)) {}
    bool Valid() const override { return pos_ < entries_.size(); }
    void Next() override { ++pos_; }
    std::string_view key() const override { return entries_[pos_].key; }
    std::string_view value() const override { return entries_[pos_].value; }
    int64_t timestamp() const override { return entries_[pos_].timestamp; }
    Status status() const override { return Status::Ok(); }

private:
    std::vector<Entry> entries_;
    size_t pos_ = 0;
};

}  // namespace

Result<bool> MemoryRawStore::Get(std::string_view key, ValueAndTimestamp* out) {
    std::shared_lock lock(mutex_);
    auto it = data_.find(key);
    if (it == data_.end()) return false;
    out->value.assign(it->second.value);
    out->timestamp = it->second.timestamp;
    return true;
}

std::unique_ptr<RawIterator> MemoryRawStore::NewIterator(std::vector<ByteRange> ranges) {
    std::vector<Entry> entries;
    std::shared_lock lock(mutex_);
    for (const ByteRange& r : ranges) {
        auto it = data_.lower_bound(std::string_view(r.lower));
        for (; it != data_.end(); ++it) {
            if (r.has_upper && std::string_view(it->first) >= std::string_view(r.upper)) break;
            entries.push_back({it->first, it->second.value, it->second.timestamp});
        }
    }
    return std::make_unique<MemoryIterator>(std::move(entries));
}

Result<std::optional<std::string>> MemoryRawStore::GetMeta(std::string_view key) {
    std::shared_lock lock(mutex_);
    auto it = meta_.find(key);
    if (it == meta_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
}

uint64_t MemoryRawStore::ApproximateCount() {
    std::shared_lock lock(mutex_);
    return data_.size();
}

std::unique_ptr<RawWriteBatch> MemoryRawStore::NewBatch() {
    return std::make_unique<MemoryBatch>();
}

Status MemoryRawStore::Write(RawWriteBatch& batch) {
    auto& ops = static_cast<MemoryBatch&>(batch).ops_;
    std::unique_lock lock(mutex_);
    for (const Op& op : ops) {
        switch (op.kind) {
            case Op::kPut: {
                ValueAndTimestamp& v = data_[op.key];
                v.value = op.value;
                v.timestamp = op.timestamp;
                break;
            }
            case Op::kDelete:
                data_.erase(op.key);
                break;
            case Op::kDeleteRange: {
                if (op.key >= op.value) break;
                data_.erase(data_.lower_bound(op.key), data_.lower_bound(op.value));
                break;
            }
            case Op::kPutMeta:
                meta_[op.key] = op.value;
                break;
        }
    }
    return Status::Ok();
}

}  // namespace runnel::state
