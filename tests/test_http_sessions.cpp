// The HTTP API with real logins: the access matrix replayed over HTTP gives the answers a
// local file gives, the acting user is the session's whatever the client claims, uploads
// arrive whole, and the CLI's --server prints what --db prints. One server for the file.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <functional>

#include "api/routes.hpp"
#include "db/database.hpp"
#include "http_support.hpp"
#include "member_support.hpp"
#include "service/json_codec.hpp"

using namespace dj;
using nlohmann::json;

namespace {

constexpr const char* kPassword = "Http-test-2021!";

struct Served {
    test::ServedCounty s;
    std::map<std::string, std::unique_ptr<remote::RemoteService>> clients;

    // A client logged in as `login`, its one-time password already changed.
    remote::RemoteService& as(const std::string& login) {
        auto& c = clients[login];
        if (c) return *c;
        auto info = s.county.svc->reset_password(s.county.as("admin"), login);
        c = remote::connect(s.url);
        auto first = c->login({login, info.initial_password, ""});
        if (first.actor.must_change_password) {
            c->change_password(first.actor, info.initial_password, kPassword);
            c->login({login, kPassword, ""});
        }
        return *c;
    }
};

Served& served() {
    static Served s;
    return s;
}

// --- The access matrix, on either side --------------------------------------------------

struct Side {
    std::function<Service&(const std::string&)> service;
    std::function<Actor(const std::string&)> actor;
    LocalService& db;  // the side's file, for ids
    int counter = 0;
};

std::int64_t member_in(Side& side, const std::string& branch) { return test::member_in(side.db, branch); }
using test::person;

using Op = std::function<void(Side&, const std::string& login, const std::string& branch)>;

const std::vector<std::pair<const char*, Op>>& matrix_ops() {
    static const std::vector<std::pair<const char*, Op>> ops = {
        {"org_tree", [](Side& s, auto& l, auto&) { s.service(l).org_tree(s.actor(l), std::nullopt); }},
        {"org_node", [](Side& s, auto& l, auto& b) { s.service(l).org_node(s.actor(l), b, std::nullopt); }},
        {"org_history", [](Side& s, auto& l, auto& b) { s.service(l).org_history(s.actor(l), b); }},
        {"list_members",
         [](Side& s, auto& l, auto& b) {
             MemberFilter f;
             f.on = Date::from_ymd(2021, 6, 15);
             s.service(l).list_members(s.actor(l), b, f);
         }},
        {"member",
         [](Side& s, auto& l, auto& b) { s.service(l).member(s.actor(l), member_in(s, b), Date::from_ymd(2021, 6, 15)); }},
        {"add_member", [](Side& s, auto& l, auto& b) { s.service(l).add_member(s.actor(l), person(b, "新党员")); }},
        {"update_member",
         [](Side& s, auto& l, auto& b) {
             s.service(l).update_member(s.actor(l), member_in(s, b), person(b, "改名党员"));
         }},
        {"import_members",
         [](Side& s, auto& l, auto& b) {
             auto r = s.service(l).import_members(
                 s.actor(l), "姓名,性别,入党日期,转正日期,党员状态,所在支部\n导入党员,女,2001-01-01,2002-01-01,正式," + b + "\n");
             if (!r.problems.empty()) throw AccessDenied(r.problems.front().message);
         }},
        {"create_org",
         [](Side& s, auto& l, auto& b) {
             s.service(l).create_org(s.actor(l), NewOrg{"G" + std::to_string(++s.counter), "党小组", OrgType::Group, b, {},
                                                        Date::from_ymd(2021, 6, 15)});
         }},
        {"change_org",
         [](Side& s, auto& l, auto& b) {
             OrgChange ch;
             ch.attrs.has_discipline_member = true;
             ch.effective = Date::from_ymd(2021, 6, 15);
             s.service(l).change_org(s.actor(l), b, ch);
         }},
        {"list_users", [](Side& s, auto& l, auto&) { s.service(l).list_users(s.actor(l)); }},
        {"audit_log", [](Side& s, auto& l, auto&) { s.service(l).audit_log(s.actor(l), {}); }},
        {"audit_verify", [](Side& s, auto& l, auto&) { s.service(l).audit_verify(s.actor(l)); }},
        {"effective_plugins", [](Side& s, auto& l, auto& b) { s.service(l).effective_plugins(s.actor(l), b); }},
        {"remove_member",
         [](Side& s, auto& l, auto& b) {
             s.service(l).remove_member(s.actor(l), member_in(s, b), Date::from_ymd(2021, 6, 15), "转出");
         }},
    };
    return ops;
}

// What a call did, as a front-end would see it: fine, or which class with which message.
std::string outcome(const std::function<void()>& f) {
    try {
        f();
        return "ok";
    } catch (const AccessDenied& e) {
        return std::string("AccessDenied: ") + e.what();
    } catch (const NotFound& e) {
        return std::string("NotFound: ") + e.what();
    } catch (const NotAuthenticated& e) {
        return std::string("NotAuthenticated: ") + e.what();
    } catch (const UserError& e) {
        return std::string("UserError: ") + e.what();
    } catch (const std::exception& e) {
        return std::string("internal: ") + e.what();
    }
}

}  // namespace

