#pragma once
// The server's lane for reports: indicator values, the assessment, the dashboard, exports and
// prints, which compute for tens of milliseconds to seconds where a submission takes a fraction
// of one. They run on a few threads of their own at a lower CPU priority (nice 10), so that on
// a busy machine the writer and the short requests (every submission's session check, a form
// opened) come first, and at most that many reports hold a read connection at once, leaving the
// rest of the read pool to short reads. A caller waits for its job as if it ran it itself.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace dj {

class ReportLane {
public:
    // `threads` at least 1. `nice`: added to each lane thread's nice value (at most 19; 0
    // leaves it).
    explicit ReportLane(std::size_t threads, int nice = 10);
    ~ReportLane();  // finishes the queued jobs, then stops
    ReportLane(const ReportLane&) = delete;
    ReportLane& operator=(const ReportLane&) = delete;

    // Runs `job` on a lane thread and returns when it has; rethrows what it threw.
    void run(const std::function<void()>& job);

    std::size_t threads() const { return threads_.size(); }

private:
    struct Task {
        const std::function<void()>* job;
        std::exception_ptr error;
        bool done = false;
    };
    void serve(int nice);

    std::mutex mutex_;
    std::condition_variable wake_, finished_;
    std::deque<Task*> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace dj
