// 待办 (Service::todo) and 撤回 (Service::withdraw): who sees a record as waiting for them
// along the approval chain, a filler's returned records and what their unit still owes, and
// taking a submission back before anyone acted on it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "statement_counter.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

// The small county with the forms fixture on: formtest.visit is filled by branches monthly
// and approved by the 部门 then the 机关工委 (unit1, then gwadmin). Today is 2021-06-15.
struct TodoCounty : test::SmallCounty {
    TodoCounty() {
        test::use_forms_fixture(*svc);
    }
    SubmissionInfo visit(bool draft = false, std::optional<std::int64_t> id = std::nullopt) {
        SubmitRequest r;
        r.submission_id = id;
        r.form_id = "formtest.visit";
        r.unit_code = "D1-B1";
        r.period = "2021-06";
        r.values_json = json({{"member", 1}, {"occasion", "七一"}, {"date", "2021-06-10"}, {"amount", 500}}).dump();
        r.draft = draft;
        return svc->submit(as("filler1"), r);
    }
    std::vector<std::int64_t> to_approve(const char* login) { return ids(svc->todo(as(login)).to_approve); }
    static std::vector<std::int64_t> ids(const std::vector<SubmissionInfo>& v) {
        std::vector<std::int64_t> out;
        for (const auto& s : v) out.push_back(s.id);
        return out;
    }
};

using Ids = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("待审核 follows the approval chain: the department first, then the 机关工委", "[todo]") {
    TodoCounty c;
    auto s = c.visit();
    CHECK(c.to_approve("unit1") == Ids{s.id});
    // A 工委管理员 sees every step in scope: the department's step too (评议人 approve nothing).
    CHECK(c.to_approve("gwadmin") == Ids{s.id});
    CHECK(c.to_approve("reviewer").empty());
    CHECK(c.to_approve("admin") == Ids{s.id});  // the county's administrator is above both steps
    CHECK(c.svc->todo(c.as("filler1")).to_approve.empty());  // fillers approve nothing
    auto t = c.svc->todo(c.as("unit1"));
    CHECK(t.form_titles.at("formtest.visit") == "走访慰问记录");

    c.svc->approve(c.as("unit1"), s.id, "");
    CHECK(c.to_approve("unit1").empty());
    CHECK(c.to_approve("gwadmin") == Ids{s.id});
    c.svc->approve(c.as("gwadmin"), s.id, "");
    CHECK(c.to_approve("gwadmin").empty());
}

TEST_CASE("drafts are nobody's 待审核, and returned records wait for the filler who filed them", "[todo]") {
    TodoCounty c;
    auto draft = c.visit(true);
    REQUIRE(draft.state == "draft");
    CHECK(c.to_approve("unit1").empty());
    CHECK(c.to_approve("admin").empty());

    auto s = c.visit(false, draft.id);  // the draft submitted
    REQUIRE(s.id == draft.id);
    c.svc->return_submission(c.as("unit1"), s.id, "请补充慰问品");
    auto t = c.svc->todo(c.as("filler1"));
    CHECK(TodoCounty::ids(t.returned) == Ids{s.id});
    CHECK(t.withdrawable.empty());
    CHECK(c.to_approve("unit1").empty());
}

TEST_CASE("本期应报 lists what the filler's own unit still owes, until it is filed", "[todo]") {
    TodoCounty c;
    auto owed = [&] {
        std::vector<std::string> out;
        for (const auto& d : c.svc->todo(c.as("filler1")).due)
            if (d.form_id == "formtest.visit") out.push_back(d.period + (d.draft_id ? " draft" : ""));
        return out;
    };
    CHECK(owed() == std::vector<std::string>{"2021-06"});  // May closed on its deadline already
    auto draft = c.visit(true);
    CHECK(owed() == std::vector<std::string>{"2021-06 draft"});
    c.visit(false, draft.id);
    CHECK(owed().empty());
    // The department's own: its yearly report, not the branches' visits.
    std::vector<std::string> unit;
    for (const auto& d : c.svc->todo(c.as("unit1")).due) unit.push_back(d.form_id + " " + d.period + " " + d.unit_code);
    CHECK(unit == std::vector<std::string>{"formtest.report 2021 D1"});
}

