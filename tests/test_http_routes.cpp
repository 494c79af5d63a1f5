// Every route, round trip: each operation called on a local file and, the same way, through a
// real server on another copy of the same county; the answers (values or errors) must be the
// same. The server's access log then shows every route was exercised, so a new operation
// without a call here fails. One server for the file.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "io/xlsx_writer.hpp"
#include "api/routes.hpp"
#include "http_support.hpp"
#include "member_support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

constexpr const char* kPassword = "Route-trip-2021!";

// Moments and one-time secrets differ between two runs of the same call.
void scrub(json& j) {
    if (j.is_object()) {
        for (const char* k : {"at", "created_at", "updated_at", "uploaded_at", "initial_password", "expires_at",
                              "sent_at", "read_at"})
            if (j.contains(k)) j[k] = "…";
        for (auto& [k, v] : j.items()) scrub(v);
    } else if (j.is_array()) {
        for (auto& v : j) scrub(v);
    }
}

template <class F>
std::string answer(F&& f) {
    try {
        using R = decltype(f());
        if constexpr (std::is_void_v<R>) {
            f();
            return "ok";
        } else if constexpr (std::is_same_v<R, std::string>) {
            auto bytes = f();
            // Workbooks and PDFs carry their own creation time: the same kind of file, and for
            // a PDF its page count, is what matters.
            if (bytes.rfind("%PDF", 0) == 0) {
                std::size_t pages = 0;
                for (auto at = bytes.find("/Type /Page\n"); at != std::string::npos; at = bytes.find("/Type /Page\n", at + 1)) ++pages;
                return "pdf " + std::to_string(pages);
            }
            return bytes.rfind("PK", 0) == 0 ? "xlsx" : bytes;
        } else {
            json j = f();
            scrub(j);
            return j.dump();
        }
    } catch (const ValidationFailed& e) {
        return std::string("ValidationFailed: ") + e.what() + " " + std::to_string(e.issues().size());
    } catch (const NotFound& e) {
        return std::string("NotFound: ") + e.what();
    } catch (const AccessDenied& e) {
        return std::string("AccessDenied: ") + e.what();
    } catch (const UserError& e) {
        return std::string("UserError: ") + e.what();
    } catch (const std::exception& e) {
        return std::string("internal: ") + e.what();
    }
}

using Call = std::function<std::string(Service&, const Actor&, Date today)>;

#define DJ_CALL(expr) [](Service& s, const Actor& a, Date today) { (void)today; return answer([&] { return expr; }); }

