// SessionPart: logins, throttling and sessions.
#include "service/local_sessions.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "service/account_policy.hpp"
#include "store/audit_log.hpp"

namespace dj {

using nlohmann::json;
using store::FailureKind;

namespace {

// The same words for an unknown login, a wrong password and an account without a password:
// the answer must not tell which logins exist.
constexpr const char* kBadLogin = "登录名或密码不正确";
constexpr const char* kSessionGone = "登录已失效，请重新登录";

// What the audit log and the failure table keep of a login name someone typed: a valid
// login as is, anything else (too long, odd characters) as a placeholder.
std::string login_key(std::string_view login) {
    if (login.empty() || login.size() > 64 ||
        login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string_view::npos)
        return "(invalid)";
    return std::string(login);
}

std::string source_key(std::string_view source) {
    if (source.empty()) return "unknown";
    std::string s(source.substr(0, 64));
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return s;
}

std::string iso_utc(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Seconds still to wait before the next attempt counted under `count`, 0 when none.
std::int64_t still_to_wait(const store::FailureCount& count, int delay_after, const AccountPolicy& policy,
                           std::int64_t now) {
    std::int64_t until = count.last_failure + throttle_delay(count.failures, delay_after, policy);
    return until > now ? until - now : 0;
}

}  // namespace

SessionInfo SessionPart::login(const LoginRequest& request) {
    const AccountPolicy policy = read_account_policy(ctx_.settings);
    const std::int64_t now = ctx_.now();
    const std::string login = login_key(request.login);
    const std::string source = source_key(request.source);

    // Throttled first, before the password is even looked at: a guess made too early is not
    // checked, counted or logged (so a flood of them cannot fill the audit log either).
    auto by_account = ctx_.accounts.failures(FailureKind::Account, login);
    auto by_source = ctx_.accounts.failures(FailureKind::Source, source);
    if (by_source.failures > 0 && now - by_source.last_failure >= policy.source_forget_seconds) by_source = {};
    std::int64_t wait = std::max(still_to_wait(by_account, policy.account_delay_after, policy, now),
                                 still_to_wait(by_source, policy.source_delay_after, policy, now));
    if (wait > 0)
        throw Throttled("登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试", static_cast<int>(wait));

    auto state = ctx_.accounts.by_login(login);
    bool ok = false;
    if (state && state->password_hash)
        ok = secrets::verify_password(*state->password_hash, request.password);
    else
        secrets::verify_against_nothing(request.password);

    db::Transaction tx(ctx_.db);
    if (!ok) {
        if (now - by_source.last_failure >= policy.source_forget_seconds)
            ctx_.accounts.clear_failures(FailureKind::Source, source);
        int failures = ctx_.accounts.add_failure(FailureKind::Account, login, now);
        ctx_.accounts.add_failure(FailureKind::Source, source, now);
        audit_append(ctx_.db, "anonymous", "user.login_failed", "user:" + login, "",
                     json{{"source", source}, {"failures", failures}}.dump());
        if (state && !state->locked && failures >= policy.lock_after) {
            ctx_.accounts.set_locked(state->user_id, true);
            audit_append(ctx_.db, "system", "user.lock", "user:" + login, "",
                         json{{"source", source}, {"failures", failures}}.dump());
        }
        // Committed before answering: the failure must count even though the call fails.
        tx.commit();
        throw NotAuthenticated(kBadLogin);
    }
    // The password was right: only now may the answer say what else is wrong.
    if (state->locked || state->disabled) {
        const char* reason = state->locked ? "locked" : "disabled";
        audit_append(ctx_.db, login, "user.login_refused", "user:" + login, "",
                     json{{"source", source}, {"reason", reason}}.dump());
        tx.commit();
        if (state->locked) throw Throttled("账号因多次登录失败已被锁定，请联系管理员解锁", 0);
        throw NotAuthenticated("账号已停用，请联系管理员");
    }
    ctx_.accounts.clear_failures(FailureKind::Account, login);
    // Hashes made with weaker parameters than today's are upgraded while the password is at hand.
    if (secrets::needs_rehash(*state->password_hash))
        ctx_.accounts.set_password(state->user_id, secrets::hash_password(request.password),
                                   state->must_change_password);
    ctx_.accounts.prune_sessions(now, policy.idle_seconds);
    std::string token = secrets::new_token();
    std::int64_t expires = now + policy.lifetime_seconds;
    auto session_id = ctx_.accounts.open_session(state->user_id, secrets::token_digest(token), now, expires, source);
    audit_append(ctx_.db, login, "user.login", "user:" + login, "",
                 json{{"source", source}, {"session", session_id},
                      {"must_change_password", state->must_change_password}}.dump());
    tx.commit();

    SessionInfo info;
    info.token = token;
    info.actor = *ctx_.users.by_id(state->user_id);
    info.actor.session_id = session_id;
    info.actor.must_change_password = state->must_change_password;
    info.expires_at = iso_utc(expires);
    info.idle_timeout_seconds = static_cast<int>(policy.idle_seconds);
    return info;
}

Actor SessionPart::session_actor(std::string_view token, std::string_view /*source*/) {
    // The session is not bound to the address it logged in from: office PCs change address
    // (DHCP) during a day. The login's source is what the audit log names.
    const std::string digest = secrets::token_digest(token);
    if (digest.empty()) throw NotAuthenticated(kSessionGone);
    auto session = ctx_.accounts.session_by_hash(digest);
    if (!session) throw NotAuthenticated(kSessionGone);
    const AccountPolicy policy = read_account_policy(ctx_.settings);
    const std::int64_t now = ctx_.now();
    auto state = ctx_.accounts.by_id(session->user_id);
    const char* ended = nullptr;
    if (now >= session->expires_at)
        ended = "登录已超过最长有效时间，请重新登录";
    else if (now - session->last_seen >= policy.idle_seconds)
        ended = "长时间未操作，登录已失效，请重新登录";
    else if (!state || state->disabled)
        ended = "账号已停用，请联系管理员";
    if (ended) {
        db::Transaction tx(ctx_.db);
        ctx_.accounts.end_session(session->id);
        tx.commit();
        throw NotAuthenticated(ended);
    }
    if (now - session->last_seen >= policy.touch_every_seconds) {
        db::Transaction tx(ctx_.db);
        ctx_.accounts.touch_session(session->id, now);
        tx.commit();
    }
    Actor actor = *ctx_.users.by_id(session->user_id);
    actor.session_id = session->id;
    actor.must_change_password = state->must_change_password;
    return actor;
}

void SessionPart::logout(std::string_view token) {
    const std::string digest = secrets::token_digest(token);
    if (digest.empty()) return;
    auto session = ctx_.accounts.session_by_hash(digest);
    if (!session) return;  // already ended: logging out twice is not an error
    auto actor = ctx_.users.by_id(session->user_id);
    db::Transaction tx(ctx_.db);
    ctx_.accounts.end_session(session->id);
    std::string login = actor ? actor->login : "unknown";
    audit_append(ctx_.db, login, "user.logout", "user:" + login, "",
                 json{{"source", session->source}, {"session", session->id}}.dump());
    tx.commit();
}

}  // namespace dj
