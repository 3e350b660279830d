// SessionStoreImpl: session lookups as per-segment key ranges, retention, listener decoding.

#include "engine/state/session_store_impl.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "engine/state/byte_codec.h"
#include "engine/state/window_store_impl.h"
#include "engine/state/windowed_store_iterator.h"

namespace runnel::state {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxSeeks = 64;

SessionStoreOptions Normalize(SessionStoreOptions o) {
    if (o.segment_interval_ms <= 0) o.segment_interval_ms = DefaultSegmentInterval(o.retention_ms);
    return o;
}

}  // namespace

Status SessionStoreImpl::Validate(const SessionStoreOptions& o) {
    if (o.retention_ms <= 0) return Status::Invalid("session store retention must be > 0");
    if (o.segment_interval_ms < 0) return Status::Invalid("segment interval must be >= 0");
    return Status::Ok();
}

SessionStoreImpl::SessionStoreImpl(std::string name, const SessionStoreOptions& options,
                                   CacheBudget* budget)
    : options_(Normalize(options)),
      codec_(new SessionKeyCodec(options_.segment_interval_ms)),
      core_(std::move(name), std::unique_ptr<StoreCodec>(codec_), options_, budget),
      dropped_before_segment_(kMin) {}

int64_t SessionStoreImpl::MinLive() const {
    return MinLiveTime(core_.observed_time(), options_.retention_ms);
}

std::unique_ptr<WindowedIterator> SessionStoreImpl::Empty() {
    return std::make_unique<WindowedStoreIterator>(core_.NewIterator({}), *codec_,
                                                   WindowedFilter{});
}

std::unique_ptr<WindowedIterator> SessionStoreImpl::FindSessions(std::string_view key,
                                                                 int64_t earliest_end,
                                                                 int64_t latest_start) {
    const int64_t observed = core_.observed_time();
    const int64_t lo = std::max(earliest_end, MinLive());
    if (observed == kMin || lo > observed) return Empty();
    WindowedFilter filter;
    filter.end_min = lo;
    filter.start_max = latest_start;
    filter.key = std::string(key);
    const int64_t first = codec_->Segment(lo);
    const int64_t last = codec_->Segment(observed);
    std::vector<ByteRange> ranges;
    if (last - first >= kMaxSeeks) {
        ranges.push_back({codec_->SegmentLower(first), codec_->SegmentLower(last + 1), true});
    } else {
        for (int64_t seg = first; seg <= last; ++seg) {
            ByteRange r;
            codec_->KeyPrefix(seg, key, &r.lower);
            r.upper = PrefixSuccessor(r.lower);
            AppendOrderedInt64(r.lower, lo);
            ranges.push_back(std::move(r));
        }
    }
    return std::make_unique<WindowedStoreIterator>(core_.NewIterator(std::move(ranges)), *codec_,
                                                   std::move(filter));
}

Result<bool> SessionStoreImpl::Get(std::string_view key, int64_t start, int64_t end,
                                   ValueAndTimestamp* out) {
    if (end < MinLive()) return false;
    thread_local std::string encoded;
    codec_->Encode(key, start, end, &encoded);
    return core_.Get(encoded, out);
}

std::unique_ptr<WindowedIterator> SessionStoreImpl::Fetch(std::string_view key) {
    return FindSessions(key, kMin, kMax);
}

std::unique_ptr<WindowedIterator> SessionStoreImpl::FetchAllByEnd(int64_t earliest_end,
                                                                  int64_t latest_end) {
    const int64_t observed = core_.observed_time();
    const int64_t lo = std::max(earliest_end, MinLive());
    const int64_t hi = std::min(latest_end, observed);
    if (observed == kMin || lo > hi) return Empty();
    WindowedFilter filter;
    filter.end_min = lo;
    filter.end_max = hi;
    std::vector<ByteRange> ranges;
    ranges.push_back({codec_->SegmentLower(codec_->Segment(lo)),
                      codec_->SegmentLower(codec_->Segment(hi) + 1), true});
    return std::make_unique<WindowedStoreIterator>(core_.NewIterator(std::move(ranges)), *codec_,
                                                   std::move(filter));
}

std::unique_ptr<WindowedIterator> SessionStoreImpl::All() { return FetchAllByEnd(kMin, kMax); }

Status SessionStoreImpl::Write(std::string_view key, int64_t start, int64_t end,
                               const std::string_view* value, int64_t timestamp) {
    if (start > end) {
        return Status::Invalid(
            fmt::format("session store {}: session start {} after end {}", name(), start, end));
    }
    core_.AdvanceObservedTime(end);
    if (end < MinLive()) {
        expired_writes_.fetch_add(1, std::memory_order_relaxed);
        return Status::Ok();
    }
    codec_->Encode(key, start, end, &scratch_);
    if (value != nullptr) {
        RETURN_IF_ERROR(core_.Put(scratch_, *value, timestamp));
    } else {
        RETURN_IF_ERROR(core_.Delete(scratch_, timestamp));
    }
    return ExpireSegments();
}

Status SessionStoreImpl::Put(std::string_view key, int64_t start, int64_t end,
                             std::string_view value, int64_t timestamp) {
    return Write(key, start, end, &value, timestamp);
}

Status SessionStoreImpl::Remove(std::string_view key, int64_t start, int64_t end,
                                int64_t timestamp) {
    return Write(key, start, end, nullptr, timestamp);
}

Status SessionStoreImpl::ExpireSegments() {
    const int64_t min_live = MinLive();
    if (min_live == kMin) return Status::Ok();
    const int64_t segment = codec_->Segment(min_live);
    if (segment <= dropped_before_segment_) return Status::Ok();
    RETURN_IF_ERROR(core_.DeleteRange("", codec_->SegmentLower(segment)));
    dropped_before_segment_ = segment;
    return Status::Ok();
}

void SessionStoreImpl::SetFlushListener(SessionFlushListener listener) {
    if (!listener) {
        core_.SetListener(nullptr);
        return;
    }
    core_.SetListener([this, l = std::move(listener)](std::string_view store_key,
                                                      const std::string* value,
                                                      const std::string* old_value, int64_t ts) {
        SessionChange c;
        if (!codec_->Decode(store_key, &c.key, &c.session_start, &c.session_end)) {
            return Status::Internal(fmt::format("session store {}: undecodable key", name()));
        }
        c.value = value;
        c.old_value = old_value;
        c.timestamp = ts;
        return l(c);
    });
}

}  // namespace runnel::state
