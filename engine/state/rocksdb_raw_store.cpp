// RocksDbRawStore: RocksDB calls, error mapping, and the multi-range snapshot iterator.

#include "engine/state/rocksdb_raw_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <system_error>

#include "engine/common/log.h"
#include "engine/state/byte_codec.h"

namespace runnel::state {

constexpr std::string_view kLogComponent = "state";
constexpr const char* kMetaFamily = "meta";

struct RocksDbRawStore::Db {
    rocksdb::DB* db = nullptr;
    rocksdb::ColumnFamilyHandle* data = nullptr;
    rocksdb::ColumnFamilyHandle* meta = nullptr;
    std::string path;

    ~Db() {
        if (db == nullptr) return;
        // Handles first, then the database (iterators are gone: they hold this object).
        if (data != nullptr) db->DestroyColumnFamilyHandle(data);
        if (meta != nullptr) db->DestroyColumnFamilyHandle(meta);
        rocksdb::Status s = db->Close();
        if (!s.ok()) RLOG_WARN(kLogComponent, "closing {}: {}", path, s.ToString());
        delete db;
    }
};

namespace {

Status FromRocks(const rocksdb::Status& s, std::string_view what, const std::string& path) {
    return Status::IoError(fmt::format("rocksdb {} {}: {}", what, path, s.ToString()));
}

rocksdb::Slice ToSlice(std::string_view v) { return rocksdb::Slice(v.data(), v.size()); }

class RocksBatch final : public RawWriteBatch {
public:
    RocksBatch(rocksdb::ColumnFamilyHandle* data, rocksdb::ColumnFamilyHandle* meta)
        : data_(data), meta_(meta) {}

    void Put(std::string_view key, int64_t timestamp, std::string_view value) override {
        char ts[8];
        uint64_t t = static_cast<uint64_t>(timestamp);
        for (int i = 0; i < 8; ++i) {
            ts[i] = static_cast<char>(t & 0xff);
            t >>= 8;
        }
        rocksdb::Slice k = ToSlice(key);
        rocksdb::Slice parts[2] = {rocksdb::Slice(ts, 8), ToSlice(value)};
        batch_.Put(data_, rocksdb::SliceParts(&k, 1), rocksdb::SliceParts(parts, 2));
        ++count_;
    }
    void Delete(std::string_view key) override {
        batch_.Delete(data_, ToSlice(key));
        ++count_;
    }
    void DeleteRange(std::string_view lower, std::string_view upper) override {
        if (lower >= upper) return;
        batch_.DeleteRange(data_, ToSlice(lower), ToSlice(upper));
        ++count_;
    }
    void PutMeta(std::string_view key, std::string_view value) override {
        batch_.Put(meta_, ToSlice(key), ToSlice(value));
        ++count_;
    }
    size_t count() const override { return count_; }
    void Clear() override {
        batch_.Clear();
        count_ = 0;
    }

    rocksdb::WriteBatch batch_;

private:
    rocksdb::ColumnFamilyHandle* data_;
    rocksdb::ColumnFamilyHandle* meta_;
    size_t count_ = 0;
};

// Iterates the ranges one after the other, each with its own rocksdb::Iterator bounded by the
// range's upper key, all reading the same snapshot.
class RocksIterator final : public RawIterator {
public:
    RocksIterator(std::shared_ptr<RocksDbRawStore::Db> db, std::vector<ByteRange> ranges)
        : db_(std::move(db)), ranges_(std::move(ranges)) {
        snapshot_ = db_->db->GetSnapshot();
        OpenRange();
    }

    ~RocksIterator() override {
        iter_.reset();
        db_->db->ReleaseSnapshot(snapshot_);
    }

    bool Valid() const override { return iter_ != nullptr && iter_->Valid(); }
    void Next() override {
        iter_->Next();
        Settle();
    }
    std::string_view key() const override {
        rocksdb::Slice k = iter_->key();
        return {k.data(), k.size()};
    }
    std::string_view value() const override {
        rocksdb::Slice v = iter_->value();
        return {v.data() + 8, v.size() - 8};
    }
    int64_t timestamp() const override {
        return static_cast<int64_t>(DecodeLittleEndian64(iter_->value().data()));
    }
    Status status() const override { return status_; }

private:
    void OpenRange() {
        iter_.reset();
        while (range_ < ranges_.size()) {
            const ByteRange& r = ranges_[range_];
            rocksdb::ReadOptions ro;
            ro.snapshot = snapshot_;
            if (r.has_upper) {
                upper_ = ToSlice(r.upper);
                ro.iterate_upper_bound = &upper_;
            }
            iter_.reset(db_->db->NewIterator(ro, db_->data));
            iter_->Seek(ToSlice(r.lower));
            if (iter_->Valid()) return;
            if (!iter_->status().ok()) {
                Fail();
                return;
            }
            ++range_;
        }
        iter_.reset();
    }

