// Logins over time, with the service's clock moved by hand: growing delays per login name
// and per source address, the lock after repeated failures, idle and absolute expiry.
#include <catch2/catch.hpp>

#include "accounts_support.hpp"
#include "core/errors.hpp"

using namespace dj;
using test::ClockedCounty;
using test::kPassword;

namespace {

// The seconds a Throttled answer asks to wait, or -1 when the attempt was not throttled.
int throttled_for(ClockedCounty& c, const std::string& login, const std::string& password,
                  const std::string& source = "10.0.0.7") {
    try {
        c.login(login, password, source);
        return -1;
    } catch (const Throttled& e) {
        return e.retry_after();
    } catch (const NotAuthenticated&) {
        return -1;
    }
}

}  // namespace

TEST_CASE("failed logins of one account are slowed down with growing delays", "[accounts][throttle]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    // Three typos cost nothing.
    for (int i = 0; i < 3; ++i) CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
    // Then 1 s, 2 s, 4 s …: asked again at once, even the right password is not checked.
    CHECK(throttled_for(c, "filler1", kPassword) == 1);
    c.now += 1;
    CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
    CHECK(throttled_for(c, "filler1", "typo") == 2);
    c.now += 1;
    CHECK(throttled_for(c, "filler1", "typo") == 1);  // counted down, not restarted
    c.now += 1;
    CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
    CHECK(throttled_for(c, "filler1", "typo") == 4);
    // Another address does not escape the account's delay …
    CHECK(throttled_for(c, "filler1", "typo", "10.0.0.99") == 4);
    // … and another account is not slowed by it.
    c.give_password("unit1", kPassword);
    CHECK_NOTHROW(c.login("unit1", kPassword));
    // Waiting it out and getting it right clears the count.
    c.now += 4;
    CHECK_NOTHROW(c.login("filler1", kPassword));
    CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
    CHECK(throttled_for(c, "filler1", "typo") == -1);
}

TEST_CASE("a login name that does not exist is throttled exactly like one that does", "[accounts][throttle]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    for (int i = 0; i < 3; ++i) {
        CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
        CHECK_THROWS_AS(c.login("nosuchuser", "typo"), NotAuthenticated);
    }
    CHECK(throttled_for(c, "filler1", "typo") == 1);
    CHECK(throttled_for(c, "nosuchuser", "typo") == 1);
}

TEST_CASE("failed logins from one address are slowed down across accounts", "[accounts][throttle]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    c.svc->connection().prepare("INSERT INTO app_setting(key, value) VALUES ('login_source_delay_after', '5')").run();
    // Guessing one password for many accounts (each stays under its own limit).
    for (int i = 0; i < 5; ++i)
        CHECK_THROWS_AS(c.login("guess" + std::to_string(i), "123456", "203.0.113.5"), NotAuthenticated);
    CHECK(throttled_for(c, "filler1", kPassword, "203.0.113.5") == 1);
    CHECK_NOTHROW(c.login("filler1", kPassword, "10.0.0.7"));  // other addresses are not held up
    c.now += 1;
    CHECK_THROWS_AS(c.login("guess9", "123456", "203.0.113.5"), NotAuthenticated);
    CHECK(throttled_for(c, "filler1", kPassword, "203.0.113.5") == 2);
    // A successful login from the address does not clear it (one known account must not
    // give an attacker more guesses) …
    c.now += 2;
    CHECK_NOTHROW(c.login("filler1", kPassword, "203.0.113.5"));
    CHECK_THROWS_AS(c.login("guess10", "123456", "203.0.113.5"), NotAuthenticated);
    CHECK(throttled_for(c, "guess11", "123456", "203.0.113.5") == 4);
    // … an hour without failures does.
    c.now += 3600;
    CHECK_THROWS_AS(c.login("guess12", "123456", "203.0.113.5"), NotAuthenticated);
    CHECK(throttled_for(c, "guess13", "123456", "203.0.113.5") == -1);
}

