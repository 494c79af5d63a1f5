#pragma once
// The full check of a database file (`dangjian check`): every page, index and constraint.
// Too slow for every open (it reads the whole file); see Connection::open for what is
// checked there and Transaction for the check made before a connection's first write.
#include <string>
#include <vector>

namespace dj::db {

struct CheckResult {
    std::vector<std::string> problems;  // SQLite's own wording, at most 100
    long long foreign_key_violations = 0;
    bool ok() const { return problems.empty() && foreign_key_violations == 0; }
};

// Opens `path` read-only (never writes to it) and runs PRAGMA integrity_check and
// foreign_key_check. A file SQLite cannot read at all counts as damaged; a file that is not
// a database (or is empty) throws UserError.
CheckResult check_file(const std::string& path);

}  // namespace dj::db
