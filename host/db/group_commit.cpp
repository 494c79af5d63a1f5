#include "db/group_commit.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace dj::db {

namespace {
// A job whose batch SQLite rolled back whole is run again in the next one; a job that keeps
// landing in lost batches gets the error instead of looping for ever.
constexpr int kMaxAttempts = 3;
}  // namespace

GroupCommit::GroupCommit(const Connection& db, std::size_t max_batch)
    : db_(db), max_batch_(std::max<std::size_t>(1, max_batch)), writer_([this] { writer_loop(); }) {}

GroupCommit::~GroupCommit() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_writer_.notify_one();
    writer_.join();
}

void GroupCommit::run(std::function<void()> fn) {
    // A job that submits another job would wait for its own batch: run it in place, inside
    // the savepoint it is already in.
    if (std::this_thread::get_id() == writer_.get_id()) {
        fn();
        return;
    }
    auto job = std::make_shared<Job>();
    job->fn = std::move(fn);
    {
        std::lock_guard lock(mutex_);
        if (stopping_) throw std::logic_error("GroupCommit: writer is stopping");
        queue_.push_back(job);
    }
    wake_writer_.notify_one();
    {
        std::unique_lock lock(mutex_);
        job->answered.wait(lock, [&] { return job->done; });
    }
    if (job->error) std::rethrow_exception(job->error);
}

GroupCommitStats GroupCommit::stats() const {
    std::lock_guard lock(mutex_);
    GroupCommitStats s = stats_;
    s.waiting = queue_.size();
    return s;
}

void GroupCommit::answer(const std::shared_ptr<Job>& job, std::exception_ptr error) {
    {
        std::lock_guard lock(mutex_);
        job->error = std::move(error);
        job->done = true;
        ++stats_.jobs;
        if (job->error) ++stats_.failed_jobs;
    }
    job->answered.notify_one();
}

void GroupCommit::writer_loop() {
    for (;;) {
        std::deque<std::shared_ptr<Job>> batch;
        {
            std::unique_lock lock(mutex_);
            wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left to run
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            ++stats_.batches;
            stats_.largest_batch = std::max<std::uint64_t>(stats_.largest_batch, batch.size());
        }
        run_batch(batch);
        if (!batch.empty()) {
            // Handed back: first in line for the next batch, in their order.
            std::lock_guard lock(mutex_);
            ++stats_.retried_batches;
            for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
        }
    }
}

void GroupCommit::run_batch(std::deque<std::shared_ptr<Job>>& batch) {
    std::optional<Transaction> tx;
    try {
        tx.emplace(db_);  // BEGIN IMMEDIATE (and the file check before a connection's first write)
    } catch (...) {
        auto error = std::current_exception();
        for (auto& job : batch) answer(job, error);
        batch.clear();
        return;
    }
    std::vector<std::shared_ptr<Job>> succeeded;
    while (!batch.empty()) {
        auto job = std::move(batch.front());
        batch.pop_front();
        ++job->attempts;
        std::exception_ptr error;
        try {
            Transaction savepoint(db_);  // nested: SAVEPOINT, rolled back alone if the job throws
            job->fn();
            savepoint.commit();
        } catch (...) {
            error = std::current_exception();
        }
        if (sqlite3_get_autocommit(db_.raw())) {
            // SQLite rolled the whole transaction back (disk full, I/O error): the jobs that
            // succeeded before this one lost their work and were not answered yet, so they run
            // again in the next batch; this job gets its error.
            tx.reset();
            answer(job, error ? error : std::make_exception_ptr(SqlError(SQLITE_ABORT, "batch transaction ended by SQLite")));
            for (auto it = succeeded.rbegin(); it != succeeded.rend(); ++it) {
                if ((*it)->attempts >= kMaxAttempts)
                    answer(*it, std::make_exception_ptr(SqlError(SQLITE_ABORT, "batch transaction ended by SQLite")));
                else
                    batch.push_front(std::move(*it));
            }
            return;
        }
        if (error)
            answer(job, error);  // nothing of it remains: no need to wait for the COMMIT
        else
            succeeded.push_back(std::move(job));
    }
    std::exception_ptr commit_error;
    try {
        tx->commit();  // synchronous=FULL: durable when this returns
    } catch (...) {
        commit_error = std::current_exception();
    }
    for (auto& job : succeeded) answer(job, commit_error);
}

}  // namespace dj::db