const std::vector<std::pair<const char*, Call>>& calls() {
    static const std::vector<std::pair<const char*, Call>> all = {
        {"list_users", DJ_CALL(s.list_users(a))},
        {"create_user", DJ_CALL(s.create_user(a, NewUser{"rt1", "往返", Role::Filler, "D1-B1"}))},
        {"change_user", DJ_CALL(s.change_user(a, "rt1", UserChange{std::string("往返二"), std::nullopt, std::nullopt}))},
        {"set_user_enabled", DJ_CALL(s.set_user_enabled(a, "rt1", false))},
        {"unlock_user", DJ_CALL(s.unlock_user(a, "rt1"))},
        {"reset_password", DJ_CALL(s.reset_password(a, "rt1"))},
        {"change_password", DJ_CALL(s.change_password(a, kPassword, kPassword))},
        {"org_tree", DJ_CALL(s.org_tree(a, std::nullopt))},
        {"org_tree", DJ_CALL(s.org_tree(a, Date::from_ymd(2009, 1, 1)))},
        {"org_node", DJ_CALL(s.org_node(a, "D1", std::nullopt))},
        {"org_node", DJ_CALL(s.org_node(a, "NOPE", std::nullopt))},
        {"org_history", DJ_CALL(s.org_history(a, "D1"))},
        {"create_org", DJ_CALL(s.create_org(a, NewOrg{"RT", "往返党小组", OrgType::Group, "D1-B1", {}, today}))},
        {"change_org", DJ_CALL(s.change_org(a, "RT", OrgChange{std::string("改名党小组"), {}, {}, {}, today}))},
        {"close_org", DJ_CALL(s.close_org(a, "RT", today.add_days(1)))},
        {"overview", DJ_CALL(s.overview(a))},
        {"list_members", DJ_CALL(s.list_members(a, "D1", MemberFilter{true, std::nullopt, std::string("张"), today}))},
        {"member", DJ_CALL(s.member(a, 1, today))},
        {"add_member", DJ_CALL(s.add_member(a, test::person("D1-B2", "赵六")))},
        {"add_member", DJ_CALL(s.add_member(a, test::person("D1-B2", "")))},
        {"update_member", DJ_CALL(s.update_member(a, 1, test::person("D1-B2", "张三")))},
        {"remove_member", DJ_CALL(s.remove_member(a, 2, today, "转出"))},
        {"import_members",
         DJ_CALL(s.import_members(a, "姓名,性别,入党日期,转正日期,党员状态,所在支部\n导入,女,2001-01-01,2002-01-01,正式,D2-B1\n"))},
        {"audit_log", DJ_CALL(s.audit_log(a, AuditFilter{std::string("member:*"), {}, {}, {}, 5}))},
        {"audit_verify", DJ_CALL(s.audit_verify(a))},
        {"audit_verify", DJ_CALL(s.audit_verify(a, AuditCheck{true, std::nullopt, std::nullopt}))},
        {"audit_anchor", DJ_CALL(s.audit_anchor(a).rows > 0)},
        {"list_plugins", DJ_CALL(s.list_plugins(a))},
        {"member_flags", DJ_CALL(s.member_flags(a))},
        {"reload_plugins", DJ_CALL(s.reload_plugins(a, ""))},
        {"plugin_folders", DJ_CALL(s.plugin_folders(a))},
        {"set_plugin_folders", DJ_CALL(s.set_plugin_folders(a, {}))},
        {"set_plugin", DJ_CALL(s.set_plugin(a, PluginSetting{"no.such", "D1", true, "{}", false}))},
        {"effective_plugins", DJ_CALL(s.effective_plugins(a, "D1"))},
        {"save_unit_script", DJ_CALL(s.save_unit_script(a, "D1", "rt", "-- 往返\nlocal x = 1\n", "第一版"))},
        {"unit_scripts", DJ_CALL(s.unit_scripts(a, "D1", true))},
        {"unit_script", DJ_CALL(s.unit_script(a, "D1", "rt", std::nullopt))},
        {"unit_script", DJ_CALL(s.unit_script(a, "D1", "rt", 9))},
        {"test_unit_script", DJ_CALL(s.test_unit_script(a, "D1", "rt", "error('坏了')"))},
        {"list_forms", DJ_CALL(s.list_forms(a, "D1"))},
        {"form", DJ_CALL(s.form(a, "no.form"))},
        {"check_form", DJ_CALL(s.check_form(a, SubmitRequest{"no.form", "D1", "2021", {}, {}, "{}", false, {}}))},
        {"preview_form", DJ_CALL(s.preview_form(a, SubmitRequest{"no.form", "D1", "2021", {}, {}, "{}", false, {}}))},
        {"draft_form", DJ_CALL(s.draft_form(a, SubmitRequest{"no.form", "D1", "2021", {}, {}, "{}", false, {}}))},
        {"submit", DJ_CALL(s.submit(a, SubmitRequest{"no.form", "D1", "2021", {}, {}, "{}", true, {}}))},
        {"approve", DJ_CALL(s.approve(a, 1, "同意"))},
        {"return_submission", DJ_CALL(s.return_submission(a, 1, "退回"))},
        // An .xlsx roster: binary bytes through the upload route (issue 16).
        {"import_members", DJ_CALL(s.import_members(a, write_xlsx({Sheet{"名册", {"姓名", "性别", "入党日期", "转正日期", "党员状态", "所在支部"},
                                                                         {{std::string("表格"), std::string("男"), std::string("2003-05-01"),
                                                                           std::string("2004-05-01"), std::string("正式"), std::string("D2-B1")}},
                                                                         {}, ""}})))},
        {"import_records", DJ_CALL(s.import_records(a, "no.form", "D1", std::string("PK\x03\x04\0\xff", 6)))},
        {"withdraw", DJ_CALL(s.withdraw(a, 1))},
        {"todo", DJ_CALL(s.todo(a))},
        {"submission", DJ_CALL(s.submission(a, 1))},
        {"list_submissions", DJ_CALL(s.list_submissions(a, SubmissionFilter{"no.form", std::nullopt, "D1", std::nullopt}))},
        {"reopen", DJ_CALL(s.reopen(a, ReopenRequest{"no.form", "D1", "2021", "补报", today}))},
        {"completeness", DJ_CALL(s.completeness(a, "no.form", "2021", "D1"))},
        {"add_attachment", DJ_CALL(s.add_attachment(a, "D1", "说明.txt", std::string("a\0b\xff", 4)))},
        {"export_submissions",
         DJ_CALL(s.export_submissions(a, SubmissionFilter{"no.form", std::string("2021"), "D1", std::nullopt}, "csv"))},
        {"list_indicators", DJ_CALL(s.list_indicators(a, "D1"))},
        {"indicator_values", DJ_CALL(s.indicator_values(a, IndicatorQuery{"2021", "D1", std::nullopt, true}))},
        {"refresh_indicators", DJ_CALL(s.refresh_indicators(a))},
        {"reminders", DJ_CALL(s.reminders(a, today, "D1"))},
        {"assess", DJ_CALL(s.assess(a, 2021, "GW"))},
        {"export_assessment", DJ_CALL(s.export_assessment(a, 2021, "GW"))},
        {"evaluate", DJ_CALL(s.evaluate(a, 1, "好", "很好", {"问题一"}))},
        {"evaluation", DJ_CALL(s.evaluation(a, 1))},
        {"add_rectification",
         DJ_CALL(s.add_rectification(a, NewRectification{"D1", 2021, "manual", "", "整改标题", "详情", "张三", today}))},
        {"rectifications", DJ_CALL(s.rectifications(a, RectificationFilter{"D1", 2021, std::nullopt, false}))},
        {"update_rectification",
         DJ_CALL(s.update_rectification(a, 1, RectificationUpdate{std::string("in_progress"), {}, {}, "已开始", {}, ""}))},
        {"generate_rectifications", DJ_CALL(s.generate_rectifications(a, 2021, "GW"))},
        {"export_members", DJ_CALL(s.export_members(a, MemberExport{"D1", MemberFilter{true, {}, {}, today}, {}}))},
        {"export_audit", DJ_CALL(s.export_audit(a, AuditFilter{}))},
        {"export_rectifications", DJ_CALL(s.export_rectifications(a, RectificationFilter{"D1", {}, {}, false}))},
        {"export_indicators", DJ_CALL(s.export_indicators(a, IndicatorExport{IndicatorQuery{"2021", "D1", {}, true}, false}))},
        {"dashboard", DJ_CALL(s.dashboard(a, 2021, "GW"))},
        {"send_notice", DJ_CALL(s.send_notice(a, NewNotice{"往返通知", "正文\n第二行", "D1", {}, {{"", "表.txt", std::string("a\0b", 3)}}, {}, {}}))},
        {"send_notice", DJ_CALL(s.send_notice(a, NewNotice{"指定单位", "正文", "", {"D1-B1", "D2-B1"}, {}, {}, {}}))},
        {"send_notice", DJ_CALL(s.send_notice(a, NewNotice{"催报", "正文", "D1", {}, {}, "no.form", "2021"}))},
        {"notices", DJ_CALL(s.notices(a, NoticeFilter{}))},
        {"notices", DJ_CALL(s.notices(a, NoticeFilter{true, false, 5}))},
        {"notice", DJ_CALL(s.notice(a, 1))},
        {"notice", DJ_CALL(s.notice(a, 99))},
        {"read_notice", DJ_CALL(s.read_notice(a, 1))},
        {"notice_receipts", DJ_CALL(s.notice_receipts(a, 2))},
        {"remind_draft", DJ_CALL(s.remind_draft(a, "no.form", "2021", "D1"))},
        // The file add_attachment stored above (the first of the county): facts, then its binary
        // bytes (a NUL and a broken UTF-8 byte among them), then past its end; a missing one.
        {"attachment", DJ_CALL(s.attachment(a, 1))},
        {"attachment", DJ_CALL(s.attachment(a, 99))},
        {"attachment_chunk", DJ_CALL(s.attachment_chunk(a, 1, 0))},
        {"attachment_chunk", DJ_CALL(s.attachment_chunk(a, 1, 2))},
        {"attachment_chunk", DJ_CALL(s.attachment_chunk(a, 1, 4))},
        {"attachment_chunk", DJ_CALL(s.attachment_chunk(a, 1, -1))},
        {"print_submission", DJ_CALL(s.print_submission(a, 1))},
        {"print_assessment", DJ_CALL(s.print_assessment(a, 2021, "GW"))},
        {"print_rectifications", DJ_CALL(s.print_rectifications(a, RectificationFilter{"D1", {}, {}, false}))},
    };
    return all;
}

}  // namespace

