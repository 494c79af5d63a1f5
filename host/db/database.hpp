#pragma once
// A small RAII layer over SQLite: one owner per sqlite3* and sqlite3_stmt*, prepared
// statements only, and transactions that roll back unless committed.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dj::db {

// An unexpected SQLite failure (disk full, corruption, a bug in our SQL). Not the user's fault.
class SqlError : public std::runtime_error {
public:
    SqlError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

// Idle prepared statements of one connection, by their SQL. Parsing a statement costs far
// more than running a small one (a submission runs dozens of one-row lookups), so a
// statement that is finished with is reset and kept for the next prepare of the same text.
class StatementCache {
public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache() { close(); }

    // An idle statement for `sql`, now in use, or nullptr.
    sqlite3_stmt* take(const std::string& sql);
    // Keeps a statement for reuse (reset, bindings cleared), or finalizes it when the
    // connection is gone or the cache is full (SQL built at run time rarely repeats).
    void give_back(const std::string& sql, sqlite3_stmt* stmt);
    // Finalizes every idle statement; later give_backs finalize.
    void close();

private:
    static constexpr std::size_t kMaxIdle = 256;
    std::mutex mutex_;
    bool closed_ = false;
    std::unordered_multimap<std::string, sqlite3_stmt*> idle_;
};

class Statement {
public:
    // Prepares `sql`, reusing an idle statement from `cache` when there is one.
    Statement(sqlite3* db, std::string_view sql, std::shared_ptr<StatementCache> cache = nullptr);
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;

    // Binding is 1-based like SQLite's; each returns *this so calls chain.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::nullptr_t);
    Statement& bind_blob(int index, std::string_view bytes);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        if (value) return bind(index, *value);
        return bind(index, nullptr);
    }
    // Binds every argument in order, starting at 1.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    // Advances; true while a row is available.
    bool step();
    // Runs a statement that returns no rows (or ignores them).
    void run();
    // Ready for new bindings.
    void reset();

    bool is_null(int col) const;
    std::int64_t int64(int col) const;
    int int32(int col) const { return static_cast<int>(int64(col)); }
    double real(int col) const;
    std::string text(int col) const;
    std::optional<std::string> opt_text(int col) const;
    std::optional<std::int64_t> opt_int64(int col) const;
    std::optional<int> opt_int(int col) const;

private:
    // Back to the cache when there is one, else finalized.
    struct Release {
        std::shared_ptr<StatementCache> cache;
        std::string sql;
        void operator()(sqlite3_stmt* s) const {
            if (cache)
                cache->give_back(sql, s);
            else
                sqlite3_finalize(s);
        }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Release> stmt_;
};

class Connection {
public:
    // How long a statement waits for another connection's lock before failing with BUSY.
    static constexpr int kBusyTimeoutMs = 10000;
    // Opens (creating if `create`) with WAL, foreign keys and a busy timeout. Without
    // `create` only an existing dangjian database opens: an empty file, a file that is not
    // SQLite, or SQLite without our schema version is refused before anything is written to
    // it. A file (or folder) we may not write opens read-only: reads work, writes are refused.
    static Connection open(const std::string& path, bool create);
    // Opens read-only without any check beyond SQLite's own, for `dangjian check`.
    static Connection open_read_only(const std::string& path);

    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&&) noexcept = default;

    sqlite3* raw() const { return db_.get(); }
    const std::string& path() const { return path_; }
    Statement prepare(std::string_view sql) const { return Statement(db_.get(), sql, cache_.get()); }
    // For trusted constant SQL only (schema migrations): several statements at once.
    void exec_script(const char* sql) const;
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
    int changes() const { return sqlite3_changes(db_.get()); }
    int user_version() const;
    void set_user_version(int v) const;
    bool read_only() const { return read_only_; }
    // PRAGMA quick_check once per connection before its first write, in a read transaction
    // of its own. A write transaction does it under the write lock when not done yet (about
    // 0.5 s for a 200 MB file); a connection that writes only when the lock is free right now
    // (a server's reader storing what it computed) calls this first, so it never holds the
    // lock that long. Throws DatabaseFileError naming the damage when the file fails it.
    void check_before_writing() const;

private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    // Finalizes the idle statements before the connection closes (declared after db_, so
    // destroyed first); statements still in use finalize themselves when they go.
    struct CacheOwner {
        std::shared_ptr<StatementCache> cache = std::make_shared<StatementCache>();
        CacheOwner() = default;
        CacheOwner(CacheOwner&&) noexcept = default;
        CacheOwner& operator=(CacheOwner&& o) noexcept {
            if (cache) cache->close();
            cache = std::move(o.cache);
            return *this;
        }
        ~CacheOwner() {
            if (cache) cache->close();
        }
        const std::shared_ptr<StatementCache>& get() const { return cache; }
    };
    Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    static Connection open_raw(const std::string& path, int flags, bool read_only);
    friend class Transaction;
    std::unique_ptr<sqlite3, Closer> db_;
    std::string path_;
    CacheOwner cache_;
    bool read_only_ = false;
    // Set once the file passed PRAGMA quick_check inside this connection's first write
    // transaction: no write lands in a file that fails it (see Transaction).
    mutable bool write_checked_ = false;
};

// BEGIN IMMEDIATE for writes takes the write lock up front, so a busy database makes us
// wait (busy timeout) instead of failing half-way through an operation. A connection's first
// write transaction runs PRAGMA quick_check under that lock and refuses to write into a file
// that fails it (about 0.5 s for a 200 MB file, paid once per process, not per read). Inside another
// transaction it becomes a savepoint, so an operation can be part of a larger batch and
// still roll back alone.
class Transaction {
public:
    enum class Kind { Read, Write };
    explicit Transaction(const Connection& db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    const Connection& db_;
    bool open_ = true;
    bool nested_ = false;
};

[[noreturn]] void throw_sql_error(sqlite3* db, int rc, std::string_view context);

}  // namespace dj::db
