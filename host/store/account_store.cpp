#include "store/account_store.hpp"

#include "store/audit_log.hpp"

namespace dj::store {

namespace {

constexpr const char* kStateSelect =
    "SELECT id, login, password_hash, must_change_password, disabled, locked FROM app_user ";

std::optional<AccountState> read_state(db::Statement& st) {
    if (!st.step()) return std::nullopt;
    return AccountState{st.int64(0), st.text(1), st.opt_text(2), st.int64(3) != 0, st.int64(4) != 0,
                        st.int64(5) != 0};
}

constexpr const char* kSessionSelect =
    "SELECT id, user_id, created_at, last_seen, expires_at, source FROM user_session ";

std::optional<SessionRow> read_session(db::Statement& st) {
    if (!st.step()) return std::nullopt;
    return SessionRow{st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4), st.text(5)};
}

const char* kind_id(FailureKind k) { return k == FailureKind::Account ? "account" : "source"; }

}  // namespace

std::optional<AccountState> AccountStore::by_login(std::string_view login) const {
    auto st = db_.prepare(std::string(kStateSelect) + "WHERE login = ?1");
    st.bind(1, login);
    return read_state(st);
}

std::optional<AccountState> AccountStore::by_id(std::int64_t user_id) const {
    auto st = db_.prepare(std::string(kStateSelect) + "WHERE id = ?1");
    st.bind(1, user_id);
    return read_state(st);
}

void AccountStore::set_password(std::int64_t user_id, std::string_view hash, bool must_change) const {
    db_.prepare("UPDATE app_user SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?")
        .bind_all(hash, must_change ? 1 : 0, utc_timestamp_now(), user_id)
        .run();
}

void AccountStore::set_disabled(std::int64_t user_id, bool disabled) const {
    db_.prepare("UPDATE app_user SET disabled = ? WHERE id = ?").bind_all(disabled ? 1 : 0, user_id).run();
}

void AccountStore::set_locked(std::int64_t user_id, bool locked) const {
    db_.prepare("UPDATE app_user SET locked = ? WHERE id = ?").bind_all(locked ? 1 : 0, user_id).run();
}

void AccountStore::set_profile(std::int64_t user_id, std::string_view display_name, Role role,
                               std::int64_t org_id) const {
    db_.prepare("UPDATE app_user SET display_name = ?, role = ?, org_id = ? WHERE id = ?")
        .bind_all(display_name, std::string(role_id(role)), org_id, user_id)
        .run();
}

std::int64_t AccountStore::open_session(std::int64_t user_id, std::string_view token_hash, std::int64_t now,
                                        std::int64_t expires_at, std::string_view source) const {
    db_.prepare(
           "INSERT INTO user_session(user_id, token_hash, created_at, last_seen, expires_at, source) "
           "VALUES (?,?,?,?,?,?)")
        .bind_all(user_id, token_hash, now, now, expires_at, source)
        .run();
    return db_.last_insert_rowid();
}

std::optional<SessionRow> AccountStore::session_by_hash(std::string_view token_hash) const {
    auto st = db_.prepare(std::string(kSessionSelect) + "WHERE token_hash = ?1");
    st.bind(1, token_hash);
    return read_session(st);
}

std::optional<SessionRow> AccountStore::session_by_id(std::int64_t id) const {
    auto st = db_.prepare(std::string(kSessionSelect) + "WHERE id = ?1");
    st.bind(1, id);
    return read_session(st);
}

void AccountStore::touch_session(std::int64_t id, std::int64_t now) const {
    db_.prepare("UPDATE user_session SET last_seen = ? WHERE id = ?").bind_all(now, id).run();
}

void AccountStore::end_session(std::int64_t id) const {
    db_.prepare("DELETE FROM user_session WHERE id = ?").bind_all(id).run();
}

int AccountStore::end_sessions(std::int64_t user_id, std::int64_t keep) const {
    db_.prepare("DELETE FROM user_session WHERE user_id = ? AND id <> ?").bind_all(user_id, keep).run();
    return db_.changes();
}

void AccountStore::prune_sessions(std::int64_t now, std::int64_t idle_seconds) const {
    db_.prepare("DELETE FROM user_session WHERE expires_at <= ?1 OR last_seen + ?2 <= ?1")
        .bind_all(now, idle_seconds)
        .run();
}

FailureCount AccountStore::failures(FailureKind kind, std::string_view key) const {
    auto st = db_.prepare("SELECT failures, last_failure FROM login_failure WHERE kind = ? AND key = ?");
    st.bind_all(kind_id(kind), key);
    if (!st.step()) return {};
    return FailureCount{st.int32(0), st.int64(1)};
}

int AccountStore::add_failure(FailureKind kind, std::string_view key, std::int64_t now) const {
    db_.prepare(
           "INSERT INTO login_failure(kind, key, failures, last_failure) VALUES (?1, ?2, 1, ?3) "
           "ON CONFLICT(kind, key) DO UPDATE SET failures = failures + 1, last_failure = ?3")
        .bind_all(kind_id(kind), key, now)
        .run();
    return failures(kind, key).failures;
}

void AccountStore::clear_failures(FailureKind kind, std::string_view key) const {
    db_.prepare("DELETE FROM login_failure WHERE kind = ? AND key = ?").bind_all(kind_id(kind), key).run();
}

}  // namespace dj::store
