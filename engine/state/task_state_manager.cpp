// TaskStateManager: store directories, clean-shutdown markers, changelog topics, restore,
// checkpoint and close.

#include "engine/state/task_state_manager.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <system_error>

#include "engine/common/log.h"
#include "engine/state/changelog.h"
#include "engine/state/key_value_store_impl.h"
#include "engine/state/memory_raw_store.h"
#include "engine/state/rocksdb_raw_store.h"
#include "engine/state/session_store_impl.h"
#include "engine/state/store_core.h"
#include "engine/state/window_store_impl.h"

namespace runnel::state {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLogComponent = "state";
// Written into a store's directory by a clean Close, removed when the store is opened.
constexpr const char* kCleanMarker = "RUNNEL_CLEAN_SHUTDOWN";

Status ValidatePathPart(std::string_view what, std::string_view v) {
    Status s = ValidateStoreName(v);
    if (!s.ok()) return Status::Invalid(fmt::format("{} '{}': {}", what, v, s.message()));
    return Status::Ok();
}

}  // namespace

struct TaskStateManager::Entry {
    std::unique_ptr<StateStore> store;
    StoreCore* core = nullptr;
    bool logged = false;
    std::string dir;  // empty for in-memory stores
};

TaskStateManager::TaskStateManager(TaskStateParams params)
    : params_(std::move(params)), budget_(std::make_unique<CacheBudget>()) {
    budget_->max_bytes = std::max<int64_t>(params_.config.cache_max_bytes, 0);
}

TaskStateManager::~TaskStateManager() {
    if (!closed_) {
        Status s = Close(false);
        if (!s.ok()) RLOG_WARN(kLogComponent, "task {}: close: {}", params_.task_id, s.ToString());
    }
}

Result<std::unique_ptr<TaskStateManager>> TaskStateManager::Create(TaskStateParams params) {
    RETURN_IF_ERROR(ValidatePathPart("query id", params.query_id));
    RETURN_IF_ERROR(ValidatePathPart("task id", params.task_id));
    if (params.kafka != nullptr && params.producer == nullptr) {
        return Status::Invalid("state: a Kafka client factory needs a producer for changelogs");
    }
    if (params.kafka != nullptr && params.application_id.empty()) {
        return Status::Invalid("state: changelogs need an application id");
    }
    if (params.partition < 0 || params.changelog_partitions <= params.partition) {
        return Status::Invalid(
            fmt::format("state: partition {} outside the {} changelog partitions", params.partition,
                        params.changelog_partitions));
    }
    if (!params.config.in_memory && params.config.state_dir.empty()) {
        return Status::Invalid("state: state_dir is empty");
    }
    if (!params.config.in_memory && !params.rocksdb) {
        params.rocksdb = RocksDbResources::Make(params.config.rocksdb);
    }
    return std::unique_ptr<TaskStateManager>(new TaskStateManager(std::move(params)));
}

std::string TaskStateManager::StoreDir(const std::string& name) const {
    return (fs::path(params_.config.state_dir) / params_.query_id / params_.task_id / name)
        .string();
}

TaskStateManager::Entry* TaskStateManager::FindEntry(const std::string& name) {
    for (auto& e : entries_) {
        if (e->store->name() == name) return e.get();
    }
    return nullptr;
}

StateStore* TaskStateManager::FindStore(const std::string& name) const {
    std::lock_guard<std::mutex> lock(stores_mutex_);
    for (const auto& e : entries_) {
        if (e->store->name() == name) return e->store.get();
    }
    return nullptr;
}

// ------------------------------------------------------------------------------ opening --

Result<KeyValueStore*> TaskStateManager::OpenKeyValueStore(const std::string& name,
                                                           const KeyValueStoreOptions& options) {
    if (Entry* e = FindEntry(name)) {
        if (e->store->kind() != StoreKind::kKeyValue) {
            return Status::Invalid(
                fmt::format("store {} is a {} store", name, StoreKindName(e->store->kind())));
        }
        return static_cast<KeyValueStore*>(e->store.get());
    }
    RETURN_IF_ERROR(ValidateStoreName(name));
    auto store = std::make_unique<KeyValueStoreImpl>(name, options, budget_.get());
    StoreCore& core = store->core();
    ASSIGN_OR_RETURN(StateStore * s, Register(std::move(store), core, false, 0));
    return static_cast<KeyValueStore*>(s);
}

