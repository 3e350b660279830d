// TaskStateManager: the state stores of one task (one query, one input partition): opens them
// (RocksDB under <state_dir>/<query id>/<task id>/<store name>/, or in memory), shares the
// task's write-back cache budget among them, creates and writes their changelog topics,
// restores them, flushes and checkpoints them at commit, and closes them.
//
// How the runner drives it (at-least-once, the default):
//   1. Create(params); each operator's Open() calls Open*Store(name, options) and installs its
//      flush listener (the listener is how the operator emits; see key_value_store.h).
//   2. Restore() once, before the first record is processed.
//   3. Process records (operators Put/Get/Delete on the task thread).
//   4. Commit, in this order:
//        a. Flush()               caches -> local stores + changelog records queued on the
//                                 producer; listeners emit the collapsed updates downstream
//                                 (sink records queued on the same producer)
//        b. producer->Flush()     every changelog and sink record acknowledged
//        c. Checkpoint()          the stores record how far their changelog goes
//        d. consumer->Commit()    input offsets
//      A crash anywhere replays the input from the last committed offsets: no input is lost,
//      some updates are emitted (and aggregated) twice, as in Kafka Streams.
//   5. Close(clean = true) after the last commit (rebalance, stop); Close(false) after an error.
//
// Exactly-once (processing.guarantee=exactly_once_v2), as the query runner drives it
// (engine/runtime/query_runner_transactions.cpp):
//   - set StateConfig::exactly_once: stores not closed cleanly are wiped on open and the
//     restore consumer reads read_committed;
//   - per commit interval: producer BeginTransaction; process; Flush() (changelog and sink
//     records go into the transaction); producer SendOffsetsToTransaction(input offsets, group
//     metadata); CommitTransaction; only then Checkpoint() (a checkpoint must never name
//     uncommitted changelog offsets);
//   - on an aborted transaction or a fenced producer: drop the local data and restore from the
//     committed changelog (Reinitialize(), or, as the runner does, Close(false) and a new
//     manager, which wipes on open), then resume from the committed offsets.
//   Local RocksDB writes happen at Flush, before the commit, which is why an unclean stop wipes
//   the stores under exactly-once.
//
// Serving (pull queries): FindStore() and the stores' read methods may be called from other
// threads while the task runs (see state_store.h); the runner must keep the manager alive and
// not Close() it while such reads are in flight (e.g. hold it in a shared_ptr).
// Thread-safety: every method here is for the task thread only, except FindStore().
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/kafka/kafka.h"
#include "engine/state/changelog_restorer.h"
#include "engine/state/key_value_store.h"
#include "engine/state/session_store.h"
#include "engine/state/state_config.h"
#include "engine/state/window_store.h"

namespace runnel::state {

class RocksDbResources;
class StoreCore;
struct CacheBudget;

struct TaskStateParams {
    StateConfig config;
    std::string application_id;        // ApplicationId(service id, query id)
    std::string query_id;              // directory level under state_dir
    std::string task_id;               // e.g. "0_3"; directory level under the query
    int32_t partition = 0;             // the task's input partition == its changelog partition
    int32_t changelog_partitions = 1;  // partitions of changelog topics it creates
    // Changelogs: both set, or kafka null (then no store is logged).
    kafka::ClientFactory* kafka = nullptr;
    kafka::Producer* producer = nullptr;
    // Shared by the server's RocksDB stores; null: made from config.rocksdb.
    std::shared_ptr<RocksDbResources> rocksdb;
};

class TaskStateManager {
public:
    static Result<std::unique_ptr<TaskStateManager>> Create(TaskStateParams params);
    ~TaskStateManager();  // Close(false) when still open

    TaskStateManager(const TaskStateManager&) = delete;
    TaskStateManager& operator=(const TaskStateManager&) = delete;

    // Opens (or returns the already opened) store of that name. InvalidArgument for a bad name,
    // bad options, or a name already used by another kind. A store opened after Restore() is
    // restored here.
    Result<KeyValueStore*> OpenKeyValueStore(const std::string& name,
                                             const KeyValueStoreOptions& options = {});
    Result<WindowStore*> OpenWindowStore(const std::string& name,
                                         const WindowStoreOptions& options);
    Result<SessionStore*> OpenSessionStore(const std::string& name,
                                           const SessionStoreOptions& options);

    // Any thread: the store of that name, nullptr when none.
    StateStore* FindStore(const std::string& name) const;

    // Brings every logged store up to its changelog's end (see changelog_restorer.h).
    Status Restore();
    const std::vector<RestoreStats>& restore_stats() const { return restore_stats_; }

    // Commit steps (see the order above).
    Status Flush();
    Status Checkpoint();

    // clean: checkpoint, flush RocksDB memtables, mark the stores cleanly closed. Otherwise
    // drop the caches and close (no marker). Idempotent.
    Status Close(bool clean);

    // Drops every store's cache and local data and restores from the changelogs (exactly-once
    // recovery after an aborted transaction).
    Status Reinitialize();

    // Where a store of this task lives on disk.
    std::string StoreDir(const std::string& name) const;
    const TaskStateParams& params() const { return params_; }

private:
    struct Entry;

    explicit TaskStateManager(TaskStateParams params);
    Result<StateStore*> Register(std::unique_ptr<StateStore> store, StoreCore& core, bool windowed,
                                 int64_t retention_ms);
    Status AttachLocal(Entry& entry, bool wipe);
    Status RestoreOne(Entry& entry, kafka::Consumer* consumer);
    Result<std::unique_ptr<kafka::Consumer>> MakeRestoreConsumer();
    Entry* FindEntry(const std::string& name);

    TaskStateParams params_;
    std::unique_ptr<CacheBudget> budget_;
    mutable std::mutex stores_mutex_;  // guards entries_ against FindStore from other threads
    std::vector<std::unique_ptr<Entry>> entries_;
    std::vector<RestoreStats> restore_stats_;
    bool restored_ = false;
    bool closed_ = false;
};

}  // namespace runnel::state
