// Accounts: passwords (argon2id), one-time passwords, password rules, sessions ended by a
// password change, a reset or disabling, tokens kept only as digests, and the audit trail.
#include <catch2/catch.hpp>

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "core/errors.hpp"
#include "core/secrets.hpp"

using namespace dj;
using test::ClockedCounty;
using test::kPassword;

TEST_CASE("passwords are hashed with argon2id and only the right one verifies", "[accounts]") {
    auto hash = secrets::hash_password("为人民服务 2021");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("为人民服务") == std::string::npos);
    CHECK(secrets::verify_password(hash, "为人民服务 2021"));
    CHECK_FALSE(secrets::verify_password(hash, "为人民服务 2022"));
    CHECK_FALSE(secrets::verify_password("", ""));
    CHECK_FALSE(secrets::verify_password("not a hash", "x"));
    CHECK(secrets::hash_password("same") != secrets::hash_password("same"));  // salted
    CHECK_FALSE(secrets::needs_rehash(hash));
    // A hash made with other (here weaker) parameters is due for an upgrade.
    char weak[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str(weak, "x", 1, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) == 0);
    CHECK(secrets::needs_rehash(weak));
}

TEST_CASE("a login with a hash of weaker parameters upgrades it", "[accounts]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    char weak[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str(weak, kPassword.data(), kPassword.size(), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN) == 0);
    c.svc->connection().prepare("UPDATE app_user SET password_hash = ? WHERE login = 'filler1'").bind_all(weak).run();
    c.login("filler1", kPassword);
    auto st = c.svc->connection().prepare("SELECT password_hash FROM app_user WHERE login = 'filler1'");
    REQUIRE(st.step());
    CHECK(st.text(0) != weak);
    CHECK_FALSE(secrets::needs_rehash(st.text(0)));
    c.login("filler1", kPassword);  // and it still opens
}

TEST_CASE("one-time passwords are readable, long and different each time", "[accounts]") {
    auto a = secrets::one_time_password(), b = secrets::one_time_password();
    CHECK(a.size() >= 12);
    CHECK(a != b);
    CHECK(a.find_first_of("0O1lI") == std::string::npos);  // nothing to misread
}

TEST_CASE("a new account gets a one-time password that must be changed before anything else", "[accounts]") {
    ClockedCounty c;
    auto made = c.svc->create_user(c.as("admin"), NewUser{"newbie", "新同志", Role::Filler, "D1-B1"});
    REQUIRE(made.initial_password.size() >= 12);
    CHECK(made.must_change_password);
    // Stored only as a hash.
    CHECK(c.count("SELECT count(*) FROM app_user WHERE password_hash LIKE '$argon2id$%' AND login = 'newbie'") == 1);
    CHECK(c.count("SELECT count(*) FROM app_user WHERE instr(password_hash, '" + made.initial_password + "') > 0") == 0);

    auto s = c.login("newbie", made.initial_password);
    CHECK(s.actor.must_change_password);
    CHECK(s.actor.session_id != 0);
    const Actor& me = s.actor;
    // Every other operation is refused, whichever part of the service it belongs to.
    auto refused = [](auto&& op) {
        try {
            op();
            FAIL("allowed before the one-time password was changed");
        } catch (const AccessDenied& e) {
            CHECK_THAT(e.what(), Catch::Contains("修改初始密码"));
        }
    };
    refused([&] { c.svc->org_tree(me, std::nullopt); });
    refused([&] { c.svc->list_members(me, "D1-B1", {}); });
    refused([&] { c.svc->list_users(me); });
    refused([&] { c.svc->overview(me); });
    refused([&] { c.svc->list_forms(me, "D1-B1"); });
    refused([&] { c.svc->list_submissions(me, SubmissionFilter{"orglife.meeting", std::nullopt, "D1-B1", std::nullopt}); });
    refused([&] { c.svc->indicator_values(me, IndicatorQuery{"2021", "D1-B1", std::nullopt, true}); });
    refused([&] { c.svc->rectifications(me, RectificationFilter{"D1-B1", std::nullopt, std::nullopt, false}); });
    // Forging the flag away does not help: the service asks the database.
    Actor forged = me;
    forged.must_change_password = false;
    refused([&] { c.svc->org_tree(forged, std::nullopt); });

    // Changing it, in the same session, lifts the restriction.
    c.svc->change_password(me, made.initial_password, kPassword);
    CHECK_FALSE(c.svc->session_actor(s.token, "10.0.0.7").must_change_password);
    CHECK_NOTHROW(c.svc->org_tree(me, std::nullopt));
    CHECK_THROWS_AS(c.login("newbie", made.initial_password), NotAuthenticated);
    CHECK(c.login("newbie", kPassword).actor.must_change_password == false);
}

