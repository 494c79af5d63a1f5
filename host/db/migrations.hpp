#pragma once
// Versioned schema with PRAGMA user_version (after qTox's dbupgrader): a fresh database gets
// every step, an older one is upgraded step by step, each step in its own transaction, and a
// database written by a newer program is refused rather than guessed at.
#include <functional>
#include <vector>

#include "db/database.hpp"

namespace dj::db {

struct Migration {
    int version;              // user_version after this step
    const char* description;  // English, for logs and tests
    std::function<void(const Connection&)> apply;
};

const std::vector<Migration>& migrations();
int latest_schema_version();

// Brings the database to `target` (default: latest). Throws DatabaseVersionError when the
// file is newer than this program understands.
void migrate(const Connection& db, int target = -1);

// A database with tables but no schema version of ours: someone else's SQLite file.
bool is_foreign(const Connection& db);

}  // namespace dj::db