TEST_CASE("a filler withdraws a submission before anyone acted on it, and only then", "[todo][withdraw]") {
    TodoCounty c;
    auto s = c.visit();
    CHECK(TodoCounty::ids(c.svc->todo(c.as("filler1")).withdrawable) == Ids{s.id});
    // Not someone else's.
    CHECK_THROWS_AS(c.svc->withdraw(c.as("unit1"), s.id), AccessDenied);
    auto audits = c.audit_count();
    auto back = c.svc->withdraw(c.as("filler1"), s.id);
    CHECK(back.state == "draft");
    CHECK(back.history.back().action == "withdraw");
    CHECK(c.audit_count() == audits + 1);
    CHECK(c.to_approve("unit1").empty());  // a draft again: no one's to approve
    // Submitted again, then approved once: no longer the filler's to take back.
    c.visit(false, s.id);
    c.svc->approve(c.as("unit1"), s.id, "");
    CHECK(c.svc->todo(c.as("filler1")).withdrawable.empty());
    CHECK_THROWS_WITH(c.svc->withdraw(c.as("filler1"), s.id), Catch::Contains("不能撤回"));
    CHECK(c.svc->submission(c.as("filler1"), s.id).state == "submitted");  // nothing changed by the refusal
    // A draft cannot be withdrawn.
    auto d = c.visit(true);
    CHECK_THROWS_WITH(c.svc->withdraw(c.as("filler1"), d.id), Catch::Contains("只有已报送、尚未审核的材料才能撤回"));
}

TEST_CASE("someone else's draft is listed to no approver or reader above it, only to its own unit", "[todo][drafts]") {
    TodoCounty c;
    auto draft = c.visit(true);
    auto filed = c.visit();
    SubmissionFilter f;
    f.form_id = "formtest.visit";
    f.unit_code = "D1";
    auto listed = [&](const char* login) { return TodoCounty::ids(c.svc->list_submissions(c.as(login), f)); };
    // The approvers and readers above the branch see what was filed, never the draft.
    for (const char* login : {"unit1", "gwadmin", "admin", "reviewer", "leader"}) {
        INFO(login);
        CHECK(listed(login) == Ids{filed.id});
        CHECK_THROWS_AS(c.svc->submission(c.as(login), draft.id), AccessDenied);
    }
    // Its author sees it, and so does another filler of the same branch (the unit's draft).
    f.unit_code = "D1-B1";
    CHECK(listed("filler1") == (Ids{draft.id, filed.id}));
    CHECK(c.svc->submission(c.as("filler1"), draft.id).state == "draft");
    c.svc->create_user(c.as("admin"), NewUser{"filler2", "filler2", Role::Filler, "D1-B1"});
    CHECK(listed("filler2") == (Ids{draft.id, filed.id}));
    // Asked for drafts only, an approver gets none; once submitted, the record is theirs to see.
    f.unit_code = "D1";
    f.state = "draft";
    CHECK(listed("unit1").empty());
    c.visit(false, draft.id);
    f.state.reset();
    CHECK(listed("unit1") == (Ids{draft.id, filed.id}));
}

TEST_CASE("待办 reads its records in the same number of statements however many wait", "[todo][scale]") {
    // At city scale a 工委管理员's 待审核 holds 4·10⁴ records: one read per record (two
    // statements each) made the list take a minute to appear.
    TodoCounty c;
    auto first = c.visit();
    c.visit();
    c.svc->return_submission(c.as("unit1"), first.id, "请补充慰问对象");
    auto statements = [&](const char* login) {
        test::StatementCounter counter(c.svc->connection());
        auto t = c.svc->todo(c.as(login));
        return std::make_pair(counter.take(), t.to_approve.size() + t.withdrawable.size() + t.returned.size());
    };
    auto [approver_few, approver_listed_few] = statements("gwadmin");
    auto [filler_few, filler_listed_few] = statements("filler1");
    CHECK(approver_listed_few == 1);  // the returned one waits for its filler, not for approval
    CHECK(filler_listed_few == 2);    // one to take back, one returned
    for (int i = 0; i < 4; ++i) c.visit();
    auto [approver_many, approver_listed_many] = statements("gwadmin");
    auto [filler_many, filler_listed_many] = statements("filler1");
    CHECK(approver_listed_many == 5);
    CHECK(filler_listed_many == 6);
    CHECK(approver_many == approver_few);
    CHECK(filler_many == filler_few);
}

TEST_CASE("records changed in the same second are listed newest first by their number", "[todo]") {
    TodoCounty c;
    auto a = c.visit(), b = c.visit(), d = c.visit();
    // Filed within one clock tick (a batch, an import): the same updated_at for all three.
    c.svc->connection().prepare("UPDATE submission SET updated_at = '2021-06-15T08:00:00.000Z'").run();
    CHECK(c.to_approve("gwadmin") == (Ids{d.id, b.id, a.id}));
    CHECK(TodoCounty::ids(c.svc->todo(c.as("filler1")).withdrawable) == (Ids{d.id, b.id, a.id}));
}
