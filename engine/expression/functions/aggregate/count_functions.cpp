// COUNT and COUNT_DISTINCT.
//
// COUNT(*) / COUNT() counts rows, COUNT(col) the rows where col is not null; both undo (tables)
// and merge (session windows). COUNT_DISTINCT(col) estimates the number of distinct non-null
// values with a HyperLogLog sketch of 2^14 registers, as ksqlDB does (standard error under 1%;
// exact for small counts, where linear counting applies). It is not available on tables.
//
// The sketch lives in a string accumulator: empty before any value; sparse while few registers
// are set ('S' then 3-byte entries: register index big-endian, rank; sorted by index); dense
// once that would be larger ('D' then one byte per register).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/common/value_codec.h"
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

using aggregate::Bound;
using aggregate::NotAccepted;

class CountAggregator final : public Aggregator {
public:
    explicit CountAggregator(bool rows) : rows_(rows) {}

    Value Init() const override { return Value::Int(0); }
    void Add(const Args& args, Value& acc) const override {
        if (Counts(args)) acc.SetInt(aggregate::AddLong(acc.AsInt(), 1));
    }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override {
        if (Counts(args)) acc.SetInt(aggregate::SubLong(acc.AsInt(), 1));
    }
    void Merge(const Value& other, Value& acc) const override {
        acc.SetInt(aggregate::AddLong(acc.AsInt(), other.AsInt()));
    }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    bool Counts(const Args& args) const { return rows_ || (args.size() > 0 && !args[0].is_null()); }
    bool rows_;
};

// --- HyperLogLog --------------------------------------------------------------------------

constexpr int kLog2M = 14;
constexpr int kRegisters = 1 << kLog2M;
constexpr size_t kSparseEntry = 3;
// Past this many set registers the dense form is smaller.
constexpr size_t kMaxSparse = kRegisters / kSparseEntry;

// MurmurHash3's 32-bit variant over the value's codec bytes: stable across runs and releases.
uint32_t Hash32(std::string_view data) {
    const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    uint32_t h = 0x9747b28c;
    size_t n = data.size() / 4;
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    for (size_t i = 0; i < n; ++i) {
        uint32_t k;
        std::memcpy(&k, p + 4 * i, 4);
        k *= c1;
        k = (k << 15) | (k >> 17);
        k *= c2;
        h ^= k;
        h = (h << 13) | (h >> 19);
        h = h * 5 + 0xe6546b64;
    }
    uint32_t k = 0;
    const unsigned char* tail = p + 4 * n;
    switch (data.size() & 3) {
        case 3:
            k ^= uint32_t(tail[2]) << 16;
            [[fallthrough]];
        case 2:
            k ^= uint32_t(tail[1]) << 8;
            [[fallthrough]];
        case 1:
            k ^= tail[0];
            k *= c1;
            k = (k << 15) | (k >> 17);
            k *= c2;
            h ^= k;
    }
    h ^= static_cast<uint32_t>(data.size());
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return h;
}

// Register index and rank of a hash, as the sketch ksqlDB uses computes them: the top 14 bits
// pick the register; the rank is one more than the leading zeros of the remaining bits (with a
// guard bit, so at most 19).
void IndexAndRank(uint32_t x, int& index, uint8_t& rank) {
    index = static_cast<int>(x >> (32 - kLog2M));
    uint32_t w = (x << kLog2M) | ((1u << (kLog2M - 1)) + 1);
    rank = static_cast<uint8_t>(__builtin_clz(w) + 1);
}

bool IsDense(std::string_view s) { return s.size() == 1 + kRegisters && s[0] == 'D'; }

// Registers of a sketch in dense form (index -> rank).
std::string ToDense(std::string_view s) {
    std::string d(1 + kRegisters, '\0');
    d[0] = 'D';
    if (IsDense(s)) {
        std::memcpy(d.data() + 1, s.data() + 1, std::min<size_t>(s.size() - 1, kRegisters));
        return d;
    }
    for (size_t i = 1; i + kSparseEntry <= s.size(); i += kSparseEntry) {
        int idx = (static_cast<uint8_t>(s[i]) << 8) | static_cast<uint8_t>(s[i + 1]);
        if (idx < kRegisters) d[1 + idx] = std::max(d[1 + idx], s[i + 2]);
    }
    return d;
}

