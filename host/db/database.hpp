#pragma once
// A small RAII layer over SQLite: one owner per sqlite3* and sqlite3_stmt*, prepared
// statements only, and transactions that roll back unless committed.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dj::db {

// An unexpected SQLite failure (disk full, corruption, a bug in our SQL). Not the user's fault.
class SqlError : public std::runtime_error {
public:
    SqlError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
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
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

class Connection {
public:
    // Opens (creating if `create`) with WAL, foreign keys and a busy timeout.
    static Connection open(const std::string& path, bool create);

    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&&) noexcept = default;

    sqlite3* raw() const { return db_.get(); }
    const std::string& path() const { return path_; }
    Statement prepare(std::string_view sql) const { return Statement(db_.get(), sql); }
    // For trusted constant SQL only (schema migrations): several statements at once.
    void exec_script(const char* sql) const;
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
    int changes() const { return sqlite3_changes(db_.get()); }
    int user_version() const;
    void set_user_version(int v) const;

private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    std::unique_ptr<sqlite3, Closer> db_;
    std::string path_;
};

// BEGIN IMMEDIATE for writes takes the write lock up front, so a busy database makes us
// wait (busy timeout) instead of failing half-way through an operation. Inside another
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