TEST_CASE("the access matrix over HTTP gives the same answers as on a local file", "[http][access]") {
    auto& srv = served();
    test::SmallCounty local_county;
    Side local{[&](const std::string&) -> Service& { return *local_county.svc; },
               [&](const std::string& l) { return local_county.as(l); }, *local_county.svc};
    Side remote{[&](const std::string& l) -> Service& { return srv.as(l); },
                [&](const std::string& l) { return srv.as(l).session_actor(srv.as(l).token(), ""); },
                *srv.s.county.svc};
    const char* logins[] = {"admin", "leader", "reviewer", "discipline", "unit1", "filler1"};
    const char* branches[] = {"D1-B1", "D2-B1"};  // the branches with members
    std::size_t allowed = 0, refused = 0;
    for (const char* login : logins)
        for (const auto& [name, op] : matrix_ops())
            for (const char* branch : branches) {
                INFO(login << " " << name << " at " << branch);
                std::string here = outcome([&] { op(local, login, branch); });
                std::string there = outcome([&] { op(remote, login, branch); });
                CHECK(there == here);
                (here == "ok" ? allowed : refused) += 1;
            }
    CHECK(allowed > 20);  // the matrix says yes and no, both
    CHECK(refused > 20);
    CHECK(srv.s.county.member_count() == local_county.member_count());
}

TEST_CASE("the server acts as the session's user whatever actor the client sends", "[http][access]") {
    auto& srv = served();
    auto& filler = srv.as("filler1");
    Actor forged = srv.s.county.as("admin");
    const auto members = srv.s.county.member_count();
    CHECK_THROWS_AS(filler.add_member(forged, person("D2-B1", "冒名")), AccessDenied);
    CHECK_THROWS_AS(filler.create_user(forged, NewUser{"forged", "冒名", Role::Admin, "XW"}), AccessDenied);
    CHECK(srv.s.county.member_count() == members);
    Actor me = filler.session_actor(filler.token(), "");
    CHECK(me.login == "filler1");
    CHECK(me.role == Role::Filler);
    CHECK(srv.s.last_log().find(" filler1 GET /api/v1/session 200 ") != std::string::npos);
}

TEST_CASE("malformed JSON from a logged-in client is refused with 400 and writes nothing", "[http]") {
    auto& srv = served();
    auto& admin = srv.as("admin");
    const auto audits = srv.s.county.audit_count();
    const std::string auth = "Authorization: Bearer " + admin.token();
    auto a = test::raw_request(srv.s.url + "/api/v1/add_member", "POST", R"({"input": {"name": )",
                               {"Content-Type: application/json", auth});
    CHECK(a.status == 400);
    auto b = test::raw_request(srv.s.url + "/api/v1/add_member", "POST", R"({"input": {"name": 5}})",
                               {"Content-Type: application/json", auth});
    CHECK(b.status == 400);
    // The answer names the field at fault, inside the argument.
    CHECK(json::parse(b.body)["error"]["message"] == "参数「input.name」格式不正确");
    CHECK(json::parse(b.body)["error"]["field"] == "input.name");
    std::string deep = R"({"input":)" + std::string(80, '[') + std::string(80, ']') + "}";
    auto c = test::raw_request(srv.s.url + "/api/v1/add_member", "POST", deep, {"Content-Type: application/json", auth});
    CHECK(c.status == 400);
    CHECK(srv.s.county.audit_count() == audits);
}