TEST_CASE("an account locks after ten failed logins until an administrator unlocks it", "[accounts][throttle]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    for (int i = 0; i < 9; ++i) {
        c.now += 1000;  // past every delay
        CHECK_THROWS_AS(c.login("filler1", "guess" + std::to_string(i)), NotAuthenticated);
    }
    auto flags = [&] {
        for (const auto& u : c.svc->list_users(c.as("admin")))
            if (u.login == "filler1") return u;
        FAIL("filler1 missing");
        return UserInfo{};
    };
    CHECK_FALSE(flags().locked);
    c.now += 1000;
    CHECK_THROWS_AS(c.login("filler1", "guess9"), NotAuthenticated);  // the tenth: same answer
    CHECK(flags().locked);
    // Locked: the right password no longer opens it, however long one waits …
    c.now += 100000;
    try {
        c.login("filler1", kPassword);
        FAIL("a locked account logged in");
    } catch (const Throttled& e) {
        CHECK(e.retry_after() == 0);
        CHECK_THAT(e.what(), Catch::Contains("锁定"));
    }
    // … while a wrong one says only what it says for anyone.
    c.now += 1000;
    CHECK_THROWS_AS(c.login("filler1", "guess10"), NotAuthenticated);
    // The account itself cannot unlock it; the administrator can.
    CHECK_THROWS_AS(c.svc->unlock_user(c.as("filler1"), "filler1"), UserError);
    CHECK_FALSE(c.svc->unlock_user(c.as("admin"), "filler1").locked);
    CHECK_NOTHROW(c.login("filler1", kPassword));
    CHECK(c.count("SELECT count(*) FROM audit_log WHERE action = 'user.lock' AND target = 'user:filler1' "
                  "AND json_extract(after, '$.source') = '10.0.0.7'") == 1);
    CHECK(c.count("SELECT count(*) FROM audit_log WHERE action = 'user.unlock' AND target = 'user:filler1'") == 1);
    CHECK(c.count("SELECT count(*) FROM audit_log WHERE action = 'user.login_failed' AND target = 'user:filler1' "
                  "AND json_extract(after, '$.source') = '10.0.0.7'") == 11);
}

TEST_CASE("the lock threshold and delays come from the database's settings", "[accounts][throttle]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    c.svc->connection().prepare("INSERT INTO app_setting(key, value) VALUES ('login_lock_after', '2')").run();
    c.svc->connection().prepare("INSERT INTO app_setting(key, value) VALUES ('login_delay_after', '1')").run();
    CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
    CHECK(throttled_for(c, "filler1", "typo") == 1);
    c.now += 1;
    CHECK_THROWS_AS(c.login("filler1", "typo"), NotAuthenticated);
    c.now += 1000;
    CHECK(throttled_for(c, "filler1", kPassword) == 0);  // locked
}

TEST_CASE("a session ends after 30 idle minutes", "[accounts][sessions]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    auto s = c.login("filler1", kPassword);
    CHECK(s.idle_timeout_seconds == 1800);
    c.now += 1799;
    CHECK(c.svc->session_actor(s.token, "10.0.0.7").login == "filler1");  // used: the idle timer restarts
    c.now += 1799;
    CHECK(c.svc->session_actor(s.token, "10.0.0.7").session_id == s.actor.session_id);
    c.now += 1800;
    try {
        c.svc->session_actor(s.token, "10.0.0.7");
        FAIL("an idle session was still open");
    } catch (const NotAuthenticated& e) {
        CHECK_THAT(e.what(), Catch::Contains("长时间未操作"));
    }
    CHECK(c.count("SELECT count(*) FROM user_session") == 0);
    CHECK_THROWS_AS(c.svc->org_tree(s.actor, std::nullopt), NotAuthenticated);
}

TEST_CASE("a session ends 12 hours after login however busy", "[accounts][sessions]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    const auto start = c.now;
    auto s = c.login("filler1", kPassword);
    CHECK(s.expires_at == "2023-11-15T10:13:20Z");  // 1'700'000'000 + 12 h
    while (c.now + 1000 < start + 12 * 3600) {
        c.now += 1000;
        REQUIRE_NOTHROW(c.svc->session_actor(s.token, "10.0.0.7"));
    }
    c.now = start + 12 * 3600;
    try {
        c.svc->session_actor(s.token, "10.0.0.7");
        FAIL("a session outlived its lifetime");
    } catch (const NotAuthenticated& e) {
        CHECK_THAT(e.what(), Catch::Contains("最长有效时间"));
    }
}

TEST_CASE("session lifetimes come from the database's settings", "[accounts][sessions]") {
    ClockedCounty c;
    c.give_password("filler1", kPassword);
    c.svc->connection().prepare("INSERT INTO app_setting(key, value) VALUES ('session_idle_seconds', '300')").run();
    auto s = c.login("filler1", kPassword);
    CHECK(s.idle_timeout_seconds == 300);
    c.now += 300;
    CHECK_THROWS_AS(c.svc->session_actor(s.token, "10.0.0.7"), NotAuthenticated);
    // A nonsense value keeps the default rather than making sessions eternal.
    c.svc->connection().prepare("UPDATE app_setting SET value = '-5' WHERE key = 'session_idle_seconds'").run();
    CHECK(c.login("filler1", kPassword).idle_timeout_seconds == 1800);
}

TEST_CASE("accounts from before passwords existed cannot log in until reset", "[accounts][sessions]") {
    ClockedCounty c;
    // The init's administrator and SmallCounty's accounts made before v7 … here: no password at all.
    c.svc->connection().prepare("UPDATE app_user SET password_hash = NULL, must_change_password = 0").run();
    for (const char* pw : {"", "anything at all"}) CHECK_THROWS_AS(c.login("unit1", pw), NotAuthenticated);
    auto reset = c.svc->reset_password(c.as("admin"), "unit1");
    CHECK(c.login("unit1", reset.initial_password).actor.must_change_password);
}
