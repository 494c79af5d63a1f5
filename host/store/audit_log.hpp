#pragma once
// The append-only, hash-chained audit table. Each row's hash covers its content and the
// previous row's hash, so editing or removing a row behind the program's back is detected.
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

AuditVerdict audit_verify_chain(const db::Connection& db);
std::vector<AuditEntry> audit_read(const db::Connection& db, const AuditFilter& filter);

// UTC, millisecond precision: 2020-07-01T08:30:00.123Z
std::string utc_timestamp_now();

}  // namespace dj
