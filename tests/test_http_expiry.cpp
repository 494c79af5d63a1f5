// Sessions over HTTP with the server's clock in the test's hand: idle expiry, the absolute
// lifetime, and login throttling, each seen by the client as the same exception a local
// caller gets. Its own server: the clock is this file's.
#include <catch2/catch.hpp>

#include <atomic>

#include "http_support.hpp"

using namespace dj;

namespace {

constexpr const char* kPassword = "Expiry-test-2021!";
std::atomic<std::int64_t> now{1'700'000'000};

test::ServedCounty& served() {
    static test::ServedCounty s([](LocalService& svc) { svc.set_clock([] { return now.load(); }); });
    return s;
}

std::unique_ptr<remote::RemoteService> logged_in(const std::string& login) {
    auto& s = served();
    auto info = s.county.svc->reset_password(s.county.as("admin"), login);
    auto c = remote::connect(s.url);
    auto first = c->login({login, info.initial_password, ""});
    c->change_password(first.actor, info.initial_password, kPassword);
    c->login({login, kPassword, ""});
    return c;
}

}  // namespace

TEST_CASE("an idle session ends, and the client reads 401 as NotAuthenticated", "[http][sessions]") {
    auto c = logged_in("leader");
    auto info = c->login({"leader", kPassword, ""});
    REQUIRE(info.idle_timeout_seconds > 0);
    CHECK_NOTHROW(c->org_tree(Actor{}, std::nullopt));
    now += info.idle_timeout_seconds - 1;
    CHECK_NOTHROW(c->org_tree(Actor{}, std::nullopt));  // used: the idle timer starts again
    now += info.idle_timeout_seconds + 1;
    CHECK_THROWS_AS(c->org_tree(Actor{}, std::nullopt), NotAuthenticated);
}

TEST_CASE("repeated wrong passwords are throttled over HTTP with a retry delay", "[http][sessions]") {
    logged_in("reviewer");
    auto c = remote::connect(served().url);
    bool throttled = false;
    for (int i = 0; i < 12 && !throttled; ++i) {
        try {
            c->login({"reviewer", "not-the-password", ""});
            FAIL("a wrong password logged in");
        } catch (const Throttled& t) {
            throttled = true;
            CHECK(t.retry_after() >= 0);
        } catch (const NotAuthenticated&) {
        }
    }
    CHECK(throttled);
}

TEST_CASE("disabling an account ends its sessions over HTTP", "[http][sessions]") {
    auto c = logged_in("discipline");
    CHECK_NOTHROW(c->org_tree(Actor{}, std::nullopt));
    auto& s = served();
    s.county.svc->set_user_enabled(s.county.as("admin"), "discipline", false);
    CHECK_THROWS_AS(c->org_tree(Actor{}, std::nullopt), NotAuthenticated);
}
