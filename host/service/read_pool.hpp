#pragma once
// The server's readers: a few LocalService instances over the same file, each with its own
// connection, lent out one request at a time. In WAL mode a reader sees the last commit and
// never blocks the one writer (db/group_commit.hpp), nor does the writer block it.
//
// What a reader may still write: an indicator read brings stale cached values current
// (IndicatorEngine::ensure) and stores them, under the write lock. Clean values are read
// without taking it; a read right after a submission recomputes what it touched.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "service/local_service.hpp"

namespace dj {

class ReadPool {
public:
    using Opener = std::function<std::unique_ptr<LocalService>()>;
    // Opens instances with `open` as requests need them, at most `size` at once.
    ReadPool(Opener open, std::size_t size);
    ~ReadPool();
    ReadPool(const ReadPool&) = delete;
    ReadPool& operator=(const ReadPool&) = delete;

    // One instance for the length of one request; back to the pool when it goes.
    class Lease {
    public:
        Lease(Lease&& o) noexcept : pool_(o.pool_), svc_(std::move(o.svc_)), generation_(o.generation_) { o.pool_ = nullptr; }
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        LocalService& operator*() const { return *svc_; }
        LocalService* operator->() const { return svc_.get(); }

    private:
        friend class ReadPool;
        Lease(ReadPool* pool, std::unique_ptr<LocalService> svc, std::uint64_t generation)
            : pool_(pool), svc_(std::move(svc)), generation_(generation) {}
        ReadPool* pool_;
        std::unique_ptr<LocalService> svc_;
        std::uint64_t generation_;
    };

    // Waits while every instance is lent out. Throws what opening throws.
    Lease acquire();

    // Every instance opened so far is closed instead of lent again, so later requests see
    // state the readers keep in memory (loaded plugins, unit scripts, plugin folders) as
    // the writer left it. The server calls this after a write that changes plugins.
    void renew();

    std::size_t size() const { return size_; }
    std::size_t opened() const;  // instances open now (idle or lent)

private:
    void give_back(std::unique_ptr<LocalService> svc, std::uint64_t generation);

    Opener open_;
    const std::size_t size_;
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<LocalService>> idle_;
    std::size_t open_count_ = 0;  // idle + lent + being opened
    std::uint64_t generation_ = 0;
};

}  // namespace dj
