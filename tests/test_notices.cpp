// 通知公告 and 催报 (issue 16, items 7 and 9): who a notice reaches, who may read it, read
// receipts per unit, and a 催报 addressed to exactly the units that have not filed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/local_time.hpp"
#include "model/audit_actions.hpp"
#include "service/attachment_download.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

// The small county (XW → GW → 甲局 D1 {D1-B1, D1-B2}, 乙局 D2 {D2-B1}) with the forms
// fixture on: formtest.visit is owed monthly by every branch. Today is 2021-06-15.
struct NoticeCounty : test::SmallCounty {
    NoticeCounty() {
        test::use_forms_fixture(*svc);
        user("filler2", Role::Filler, "D2-B1");
        user("unit2", Role::UnitAdmin, "D2");
    }
    void user(const char* login, Role role, const char* at) {
        svc->create_user(as("admin"), NewUser{login, login, role, at});
    }
    void visit_d1b1() {
        SubmitRequest r;
        r.form_id = "formtest.visit";
        r.unit_code = "D1-B1";
        r.period = "2021-06";
        r.values_json = json({{"member", 1}, {"occasion", "七一"}, {"date", "2021-06-10"}, {"amount", 500}}).dump();
        svc->submit(as("filler1"), r);
    }
    NoticeInfo send(const char* login, const std::string& scope, std::vector<std::string> units = {}) {
        NewNotice n{"关于开展七一走访慰问的通知", "各支部：请于6月底前完成走访。", scope, std::move(units), {}, {}, {}};
        return svc->send_notice(as(login), n);
    }
    std::vector<std::int64_t> ids(const char* login, NoticeFilter f = {}) {
        std::vector<std::int64_t> out;
        for (const auto& n : svc->notices(as(login), f)) out.push_back(n.id);
        return out;
    }
    static std::vector<std::string> codes(const std::vector<NoticeReceipt>& v) {
        std::vector<std::string> out;
        for (const auto& u : v) out.push_back(u.unit_code);
        std::sort(out.begin(), out.end());
        return out;
    }
};

using Ids = std::vector<std::int64_t>;
using Codes = std::vector<std::string>;

}  // namespace

TEST_CASE("a notice to a subtree reaches its units (not 党小组, not the sender's own) and nobody else", "[notices]") {
    NoticeCounty c;
    auto n = c.send("unit1", "D1");
    CHECK(n.recipients == 2);  // D1-B1 and D1-B2: D1 is the sender's own unit
    CHECK(n.sent_by_me);
    CHECK(n.kind_label == "通知");
    CHECK(c.svc->notice_receipts(c.as("unit1"), n.id).units.size() == 2);

    CHECK(c.ids("filler1") == Ids{n.id});
    CHECK(c.ids("filler1", {true, false, 200}) == Ids{n.id});  // unread
    CHECK(c.ids("filler2").empty());  // 乙局's branch: not addressed
    CHECK(c.ids("unit2").empty());
    // Asking for it by number answers as if it did not exist.
    try {
        c.svc->notice(c.as("filler2"), n.id);
        FAIL("read a notice not addressed to its unit");
    } catch (const NotFound& e) {
        CHECK(std::string(e.what()) == "通知 " + std::to_string(n.id) + " 不存在");
    }
    CHECK_THROWS_AS(c.svc->read_notice(c.as("filler2"), n.id), NotFound);
    // The 工委 sees what is sent inside its scope.
    CHECK(c.ids("gwadmin") == Ids{n.id});
}

