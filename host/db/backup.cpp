#include "db/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "core/errors.hpp"
#include "db/database.hpp"
#include "db/file_errors.hpp"
#include "db/integrity.hpp"

namespace dj::db {

namespace fs = std::filesystem;

namespace {

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct BackupFinisher {
    void operator()(sqlite3_backup* b) const { sqlite3_backup_finish(b); }
};

// Removes the temporary copy (and any side file SQLite left beside it) unless kept.
class TempFile {
public:
    explicit TempFile(std::string path) : path_(std::move(path)) {}
    ~TempFile() {
        if (path_.empty()) return;
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path_ + suffix, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }
    void keep() { path_.clear(); }

private:
    std::string path_;
};

// The rename is durable only once the folder's entry is on disk too.
void sync_path(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags);
    if (fd < 0) throw UserError("无法打开「" + path + "」以写入磁盘");
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw UserError("无法把「" + path + "」写入磁盘（fsync 失败）");
}

void refuse_same_file(const std::string& source, const std::string& out) {
    std::error_code ec;
    const std::string msg = "备份文件「" + out + "」就是数据库「" + source + "」本身（或它的 -wal/-shm 文件），不能覆盖；请换一个文件名";
    if (fs::exists(out, ec) && fs::equivalent(source, out, ec)) throw UserError(msg);
    const auto src = fs::weakly_canonical(source, ec).string();
    const auto dst = fs::weakly_canonical(out, ec).string();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (dst == src + suffix) throw UserError(msg);
    if (fs::exists(out + "-wal", ec))
        throw UserError("备份文件「" + out + "」正被打开使用（存在 " + out + "-wal），不能覆盖；请换一个文件名，或先关闭使用它的程序");
    if (fs::is_directory(out, ec)) throw UserError("「" + out + "」是一个文件夹；请给出备份文件的文件名");
}

}  // namespace

BackupResult backup_database(const std::string& source, const std::string& out, const BackupOptions& options) {
    refuse_same_file(source, out);
    // Checks that the source is one of ours (header, schema, version) before reading it.
    Connection src = Connection::open(source, false);

    fs::path dir = fs::path(out).parent_path();
    if (dir.empty()) dir = ".";
    std::string pattern = (dir / ("." + fs::path(out).filename().string() + ".tmp-XXXXXX")).string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw UserError("无法在「" + dir.string() + "」中创建备份文件：文件夹不存在或无权写入");
    ::close(fd);
    TempFile temp(pattern);

    BackupResult result;
    {
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(temp.path().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
        std::unique_ptr<sqlite3, SqliteCloser> dest(raw);
        if (rc != SQLITE_OK) throw_sql_error(raw, rc, "open backup " + temp.path());

        // One read transaction across every step: the copy is one snapshot, and no other
        // connection's commit restarts it (in WAL mode a reader never blocks the writer).
        Transaction snapshot(src, Transaction::Kind::Read);
        src.prepare("SELECT count(*) FROM sqlite_schema").step();

        std::unique_ptr<sqlite3_backup, BackupFinisher> backup(sqlite3_backup_init(dest.get(), "main", src.raw(), "main"));
        if (!backup) throw_sql_error(dest.get(), sqlite3_errcode(dest.get()), "backup init");
        for (int busy = 0;;) {
            rc = sqlite3_backup_step(backup.get(), options.pages_per_step);
            ++result.steps;
            if (rc == SQLITE_DONE) break;
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                if (++busy > 2000) throw_file_problem(SQLITE_BUSY, source);
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                continue;
            }
            if (rc != SQLITE_OK) {
                backup.reset();
                throw_sql_error(dest.get(), rc, "backup step");
            }
            if (options.progress)
                options.progress(sqlite3_backup_remaining(backup.get()), sqlite3_backup_pagecount(backup.get()));
        }
        result.pages = sqlite3_backup_pagecount(backup.get());
        rc = sqlite3_backup_finish(backup.release());
        if (rc != SQLITE_OK) throw_sql_error(dest.get(), rc, "backup finish");
        snapshot.commit();
    }

    // The copy is checked as a file on its own before it may replace anything.
    auto check = check_file(temp.path());
    if (!check.ok())
        throw UserError("备份副本未通过完整性检查（" + (check.problems.empty() ? std::string("外键不一致") : check.problems.front()) +
                        "），未写入「" + out + "」；源数据库可能已损坏，请运行 dangjian check --db " + source);
    sync_path(temp.path(), O_RDONLY);
    std::error_code ec;
    fs::rename(temp.path(), out, ec);
    if (ec) throw UserError("无法把备份写到「" + out + "」：" + ec.message());
    temp.keep();
    sync_path(dir.string(), O_RDONLY | O_DIRECTORY);
    result.bytes = static_cast<std::int64_t>(fs::file_size(out, ec));
    return result;
}

}  // namespace dj::db