TEST_CASE("an attachment uploads whole with its binary bytes intact", "[http]") {
    auto& srv = served();
    auto& filler = srv.as("filler1");
    std::string bytes;
    for (int i = 0; i < 70000; ++i) bytes.push_back(static_cast<char>(i * 7 % 256));  // NULs, broken UTF-8
    auto info = filler.add_attachment(Actor{}, "D1-B1", "照片.jpg", bytes);
    CHECK(info.size == bytes.size());
    CHECK(info.name == "照片.jpg");
    auto st = srv.s.county.svc->connection().prepare("SELECT data, uploaded_by FROM attachment WHERE id = ?");
    st.bind(1, info.id);
    REQUIRE(st.step());
    CHECK(st.text(0) == bytes);
    CHECK(st.text(1) == "filler1");
    // Outside the uploader's scope: refused, as locally.
    CHECK_THROWS_AS(filler.add_attachment(Actor{}, "D2-B1", "x.jpg", "abc"), AccessDenied);
    // The attachment route takes only its own type.
    auto wrong = test::raw_request(srv.s.url + "/api/v1/add_attachment", "POST", "abc",
                                   {"Content-Type: image/jpeg", "Authorization: Bearer " + filler.token()});
    CHECK(wrong.status == 415);
}

TEST_CASE("exports come back as the same file bytes", "[http]") {
    auto& srv = served();
    auto& admin = srv.as("admin");
    auto remote_bytes = admin.export_audit(Actor{}, AuditFilter{});
    CHECK(remote_bytes.rfind("PK", 0) == 0);  // an .xlsx is a zip
}

TEST_CASE("after logout the token is refused", "[http]") {
    auto& srv = served();
    srv.as("leader");  // gives the account its password (ctest runs each case in its own process)
    remote::RemoteService c({srv.s.url, "", ""});
    c.login({"leader", kPassword, ""});
    const std::string token = c.token();
    CHECK_NOTHROW(c.org_tree(Actor{}, std::nullopt));
    c.logout(token);
    remote::RemoteService again({srv.s.url, "", token});
    CHECK_THROWS_AS(again.org_tree(Actor{}, std::nullopt), NotAuthenticated);
}

TEST_CASE("a wrong password is refused as not authenticated in Chinese", "[http]") {
    auto& srv = served();
    srv.as("reviewer");
    remote::RemoteService c({srv.s.url, "", ""});
    try {
        c.login({"reviewer", "wrong-password-1", ""});
        FAIL("logged in with a wrong password");
    } catch (const NotAuthenticated& e) {
        CHECK(std::string(e.what()).size() > 0);
    } catch (const Throttled&) {
    }
}

TEST_CASE("the CLI with --server prints what it prints with --db", "[http][cli]") {
    auto& srv = served();
    srv.as("admin");
    test::TempDir config;
    setenv("XDG_CONFIG_HOME", config.path().c_str(), 1);
    const std::string pw = config.file("pw");
    test::write_text_file(pw, std::string(kPassword) + "\n");
    const std::string cli = DJ_CLI_PATH;
    int rc = std::system((cli + " login --server " + srv.s.url + " --user admin <" + pw + " >/dev/null 2>&1").c_str());
    CHECK(WEXITSTATUS(rc) == 0);
    struct stat st {};
    REQUIRE(::stat((config.path() / "dangjian" / "session.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);  // readable by the user alone

    for (const char* args : {"org tree", "members list --unit D1 --on 2021-06-15", "users list", "org show D1 --json"}) {
        INFO(args);
        auto local = test::run_cli(std::string(args) + " --db " + srv.s.county.db_path);
        auto remote = test::run_cli(std::string(args) + " --server " + srv.s.url);
        CHECK(remote.err == local.err);
        CHECK(remote.exit_code == local.exit_code);
        CHECK(remote.out == local.out);
    }
    auto as = test::run_cli("org tree --server " + srv.s.url + " --as leader");
    CHECK(as.exit_code == 2);
    CHECK(as.err.find("--as") != std::string::npos);

    auto out = test::run_cli("logout --server " + srv.s.url);
    CHECK(out.exit_code == 0);
    auto after = test::run_cli("org tree --server " + srv.s.url);
    CHECK(after.exit_code == 2);
    CHECK(after.err.find("dangjian login") != std::string::npos);
    unsetenv("XDG_CONFIG_HOME");
}
