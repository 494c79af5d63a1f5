#pragma once
// Where the server's threads meet the Service. libmicrohttpd answers on a pool of threads,
// but a LocalService (its SQLite connection, its Lua states) must only be used by one
// thread at a time, so every request runs its operation through an Executor:
//   read(job)  – an operation that mostly reads (api::Kind::Read), every session check, and
//                login (its password check is CPU the writer must not wait behind):
//                may run beside other reads, on a connection of its own (WAL lets readers run
//                beside the writer). The rare write such a job makes (a session's idle timer
//                touched once a minute, stale indicator values brought current) takes
//                SQLite's write lock on that connection, with the same synchronous=FULL;
//   report(job) – a read that computes (api::Kind::Report: indicators, assessment, dashboard,
//                exports): like read, but on a few lower-priority threads of its own, so a busy
//                machine answers submissions and short reads first;
//   write(job) – everything else that writes: through the ONE writer, and returns only when
//                the job's commit is durable.
// This is the seam for the group-commit writer and the read pool: an implementation may
// gather the writes waiting together into one BEGIN IMMEDIATE … COMMIT, each job in its own
// savepoint (db::Transaction nests as savepoints), as long as a job that throws rolls back
// only its own savepoint and its caller sees the exception.
#include <functional>
#include <memory>
#include <mutex>

#include "service/service.hpp"

namespace dj::server {

class Executor {
public:
    virtual ~Executor() = default;
    virtual void read(const std::function<void(Service&)>& job) = 0;
    virtual void report(const std::function<void(Service&)>& job) { read(job); }
    virtual void write(const std::function<void(Service&)>& job) = 0;
};

// The simplest correct executor: one Service, one job at a time. Reads wait for writes.
class SerialExecutor final : public Executor {
public:
    explicit SerialExecutor(std::unique_ptr<Service> service) : service_(std::move(service)) {}
    void read(const std::function<void(Service&)>& job) override { run(job); }
    void write(const std::function<void(Service&)>& job) override { run(job); }
    Service& service() { return *service_; }

private:
    void run(const std::function<void(Service&)>& job) {
        std::lock_guard lock(mu_);
        job(*service_);
    }
    std::mutex mu_;
    std::unique_ptr<Service> service_;
};

}  // namespace dj::server
