#pragma once
// Work off the UI thread. The Service is not thread-safe, so each lane (a worker thread)
// opens its own Service through the factory (locally: its own SQLite connection on the same
// file; remotely: its own HTTP client) and runs its jobs one after another. Results come
// back to the UI thread in pump(), called between frames, so views only ever see finished
// data and the UI never waits on the database.
//
//   Query – reads and quick writes the screens ask for (ordered, so a save is followed by
//           the reload that shows it);
//   Long  – imports and other long jobs, so a 60,000-row import never blocks a click.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/service.hpp"

namespace dj::ui {

using ServiceFactory = std::function<std::unique_ptr<Service>()>;

// A failed operation, ready to show: the service's Chinese message, or 内部错误：….
struct Failure {
    std::string message;
    bool denied = false;    // AccessDenied: the role or scope does not allow it
    bool internal = false;  // not a UserError: a bug or the disk
    bool expired = false;   // NotAuthenticated: the server's session ended (log in again)
};

enum class Lane { Query = 0, Long = 1 };
inline constexpr int kLaneCount = 2;

class Tasks {
public:
    // `wake` is called from a worker when a result is ready (to wake an idle event loop).
    Tasks(ServiceFactory factory, std::function<void()> wake);
    ~Tasks();
    Tasks(const Tasks&) = delete;
    Tasks& operator=(const Tasks&) = delete;

    // Runs `work(service)` on the lane's thread; then `ok(result)` or `fail(failure)` on the UI
    // thread during pump().
    template <class R>
    void run(Lane lane, std::string label, std::function<R(Service&)> work, std::function<void(R&)> ok,
             std::function<void(const Failure&)> fail) {
        Job job;
        job.label = std::move(label);
        job.work = [work = std::move(work), ok = std::move(ok)](Service& s) -> std::function<void()> {
            auto result = std::make_shared<R>(work(s));
            return [ok, result] { ok(*result); };
        };
        job.fail = std::move(fail);
        post(lane, std::move(job));
    }

    // UI thread: runs the completions of finished jobs. Returns how many ran.
    std::size_t pump();
    // No job queued, running, or waiting for pump().
    bool idle() const;

    struct Activity {
        std::string label;
        double seconds = 0;
        std::size_t queued = 0;
    };
    // What a lane is doing right now, if anything.
    std::optional<Activity> activity(Lane lane) const;

    // Stops the workers (pending jobs are dropped). Called before views go away.
    void shutdown();

    // Server mode. `hook` runs on the UI thread, before the job's own `fail`, whenever a job
    // failed because the session ended (401), so one place can ask to log in again.
    void on_expired(std::function<void(const Failure&)> hook) { expired_ = std::move(hook); }
    // Each lane drops its Service before its next job and asks the factory for a new one:
    // after a new login the factory hands out clients presenting the new token.
    void renew() { ++generation_; }

private:
    struct Job {
        std::string label;
        std::function<std::function<void()>(Service&)> work;
        std::function<void(const Failure&)> fail;
    };
    struct Worker {
        std::thread thread;
        std::deque<Job> queue;
        std::optional<std::string> running;
        std::chrono::steady_clock::time_point started;
        std::unique_ptr<Service> service;  // touched only by the worker thread
        unsigned generation = 0;           // of `service`; touched only by the worker thread
    };

    void post(Lane lane, Job job);
    void loop(int index);

    ServiceFactory factory_;
    std::function<void()> wake_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    Worker workers_[kLaneCount];
    std::vector<std::function<void()>> done_;
    std::function<void(const Failure&)> expired_;  // UI thread only
    std::atomic<unsigned> generation_{0};
};

}  // namespace dj::ui