// Raises register `index` of the sketch in `acc` to at least `rank`.
void Offer(std::string& s, int index, uint8_t rank) {
    if (IsDense(s)) {
        auto& r = reinterpret_cast<uint8_t&>(s[1 + index]);
        r = std::max(r, rank);
        return;
    }
    if (s.empty()) s.push_back('S');
    // Binary search the sorted sparse entries.
    size_t lo = 0, hi = (s.size() - 1) / kSparseEntry;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        size_t at = 1 + mid * kSparseEntry;
        int idx = (static_cast<uint8_t>(s[at]) << 8) | static_cast<uint8_t>(s[at + 1]);
        if (idx < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t at = 1 + lo * kSparseEntry;
    if (at < s.size()) {
        int idx = (static_cast<uint8_t>(s[at]) << 8) | static_cast<uint8_t>(s[at + 1]);
        if (idx == index) {
            auto& r = reinterpret_cast<uint8_t&>(s[at + 2]);
            r = std::max(r, rank);
            return;
        }
    }
    char entry[kSparseEntry] = {static_cast<char>(index >> 8), static_cast<char>(index & 0xff),
                                static_cast<char>(rank)};
    s.insert(at, entry, kSparseEntry);
    if ((s.size() - 1) / kSparseEntry > kMaxSparse) s = ToDense(s);
}

int64_t JavaRound(double d) {
    if (std::isnan(d)) return 0;
    if (d >= 9.2233720368547758e18) return INT64_MAX;
    return static_cast<int64_t>(std::floor(d + 0.5));
}

int64_t Cardinality(std::string_view s) {
    const double m = kRegisters;
    double sum = 0;
    double zeros = 0;
    if (IsDense(s)) {
        for (int i = 0; i < kRegisters; ++i) {
            auto r = static_cast<uint8_t>(s[1 + i]);
            sum += std::ldexp(1.0, -r);
            if (r == 0) zeros += 1;
        }
    } else {
        size_t set = 0;
        for (size_t i = 1; i + kSparseEntry <= s.size(); i += kSparseEntry) {
            auto r = static_cast<uint8_t>(s[i + 2]);
            if (r == 0) continue;
            sum += std::ldexp(1.0, -r);
            ++set;
        }
        zeros = m - static_cast<double>(set);
        sum += zeros;
    }
    double alpha_mm = (0.7213 / (1 + 1.079 / m)) * m * m;
    double estimate = alpha_mm / sum;
    if (estimate <= 2.5 * m && zeros > 0) return JavaRound(m * std::log(m / zeros));
    return JavaRound(estimate);
}

class CountDistinctAggregator final : public Aggregator {
public:
    Value Init() const override { return Value::String(""); }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        thread_local std::string bytes;
        bytes.clear();
        AppendValue(args[0], bytes);
        int index;
        uint8_t rank;
        IndexAndRank(Hash32(bytes), index, rank);
        if (acc.tag() != Value::Tag::kString) acc.SetString("");
        Offer(acc.MutableString(), index, rank);
    }
    void Merge(const Value& other, Value& acc) const override {
        if (other.tag() != Value::Tag::kString || other.AsString().empty()) return;
        if (acc.tag() != Value::Tag::kString) acc.SetString("");
        std::string_view o = other.AsString();
        std::string& s = acc.MutableString();
        if (IsDense(o)) {
            std::string d = ToDense(s);
            for (int i = 0; i < kRegisters; ++i) d[1 + i] = std::max(d[1 + i], o[1 + i]);
            s = std::move(d);
            return;
        }
        for (size_t i = 1; i + kSparseEntry <= o.size(); i += kSparseEntry) {
            int idx = (static_cast<uint8_t>(o[i]) << 8) | static_cast<uint8_t>(o[i + 1]);
            if (idx < kRegisters) Offer(s, idx, static_cast<uint8_t>(o[i + 2]));
        }
    }
    void Result(const Value& acc, Value& out) const override {
        out.SetInt(acc.tag() == Value::Tag::kString ? Cardinality(acc.AsString()) : 0);
    }
};

Result<BoundAggregate> BindCount(const AggregateCall& call) {
    if (call.arg_types.empty()) {
        return Bound(std::make_shared<CountAggregator>(true), SqlType::Bigint(), {},
                     SqlType::Bigint());
    }
    if (call.arg_types.size() != 1) return NotAccepted("COUNT", call);
    return Bound(std::make_shared<CountAggregator>(false), SqlType::Bigint(), {call.arg_types[0]},
                 SqlType::Bigint());
}

Result<BoundAggregate> BindCountDistinct(const AggregateCall& call) {
    if (call.arg_types.size() != 1) return NotAccepted("COUNT_DISTINCT", call);
    return Bound(std::make_shared<CountDistinctAggregator>(), SqlType::Bigint(),
                 {call.arg_types[0]}, SqlType::Array(SqlType::Int()));
}

}  // namespace

void RegisterCountFunctions(AggregateRegistry& registry) {
    registry.Add({"COUNT",
                  "Counts records by key. COUNT(*) counts every row; COUNT(col) the rows where "
                  "col is not null.",
                  {{"", "BIGINT"}, {"T", "BIGINT"}},
                  BindCount});
    registry.Add({"COUNT_DISTINCT",
                  "Estimates the number of distinct non-null values in a group with a "
                  "HyperLogLog sketch (standard error below 1%).",
                  {{"T", "BIGINT"}},
                  BindCountDistinct});
}

}  // namespace runnel::expression
