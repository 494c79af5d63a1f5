#include "db/database.hpp"

#include <unistd.h>

#include <cctype>
#include <filesystem>

#include "core/errors.hpp"
#include "db/file_errors.hpp"

namespace dj::db {

namespace {
std::string file_of(sqlite3* db) {
    const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
    return name ? name : "";
}
}  // namespace

void throw_sql_error(sqlite3* db, int rc, std::string_view context) {
    // A damaged, read-only, locked or full file is the user's to fix, not a bug: say so.
    if (is_file_problem(rc)) throw_file_problem(rc, file_of(db));
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

namespace {

// The file, and the folder its -wal/-shm files live in, can be written by us.
bool writable(const std::string& path) {
    namespace fs = std::filesystem;
    if (::access(path.c_str(), W_OK) != 0) return false;
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    if (::access(dir.c_str(), W_OK) == 0) return true;
    // A read-only folder is fine when both side files already exist and are writable.
    return ::access((path + "-wal").c_str(), W_OK) == 0 && ::access((path + "-shm").c_str(), W_OK) == 0;
}

std::string uri_escape(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : path) {
        if (std::isalnum(ch) || ch == '/' || ch == '.' || ch == '-' || ch == '_' || ch == '~') {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

// A read-only URI. Without a -wal file nothing can be pending, and no one can write a file
// we may not write (short of changing its permissions), so it is opened immutable: SQLite
// then needs no -shm file, which a read-only folder could not hold.
std::string read_only_uri(const std::string& path) {
    std::error_code ec;
    auto wal = std::filesystem::file_size(path + "-wal", ec);
    bool pending = !ec && wal > 0;
    return "file:" + uri_escape(path) + (pending ? "?mode=ro" : "?mode=ro&immutable=1");
}

}  // namespace

Connection Connection::open_raw(const std::string& path, int flags, bool read_only) {
    // Memory statistics cost a global mutex on every allocation and we never read them.
    // Must precede SQLite's initialisation; later calls are refused harmlessly.
    static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)no_memstatus;
    sqlite3* raw = nullptr;
    std::string name = read_only ? read_only_uri(path) : path;
    int rc = sqlite3_open_v2(name.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_URI : 0), nullptr);
    Connection conn(raw, path);  // owns raw even when open failed
    conn.read_only_ = read_only;
    if (rc != SQLITE_OK) {
        if (is_file_problem(rc)) throw_file_problem(rc, path);
        throw_sql_error(raw, rc, "open " + path);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, Connection::kBusyTimeoutMs);
    return conn;
}

Connection Connection::open_read_only(const std::string& path) {
    return open_raw(path, SQLITE_OPEN_READONLY, true);
}

Connection Connection::open(const std::string& path, bool create) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!create) {
        if (!fs::exists(path, ec))
            throw UserError("无法打开数据库文件「" + path + "」：文件不存在或无权访问（可先运行 dangjian init --db " +
                            path + "）");
        // SQLite would happily turn an empty file into a new database on the first write.
        if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec)
            throw UserError("文件「" + path + "」是空文件，不是 dangjian 数据库；只有 dangjian init 或 dangjian demo 会新建数据库");
    }
    bool read_only = !create && !writable(path);
    Connection conn = read_only ? open_raw(path, SQLITE_OPEN_READONLY, true)
                                : open_raw(path, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), false);
    if (!create) {
        // The checks cheap enough for every open, all reads, before the first write below
        // (journal_mode rewrites the header): the header (SQLITE_NOTADB on the first read),
        // the schema (parsed whole by this query: a damaged schema page shows here) and our
        // schema version. A full scan (quick_check) waits for the first write: see Transaction.
        auto tables = conn.prepare("SELECT count(*) FROM sqlite_schema");
        tables.step();
        if (conn.user_version() == 0)
            throw UserError("文件「" + path + "」不是 dangjian 数据库" +
                            (tables.int64(0) > 0 ? std::string("（是其他程序的 SQLite 数据库）") : std::string()) +
                            "；只有 dangjian init 或 dangjian demo 会新建数据库");
    }
    conn.exec_script("PRAGMA foreign_keys = ON;");
    if (!read_only) {
        auto mode = conn.prepare("PRAGMA journal_mode = WAL");
        mode.step();
    }
    // FULL, not NORMAL: in WAL mode NORMAL syncs only at checkpoints, so a power cut can
    // lose the last transactions a user was told were saved. FULL syncs the WAL at every
    // commit (cost measured in docs/benchmarks.md, "sync" section).
    conn.exec_script("PRAGMA synchronous = FULL;");
    // Every service operation runs as a savepoint inside a batch's transaction: kept in
    // a file, each savepoint's journal cost a write per changed page (2.6 million writes
    // to make the demo county). Temp tables of the indicator engine are small.
    conn.exec_script("PRAGMA temp_store = MEMORY;");
    return conn;
}

void Connection::exec_script(const char* sql) const {
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if (is_file_problem(rc)) throw_file_problem(rc, path_);
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

void Connection::check_before_writing() const {
    if (write_checked_) return;
    std::string verdict;
    auto check = prepare("PRAGMA quick_check(1)");
    if (check.step()) verdict = check.text(0);
    if (verdict != "ok") throw DatabaseFileError(SQLITE_CORRUPT, damaged_message(path(), verdict));
    write_checked_ = true;
}

Transaction::Transaction(const Connection& db, Kind kind) : db_(db) {
    nested_ = sqlite3_get_autocommit(db_.raw()) == 0;
    if (nested_) {
        db_.exec_script("SAVEPOINT dj_nested");
        return;
    }
    if (kind == Kind::Write && db_.read_only()) throw_file_problem(SQLITE_READONLY, db_.path());
    db_.exec_script(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    if (kind == Kind::Write && !db_.write_checked_) {
        // Under the write lock, so the file checked is the file written. A constructor that
        // throws runs no destructor: roll back here.
        try {
            db_.check_before_writing();
        } catch (...) {
            sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
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
