// BufferWriter: an append-only byte buffer written through a raw pointer. It keeps its memory
// across records and never zero-fills it, so writing a record costs one final copy into the
// caller's string instead of one library call per token. Not thread-safe.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace runnel::serde {

class BufferWriter {
public:
    BufferWriter() = default;
    BufferWriter(const BufferWriter&) = delete;
    BufferWriter& operator=(const BufferWriter&) = delete;

    void Clear() { pos_ = 0; }
    size_t size() const { return pos_; }
    std::string_view view() const { return {buf_.get(), pos_}; }

    // Room for at least n more bytes; write them at the returned pointer, then Commit.
    char* Reserve(size_t n) {
        if (pos_ + n > capacity_) Grow(n);
        return buf_.get() + pos_;
    }
    void Commit(size_t n) { pos_ += n; }

    void Put(char c) {
        Reserve(1)[0] = c;
        ++pos_;
    }
    void Write(const char* p, size_t n) {
        std::memcpy(Reserve(n), p, n);
        pos_ += n;
    }
    void Write(std::string_view s) { Write(s.data(), s.size()); }

private:
    void Grow(size_t n) {
        size_t capacity = std::max(capacity_ * 2, pos_ + n + 256);
        std::unique_ptr<char[]> bigger(new char[capacity]);
        if (pos_ > 0) std::memcpy(bigger.get(), buf_.get(), pos_);
        buf_ = std::move(bigger);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> buf_;
    size_t capacity_ = 0;
    size_t pos_ = 0;
};

}  // namespace runnel::serde