TEST_CASE("a session on a one-time password may still log out", "[accounts]") {
    ClockedCounty c;
    auto made = c.svc->create_user(c.as("admin"), NewUser{"newbie", "新同志", Role::Filler, "D1-B1"});
    auto s = c.login("newbie", made.initial_password);
    c.svc->logout(s.token);
    CHECK_THROWS_AS(c.svc->session_actor(s.token, "10.0.0.7"), NotAuthenticated);
    CHECK_NOTHROW(c.svc->logout(s.token));  // twice is no error
}

TEST_CASE("new passwords: at least 10 characters, not the login, old one must match", "[accounts]") {
    ClockedCounty c;
    c.svc->create_user(c.as("admin"), NewUser{"zhangsan01", "张三", Role::Filler, "D1-B1"});
    c.give_password("zhangsan01", kPassword);
    Actor me = c.as("zhangsan01");
    auto refused = [&](const std::string& old_pw, const std::string& new_pw, const char* says) {
        try {
            c.svc->change_password(me, old_pw, new_pw);
            FAIL("accepted " << new_pw);
        } catch (const UserError& e) {
            CHECK_THAT(e.what(), Catch::Contains(says));
        }
    };
    refused(kPassword, "123456789", "至少需要 10 个字符");
    refused(kPassword, "zhangsan01", "不能与登录名相同");
    refused(kPassword, "ZhangSan01", "不能与登录名相同");
    refused("wrong old password", "a much better one", "原密码不正确");
    refused(kPassword, kPassword, "不能与原密码相同");
    CHECK(c.login("zhangsan01", kPassword).token.size() == 64);  // nothing changed
    // Ten characters are ten 字 too, not ten bytes.
    c.svc->change_password(me, kPassword, "为人民服务为人民服务");
    CHECK_NOTHROW(c.login("zhangsan01", "为人民服务为人民服务"));
    c.svc->change_password(me, "为人民服务为人民服务", "0123456789");
    CHECK_NOTHROW(c.login("zhangsan01", "0123456789"));
}

TEST_CASE("in local mode the file's owner sets a first password without an old one", "[accounts]") {
    ClockedCounty c;
    // The administrator made by init has no password: it cannot log in to a server.
    CHECK_THROWS_AS(c.login("admin", ""), NotAuthenticated);
    c.svc->change_password(c.as("admin"), "", kPassword);  // --as admin, session 0
    CHECK_NOTHROW(c.login("admin", kPassword));
    // Once there is one, the old one is asked for, locally too.
    CHECK_THROWS_AS(c.svc->change_password(c.as("admin"), "", "another long one"), UserError);
}

TEST_CASE("a password change ends every other session of the account and keeps the current one", "[accounts]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    c.give_password("unit1", kPassword);
    auto here = c.login("filler1", kPassword, "10.0.0.7");
    auto there = c.login("filler1", kPassword, "10.0.0.8");
    auto other = c.login("unit1", kPassword);
    c.svc->change_password(here.actor, kPassword, "a brand new password");
    CHECK_NOTHROW(c.svc->session_actor(here.token, "10.0.0.7"));
    CHECK_NOTHROW(c.svc->org_tree(here.actor, std::nullopt));
    CHECK_THROWS_AS(c.svc->session_actor(there.token, "10.0.0.8"), NotAuthenticated);
    // An Actor already resolved from the ended session is refused too, not only its token.
    CHECK_THROWS_AS(c.svc->org_tree(there.actor, std::nullopt), NotAuthenticated);
    CHECK_NOTHROW(c.svc->session_actor(other.token, "10.0.0.7"));  // another account: untouched
}

TEST_CASE("a reset gives a new one-time password and ends the account's sessions", "[accounts]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    auto s = c.login("filler1", kPassword);
    auto reset = c.svc->reset_password(c.as("admin"), "filler1");
    CHECK(reset.must_change_password);
    CHECK(reset.initial_password.size() >= 12);
    CHECK_THROWS_AS(c.svc->session_actor(s.token, "10.0.0.7"), NotAuthenticated);
    CHECK_THROWS_AS(c.login("filler1", kPassword), NotAuthenticated);
    CHECK(c.login("filler1", reset.initial_password).actor.must_change_password);
}