TEST_CASE("a unit admin addresses only inside their scope, and the refusal names no unit outside it", "[notices]") {
    NoticeCounty c;
    try {
        c.send("unit1", "", {"D1-B1", "D2-B1"});
        FAIL("addressed a unit outside the scope");
    } catch (const AccessDenied& e) {
        std::string msg = e.what();
        CHECK(msg.find("管辖范围") != std::string::npos);
        CHECK(msg.find("乙局") == std::string::npos);
    }
    CHECK_THROWS_AS(c.send("unit1", "GW"), AccessDenied);
    // Nothing was stored by the refused attempts.
    CHECK(c.ids("unit1").empty());
    // Fillers, reviewers and leaders do not publish.
    try {
        c.send("filler1", "D1-B1");
        FAIL("a filler sent a notice");
    } catch (const AccessDenied& e) {
        CHECK(std::string(e.what()) == "无权限：填报人「filler1」不能发布通知");
    }
    CHECK_THROWS_AS(c.send("leader", "GW"), AccessDenied);
    // An explicit list reaches exactly those units.
    auto n = c.send("gwadmin", "", {"D1-B2", "D2-B1"});
    CHECK(NoticeCounty::codes(c.svc->notice_receipts(c.as("gwadmin"), n.id).units) == Codes{"D1-B2", "D2-B1"});
    CHECK(c.ids("filler1").empty());
    CHECK(c.ids("filler2") == Ids{n.id});
}

TEST_CASE("a unit marks a notice read once: who and when, and the sender sees read and unread units", "[notices]") {
    NoticeCounty c;
    auto n = c.send("gwadmin", "GW");
    auto before = c.svc->notice_receipts(c.as("gwadmin"), n.id);
    CHECK(before.read_count == 0);
    CHECK(before.unread_count == 5);  // D1, D1-B1, D1-B2, D2, D2-B1

    auto read = c.svc->read_notice(c.as("filler1"), n.id);
    CHECK(read.read);
    CHECK(read.read_by_name == "filler1");
    CHECK_FALSE(read.read_at.empty());
    CHECK(c.ids("filler1", {true, false, 200}).empty());  // no longer unread
    CHECK(c.ids("filler1") == Ids{n.id});                  // still listed
    // Reading again keeps the first reader, and writes no second audit row.
    auto rows = c.audit_count();
    c.svc->read_notice(c.as("filler1"), n.id);
    CHECK(c.audit_count() == rows);

    auto after = c.svc->notice_receipts(c.as("gwadmin"), n.id);
    CHECK(after.read_count == 1);
    CHECK(after.unread_count == 4);
    REQUIRE(after.units.back().unit_code == "D1-B1");  // unread units come first
    CHECK(after.units.back().read_by == "filler1");
    // A unit admin sees the receipts of their own subtree only; a filler none.
    auto d1 = c.svc->notice_receipts(c.as("unit1"), n.id);
    CHECK(NoticeCounty::codes(d1.units) == Codes{"D1", "D1-B1", "D1-B2"});
    try {
        c.svc->notice_receipts(c.as("filler1"), n.id);
        FAIL("a filler read the receipts");
    } catch (const AccessDenied& e) {
        CHECK(std::string(e.what()) == "无权限：填报人「filler1」不能查看阅读情况");
    }
    // A unit above the addressed ones can see the notice but not mark it read for itself.
    auto gw_view = c.svc->notice(c.as("unit1"), n.id);
    CHECK(gw_view.to_my_unit);
    CHECK_THROWS_AS(c.svc->read_notice(c.as("leader"), n.id), UserError);  // XW was not addressed
}

TEST_CASE("催报 goes to exactly the units that have not filed the form for the period", "[notices]") {
    NoticeCounty c;
    c.visit_d1b1();
    auto rows = c.svc->completeness(c.as("gwadmin"), "formtest.visit", "2021-06", "GW");
    Codes unfiled;
    for (const auto& r : rows)
        if (r.own_expected > r.own_submitted) unfiled.push_back(r.unit_code);
    std::sort(unfiled.begin(), unfiled.end());
    REQUIRE(unfiled == Codes{"D1-B2", "D2-B1"});

    auto draft = c.svc->remind_draft(c.as("gwadmin"), "formtest.visit", "2021-06", "GW");
    CHECK(NoticeCounty::codes(draft.units) == unfiled);
    CHECK(draft.notice.title == "催报：走访慰问记录（2021年6月）");
    CHECK(draft.notice.body.find("《走访慰问记录》") != std::string::npos);
    CHECK(draft.notice.body.find("2021年6月") != std::string::npos);
    CHECK(draft.notice.body.find("2021年7月10日前") != std::string::npos);  // the period's deadline
    CHECK(draft.deadline == "2021-07-10");

    // Sent with a list that tries to reach a unit that filed: the service addresses the unfiled ones.
    NewNotice n = draft.notice;
    n.unit_codes = {"D1-B1"};
    auto sent = c.svc->send_notice(c.as("gwadmin"), n);
    CHECK(sent.kind == "remind");
    CHECK(sent.kind_label == "催报");
    CHECK(sent.form_id == "formtest.visit");
    CHECK(sent.period == "2021-06");
    CHECK(NoticeCounty::codes(c.svc->notice_receipts(c.as("gwadmin"), sent.id).units) == unfiled);
    CHECK(c.ids("filler1").empty());  // D1-B1 has filed: not chased
    CHECK(c.ids("filler2") == Ids{sent.id});

    // A department admin's 催报 covers their own branches only.
    auto d1 = c.svc->remind_draft(c.as("unit1"), "formtest.visit", "2021-06", "D1");
    CHECK(NoticeCounty::codes(d1.units) == Codes{"D1-B2"});
    CHECK_THROWS_AS(c.svc->remind_draft(c.as("unit1"), "formtest.visit", "2021-06", "GW"), AccessDenied);
}

