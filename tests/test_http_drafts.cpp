// Drafts over HTTP: the server, not the client, keeps a unit's unfinished drafts from the
// approvers and readers above it (list_submissions, submission). One server for the file.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http_support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

constexpr const char* kPassword = "Http-drafts-2021!";

struct Served {
    // The forms fixture on the served file: formtest.visit, filled by branches, approved by
    // the 部门 then the 机关工委.
    test::ServedCounty s{[](LocalService& served) {
        served.set_extra_plugin_dirs({std::string(DJ_TESTS_DIR) + "/forms_fixture"});
        served.set_plugin(served.actor("admin"), PluginSetting{"formtest", "GW", true, "{}", false});
    }};
    std::map<std::string, std::unique_ptr<remote::RemoteService>> clients;
    std::map<std::string, Actor> actors;  // as the server's session says

    remote::RemoteService& as(const std::string& login) {
        auto& c = clients[login];
        if (c) return *c;
        auto info = s.county.svc->reset_password(s.county.as("admin"), login);
        c = remote::connect(s.url);
        auto first = c->login({login, info.initial_password, ""});
        actors[login] = first.actor;
        if (first.actor.must_change_password) {
            c->change_password(first.actor, info.initial_password, kPassword);
            actors[login] = c->login({login, kPassword, ""}).actor;
        }
        return *c;
    }
    Actor actor(const std::string& login) {
        as(login);
        return actors.at(login);
    }
};

SubmissionInfo visit(Served& s, bool draft) {
    SubmitRequest r;
    r.form_id = "formtest.visit";
    r.unit_code = "D1-B1";
    r.period = "2021-06";
    r.values_json = json({{"member", 1}, {"occasion", "日常"}, {"date", "2021-06-10"}, {"amount", 500}}).dump();
    r.draft = draft;
    return s.as("filler1").submit(s.actor("filler1"), r);
}

}  // namespace

TEST_CASE("over HTTP an approver's list holds no one else's draft, and the draft itself is refused", "[http][drafts]") {
    Served s;
    {
        // Member 1 is the fixture's 生活困难 member the visit form asks for.
        auto admin = s.s.county.as("admin");
        auto m = s.s.county.svc->member(admin, 1, s.s.county.svc->today());
        s.s.county.svc->update_member(admin, 1, MemberInput{m.name, m.gender, m.birth_date, m.join_date, m.full_date,
                                                            m.status, m.branch_code, "", "", {"生活困难"}});
    }
    auto draft = visit(s, true);
    auto filed = visit(s, false);
    REQUIRE(draft.state == "draft");
    SubmissionFilter f;
    f.form_id = "formtest.visit";
    f.unit_code = "D1";
    for (const char* login : {"unit1", "gwadmin", "admin"}) {
        INFO(login);
        auto& c = s.as(login);
        auto listed = c.list_submissions(s.actor(login), f);
        REQUIRE(listed.size() == 1);
        CHECK(listed[0].id == filed.id);
        CHECK_THROWS_AS(c.submission(s.actor(login), draft.id), AccessDenied);
    }
    f.unit_code = "D1-B1";
    CHECK(s.as("filler1").list_submissions(s.actor("filler1"), f).size() == 2);
}
