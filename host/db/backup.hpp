#pragma once
// An online copy of a database file (`dangjian backup`) while others keep writing to it.
#include <cstdint>
#include <functional>
#include <string>

namespace dj::db {

struct BackupResult {
    std::int64_t pages = 0;
    std::int64_t bytes = 0;  // size of the finished copy
    int steps = 0;           // sqlite3_backup_step calls (the writer ran between them)
};

struct BackupOptions {
    int pages_per_step = 512;  // 2 MB at 4 KB pages: short steps, so our I/O comes in bursts
    // Called after each step with the pages still to copy and the total.
    std::function<void(int remaining, int total)> progress;
};

// Copies the dangjian database `source` to `out` with SQLite's backup API, as one
// consistent snapshot: the copy holds a read transaction on the source for its duration, which
// in WAL mode blocks no writer, so a running server keeps committing (the copy is the state at
// its start). The copy is written to a temporary file beside `out`, checked with
// integrity_check and foreign_key_check, synced, and only then renamed onto `out`: `out` is
// either the previous file or a complete, verified copy. Refuses (UserError) an `out` that is
// the source itself or one of its -wal/-shm files, an `out` that is open somewhere (it has a
// -wal file), and a source that is not a dangjian database.
BackupResult backup_database(const std::string& source, const std::string& out, const BackupOptions& options = {});

}  // namespace dj::db