TEST_CASE("催报 when everyone has filed is refused, saying so", "[notices]") {
    NoticeCounty c;
    c.visit_d1b1();
    NewNotice n = c.svc->remind_draft(c.as("unit1"), "formtest.visit", "2021-06", "D1-B1").notice;
    try {
        c.svc->send_notice(c.as("unit1"), n);
        FAIL("sent a 催报 to nobody");
    } catch (const UserError& e) {
        CHECK(std::string(e.what()) == "「走访慰问记录」2021年6月各单位均已报送，无需催报");
    }
}

TEST_CASE("a notice's text is checked like every other text, and files go to the attachment storage", "[notices]") {
    NoticeCounty c;
    NewNotice n{"", "正文", "D1", {}, {}, {}, {}};
    CHECK_THROWS_WITH(c.svc->send_notice(c.as("unit1"), n), "请填写通知标题");
    n.title = std::string(101, 'x');
    CHECK_THROWS_WITH(c.svc->send_notice(c.as("unit1"), n), Catch::Contains("通知标题过长"));
    n.title = "标题\x1b[2J";
    CHECK_THROWS_WITH(c.svc->send_notice(c.as("unit1"), n), Catch::Contains("控制字符"));
    n.title = "标题";
    n.body = "";
    CHECK_THROWS_WITH(c.svc->send_notice(c.as("unit1"), n), "请填写通知正文");
    n.body = "第一行\n第二行";
    n.attachments.push_back({"", "安排表.txt", "一二三"});
    auto sent = c.svc->send_notice(c.as("unit1"), n);
    REQUIRE(sent.attachments.size() == 1);
    CHECK(sent.attachments[0].name == "安排表.txt");
    CHECK(sent.attachments[0].size == std::string("一二三").size());
    CHECK(c.svc->notice(c.as("filler1"), sent.id).body == "第一行\n第二行");
}

TEST_CASE("a notice's file is read back by the units it reached, and by no other", "[notices]") {
    NoticeCounty c;
    const std::string bytes = std::string("PK\x03\x04\0\xff ", 7) + "安排表";
    NewNotice n{"关于报送年度总结的通知", "见附件。", "D1", {}, {{"", "安排表.xlsx", bytes}}, {}, {}};
    auto sent = c.svc->send_notice(c.as("gwadmin"), n);  // uploaded by the 工委, above every branch
    REQUIRE(sent.attachments.size() == 1);
    const auto file = sent.attachments[0].id;

    // A branch of 甲局, which it reached: the facts and the bytes, as a record's file would be.
    auto facts = c.svc->attachment(c.as("filler1"), file);
    CHECK(facts.name == "安排表.xlsx");
    CHECK(facts.size == bytes.size());
    CHECK(c.svc->attachment_chunk(c.as("filler1"), file, 0) == bytes);
    test::TempDir dir;
    save_attachment(*c.svc, c.as("filler1"), file, dir.file("copy.xlsx"));
    CHECK(test::read_text_file(dir.file("copy.xlsx")) == bytes);

    // 乙局's branch was not addressed: the same answer as for a file that does not exist.
    CHECK_THROWS_AS(c.svc->attachment(c.as("filler2"), file), NotFound);
    CHECK_THROWS_AS(c.svc->attachment_chunk(c.as("filler2"), file, 0), NotFound);
    CHECK_THROWS_AS(c.svc->attachment(c.as("unit2"), file), NotFound);
    // A notice does not open the sender's other files: a file the 工委 uploaded for nothing.
    auto other = c.svc->add_attachment(c.as("gwadmin"), "GW", "内部.txt", "内部");
    CHECK_THROWS_AS(c.svc->attachment(c.as("filler1"), other.id), NotFound);
}

