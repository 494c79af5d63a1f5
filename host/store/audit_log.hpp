#pragma once
// The append-only audit table, a keyed hash chain (db/audit_chain.hpp): each row's hash
// covers its id, the previous row's hash and its content, and is signed with a key kept
// outside the database; the head is anchored outside it too. Reading, appending and
// checking it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "store/records.hpp"

namespace dj {

// Appends one row inside the caller's transaction.
void audit_append(const db::Connection& db, std::string_view actor, std::string_view action,
                  std::string_view target, std::string_view before_json, std::string_view after_json);

// The chain, the signatures (when the key is at hand) and the anchors (the side file
// beside the key, and check.anchor). check.deep is the service's (audit_replay.hpp).
// Throws UserError for a malformed check.anchor or key file.
AuditVerdict audit_verify_chain(const db::Connection& db, const AuditCheck& check = {});
AuditHead audit_head(const db::Connection& db);
std::vector<AuditEntry> audit_read(const db::Connection& db, const AuditFilter& filter);

// UTC, millisecond precision: 2020-07-01T08:30:00.123Z
std::string utc_timestamp_now();

}  // namespace dj
