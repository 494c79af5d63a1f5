#pragma once
// `audit verify --deep`: replays the audit log and compares each business row it speaks of
// (members, submissions, accounts) with the row as it is now, so an edit made to the tables
// behind the program's back — which leaves the log itself intact — is found too.
#include <string>
#include <vector>

#include "db/database.hpp"

namespace dj {

struct AuditReplay {
    std::vector<std::string> mismatches;  // each differing row, in Chinese, quoting short excerpts
    std::vector<std::string> notes;       // what could not be compared, and why
};

// Read-only; call inside a read transaction so the log and the tables are one snapshot.
AuditReplay audit_replay(const db::Connection& db);

}  // namespace dj
