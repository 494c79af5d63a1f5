#include "tasks.hpp"

#include "core/errors.hpp"

namespace dj::ui {

Tasks::Tasks(ServiceFactory factory, std::function<void()> wake) : factory_(std::move(factory)), wake_(std::move(wake)) {
    for (int i = 0; i < kLaneCount; ++i) workers_[i].thread = std::thread([this, i] { loop(i); });
}

Tasks::~Tasks() { shutdown(); }

void Tasks::shutdown() {
    {
        std::lock_guard lock(mu_);
        if (stop_) return;
        stop_ = true;
        for (auto& w : workers_) w.queue.clear();
    }
    cv_.notify_all();
    for (auto& w : workers_)
        if (w.thread.joinable()) w.thread.join();
    std::lock_guard lock(mu_);
    done_.clear();
}

void Tasks::post(Lane lane, Job job) {
    {
        std::lock_guard lock(mu_);
        if (stop_) return;
        workers_[static_cast<int>(lane)].queue.push_back(std::move(job));
    }
    cv_.notify_all();
}

void Tasks::loop(int index) {
    Worker& w = workers_[index];
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stop_ || !w.queue.empty(); });
            if (stop_) break;
            job = std::move(w.queue.front());
            w.queue.pop_front();
            w.running = job.label;
            w.started = std::chrono::steady_clock::now();
        }
        std::function<void()> completion;
        auto failed = [&](Failure f) {
            completion = [this, fail = job.fail, f = std::move(f)] {
                if (f.expired && expired_) expired_(f);
                if (fail) fail(f);
            };
        };
        try {
            if (const unsigned g = generation_.load(); !w.service || w.generation != g) {
                w.service.reset();
                w.service = factory_();
                w.generation = g;
            }
            completion = job.work(*w.service);
        } catch (const NotAuthenticated& e) {
            failed(Failure{e.what(), false, false, true});
        } catch (const AccessDenied& e) {
            failed(Failure{e.what(), true, false});
        } catch (const UserError& e) {
            failed(Failure{e.what(), false, false});
        } catch (const std::exception& e) {
            failed(Failure{std::string("内部错误：") + e.what(), false, true});
            w.service.reset();  // reopen on the next job, in case the connection is the problem
        }
        {
            std::lock_guard lock(mu_);
            w.running.reset();
            if (stop_) break;
            done_.push_back(std::move(completion));
        }
        if (wake_) wake_();
    }
    w.service.reset();
}

std::size_t Tasks::pump() {
    std::vector<std::function<void()>> ready;
    {
        std::lock_guard lock(mu_);
        ready.swap(done_);
    }
    for (auto& f : ready)
        if (f) f();
    return ready.size();
}

bool Tasks::idle() const {
    std::lock_guard lock(mu_);
    if (!done_.empty()) return false;
    for (const auto& w : workers_)
        if (w.running || !w.queue.empty()) return false;
    return true;
}

std::optional<Tasks::Activity> Tasks::activity(Lane lane) const {
    std::lock_guard lock(mu_);
    const Worker& w = workers_[static_cast<int>(lane)];
    if (!w.running) return std::nullopt;
    Activity a;
    a.label = *w.running;
    a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - w.started).count();
    a.queued = w.queue.size();
    return a;
}

}  // namespace dj::ui
