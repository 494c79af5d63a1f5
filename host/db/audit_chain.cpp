#include "db/audit_chain.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/errors.hpp"

namespace dj::db {

namespace fs = std::filesystem;

const std::string kAuditGenesis(64, '0');

namespace {

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// Length-prefixed fields, so no choice of content can make two different rows hash alike.
std::string framed(std::initializer_list<std::string_view> parts) {
    std::string buf;
    for (std::string_view part : parts) {
        buf += std::to_string(part.size());
        buf += ':';
        buf += part;
    }
    return buf;
}

// --- The side anchor ------------------------------------------------------------------

// Where a database's anchor lives: its file's absolute path names it (the anchor says which
// database it speaks of), hashed into the file name under anchors/ beside the key.
struct AnchorPlace {
    std::string name;
    fs::path file;
};

// Resolved once per (database path, key path) and kept: every audited write asks, and
// canonicalising the path walks the file system (a stat per component), which was a tenth
// of the server's writer thread when done for every submission. nullopt for an in-memory
// database.
std::optional<AnchorPlace> anchor_place(const Connection& db, const fs::path& key_path) {
    const std::string& p = db.path();
    if (p.empty() || p == ":memory:" || p.starts_with("file:")) return std::nullopt;
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec);
    const std::string cache_key = abs.string() + '\n' + key_path.string();
    static std::mutex mutex;
    static std::map<std::string, AnchorPlace> known;
    {
        std::lock_guard lock(mutex);
        if (auto it = known.find(cache_key); it != known.end()) return it->second;
    }
    AnchorPlace place;
    place.name = fs::weakly_canonical(abs, ec).string();
    place.file = key_path.parent_path() / "anchors" / (sha256_hex(place.name).substr(0, 24) + ".anchor");
    std::lock_guard lock(mutex);
    return known.emplace(cache_key, std::move(place)).first->second;
}

std::string anchor_mac_input(const std::string& db_name, std::int64_t rows, std::string_view head, std::string_view first) {
    return framed({"anchor", db_name, std::to_string(rows), head, first});
}

// The head one connection's open transaction will commit, and where it goes.
struct Pending {
    fs::path file;
    std::string name;  // the database, as the anchor names it
    std::int64_t rows = 0;
    std::string head, first;
    const AuditKey* key = nullptr;  // audit_key_for_writing's, which lives as long as the process
    std::uintptr_t writer = 0;      // tells concurrent writers' temporary files apart
};
std::mutex g_pending_mutex;
std::map<sqlite3*, Pending> g_pending;  // by connection

void write_anchor_file(const Pending& p) {
    const std::string text = "db=" + p.name + "\nrows=" + std::to_string(p.rows) + "\nhead=" + p.head +
                             "\nfirst=" + p.first + "\nkey=" + p.key->id + "\nmac=" +
                             audit_mac(*p.key, anchor_mac_input(p.name, p.rows, p.head, p.first)) + "\n";
    std::error_code ec;
    fs::create_directories(p.file.parent_path(), ec);
    fs::path tmp = p.file;
    tmp += ".tmp" + std::to_string(p.writer);
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    out.close();
    // The anchor is a second line of defence: never fail the write over it.
    if (out) fs::rename(tmp, p.file, ec);
    else fs::remove(tmp, ec);
}

// Anchors handed over by committing threads while a DeferredAnchorWrites exists (the
// server): one thread writes them, the newest head of each file only. Never destroyed (nor
// is its thread, which waits for work for the rest of the process).
struct AnchorQueue {
    std::mutex mutex;
    std::condition_variable wake, drained;
    std::map<fs::path, Pending> waiting;  // by anchor file: the newest head only
    bool writing = false;
    int users = 0;  // live DeferredAnchorWrites
    bool started = false;

