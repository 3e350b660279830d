#include "engine/serde/field_matcher.h"

#include <cstring>

namespace runnel::serde {

namespace {

constexpr size_t kMaxUnknownKeys = 8;

inline char Upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - ('a' - 'A')) : c; }

// Short-string equality without a library call for the usual short keys.
inline bool BytesEqual(const char* a, const char* b, size_t n) {
    while (n >= 8) {
        uint64_t x, y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y) return false;
        a += 8;
        b += 8;
        n -= 8;
    }
    while (n > 0) {
        if (*a++ != *b++) return false;
        --n;
    }
    return true;
}

inline bool Same(std::string_view a, std::string_view b) {
    return a.size() == b.size() && BytesEqual(a.data(), b.data(), a.size());
}

// `folded` is already upper-case.
inline bool EqualsFolded(std::string_view key, std::string_view folded) {
    if (key.size() != folded.size()) return false;
    for (size_t i = 0; i < key.size(); ++i) {
        if (Upper(key[i]) != folded[i]) return false;
    }
    return true;
}

}  // namespace

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (Upper(a[i]) != Upper(b[i])) return false;
    }
    return true;
}

FieldMatcher::FieldMatcher(std::vector<std::string> names) : names_(std::move(names)) {
    folded_.reserve(names_.size());
    spellings_.reserve(names_.size());
    for (const std::string& n : names_) {
        std::string f = n;
        for (char& c : f) c = Upper(c);
        folded_.push_back(std::move(f));
        spellings_.push_back({});
        Remember(spellings_.size() - 1, n, true);
    }
    for (size_t i = 0; i < folded_.size() && !ambiguous_; ++i) {
        for (size_t j = i + 1; j < folded_.size(); ++j) {
            if (folded_[i] == folded_[j]) {
                ambiguous_ = true;
                break;
            }
        }
    }
}

void FieldMatcher::Remember(size_t field, std::string_view key, bool exact) {
    Spelling& s = spellings_[field];
    s.text.assign(key.data(), key.size());
    s.exact = exact;
    s.raw_ok = key.find_first_of("\"\\") == std::string_view::npos;
}

bool FieldMatcher::FindExpectedRaw(const char* raw, size_t avail, Match* match) {
    if (names_.empty()) return false;
    const Spelling& s = spellings_[next_];
    size_t n = s.text.size();
    if (!s.raw_ok || n >= avail || raw[n] != '"' || !BytesEqual(raw, s.text.data(), n)) {
        return false;
    }
    // A remembered case-insensitive spelling may exactly name another field when two names
    // differ only in case; leave that to Find.
    if (!s.exact && ambiguous_) return false;
    *match = Advance(next_, s.exact);
    return true;
}

FieldMatcher::Match FieldMatcher::Find(std::string_view key) {
    size_t n = names_.size();
    if (n == 0) return {};
    const Spelling& s = spellings_[next_];
    if (Same(key, s.text) && (s.exact || !ambiguous_)) return Advance(next_, s.exact);
    for (const std::string& u : unknown_) {
        if (Same(key, u)) return {};
    }
    Match m = Scan(key);
    if (m.index < 0) {
        if (unknown_.size() < kMaxUnknownKeys) unknown_.emplace_back(key);
        return m;
    }
    Remember(size_t(m.index), key, m.exact);
    return Advance(size_t(m.index), m.exact);
}

FieldMatcher::Match FieldMatcher::Scan(std::string_view key) {
    size_t n = names_.size();
    for (size_t j = 0; j < n; ++j) {
        if (Same(key, names_[j])) return {int(j), true};
    }
    for (size_t j = 0; j < n; ++j) {
        if (EqualsFolded(key, folded_[j])) return {int(j), false};
    }
    return {};
}

}  // namespace runnel::serde