TEST_CASE("a disabled account cannot log in or act, and its sessions end", "[accounts]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    auto s = c.login("filler1", kPassword);
    auto off = c.svc->set_user_enabled(c.as("admin"), "filler1", false);
    CHECK(off.disabled);
    CHECK_THROWS_AS(c.svc->session_actor(s.token, "10.0.0.7"), NotAuthenticated);
    CHECK(c.count("SELECT count(*) FROM user_session") == 0);
    try {
        c.login("filler1", kPassword);
        FAIL("a disabled account logged in");
    } catch (const NotAuthenticated& e) {
        CHECK_THAT(e.what(), Catch::Contains("已停用"));
    }
    // With a wrong password the answer is the same as for a login that does not exist.
    std::string wrong, unknown;
    try { c.login("filler1", "not the password"); } catch (const NotAuthenticated& e) { wrong = e.what(); }
    try { c.login("nobody", "not the password"); } catch (const NotAuthenticated& e) { unknown = e.what(); }
    CHECK(wrong == unknown);
    CHECK_FALSE(wrong.empty());
    // Locally (--as) the account cannot act either.
    CHECK_THROWS_AS(c.svc->org_tree(c.as("filler1"), std::nullopt), AccessDenied);
    CHECK_THROWS_AS(c.svc->set_user_enabled(c.as("admin"), "admin", false), UserError);  // not oneself

    CHECK_FALSE(c.svc->set_user_enabled(c.as("admin"), "filler1", true).disabled);
    CHECK_NOTHROW(c.login("filler1", kPassword));
}

TEST_CASE("session tokens are 256 random bits stored only as a digest", "[accounts]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    auto s = c.login("filler1", kPassword);
    REQUIRE(s.token.size() == 64);
    CHECK(s.token.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(s.token != c.login("filler1", kPassword).token);
    auto st = c.svc->connection().prepare(
        "SELECT user_id, token_hash, created_at, last_seen, expires_at, source FROM user_session WHERE id = ?");
    st.bind(1, s.actor.session_id);
    REQUIRE(st.step());
    CHECK(st.text(1) == secrets::token_digest(s.token));
    CHECK(st.text(1) != s.token);
    CHECK(st.text(5) == "10.0.0.7");
    CHECK(st.int64(4) - st.int64(2) == 12 * 3600);
    // Nowhere in the file (nor its write-ahead log) is the token itself.
    for (const char* suffix : {"", "-wal"}) {
        auto bytes = test::read_text_file(c.db_path + suffix);
        CHECK(bytes.find(s.token) == std::string::npos);
    }
    // A made-up or malformed token opens nothing.
    CHECK_THROWS_AS(c.svc->session_actor(secrets::new_token(), "10.0.0.7"), NotAuthenticated);
    CHECK_THROWS_AS(c.svc->session_actor("' OR 1=1 --", "10.0.0.7"), NotAuthenticated);
    CHECK_THROWS_AS(c.svc->session_actor(secrets::token_digest(s.token), "10.0.0.7"), NotAuthenticated);
}

TEST_CASE("account changes are audited with who, what and from where", "[accounts][audit]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    c.give_password("admin", kPassword);
    auto admin = c.login("admin", kPassword, "192.168.1.20");
    CHECK_THROWS_AS(c.login("filler1", "wrong password", "10.9.9.9"), NotAuthenticated);
    c.login("filler1", kPassword, "10.0.0.7");
    c.svc->set_user_enabled(admin.actor, "filler1", false);
    c.svc->set_user_enabled(admin.actor, "filler1", true);
    c.svc->unlock_user(admin.actor, "filler1");
    c.svc->reset_password(admin.actor, "filler1");
    UserChange move;
    move.role = Role::Reviewer;
    move.org_code = "D1";
    c.svc->change_user(admin.actor, "filler1", move);
    c.svc->change_password(admin.actor, kPassword, "the admin's new one");

    std::map<std::string, nlohmann::json> seen;  // action -> after
    std::map<std::string, std::string> actor_of;
    for (const auto& e : c.svc->audit_log(c.as("admin"), AuditFilter{std::string("user:*"), {}, {}, {}, 500})) {
        if (seen.count(e.action)) continue;  // newest first: keep the latest of each
        seen[e.action] = nlohmann::json::parse(e.after);
        actor_of[e.action] = e.actor;
    }
    CHECK(seen["user.login_failed"]["source"] == "10.9.9.9");
    CHECK(seen["user.login"]["source"] == "10.0.0.7");  // filler1's, the latest login
    CHECK(seen["user.disable"]["source"] == "192.168.1.20");
    CHECK(actor_of["user.disable"] == "admin");
    CHECK(seen["user.enable"]["source"] == "192.168.1.20");
    CHECK(seen["user.unlock"]["source"] == "192.168.1.20");
    CHECK(seen["user.password_reset"]["source"] == "192.168.1.20");
    CHECK(seen["user.change"]["role"] == "reviewer");
    CHECK(seen["user.change"]["org"] == "D1");
    CHECK(seen["user.password_change"]["source"] == "192.168.1.20");
    CHECK(seen["user.create"]["source"] == "local");  // made by --as on the file itself
    // Never a password, not even the one-time ones.
    for (const auto& e : c.svc->audit_log(c.as("admin"), AuditFilter{std::string("user:*"), {}, {}, {}, 500}))
        CHECK(e.after.find("password\":\"") == std::string::npos);
    CHECK(c.svc->audit_verify(c.as("admin")).intact);
}