TEST_CASE("every route gives through the server what the same call gives on a file", "[http]") {
    test::ServedCounty served;
    test::SmallCounty local;
    // The same password on both sides, set the same way.
    auto set_password = [](test::SmallCounty& c) {
        auto admin = c.as("admin");
        auto first = c.svc->reset_password(admin, "admin");
        return first.initial_password;
    };
    // Logins are audited: the file logs in and changes the password as the client does, so
    // both logs hold the same rows.
    const std::string local_first = set_password(local);
    auto local_session = local.svc->login({"admin", local_first, ""});
    local.svc->change_password(local_session.actor, local_first, kPassword);
    local.svc->login({"admin", kPassword, ""});
    const std::string served_first = set_password(served.county);
    auto client = remote::connect(served.url);
    auto session = client->login({"admin", served_first, ""});
    client->change_password(session.actor, served_first, kPassword);
    client->login({"admin", kPassword, ""});
    Actor remote_admin = client->session_actor(client->token(), "");
    Actor local_admin = local.as("admin");
    const Date today = local.svc->today();
    CHECK(client->today() == today);

    for (const auto& [name, call] : calls()) {
        INFO("operation " << name);
        std::string here = call(*local.svc, local_admin, today);
        std::string there = call(*client, remote_admin, today);
        CHECK(there == here);
    }

    // Every route was exercised (the access log names each path once it is called).
    std::set<std::string> seen;
    for (const auto& line : served.log) {
        auto p = line.find(" /api/v1/");
        if (p == std::string::npos) continue;
        auto end = line.find(' ', p + 1);
        seen.insert(line.substr(p + 9, end - p - 9));
    }
    for (const auto& n : api::route_names()) {
        if (n == "logout") continue;  // the sessions tests end sessions
        INFO("route never called: " << n);
        CHECK(seen.count(n == "session_actor" ? "session" : n));
    }
}
