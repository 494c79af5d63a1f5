#pragma once
// Group commit: one writer thread owns a connection; callers from any thread hand it jobs and
// wait. The writer takes every job waiting, runs them in one BEGIN IMMEDIATE … COMMIT, each in
// its own savepoint (a failing job rolls back alone and gets its own error), and answers the
// callers only once the COMMIT returned: with synchronous=FULL the answer means "on disk".
// One fsync then pays for the whole batch, which is what lets many clients write faster
// than one transaction per request could.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "db/database.hpp"

namespace dj::db {

struct GroupCommitStats {
    std::uint64_t jobs = 0;          // answered, successfully or not
    std::uint64_t failed_jobs = 0;   // answered with an exception
    std::uint64_t batches = 0;       // COMMITs attempted
    std::uint64_t largest_batch = 0;
    std::uint64_t retried_batches = 0;  // SQLite rolled a whole batch back: its good jobs ran again
    std::uint64_t waiting = 0;          // jobs queued now, not yet taken into a batch
};

class GroupCommit {
public:
    // `db` is used only by the writer thread from now on, until this object is destroyed.
    // `max_batch` bounds one transaction (its size and the wait of its first caller).
    explicit GroupCommit(const Connection& db, std::size_t max_batch = 256);
    // Runs what is queued, then stops the writer.
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Runs `job` on the writer thread in the next batch and returns once that batch is
    // committed; rethrows the job's exception (its savepoint rolled back, the batch went on)
    // or the COMMIT's.
    void run(std::function<void()> job);

    // The same with a result: run([&]{ return svc.submit(...); }).
    template <class F>
    auto call(F&& f) -> std::invoke_result_t<F&> {
        using R = std::invoke_result_t<F&>;
        if constexpr (std::is_void_v<R>) {
            run(std::function<void()>(std::forward<F>(f)));
        } else {
            std::optional<R> out;
            run([&] { out.emplace(f()); });
            return std::move(*out);
        }
    }

    GroupCommitStats stats() const;

private:
    struct Job {
        std::function<void()> fn;
        std::exception_ptr error;
        bool done = false;
        int attempts = 0;
        std::condition_variable answered;  // its caller waits here: a batch wakes each caller once
    };
    void writer_loop();
    // Runs one batch to its end: every job in it is answered, or (when SQLite dropped the
    // whole transaction under a later job) handed back for the next batch.
    void run_batch(std::deque<std::shared_ptr<Job>>& batch);
    void answer(const std::shared_ptr<Job>& job, std::exception_ptr error);

    const Connection& db_;
    const std::size_t max_batch_;
    mutable std::mutex mutex_;
    std::condition_variable wake_writer_;
    std::deque<std::shared_ptr<Job>> queue_;
    bool stopping_ = false;
    GroupCommitStats stats_;
    std::thread writer_;  // last: started once everything above exists
};

}  // namespace dj::db