    void Settle() {
        if (iter_->Valid()) return;
        if (!iter_->status().ok()) {
            Fail();
            return;
        }
        ++range_;
        OpenRange();
    }

    void Fail() {
        status_ = FromRocks(iter_->status(), "iterate", db_->path);
        iter_.reset();
        range_ = ranges_.size();
    }

    std::shared_ptr<RocksDbRawStore::Db> db_;
    std::vector<ByteRange> ranges_;
    size_t range_ = 0;
    const rocksdb::Snapshot* snapshot_ = nullptr;
    rocksdb::Slice upper_;
    std::unique_ptr<rocksdb::Iterator> iter_;
    Status status_;
};

class ClosedIterator final : public RawIterator {
public:
    explicit ClosedIterator(const std::string& path)
        : status_(Status::Internal("rocksdb store " + path + " is closed")) {}
    bool Valid() const override { return false; }
    void Next() override {}
    std::string_view key() const override { return {}; }
    std::string_view value() const override { return {}; }
    int64_t timestamp() const override { return 0; }
    Status status() const override { return status_; }

private:
    Status status_;
};

}  // namespace

Result<std::unique_ptr<RocksDbRawStore>> RocksDbRawStore::Open(const std::string& path,
                                                               const RocksDbResources& resources) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) return Status::IoError(fmt::format("creating {}: {}", path, ec.message()));

    const rocksdb::ColumnFamilyOptions cf = resources.cf_options();
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, cf}, {kMetaFamily, cf}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(resources.db_options(), path, families, &handles, &raw);
    if (!s.ok()) return FromRocks(s, "open", path);
    auto db = std::make_shared<Db>();
    db->db = raw;
    db->data = handles[0];
    db->meta = handles[1];
    db->path = path;
    return std::unique_ptr<RocksDbRawStore>(
        new RocksDbRawStore(path, std::move(db), resources.config().disable_wal));
}

RocksDbRawStore::RocksDbRawStore(std::string path, std::shared_ptr<Db> db, bool disable_wal)
    : path_(std::move(path)), db_(std::move(db)), disable_wal_(disable_wal) {}

RocksDbRawStore::~RocksDbRawStore() { Close(); }

Result<bool> RocksDbRawStore::Get(std::string_view key, ValueAndTimestamp* out) {
    if (!db_) return Status::Internal("rocksdb store " + path_ + " is closed");
    rocksdb::PinnableSlice v;
    rocksdb::Status s = db_->db->Get(rocksdb::ReadOptions(), db_->data, ToSlice(key), &v);
    if (s.IsNotFound()) return false;
    if (!s.ok()) return FromRocks(s, "get", path_);
    if (v.size() < 8) return Status::Internal("corrupt value in " + path_);
    out->timestamp = static_cast<int64_t>(DecodeLittleEndian64(v.data()));
    out->value.assign(v.data() + 8, v.size() - 8);
    return true;
}

std::unique_ptr<RawIterator> RocksDbRawStore::NewIterator(std::vector<ByteRange> ranges) {
    if (!db_) return std::make_unique<ClosedIterator>(path_);
    return std::make_unique<RocksIterator>(db_, std::move(ranges));
}

Result<std::optional<std::string>> RocksDbRawStore::GetMeta(std::string_view key) {
    if (!db_) return Status::Internal("rocksdb store " + path_ + " is closed");
    std::string v;
    rocksdb::Status s = db_->db->Get(rocksdb::ReadOptions(), db_->meta, ToSlice(key), &v);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, "get meta", path_);
    return std::optional<std::string>(std::move(v));
}

uint64_t RocksDbRawStore::ApproximateCount() {
    if (!db_) return 0;
    uint64_t n = 0;
    if (!db_->db->GetIntProperty(db_->data, "rocksdb.estimate-num-keys", &n)) return 0;
    return n;
}

std::unique_ptr<RawWriteBatch> RocksDbRawStore::NewBatch() {
    return std::make_unique<RocksBatch>(db_->data, db_->meta);
}

Status RocksDbRawStore::Write(RawWriteBatch& batch) {
    if (!db_) return Status::Internal("rocksdb store " + path_ + " is closed");
    if (batch.count() == 0) return Status::Ok();
    rocksdb::WriteOptions wo;
    wo.disableWAL = disable_wal_;
    rocksdb::Status s = db_->db->Write(wo, &static_cast<RocksBatch&>(batch).batch_);
    if (!s.ok()) return FromRocks(s, "write", path_);
    return Status::Ok();
}

Status RocksDbRawStore::FlushToDisk() {
    if (!db_) return Status::Ok();
    rocksdb::FlushOptions fo;
    fo.wait = true;
    rocksdb::Status s = db_->db->Flush(fo, {db_->data, db_->meta});
    if (!s.ok()) return FromRocks(s, "flush", path_);
    return Status::Ok();
}

void RocksDbRawStore::Close() { db_.reset(); }

}  // namespace runnel::state
