// WriteBackCache: bookkeeping of dirty entries, bytes, and the optional ordered index.

#include "engine/state/write_back_cache.h"

#include <algorithm>

namespace runnel::state {

int64_t WriteBackCache::Write(std::string_view key, std::string_view value, int64_t timestamp,
                              bool present) {
    auto it = map_.find(key);
    int64_t delta = 0;
    if (it == map_.end()) {
        it = map_.emplace(std::string(key), Entry{}).first;
        if (ordered_) index_.insert(std::string_view(it->first));
        delta += kEntryOverhead + static_cast<int64_t>(key.size());
    }
    Entry& e = it->second;
    delta -= static_cast<int64_t>(e.value.size());
    if (present) {
        e.value.assign(value.data(), value.size());
    } else {
        e.value.clear();
    }
    delta += static_cast<int64_t>(e.value.size());
    if (e.dirty && e.present) --dirty_present_;
    e.timestamp = timestamp;
    e.present = present;
    if (present) ++dirty_present_;
    if (!e.dirty) {
        e.dirty = true;
        if (!dirty_.empty() && dirty_sorted_ && it->first < dirty_.back()->first) {
            dirty_sorted_ = false;
        }
        dirty_.push_back(&*it);
    }
    bytes_ += delta;
    return delta;
}

const std::vector<WriteBackCache::Node*>& WriteBackCache::SortedDirty() {
    if (!dirty_sorted_) {
        std::sort(dirty_.begin(), dirty_.end(),
                  [](Node* a, Node* b) { return a->first < b->first; });
        dirty_sorted_ = true;
    }
    return dirty_;
}

void WriteBackCache::MarkClean() {
    for (Node* n : dirty_) n->second.dirty = false;
    dirty_.clear();
    dirty_sorted_ = true;
    dirty_present_ = 0;
}

int64_t WriteBackCache::Clear() {
    const int64_t released = bytes_;
    map_.clear();
    index_.clear();
    dirty_.clear();
    dirty_sorted_ = true;
    dirty_present_ = 0;
    bytes_ = 0;
    return released;
}

int64_t WriteBackCache::EraseRange(std::string_view lower, std::string_view upper) {
    if (lower >= upper || map_.empty()) return 0;
    auto in = [&](std::string_view k) { return k >= lower && k < upper; };
    dirty_.erase(std::remove_if(dirty_.begin(), dirty_.end(),
                                [&](Node* n) {
                                    if (!in(n->first)) return false;
                                    if (n->second.present) --dirty_present_;
                                    return true;
                                }),
                 dirty_.end());
    int64_t released = 0;
    if (ordered_) {
        auto it = index_.lower_bound(lower);
        while (it != index_.end() && *it < upper) {
            auto node = map_.find(*it);
            released += Cost(node->first, node->second);
            it = index_.erase(it);
            map_.erase(node);
        }
    } else {
        for (auto it = map_.begin(); it != map_.end();) {
            if (in(it->first)) {
                released += Cost(it->first, it->second);
                it = map_.erase(it);
            } else {
                ++it;
            }
        }
    }
    bytes_ -= released;
    return released;
}

bool WriteBackCache::HasDirtyIn(std::string_view lower, std::string_view upper) const {
    for (Node* n : dirty_) {
        if (n->first >= lower && n->first < upper) return true;
    }
    return false;
}

bool WriteBackCache::InRanges(std::string_view key, const std::vector<ByteRange>& ranges) {
    // First range whose lower bound is > key; the candidate is the one before it.
    auto it = std::upper_bound(ranges.begin(), ranges.end(), key,
                               [](std::string_view k, const ByteRange& r) { return k < r.lower; });
    if (it == ranges.begin()) return false;
    --it;
    return !it->has_upper || key < std::string_view(it->upper);
}

void WriteBackCache::Collect(const std::vector<ByteRange>& ranges,
                             std::vector<Snapshot>* out) const {
    out->clear();
    if (map_.empty() || ranges.empty()) return;
    if (ordered_) {
        for (const ByteRange& r : ranges) {
            for (auto it = index_.lower_bound(std::string_view(r.lower)); it != index_.end();
                 ++it) {
                if (r.has_upper && *it >= std::string_view(r.upper)) break;
                const Entry& e = map_.find(*it)->second;
                out->push_back({std::string(*it), e.value, e.timestamp, e.present});
            }
        }
        return;
    }
    for (const auto& [key, e] : map_) {
        if (InRanges(key, ranges)) out->push_back({key, e.value, e.timestamp, e.present});
    }
    std::sort(out->begin(), out->end(),
              [](const Snapshot& a, const Snapshot& b) { return a.key < b.key; });
}

}  // namespace runnel::state