Result<WindowStore*> TaskStateManager::OpenWindowStore(const std::string& name,
                                                       const WindowStoreOptions& options) {
    if (Entry* e = FindEntry(name)) {
        if (e->store->kind() != StoreKind::kWindow) {
            return Status::Invalid(
                fmt::format("store {} is a {} store", name, StoreKindName(e->store->kind())));
        }
        return static_cast<WindowStore*>(e->store.get());
    }
    RETURN_IF_ERROR(ValidateStoreName(name));
    RETURN_IF_ERROR(WindowStoreImpl::Validate(options));
    auto store = std::make_unique<WindowStoreImpl>(name, options, budget_.get());
    StoreCore& core = store->core();
    ASSIGN_OR_RETURN(StateStore * s, Register(std::move(store), core, true, options.retention_ms));
    return static_cast<WindowStore*>(s);
}

Result<SessionStore*> TaskStateManager::OpenSessionStore(const std::string& name,
                                                         const SessionStoreOptions& options) {
    if (Entry* e = FindEntry(name)) {
        if (e->store->kind() != StoreKind::kSession) {
            return Status::Invalid(
                fmt::format("store {} is a {} store", name, StoreKindName(e->store->kind())));
        }
        return static_cast<SessionStore*>(e->store.get());
    }
    RETURN_IF_ERROR(ValidateStoreName(name));
    RETURN_IF_ERROR(SessionStoreImpl::Validate(options));
    auto store = std::make_unique<SessionStoreImpl>(name, options, budget_.get());
    StoreCore& core = store->core();
    ASSIGN_OR_RETURN(StateStore * s, Register(std::move(store), core, true, options.retention_ms));
    return static_cast<SessionStore*>(s);
}

Result<StateStore*> TaskStateManager::Register(std::unique_ptr<StateStore> store, StoreCore& core,
                                               bool windowed, int64_t retention_ms) {
    if (closed_) return Status::Invalid("state: the task's stores are closed");
    auto entry = std::make_unique<Entry>();
    entry->core = &core;
    entry->logged = core.options().logging && params_.kafka != nullptr;
    if (!params_.config.in_memory) entry->dir = StoreDir(store->name());
    entry->store = std::move(store);
    RETURN_IF_ERROR(AttachLocal(*entry, false));

    if (entry->logged) {
        ChangelogTopicSpec spec;
        spec.name = ChangelogTopicName(params_.application_id, entry->store->name());
        spec.partitions = params_.changelog_partitions;
        spec.replication = params_.config.changelog_replication;
        spec.windowed = windowed;
        if (windowed) {
            int64_t r;
            if (__builtin_add_overflow(
                    retention_ms, params_.config.windowed_changelog_additional_retention_ms, &r)) {
                r = std::numeric_limits<int64_t>::max();
            }
            spec.retention_ms = r;
        }
        RETURN_IF_ERROR(EnsureChangelogTopic(params_.kafka->admin(), spec));
        core.AttachChangelog(
            std::make_unique<ChangelogWriter>(params_.producer, spec.name, params_.partition));
    }
    Entry& added = *entry;
    {
        std::lock_guard<std::mutex> lock(stores_mutex_);
        entries_.push_back(std::move(entry));
    }
    RLOG_DEBUG(kLogComponent, "task {} store {}: opened ({}, checkpoint {})", params_.task_id,
               added.store->name(), added.dir.empty() ? "in memory" : added.dir,
               added.core->checkpoint_offset());
    if (restored_) RETURN_IF_ERROR(RestoreOne(added, nullptr));
    return added.store.get();
}

Status TaskStateManager::AttachLocal(Entry& entry, bool wipe) {
    StoreCore& core = *entry.core;
    core.DropCache();
    if (params_.config.in_memory) return core.AttachRaw(std::make_unique<MemoryRawStore>());

    RETURN_IF_ERROR(core.CloseRaw(false));
    std::error_code ec;
    const fs::path dir(entry.dir);
    const bool existed = fs::exists(dir, ec);
    const bool clean = existed && fs::exists(dir / kCleanMarker, ec);
    if (clean) fs::remove(dir / kCleanMarker, ec);
    if (existed && !wipe && !clean && params_.config.exactly_once) {
        RLOG_INFO(kLogComponent,
                  "task {} store {}: not closed cleanly under exactly-once; wiping local state",
                  params_.task_id, entry.store->name());
        wipe = true;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (wipe) {
            fs::remove_all(dir, ec);
            if (ec) return Status::IoError(fmt::format("removing {}: {}", entry.dir, ec.message()));
        }
        ASSIGN_OR_RETURN(auto raw, RocksDbRawStore::Open(entry.dir, *params_.rocksdb));
        RETURN_IF_ERROR(core.AttachRaw(std::move(raw)));
        const std::string& layout = core.stored_layout();
        if (layout.empty() || layout == core.codec().LayoutTag() || attempt == 1) break;
        RLOG_INFO(kLogComponent,
                  "task {} store {}: local layout '{}' differs from '{}'; wiping local state",
                  params_.task_id, entry.store->name(), layout, core.codec().LayoutTag());
        RETURN_IF_ERROR(core.CloseRaw(false));
        wipe = true;
    }
    return Status::Ok();
}

