// StoreCore: cache, write-through path, flush, checkpoint and changelog application.

#include "engine/state/store_core.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <mutex>

#include "engine/common/log.h"

namespace runnel::state {

namespace {

Result<int64_t> ParseMetaInt(const std::string& text, std::string_view what,
                             const std::string& store) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return Status::IoError(fmt::format("store {}: corrupt {} '{}'", store, what, text));
    }
    return v;
}

}  // namespace

StoreCore::StoreCore(std::string name, std::unique_ptr<StoreCodec> codec,
                     const StoreOptions& options, CacheBudget* budget)
    : name_(std::move(name)),
      codec_(std::move(codec)),
      options_(options),
      budget_(budget),
      caching_(budget != nullptr && budget->max_bytes > 0),
      cache_(options.ordered_cache),
      observed_time_(std::numeric_limits<int64_t>::min()) {}

StoreCore::~StoreCore() {
    if (budget_ != nullptr) budget_->used_bytes -= cache_.bytes();
}

Status StoreCore::AttachRaw(std::unique_ptr<RawStore> raw) {
    raw_ = std::move(raw);
    batch_ = raw_->NewBatch();
    checkpoint_offset_ = -1;
    stored_layout_.clear();
    observed_time_.store(std::numeric_limits<int64_t>::min(), std::memory_order_release);
    ASSIGN_OR_RETURN(auto offset, raw_->GetMeta(kMetaChangelogOffset));
    if (offset) {
        ASSIGN_OR_RETURN(checkpoint_offset_, ParseMetaInt(*offset, kMetaChangelogOffset, name_));
    }
    ASSIGN_OR_RETURN(auto observed, raw_->GetMeta(kMetaObservedTime));
    if (observed) {
        ASSIGN_OR_RETURN(int64_t t, ParseMetaInt(*observed, kMetaObservedTime, name_));
        observed_time_.store(t, std::memory_order_release);
    }
    ASSIGN_OR_RETURN(auto layout, raw_->GetMeta(kMetaLayout));
    if (layout) stored_layout_ = *layout;
    return Status::Ok();
}

// ------------------------------------------------------------------------------- reads --

Result<bool> StoreCore::Get(std::string_view key, ValueAndTimestamp* out) {
    if (caching_) {
        std::shared_lock lock(cache_mutex_);
        if (const WriteBackCache::Entry* e = cache_.Find(key)) {
            if (!e->present) return false;
            out->value.assign(e->value);
            out->timestamp = e->timestamp;
            return true;
        }
    }
    return raw_->Get(key, out);
}

std::unique_ptr<StoreIterator> StoreCore::NewIterator(std::vector<ByteRange> ranges) {
    std::vector<WriteBackCache::Snapshot> cached;
    std::unique_ptr<RawIterator> raw;
    {
        std::shared_lock lock(cache_mutex_);
        raw = raw_->NewIterator(ranges);
        if (caching_) cache_.Collect(ranges, &cached);
    }
    return std::make_unique<StoreIterator>(std::move(cached), std::move(raw));
}

uint64_t StoreCore::ApproximateCount() {
    uint64_t n = raw_->ApproximateCount();
    if (caching_) {
        std::shared_lock lock(cache_mutex_);
        n += cache_.dirty_present();
    }
    return n;
}

// ------------------------------------------------------------------------------ writes --

void StoreCore::AdvanceObservedTime(int64_t t) {
    if (t > observed_time_.load(std::memory_order_relaxed)) {
        observed_time_.store(t, std::memory_order_release);
    }
}

Status StoreCore::Put(std::string_view key, std::string_view value, int64_t timestamp) {
    if (in_flush_) {
        return Status::Internal(fmt::format("store {}: write from its own flush listener", name_));
    }
    if (!caching_) return WriteThrough(key, &value, timestamp);
    int64_t delta;
    {
        std::unique_lock lock(cache_mutex_);
        delta = cache_.Write(key, value, timestamp, true);
    }
    budget_->used_bytes += delta;
    if (budget_->used_bytes > budget_->max_bytes) return Evict();
    return Status::Ok();
}

Status StoreCore::Delete(std::string_view key, int64_t timestamp) {
    if (in_flush_) {
        return Status::Internal(fmt::format("store {}: write from its own flush listener", name_));
    }
    if (!caching_) return WriteThrough(key, nullptr, timestamp);
    int64_t delta;
    {
        std::unique_lock lock(cache_mutex_);
        delta = cache_.Write(key, {}, timestamp, false);
    }
    budget_->used_bytes += delta;
    if (budget_->used_bytes > budget_->max_bytes) return Evict();
    return Status::Ok();
}

Status StoreCore::Log(std::string_view key, const std::string* value, int64_t timestamp) {
    if (!changelog_) return Status::Ok();
    if (codec_->ToChangelogKey(key, &changelog_key_)) key = changelog_key_;
    return changelog_->Send(key, value, timestamp);
}

Status StoreCore::WriteThrough(std::string_view key, const std::string_view* value,
                               int64_t timestamp) {
    const bool want_old = options_.send_old_values && listener_;
    bool had_old = false;
    if (want_old) {
        old_values_.resize(1);
        ASSIGN_OR_RETURN(had_old, raw_->Get(key, &old_values_[0]));
    }
    batch_->Clear();
    if (value != nullptr) {
        batch_->Put(key, timestamp, *value);
    } else {
        batch_->Delete(key);
    }
    RETURN_IF_ERROR(raw_->Write(*batch_));
    const std::string* v = nullptr;
    if (value != nullptr) {
        value_scratch_.assign(value->data(), value->size());
        v = &value_scratch_;
    }
    RETURN_IF_ERROR(Log(key, v, timestamp));
    if (listener_) {
        in_flush_ = true;
        Status s = listener_(key, v, had_old ? &old_values_[0].value : nullptr, timestamp);
        in_flush_ = false;
        RETURN_IF_ERROR(s);
    }
    return Status::Ok();
}

