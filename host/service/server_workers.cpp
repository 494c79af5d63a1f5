#include "service/server_workers.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "db/file_errors.hpp"

namespace dj {

namespace {

// The first problem PRAGMA quick_check names, or "" when the file is sound.
std::string quick_check(const db::Connection& db) {
    auto st = db.prepare("PRAGMA quick_check(1)");
    std::string verdict = st.step() ? st.text(0) : std::string("no answer");
    return verdict == "ok" ? std::string() : verdict;
}

}  // namespace

ServerWorkers::ServerWorkers(ReadPool::Opener open, std::size_t readers, std::size_t max_batch)
    : writer_(open()),
      commit_(writer_->connection(), max_batch),
      readers_(std::move(open), readers),
      reports_(std::max<std::size_t>(1, readers / 2)) {
    path_ = writer_->connection().path();
    if (!check_now()) throw db::DatabaseFileError(SQLITE_CORRUPT, db::damaged_message(path_, damage()));
}

std::string ServerWorkers::damage() const {
    std::lock_guard lock(damage_mutex_);
    return damage_;
}

ServerWorkers::~ServerWorkers() {
    {
        std::lock_guard lock(check_mutex_);
        stopping_ = true;
    }
    check_wake_.notify_all();
    if (checker_.joinable()) checker_.join();
}

void ServerWorkers::read(const std::function<void(Service&)>& job) {
    auto lease = readers_.acquire();
    job(*lease);
}

void ServerWorkers::report(const std::function<void(Service&)>& job) {
    reports_.run([&] { read(job); });
}

void ServerWorkers::write(const std::function<void(Service&)>& job) {
    if (damaged_) throw db::DatabaseFileError(SQLITE_CORRUPT, db::damaged_message(path_, damage()));
    bool plugins_changed = false;
    commit_.run([&] {
        const auto generation = writer_->plugin_generation();
        job(*writer_);
        plugins_changed = writer_->plugin_generation() != generation;
    });
    // The readers keep loaded plugins and unit scripts in memory: after a write that changed
    // them (and is committed now), later reads get instances that load them afresh.
    if (plugins_changed) readers_.renew();
}

bool ServerWorkers::check_now() {
    std::string problem;
    {
        auto lease = readers_.acquire();
        problem = quick_check(lease->connection());
    }
    if (problem.empty()) return true;
    std::lock_guard lock(damage_mutex_);
    if (damage_.empty()) damage_ = problem;
    damaged_ = true;
    return false;
}

void ServerWorkers::check_every(std::chrono::seconds period, std::function<void(const std::string&)> log) {
    if (period.count() <= 0 || checker_.joinable()) return;
    checker_ = std::thread([this, period, log = std::move(log)] {
        std::unique_lock lock(check_mutex_);
        while (!check_wake_.wait_for(lock, period, [&] { return stopping_; })) {
            lock.unlock();
            bool sound = true;
            try {
                sound = check_now();
            } catch (const std::exception& e) {
                if (log) log(std::string("数据库文件检查失败：") + e.what());
            }
            if (!sound && log) log(db::damaged_message(path_, damage()) + "（已停止写入）");
            lock.lock();
        }
    });
}

}  // namespace dj