// ------------------------------------------------------------------------------ restore --

Result<std::unique_ptr<kafka::Consumer>> TaskStateManager::MakeRestoreConsumer() {
    kafka::ConsumerConfig cc;
    cc.client_id = fmt::format("{}-{}-restore", params_.application_id, params_.task_id);
    cc.auto_offset_reset = "earliest";
    cc.read_committed = params_.config.exactly_once;
    return params_.kafka->CreateConsumer(cc);
}

Status TaskStateManager::RestoreOne(Entry& entry, kafka::Consumer* consumer) {
    if (!entry.logged) return Status::Ok();
    std::unique_ptr<kafka::Consumer> own;
    if (consumer == nullptr) {
        ASSIGN_OR_RETURN(own, MakeRestoreConsumer());
        consumer = own.get();
    }
    ChangelogWriter& changelog = *entry.core->changelog();
    ASSIGN_OR_RETURN(const int64_t end, ChangelogEndOffset(*consumer, changelog.topic(),
                                                           changelog.partition(), 30000));
    bool wiped = false;
    if (entry.core->checkpoint_offset() > end) {
        RLOG_WARN(kLogComponent,
                  "task {} store {}: checkpoint {} is past the end {} of {}[{}] (topic "
                  "re-created?); wiping local state",
                  params_.task_id, entry.store->name(), entry.core->checkpoint_offset(), end,
                  changelog.topic(), changelog.partition());
        RETURN_IF_ERROR(AttachLocal(entry, true));
        wiped = true;
    }
    ASSIGN_OR_RETURN(RestoreStats stats, RestoreFromChangelog(*consumer, *entry.core, end,
                                                              params_.config, params_.task_id));
    stats.wiped = wiped;
    changelog.Rebase(std::max(end, entry.core->checkpoint_offset()));
    restore_stats_.push_back(std::move(stats));
    if (own) own->Close();
    return Status::Ok();
}

Status TaskStateManager::Restore() {
    if (closed_) return Status::Invalid("state: the task's stores are closed");
    std::unique_ptr<kafka::Consumer> consumer;
    for (auto& e : entries_) {
        if (!e->logged) continue;
        if (!consumer) {
            ASSIGN_OR_RETURN(consumer, MakeRestoreConsumer());
        }
        RETURN_IF_ERROR(RestoreOne(*e, consumer.get()));
    }
    if (consumer) consumer->Close();
    restored_ = true;
    return Status::Ok();
}

Status TaskStateManager::Reinitialize() {
    if (closed_) return Status::Invalid("state: the task's stores are closed");
    for (auto& e : entries_) RETURN_IF_ERROR(AttachLocal(*e, true));
    restored_ = false;
    restore_stats_.clear();
    return Restore();
}

// ------------------------------------------------------------------- commit and close --

Status TaskStateManager::Flush() {
    for (auto& e : entries_) RETURN_IF_ERROR(e->store->Flush());
    return Status::Ok();
}

Status TaskStateManager::Checkpoint() {
    for (auto& e : entries_) {
        int64_t offset = -1;
        if (e->logged) {
            const ChangelogWriter& changelog = *e->core->changelog();
            if (!changelog.rebased()) {
                return Status::Internal(
                    fmt::format("store {}: Checkpoint() before Restore()", e->store->name()));
            }
            offset = changelog.EndOffsetLowerBound();
        }
        RETURN_IF_ERROR(e->core->Checkpoint(offset));
    }
    return Status::Ok();
}

Status TaskStateManager::Close(bool clean) {
    if (closed_) return Status::Ok();
    closed_ = true;
    Status first;
    for (auto& e : entries_) {
        StoreCore& core = *e->core;
        bool store_clean = clean;
        if (store_clean) {
            const int64_t offset = e->logged && core.changelog()->rebased()
                                       ? core.changelog()->EndOffsetLowerBound()
                                       : core.checkpoint_offset();
            Status s = core.Checkpoint(offset);
            if (!s.ok()) {
                RLOG_WARN(kLogComponent, "task {} store {}: final checkpoint: {}", params_.task_id,
                          e->store->name(), s.ToString());
                store_clean = false;
                if (first.ok()) first = s;
            }
        }
        if (!store_clean) core.DropCache();
        Status s = core.CloseRaw(store_clean);
        if (!s.ok()) {
            store_clean = false;
            if (first.ok()) first = s;
        }
        if (store_clean && !e->dir.empty()) {
            std::ofstream marker(fs::path(e->dir) / kCleanMarker);
            marker << "clean\n";
        }
    }
    return first;
}

}  // namespace runnel::state
