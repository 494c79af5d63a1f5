#pragma once
// The audit key: 32 random bytes kept OUTSIDE the database, with which every audit row's
// hash is signed (HMAC-SHA256). Whoever can only edit the database file cannot sign a row,
// so a changed, forged or re-chained row is detected by anyone holding the key.
//
// Where it lives (first that applies):
//   1. set_audit_key_path() — the server sets it from its configuration;
//   2. $DANGJIAN_AUDIT_KEY — the CLI and the desktop app;
//   3. $XDG_CONFIG_HOME/dangjian/audit.key, else $HOME/.config/dangjian/audit.key.
// The file is created on the first audited write (mode 0600, its folder 0700): 64 hex digits
// and a newline, so it can be printed and kept on paper or a USB stick. Beside it,
// anchors/ holds each database's last head (count and hash), see audit_chain.hpp.
#include <filesystem>
#include <optional>
#include <string>

namespace dj::db {

struct AuditKey {
    std::string bytes;  // 32 bytes
    std::string id;     // fingerprint, 16 hex digits: names the key in each row without revealing it
    std::filesystem::path path;
};

void set_audit_key_path(std::optional<std::filesystem::path> path);
std::filesystem::path audit_key_path();

// The key audited writes sign with: loaded, or created on first use. Throws UserError when
// the file exists but is not a key, or cannot be created (the message names the path).
const AuditKey& audit_key_for_writing();

// The key verification checks with: `path` (a copy brought from the server, say) or the
// configured one; nullopt when there is no such file (never creates one). Throws UserError
// for a file that is not a key.
std::optional<AuditKey> audit_key_for_reading(const std::optional<std::filesystem::path>& path = std::nullopt);

// HMAC-SHA256 of `data` under the key, as 64 hex digits.
std::string audit_mac(const AuditKey& key, std::string_view data);

}  // namespace dj::db
