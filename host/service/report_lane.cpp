#include "service/report_lane.hpp"

#include <algorithm>
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace dj {

ReportLane::ReportLane(std::size_t threads, int nice) {
    threads = std::max<std::size_t>(1, threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this, nice] { serve(nice); });
}

ReportLane::~ReportLane() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

void ReportLane::run(const std::function<void()>& job) {
    Task task{&job, nullptr};
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(&task);
    }
    wake_.notify_one();
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return task.done; });
    if (task.error) std::rethrow_exception(task.error);
}

void ReportLane::serve(int nice) {
    // Linux gives each thread its own nice value (setpriority on the thread id), which starts
    // as the process's. Raising it needs no privilege; 19 is the lowest priority there is; a
    // failure only leaves it as it was.
    if (nice != 0) {
        const auto self = static_cast<id_t>(syscall(SYS_gettid));
        errno = 0;
        const int now = getpriority(PRIO_PROCESS, self);
        if (errno == 0) setpriority(PRIO_PROCESS, self, std::min(19, now + nice));
    }
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to do
        Task* task = queue_.front();
        queue_.pop_front();
        lock.unlock();
        try {
            (*task->job)();
        } catch (...) {
            task->error = std::current_exception();
        }
        lock.lock();
        task->done = true;
        finished_.notify_all();
    }
}

}  // namespace dj
