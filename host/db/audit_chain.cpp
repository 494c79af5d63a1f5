#include "db/audit_chain.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
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

// The database file's absolute path names its anchor; nullopt for an in-memory database.
std::optional<std::string> anchor_name(const Connection& db) {
    const std::string& p = db.path();
    if (p.empty() || p == ":memory:" || p.starts_with("file:")) return std::nullopt;
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return abs.string();
}

fs::path anchor_file(const fs::path& key_path, const std::string& db_name) {
    return key_path.parent_path() / "anchors" / (sha256_hex(db_name).substr(0, 24) + ".anchor");
}

std::string anchor_mac_input(const std::string& db_name, std::int64_t rows, std::string_view head, std::string_view first) {
    return framed({"anchor", db_name, std::to_string(rows), head, first});
}

struct Pending {
    fs::path file;
    std::string text;
};
std::mutex g_pending_mutex;
std::map<sqlite3*, Pending> g_pending;  // the head each connection's open transaction will commit

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
    if (p) {
        std::error_code ec;
        fs::create_directories(p->file.parent_path(), ec);
        fs::path tmp = p->file;
        tmp += ".tmp" + std::to_string(reinterpret_cast<std::uintptr_t>(raw));
        std::ofstream out(tmp, std::ios::trunc);
        out << p->text;
        out.close();
        // The anchor is a second line of defence: never fail the write over it.
        if (out) fs::rename(tmp, p->file, ec);
        else fs::remove(tmp, ec);
    }
    if (pages >= 1000) sqlite3_wal_checkpoint_v2(raw, db_name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void on_rollback(void* arg) {
    std::lock_guard lock(g_pending_mutex);
    g_pending.erase(static_cast<sqlite3*>(arg));
}

void anchor_at_commit(const Connection& db, const AuditKey& key, std::int64_t rows, const std::string& head) {
    auto name = anchor_name(db);
    if (!name) return;
    std::string first = head;
    if (rows > 1) {
        auto st = db.prepare("SELECT hash FROM audit_log WHERE id = 1");
        if (st.step()) first = st.text(0);
    }
    std::string text = "db=" + *name + "\nrows=" + std::to_string(rows) + "\nhead=" + head + "\nfirst=" + first +
                       "\nkey=" + key.id + "\nmac=" + audit_mac(key, anchor_mac_input(*name, rows, head, first)) + "\n";
    {
        std::lock_guard lock(g_pending_mutex);
        g_pending[db.raw()] = {anchor_file(key.path, *name), std::move(text)};
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
    auto name = anchor_name(db);
    if (!name) return std::nullopt;
    fs::path file = anchor_file(key_path, *name);
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
