#include "db/database.hpp"

#include "core/errors.hpp"

namespace dj::db {

void throw_sql_error(sqlite3* db, int rc, std::string_view context) {
    std::string msg(context);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqlError(rc, msg);
}

// --- StatementCache ----------------------------------------------------------

sqlite3_stmt* StatementCache::take(const std::string& sql) {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(sql);
    if (it == idle_.end()) return nullptr;
    sqlite3_stmt* s = it->second;
    idle_.erase(it);
    return s;
}

void StatementCache::give_back(const std::string& sql, sqlite3_stmt* stmt) {
    // Reset before anything else: a statement left mid-way holds a read snapshot.
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    std::lock_guard lock(mutex_);
    if (closed_ || idle_.size() >= kMaxIdle) {
        sqlite3_finalize(stmt);
        return;
    }
    idle_.emplace(sql, stmt);
}

void StatementCache::close() {
    std::lock_guard lock(mutex_);
    for (auto& [sql, s] : idle_) sqlite3_finalize(s);
    idle_.clear();
    closed_ = true;
}

// --- Statement ---------------------------------------------------------------

Statement::Statement(sqlite3* db, std::string_view sql, std::shared_ptr<StatementCache> cache) : db_(db) {
    std::string key(sql);
    sqlite3_stmt* raw = cache ? cache->take(key) : nullptr;
    if (!raw) {
        int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), cache ? SQLITE_PREPARE_PERSISTENT : 0,
                                    &raw, nullptr);
        if (rc != SQLITE_OK) throw_sql_error(db, rc, "prepare " + std::string(sql.substr(0, 80)));
    }
    stmt_ = std::unique_ptr<sqlite3_stmt, Release>(raw, Release{std::move(cache), std::move(key)});
}

static void check_bind(sqlite3* db, int rc) {
    if (rc != SQLITE_OK) throw_sql_error(db, rc, "bind");
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(db_, sqlite3_bind_int64(stmt_.get(), index, value));
    return *this;
}
Statement& Statement::bind(int index, double value) {
    check_bind(db_, sqlite3_bind_double(stmt_.get(), index, value));
    return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
    check_bind(db_, sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                                        SQLITE_UTF8));
    return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
    check_bind(db_, sqlite3_bind_null(stmt_.get(), index));
    return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
    check_bind(db_, sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sql_error(db_, rc, std::string("step ") + sqlite3_sql(stmt_.get()));
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
    if (!p) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}
std::optional<std::string> Statement::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}
std::optional<std::int64_t> Statement::opt_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}
std::optional<int> Statement::opt_int(int col) const {
    if (is_null(col)) return std::nullopt;
    return int32(col);
}

// --- Connection --------------------------------------------------------------

Connection Connection::open(const std::string& path, bool create) {
    // Memory statistics cost a global mutex on every allocation and we never read them.
    // Must precede SQLite's initialisation; later calls are refused harmlessly.
    static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)no_memstatus;
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Connection conn(raw, path);  // owns raw even when open failed
    if (rc != SQLITE_OK) {
        if (!create && (rc == SQLITE_CANTOPEN)) {
            throw UserError("无法打开数据库文件「" + path + "」：文件不存在或无权访问（可先运行 dangjian init --db " +
                            path + "）");
        }
        throw_sql_error(raw, rc, "open " + path);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 10000);
    // A file that is not a database fails here, on the first read, with SQLITE_NOTADB.
    try {
        conn.exec_script("PRAGMA foreign_keys = ON;");
        auto mode = conn.prepare("PRAGMA journal_mode = WAL");
        mode.step();
        conn.exec_script("PRAGMA synchronous = NORMAL;");
        // Every service operation runs as a savepoint inside a batch's transaction: kept in
        // a file, each savepoint's journal cost a write per changed page (2.6 million writes
        // to make the demo county). Temp tables of the indicator engine are small.
        conn.exec_script("PRAGMA temp_store = MEMORY;");
    } catch (const SqlError& e) {
        if ((e.code() & 0xff) == SQLITE_NOTADB)
            throw UserError("文件「" + path + "」不是 dangjian 数据库（SQLite 无法识别）");
        throw;
    }
    return conn;
}

void Connection::exec_script(const char* sql) const {
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqlError(rc, "exec: " + msg);
    }
}

int Connection::user_version() const {
    auto st = prepare("PRAGMA user_version");
    st.step();
    return st.int32(0);
}

void Connection::set_user_version(int v) const {
    // PRAGMA takes no bound parameters; v is an integer we produced, never user text.
    exec_script(("PRAGMA user_version = " + std::to_string(v)).c_str());
}

// --- Transaction -------------------------------------------------------------

Transaction::Transaction(const Connection& db, Kind kind) : db_(db) {
    nested_ = sqlite3_get_autocommit(db_.raw()) == 0;
    if (nested_) db_.exec_script("SAVEPOINT dj_nested");
    else db_.exec_script(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!open_) return;
    if (nested_) {
        sqlite3_exec(db_.raw(), "ROLLBACK TO dj_nested", nullptr, nullptr, nullptr);
        sqlite3_exec(db_.raw(), "RELEASE dj_nested", nullptr, nullptr, nullptr);
    } else {
        sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec_script(nested_ ? "RELEASE dj_nested" : "COMMIT");
    open_ = false;
}

}  // namespace dj::db
