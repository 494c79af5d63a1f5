#pragma once
// The audit log's chain (issue 14). Each row carries
//   hash   = SHA-256 over its id, the previous row's hash and its content (length-prefixed),
//            which anyone can recompute: a changed, removed or renumbered row breaks it;
//   mac    = HMAC-SHA256 of that hash under the audit key (audit_key.hpp), which only the
//            key's holder can compute: a row changed and re-chained, or appended, by someone
//            who could edit the database but not read the key, fails it;
//   key_id = the fingerprint of the key that signed it.
// Removing the newest rows leaves a shorter chain that is still whole, so the head (row
// count and last hash) is anchored outside the database: after every committed write in a
// side file beside the key (anchors/), and on paper as the short digest `audit anchor`
// prints. Trust starts at migration 8, which re-chained and signed the rows written before.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/audit_key.hpp"
#include "db/database.hpp"

namespace dj::db {

extern const std::string kAuditGenesis;  // the "previous hash" of row 1: 64 zeros

std::string audit_row_hash(std::int64_t id, std::string_view prev, std::string_view at, std::string_view actor,
                           std::string_view action, std::string_view target, std::string_view before,
                           std::string_view after);

// Appends one signed row inside the caller's transaction and arranges for the database's
// anchor file to record the new head when that transaction commits.
void audit_chain_append(const Connection& db, std::string_view at, std::string_view actor, std::string_view action,
                        std::string_view target, std::string_view before, std::string_view after);

// Migration 8: recomputes every existing row's hash (now covering its id) and signs it,
// then appends an audit.rechain row saying so. Inside the migration's transaction.
void audit_rechain(const Connection& db);

// The highest id in each table whose rows the log speaks of one by one (member, submission,
// app_user), as a JSON object: recorded when rows are written in bulk without rows of
// their own in the log (the demo, migration 8), so `audit verify --deep` tells those rows
// from rows written behind the program's back later.
std::string audit_baseline_json(const Connection& db);

// The head an office writes down: "<rows>-<first 16 hex digits of the last hash>".
std::string audit_anchor_digest(std::int64_t rows, std::string_view head_hash);
struct AnchorDigest {
    std::int64_t rows = 0;
    std::string hash_prefix;
};
std::optional<AnchorDigest> parse_anchor_digest(std::string_view text);

// The head recorded beside the key for this database file after its last audited commit.
struct SideAnchor {
    std::int64_t rows = 0;
    std::string head;    // hash of row `rows`
    std::string first;   // hash of row 1: tells this database from another later made at the same path
    bool signature_ok = false;  // the anchor file's own MAC checked out with `key`
    std::string file;
};
std::optional<SideAnchor> read_side_anchor(const Connection& db, const AuditKey* key, const std::filesystem::path& key_path);

// While one of these exists (the server holds one), the anchor file is written after each
// commit by a thread of its own instead of by the committing thread: the server's one writer
// no longer waits for a file write and rename per batch, and batches committed while one
// anchor is being written are recorded once, by their newest head. The anchor stays at most
// behind the log, never ahead (it is still written only after the commit); reading it in
// this process (read_side_anchor) first waits for what is handed over, and the last one
// going away waits for it too.
class DeferredAnchorWrites {
public:
    DeferredAnchorWrites();
    ~DeferredAnchorWrites();
    DeferredAnchorWrites(const DeferredAnchorWrites&) = delete;
    DeferredAnchorWrites& operator=(const DeferredAnchorWrites&) = delete;
};

// Waits until every anchor handed over so far is on file.
void flush_anchor_writes();

// UTC, millisecond precision: 2020-07-01T08:30:00.123Z
std::string utc_now_text();

}  // namespace dj::db