Status StoreCore::Flush() {
    if (in_flush_) {
        return Status::Internal(fmt::format("store {}: flush from its own flush listener", name_));
    }
    if (!caching_ || cache_.dirty_count() == 0) return Status::Ok();
    const auto& dirty = cache_.SortedDirty();  // the writer reads the cache without the lock
    const bool want_old = options_.send_old_values && listener_;
    if (want_old) {
        old_values_.resize(dirty.size());
        old_present_.assign(dirty.size(), 0);
        for (size_t i = 0; i < dirty.size(); ++i) {
            ASSIGN_OR_RETURN(bool found, raw_->Get(dirty[i]->first, &old_values_[i]));
            old_present_[i] = found ? 1 : 0;
        }
    }
    batch_->Clear();
    for (const auto* node : dirty) {
        if (node->second.present) {
            batch_->Put(node->first, node->second.timestamp, node->second.value);
        } else {
            batch_->Delete(node->first);
        }
    }
    RETURN_IF_ERROR(raw_->Write(*batch_));
    batch_->Clear();
    for (const auto* node : dirty) {
        RETURN_IF_ERROR(Log(node->first, node->second.present ? &node->second.value : nullptr,
                            node->second.timestamp));
    }
    if (listener_) {
        in_flush_ = true;
        for (size_t i = 0; i < dirty.size(); ++i) {
            const auto* node = dirty[i];
            const std::string* old = want_old && old_present_[i] ? &old_values_[i].value : nullptr;
            Status s = listener_(node->first, node->second.present ? &node->second.value : nullptr,
                                 old, node->second.timestamp);
            if (!s.ok()) {
                in_flush_ = false;
                return s;
            }
        }
        in_flush_ = false;
    }
    std::unique_lock lock(cache_mutex_);
    cache_.MarkClean();
    return Status::Ok();
}

Status StoreCore::Evict() {
    RETURN_IF_ERROR(Flush());
    int64_t released;
    {
        std::unique_lock lock(cache_mutex_);
        released = cache_.Clear();
    }
    budget_->used_bytes -= released;
    return Status::Ok();
}

Status StoreCore::DeleteRange(std::string_view lower, std::string_view upper) {
    if (lower >= upper) return Status::Ok();
    if (caching_ && cache_.HasDirtyIn(lower, upper)) RETURN_IF_ERROR(Flush());
    batch_->Clear();
    batch_->DeleteRange(lower, upper);
    RETURN_IF_ERROR(raw_->Write(*batch_));
    batch_->Clear();
    if (caching_) {
        int64_t released;
        {
            std::unique_lock lock(cache_mutex_);
            released = cache_.EraseRange(lower, upper);
        }
        budget_->used_bytes -= released;
    }
    return Status::Ok();
}

// ----------------------------------------------------------------- checkpoint, restore --

Status StoreCore::Checkpoint(int64_t offset) {
    if (caching_ && cache_.dirty_count() != 0) {
        return Status::Internal(fmt::format("store {}: checkpoint with unflushed writes", name_));
    }
    batch_->Clear();
    batch_->PutMeta(kMetaChangelogOffset, std::to_string(offset));
    batch_->PutMeta(kMetaObservedTime, std::to_string(observed_time()));
    batch_->PutMeta(kMetaLayout, codec_->LayoutTag());
    RETURN_IF_ERROR(raw_->Write(*batch_));
    batch_->Clear();
    checkpoint_offset_ = offset;
    stored_layout_ = codec_->LayoutTag();
    return Status::Ok();
}

Status StoreCore::ApplyChangelog(const kafka::RecordView* records, size_t count) {
    if (count == 0) return Status::Ok();
    batch_->Clear();
    int64_t observed = observed_time();
    for (size_t i = 0; i < count; ++i) {
        const kafka::RecordView& r = records[i];
        int64_t segment_time;
        const std::string_view ckey(r.key == nullptr ? "" : r.key, r.key_size);
        if (r.key == nullptr || !codec_->FromChangelogKey(ckey, &changelog_key_, &segment_time)) {
            ++malformed_restore_records_;
            continue;
        }
        if (segment_time > observed) observed = segment_time;
        if (r.value == nullptr) {
            batch_->Delete(changelog_key_);
        } else {
            batch_->Put(changelog_key_, r.timestamp, std::string_view(r.value, r.value_size));
        }
    }
    AdvanceObservedTime(observed);
    const int64_t next = records[count - 1].offset + 1;
    batch_->PutMeta(kMetaChangelogOffset, std::to_string(next));
    batch_->PutMeta(kMetaObservedTime, std::to_string(observed_time()));
    batch_->PutMeta(kMetaLayout, codec_->LayoutTag());
    RETURN_IF_ERROR(raw_->Write(*batch_));
    batch_->Clear();
    checkpoint_offset_ = next;
    stored_layout_ = codec_->LayoutTag();
    return Status::Ok();
}

void StoreCore::DropCache() {
    int64_t released;
    {
        std::unique_lock lock(cache_mutex_);
        released = cache_.Clear();
    }
    if (budget_ != nullptr) budget_->used_bytes -= released;
}

Status StoreCore::CloseRaw(bool durable) {
    if (!raw_) return Status::Ok();
    Status s;
    if (durable) s = raw_->FlushToDisk();
    batch_.reset();
    raw_->Close();
    return s;
}

}  // namespace runnel::state
