#pragma once
// What runs the server's requests (the body of its Executor, host/server/executor.hpp: the
// executor's read and write hand their jobs here): reads on a pool of LocalService instances
// (service/read_pool.hpp), writes through the one writer with group commit
// (db/group_commit.hpp): the writes waiting together share one BEGIN IMMEDIATE … COMMIT, each
// in its own savepoint, and every caller is answered after the COMMIT, which with
// synchronous=FULL is on disk. It also keeps the file checked: PRAGMA quick_check before the
// first request and then on a schedule; a file that fails it is no longer written.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "db/audit_chain.hpp"
#include "db/group_commit.hpp"
#include "service/read_pool.hpp"
#include "service/report_lane.hpp"
#include "service/service.hpp"

namespace dj {

class ServerWorkers {
public:
    // `open` makes one LocalService on the database, set up as every instance should be
    // (plugin folders): called once for the writer now, and by the read pool as needed.
    // Runs the first quick_check before returning (UserError naming the backup if it fails).
    // Reports run on `readers` / 2 lane threads (at least one): service/report_lane.hpp.
    ServerWorkers(ReadPool::Opener open, std::size_t readers, std::size_t max_batch = 256);
    ~ServerWorkers();
    ServerWorkers(const ServerWorkers&) = delete;
    ServerWorkers& operator=(const ServerWorkers&) = delete;

    void read(const std::function<void(Service&)>& job);
    // A read that computes (api::Kind::Report): on the report lane, then a reader.
    void report(const std::function<void(Service&)>& job);
    void write(const std::function<void(Service&)>& job);

    // Checks the file again every `period` on a reader (0: never); a failure is reported to
    // `log` and ends writing until the server is restarted on a sound file.
    void check_every(std::chrono::seconds period, std::function<void(const std::string&)> log);
    // PRAGMA quick_check now, on a reader: true when the file is sound. Marks it damaged
    // otherwise (writes are refused from then on).
    bool check_now();

    db::GroupCommitStats write_stats() const { return commit_.stats(); }

private:
    std::string path_;
    db::DeferredAnchorWrites anchors_;  // first: the last to go, after every write is answered
    std::unique_ptr<LocalService> writer_;
    db::GroupCommit commit_;  // after writer_: stops (running what is queued) before it goes
    ReadPool readers_;
    ReportLane reports_;  // after readers_: its jobs hold readers, so it stops first
    std::atomic<bool> damaged_{false};
    mutable std::mutex damage_mutex_;
    std::string damage_;  // the first problem quick_check named
    std::string damage() const;

    std::mutex check_mutex_;
    std::condition_variable check_wake_;
    bool stopping_ = false;
    std::thread checker_;
};

}  // namespace dj