    void loop() {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return !waiting.empty(); });
            auto batch = std::move(waiting);
            waiting.clear();
            writing = true;
            lock.unlock();
            for (const auto& [file, p] : batch) write_anchor_file(p);
            lock.lock();
            writing = false;
            drained.notify_all();
        }
    }
    // false when no DeferredAnchorWrites exists: the caller writes the file itself.
    bool post(Pending p) {
        {
            std::lock_guard lock(mutex);
            if (users == 0) return false;
            auto [it, fresh] = waiting.try_emplace(p.file, p);
            // Two connections' hooks may arrive out of commit order; the anchor must not go
            // back to an older head of the same log (a head of another database at the same
            // path, a different first row, replaces it).
            if (!fresh && (it->second.first != p.first || it->second.rows <= p.rows)) it->second = std::move(p);
        }
        wake.notify_one();
        return true;
    }
    void flush() {
        std::unique_lock lock(mutex);
        drained.wait(lock, [&] { return waiting.empty() && !writing; });
    }
};

AnchorQueue& anchor_queue() {
    static auto* q = new AnchorQueue;
    return *q;
}

// Written once SQLite has committed: the WAL hook runs after the commit (the database is
// always in WAL mode for writing), so a crash or a failed commit leaves the anchor at most
// behind the log — reported as rows the anchor does not cover — never ahead of it, which
// would look like deleted rows. Setting a WAL hook replaces SQLite's automatic checkpoint,
// so this does what that did (every 1000 pages, SQLite's default).
int on_wal_commit(void*, sqlite3* raw, const char* db_name, int pages) {
    std::optional<Pending> p;
    {
        std::lock_guard lock(g_pending_mutex);
        if (auto it = g_pending.find(raw); it != g_pending.end()) {
            p = std::move(it->second);
            g_pending.erase(it);
        }
    }
    if (p && !anchor_queue().post(*p)) write_anchor_file(*p);
    if (pages >= 1000) sqlite3_wal_checkpoint_v2(raw, db_name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void on_rollback(void* arg) {
    std::lock_guard lock(g_pending_mutex);
    g_pending.erase(static_cast<sqlite3*>(arg));
}

// Only the head of the transaction's last audit row is kept: a batch of submissions writes
// its anchor once, when it commits; the file's text and MAC are made then, not per row.
void anchor_at_commit(const Connection& db, const AuditKey& key, std::int64_t rows, const std::string& head) {
    auto place = anchor_place(db, key.path);
    if (!place) return;
    std::string first = head;
    if (rows > 1) {
        auto st = db.prepare("SELECT hash FROM audit_log WHERE id = 1");
        if (st.step()) first = st.text(0);
    }
    {
        std::lock_guard lock(g_pending_mutex);
        g_pending[db.raw()] = {place->file, place->name, rows, head, std::move(first), &key,
                               reinterpret_cast<std::uintptr_t>(db.raw())};
    }
    sqlite3_wal_hook(db.raw(), on_wal_commit, nullptr);
    sqlite3_rollback_hook(db.raw(), on_rollback, db.raw());
}

}  // namespace

std::string utc_now_text() {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

std::string audit_row_hash(std::int64_t id, std::string_view prev, std::string_view at, std::string_view actor,
                           std::string_view action, std::string_view target, std::string_view before,
                           std::string_view after) {
    return sha256_hex(framed({std::to_string(id), prev, at, actor, action, target, before, after}));
}

void audit_chain_append(const Connection& db, std::string_view at, std::string_view actor, std::string_view action,
                        std::string_view target, std::string_view before, std::string_view after) {
    const AuditKey& key = audit_key_for_writing();
    std::string prev = kAuditGenesis;
    std::int64_t id = 1;
    auto last = db.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (last.step()) {
        id = last.int64(0) + 1;
        prev = last.text(1);
    }
    std::string hash = audit_row_hash(id, prev, at, actor, action, target, before, after);
    auto ins = db.prepare(
        "INSERT INTO audit_log(id, at, actor, action, target, before, after, prev_hash, hash, mac, key_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind_all(id, at, actor, action, target, before, after, prev, hash, audit_mac(key, hash), key.id);
    ins.run();
    anchor_at_commit(db, key, id, hash);
}

void audit_rechain(const Connection& db) {
    const AuditKey& key = audit_key_for_writing();
    std::int64_t rows = 0;
    {
        auto count = db.prepare("SELECT count(*) FROM audit_log");
        count.step();
        rows = count.int64(0);
    }
    if (rows == 0) return;  // a new database: nothing to vouch for
    // Ids become positions: the chain then proves no row was removed or renumbered.
    auto sel = db.prepare(
        "SELECT id, at, actor, action, target, coalesce(before,''), coalesce(after,'') FROM audit_log ORDER BY id");
    struct Row {
        std::int64_t old_id;
        std::string at, actor, action, target, before, after;
    };
    std::vector<Row> all;
    while (sel.step())
        all.push_back({sel.int64(0), sel.text(1), sel.text(2), sel.text(3), sel.text(4), sel.text(5), sel.text(6)});
    auto upd = db.prepare("UPDATE audit_log SET id = ?, prev_hash = ?, hash = ?, mac = ?, key_id = ? WHERE id = ?");
    std::string prev = kAuditGenesis;
    std::int64_t id = 0;
    for (const auto& r : all) {
        ++id;
        std::string hash = audit_row_hash(id, prev, r.at, r.actor, r.action, r.target, r.before, r.after);
        upd.bind_all(id, prev, hash, audit_mac(key, hash), key.id, r.old_id);
        upd.run();
        upd.reset();
        prev = hash;
    }
    audit_chain_append(db, utc_now_text(), "system", "audit.rechain", "audit", "",
                       "{\"rows\":" + std::to_string(rows) + ",\"key_id\":\"" + key.id +
                           "\",\"baseline\":" + audit_baseline_json(db) + "}");
}

std::string audit_baseline_json(const Connection& db) {
    std::string out = "{";
    for (const char* table : {"member", "submission", "app_user"}) {
        auto st = db.prepare(std::string("SELECT coalesce(max(id), 0) FROM ") + table);
        st.step();
        if (out.size() > 1) out += ',';
        out += "\"" + std::string(table) + "\":" + std::to_string(st.int64(0));
    }
    return out + "}";
}

std::string audit_anchor_digest(std::int64_t rows, std::string_view head_hash) {
    return std::to_string(rows) + "-" + std::string(head_hash.substr(0, 16));
}

std::optional<AnchorDigest> parse_anchor_digest(std::string_view text) {
    auto dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 12) return std::nullopt;
    AnchorDigest d;
    for (char c : text.substr(0, dash)) {
        if (c < '0' || c > '9') return std::nullopt;
        d.rows = d.rows * 10 + (c - '0');
    }
    std::string_view hex = text.substr(dash + 1);
    if (hex.size() < 8 || hex.size() > 64) return std::nullopt;
    for (char c : hex) {
        char l = static_cast<char>(c | 0x20);
        if (!((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) return std::nullopt;
        d.hash_prefix += l;
    }
    return d;
}

std::optional<SideAnchor> read_side_anchor(const Connection& db, const AuditKey* key, const fs::path& key_path) {
    auto place = anchor_place(db, key_path);
    if (!place) return std::nullopt;
    anchor_queue().flush();  // what this process committed is on file first
    const fs::path& file = place->file;
    const std::string* name = &place->name;
    std::ifstream in(file);
    if (!in) return std::nullopt;
    std::map<std::string, std::string> kv;
    for (std::string line; std::getline(in, line);)
        if (auto eq = line.find('='); eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
    SideAnchor a;
    a.file = file.string();
    try {
        a.rows = std::stoll(kv["rows"]);
    } catch (...) {
        a.rows = -1;  // unreadable: reported as a broken anchor
    }
    a.head = kv["head"];
    a.first = kv["first"];
    a.signature_ok = key && kv["db"] == *name &&
                     audit_mac(*key, anchor_mac_input(*name, a.rows, a.head, a.first)) == kv["mac"];
    return a;
}

}  // namespace dj::db

namespace dj::db {

DeferredAnchorWrites::DeferredAnchorWrites() {
    auto& q = anchor_queue();
    std::lock_guard lock(q.mutex);
    ++q.users;
    // Started once and left waiting: a thread stopped and started again as servers come and
    // go (tests start many) would race its successor for the queue.
    if (!q.started) {
        std::thread([&q] { q.loop(); }).detach();
        q.started = true;
    }
}

DeferredAnchorWrites::~DeferredAnchorWrites() {
    auto& q = anchor_queue();
    {
        std::lock_guard lock(q.mutex);
        --q.users;  // from now on (when it was the last) committing threads write their own
    }
    q.flush();  // and what was handed over is on file before the server is gone
}

void flush_anchor_writes() { anchor_queue().flush(); }

}  // namespace dj::db
