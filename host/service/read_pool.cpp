#include "service/read_pool.hpp"

#include <algorithm>

namespace dj {

ReadPool::ReadPool(Opener open, std::size_t size) : open_(std::move(open)), size_(std::max<std::size_t>(1, size)) {}

ReadPool::~ReadPool() = default;

ReadPool::Lease::~Lease() {
    if (pool_) pool_->give_back(std::move(svc_), generation_);
}

ReadPool::Lease ReadPool::acquire() {
    std::uint64_t generation = 0;
    {
        std::unique_lock lock(mutex_);
        freed_.wait(lock, [&] { return !idle_.empty() || open_count_ < size_; });
        generation = generation_;
        if (!idle_.empty()) {
            auto svc = std::move(idle_.back());
            idle_.pop_back();
            return Lease(this, std::move(svc), generation);
        }
        ++open_count_;  // a slot reserved while we open outside the lock
    }
    try {
        return Lease(this, open_(), generation);
    } catch (...) {
        {
            std::lock_guard lock(mutex_);
            --open_count_;
        }
        freed_.notify_one();
        throw;
    }
}

void ReadPool::give_back(std::unique_ptr<LocalService> svc, std::uint64_t generation) {
    {
        std::lock_guard lock(mutex_);
        if (generation == generation_ && svc) {
            idle_.push_back(std::move(svc));
        } else {
            --open_count_;
        }
    }
    // Closed outside the lock (a stale one, when it was not kept above).
    svc.reset();
    freed_.notify_one();
}

void ReadPool::renew() {
    std::vector<std::unique_ptr<LocalService>> stale;
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        stale.swap(idle_);
        open_count_ -= stale.size();
    }
    freed_.notify_all();
}

std::size_t ReadPool::opened() const {
    std::lock_guard lock(mutex_);
    return open_count_;
}

}  // namespace dj
