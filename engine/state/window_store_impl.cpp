// WindowStoreImpl: key layouts to ranges, retention, listener decoding.

#include "engine/state/window_store_impl.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "engine/state/byte_codec.h"
#include "engine/state/windowed_store_iterator.h"

namespace runnel::state {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
// Above this many segments a key's fetch scans one range and filters instead of seeking per
// segment (only with enormous retentions).
constexpr int64_t kMaxSeeks = 64;

WindowStoreOptions Normalize(WindowStoreOptions o) {
    if (o.segment_interval_ms <= 0) o.segment_interval_ms = DefaultSegmentInterval(o.retention_ms);
    return o;
}

}  // namespace

int64_t DefaultSegmentInterval(int64_t retention_ms) {
    return std::max<int64_t>(retention_ms / 2, 60000);
}

Status WindowStoreImpl::Validate(const WindowStoreOptions& o) {
    if (o.retention_ms <= 0) return Status::Invalid("window store retention must be > 0");
    if (o.window_size_ms < 0 || o.segment_interval_ms < 0) {
        return Status::Invalid("window store size and segment interval must be >= 0");
    }
    return Status::Ok();
}

WindowStoreImpl::WindowStoreImpl(std::string name, const WindowStoreOptions& options,
                                 CacheBudget* budget)
    : options_(Normalize(options)),
      codec_(new WindowKeyCodec(options_.layout, options_.segment_interval_ms,
                                options_.window_size_ms)),
      core_(std::move(name), std::unique_ptr<StoreCodec>(codec_), options_, budget),
      dropped_before_segment_(kMin) {}

int64_t WindowStoreImpl::MinLive() const {
    return MinLiveTime(core_.observed_time(), options_.retention_ms);
}

std::unique_ptr<WindowedIterator> WindowStoreImpl::Empty() {
    return std::make_unique<WindowedStoreIterator>(core_.NewIterator({}), *codec_,
                                                   WindowedFilter{});
}

Result<bool> WindowStoreImpl::Get(std::string_view key, int64_t window_start,
                                  ValueAndTimestamp* out) {
    if (window_start < MinLive()) return false;
    thread_local std::string encoded;
    codec_->Encode(key, window_start, &encoded);
    return core_.Get(encoded, out);
}

std::unique_ptr<WindowedIterator> WindowStoreImpl::Fetch(std::string_view key, int64_t time_from,
                                                         int64_t time_to) {
    const int64_t observed = core_.observed_time();
    const int64_t lo = std::max(time_from, MinLive());
    const int64_t hi = std::min(time_to, observed);
    if (observed == kMin || lo > hi) return Empty();
    WindowedFilter filter;
    filter.start_min = lo;
    filter.start_max = hi;
    filter.key = std::string(key);
    std::vector<ByteRange> ranges;
    if (codec_->layout() == WindowLayout::kTimeFirst) {
        ByteRange r;
        AppendOrderedInt64(r.lower, lo);
        if (hi < kMax) {
            AppendOrderedInt64(r.upper, hi + 1);
        } else {
            r.has_upper = false;
        }
        ranges.push_back(std::move(r));
    } else {
        const int64_t first = codec_->Segment(lo);
        const int64_t last = codec_->Segment(hi);
        if (last - first >= kMaxSeeks) {
            ranges.push_back({codec_->SegmentLower(first), codec_->SegmentLower(last + 1), true});
        } else {
            for (int64_t seg = first; seg <= last; ++seg) {
                ByteRange r;
                codec_->KeyPrefix(seg, key, &r.lower);
                r.upper = r.lower;
                AppendOrderedInt64(r.lower, lo);
                AppendOrderedInt64(r.upper, hi);
                r.upper.push_back('\0');  // just past the key of window `hi`
                ranges.push_back(std::move(r));
            }
        }
    }
    return std::make_unique<WindowedStoreIterator>(core_.NewIterator(std::move(ranges)), *codec_,
                                                   std::move(filter));
}

std::unique_ptr<WindowedIterator> WindowStoreImpl::Fetch(std::string_view key) {
    return Fetch(key, kMin, kMax);
}

std::unique_ptr<WindowedIterator> WindowStoreImpl::FetchAll(int64_t time_from, int64_t time_to) {
    const int64_t observed = core_.observed_time();
    const int64_t lo = std::max(time_from, MinLive());
    const int64_t hi = std::min(time_to, observed);
    if (observed == kMin || lo > hi) return Empty();
    WindowedFilter filter;
    filter.start_min = lo;
    filter.start_max = hi;
    ByteRange r;
    if (codec_->layout() == WindowLayout::kTimeFirst) {
        AppendOrderedInt64(r.lower, lo);
        if (hi < kMax) {
            AppendOrderedInt64(r.upper, hi + 1);
        } else {
            r.has_upper = false;
        }
    } else {
        r.lower = codec_->SegmentLower(codec_->Segment(lo));
        r.upper = codec_->SegmentLower(codec_->Segment(hi) + 1);
    }
    std::vector<ByteRange> ranges;
    ranges.push_back(std::move(r));
    return std::make_unique<WindowedStoreIterator>(core_.NewIterator(std::move(ranges)), *codec_,
                                                   std::move(filter));
}

std::unique_ptr<WindowedIterator> WindowStoreImpl::All() { return FetchAll(kMin, kMax); }

Status WindowStoreImpl::Write(std::string_view key, int64_t start, const std::string_view* value,
                              int64_t timestamp) {
    core_.AdvanceObservedTime(start);
    if (start < MinLive()) {
        expired_writes_.fetch_add(1, std::memory_order_relaxed);
        return Status::Ok();
    }
    codec_->Encode(key, start, &scratch_);
    if (value != nullptr) {
        RETURN_IF_ERROR(core_.Put(scratch_, *value, timestamp));
    } else {
        RETURN_IF_ERROR(core_.Delete(scratch_, timestamp));
    }
    return ExpireSegments();
}

Status WindowStoreImpl::Put(std::string_view key, int64_t window_start, std::string_view value,
                            int64_t timestamp) {
    return Write(key, window_start, &value, timestamp);
}

Status WindowStoreImpl::Delete(std::string_view key, int64_t window_start, int64_t timestamp) {
    return Write(key, window_start, nullptr, timestamp);
}

Status WindowStoreImpl::ExpireSegments() {
    const int64_t min_live = MinLive();
    if (min_live == kMin) return Status::Ok();
    const int64_t segment = codec_->Segment(min_live);
    if (segment <= dropped_before_segment_) return Status::Ok();
    RETURN_IF_ERROR(core_.DeleteRange("", codec_->SegmentLower(segment)));
    dropped_before_segment_ = segment;
    return Status::Ok();
}

void WindowStoreImpl::SetFlushListener(WindowFlushListener listener) {
    if (!listener) {
        core_.SetListener(nullptr);
        return;
    }
    core_.SetListener([this, l = std::move(listener)](std::string_view store_key,
                                                      const std::string* value,
                                                      const std::string* old_value, int64_t ts) {
        WindowChange c;
        if (!codec_->Decode(store_key, &c.key, &c.window_start, &c.window_end)) {
            return Status::Internal(fmt::format("window store {}: undecodable key", name()));
        }
        c.value = value;
        c.old_value = old_value;
        c.timestamp = ts;
        return l(c);
    });
}

}  // namespace runnel::state
