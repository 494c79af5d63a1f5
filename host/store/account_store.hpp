#pragma once
// The password and session side of accounts: app_user's password state, user_session and
// login_failure (schema v7). Plain SQL; the rules (who may, when to lock, how long a
// session lives) are the service's. Every write runs inside the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "model/roles.hpp"

namespace dj::store {

struct AccountState {
    std::int64_t user_id = 0;
    std::string login;
    std::optional<std::string> password_hash;  // argon2id; none for accounts never given one
    bool must_change_password = false;
    bool disabled = false;
    bool locked = false;
};

struct SessionRow {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::int64_t created_at = 0;  // seconds since the epoch, the service's clock
    std::int64_t last_seen = 0;
    std::int64_t expires_at = 0;
    std::string source;
};

struct FailureCount {
    int failures = 0;
    std::int64_t last_failure = 0;
};

enum class FailureKind { Account, Source };

class AccountStore {
public:
    explicit AccountStore(const db::Connection& db) : db_(db) {}

    std::optional<AccountState> by_login(std::string_view login) const;
    std::optional<AccountState> by_id(std::int64_t user_id) const;

    void set_password(std::int64_t user_id, std::string_view hash, bool must_change) const;
    void set_disabled(std::int64_t user_id, bool disabled) const;
    void set_locked(std::int64_t user_id, bool locked) const;
    void set_profile(std::int64_t user_id, std::string_view display_name, Role role, std::int64_t org_id) const;

    // --- Sessions ---
    std::int64_t open_session(std::int64_t user_id, std::string_view token_hash, std::int64_t now,
                              std::int64_t expires_at, std::string_view source) const;
    std::optional<SessionRow> session_by_hash(std::string_view token_hash) const;
    std::optional<SessionRow> session_by_id(std::int64_t id) const;
    void touch_session(std::int64_t id, std::int64_t now) const;
    void end_session(std::int64_t id) const;
    // Ends every session of the account except `keep` (0: all); returns how many ended.
    int end_sessions(std::int64_t user_id, std::int64_t keep = 0) const;
    // Removes sessions past their lifetime or idle longer than `idle_seconds`.
    void prune_sessions(std::int64_t now, std::int64_t idle_seconds) const;

    // --- Failed logins ---
    FailureCount failures(FailureKind kind, std::string_view key) const;
    // One more failure at `now`; returns the new count.
    int add_failure(FailureKind kind, std::string_view key, std::int64_t now) const;
    void clear_failures(FailureKind kind, std::string_view key) const;

private:
    const db::Connection& db_;
};

}  // namespace dj::store