TEST_CASE("notices are in the audit log under Chinese action names", "[notices]") {
    NoticeCounty c;
    c.visit_d1b1();
    auto n = c.send("gwadmin", "D1");
    c.svc->read_notice(c.as("filler1"), n.id);
    c.svc->send_notice(c.as("gwadmin"), c.svc->remind_draft(c.as("gwadmin"), "formtest.visit", "2021-06", "GW").notice);
    std::vector<std::string> actions;
    for (const auto& e : c.svc->audit_log(c.as("admin"), AuditFilter{}))
        if (e.action.rfind("notice.", 0) == 0) actions.push_back(audit_action_label(e.action));
    std::sort(actions.begin(), actions.end());
    CHECK(actions == std::vector<std::string>{"催报", "发布通知", "通知标为已读"});
}

TEST_CASE("只看未读 and 我发出的 are chosen before the list is cut to its length", "[notices]") {
    // The newest notices were all read, an older one was not: filtering the newest N after
    // the cut showed no unread notice at all.
    NoticeCounty c;
    auto old = c.send("gwadmin", "D1-B1");
    auto mid = c.send("gwadmin", "D1-B1");
    auto last = c.send("gwadmin", "D1-B1");
    c.svc->read_notice(c.as("filler1"), mid.id);
    c.svc->read_notice(c.as("filler1"), last.id);
    NoticeFilter unread;
    unread.unread_only = true;
    unread.limit = 2;
    CHECK(c.ids("filler1", unread) == std::vector<std::int64_t>{old.id});
    // A unit admin above sees the three; only the one they sent themselves when asked.
    auto own = c.send("unit1", "D1-B1");
    NoticeFilter sent;
    sent.sent_only = true;
    sent.limit = 1;
    CHECK(c.ids("unit1", sent) == std::vector<std::int64_t>{own.id});
    c.send("gwadmin", "D1-B1");  // newer than unit1's own
    CHECK(c.ids("unit1", sent) == std::vector<std::int64_t>{own.id});
}

TEST_CASE("the CLI prints a notice's times in local time to the minute, as the desktop does", "[notices][cli]") {
    // Stored times are UTC with milliseconds; the CLI printed them as such.
    const char* saved = std::getenv("TZ");
    const std::string before = saved ? saved : "";
    setenv("TZ", "CST-8", 1);  // China Standard Time, UTC+8, without tzdata
    tzset();
    NoticeCounty c;
    auto n = c.send("gwadmin", "D1-B1");
    c.svc->read_notice(c.as("filler1"), n.id);
    const std::string sent = local_minute(n.sent_at);
    CHECK(sent.size() == 16);  // 2021-06-15 10:30
    CHECK(sent != n.sent_at.substr(0, 10) + " " + n.sent_at.substr(11, 5));  // 8 hours apart
    auto list = test::run_cli("notice list --db " + c.db_path + " --as filler1");
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.out, Catch::Contains(sent));
    auto shown = test::run_cli("notice show " + std::to_string(n.id) + " --db " + c.db_path + " --as filler1");
    CHECK_THAT(shown.out, Catch::Contains("发布于 " + sent));
    CHECK_THAT(shown.out, !Catch::Contains("Z"));
    auto read = c.svc->notice(c.as("filler1"), n.id);
    CHECK_THAT(shown.out, Catch::Contains(local_minute(read.read_at)));
    if (saved) setenv("TZ", before.c_str(), 1);
    else unsetenv("TZ");
    tzset();
}
