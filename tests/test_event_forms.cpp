// Forms filled when something happens (`expected = false`: a 问题线索, a 督查 visit) are never
// due: a unit where nothing happened gets no 逾期未报送 and no 本期应报, and 报送情况 counts
// their records without an 应报 figure. Forms only the 工委 fills are not reminded to the unit.
#include <algorithm>

#include "forms/form_schema.hpp"
#include "plugin_support.hpp"

using namespace dj;

namespace {

const nlohmann::json kLead = {{"code", "XS-2021-001"},
                              {"source", "信访举报"},
                              {"received", "2021-03-02"},
                              {"subject", "张某"},
                              {"summary", "反映某科室违规发放津贴补贴的问题线索"},
                              {"status", "初步核实"},
                              {"handler", "纪检委员甲"},
                              {"deadline", "2021-06-30"}};

bool reminded(const std::vector<Reminder>& list, const std::string& form_id, const std::string& unit) {
    return std::any_of(list.begin(), list.end(),
                       [&](const Reminder& r) { return r.form_id == form_id && r.org_code == unit; });
}

}  // namespace

TEST_CASE("event forms: no 逾期未报送 where nothing happened, while the forms due every year still are",
          "[event-forms]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    const auto list = c.svc->reminders(c.as("admin"), Date::from_ymd(2022, 2, 15), "GW");
    CHECK_FALSE(reminded(list, "discipline.lead", "D1"));            // expected = false
    CHECK(reminded(list, "discipline.risk_point", "D1"));            // due every year: still reminded
    CHECK_FALSE(reminded(list, "review.dept_assessment", "D1"));     // only the 工委 fills it
    CHECK_FALSE(reminded(list, "review.sector_scheme", "D1"));
}

TEST_CASE("event forms: 本期应报 lists the forms due, never a form filled when something happens", "[event-forms]") {
    test::PluginCounty c({"orglife", "discipline"});
    c.svc->set_today(Date::from_ymd(2021, 12, 20));
    const auto todo = c.svc->todo(c.as("unit1"));
    auto due = [&](const std::string& form) {
        return std::any_of(todo.due.begin(), todo.due.end(), [&](const DueForm& d) { return d.form_id == form; });
    };
    CHECK(due("discipline.risk_point"));
    CHECK_FALSE(due("discipline.lead"));
}

TEST_CASE("event forms: 报送情况 counts the records without an 应报 figure", "[event-forms]") {
    test::PluginCounty c({"orglife", "discipline"});
    c.submit("unit1", "discipline.lead", "D1", "2021", kLead);
    auto second = kLead;
    second["code"] = "XS-2021-002";
    c.submit("unit1", "discipline.lead", "D1", "2021", second);

    const auto rows = c.svc->completeness(c.as("admin"), "discipline.lead", "2021", "GW");
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front().unit_code == "GW");
    CHECK(rows.front().expected == 0);
    auto d1 = std::find_if(rows.begin(), rows.end(), [](const CompletenessRow& r) { return r.unit_code == "D1"; });
    REQUIRE(d1 != rows.end());
    CHECK(d1->expected == 0);
    CHECK(d1->submitted >= 1);
    CHECK(rows.front().submitted == d1->submitted);  // rolled up to the root

    // A form due every year still has its 应报 per department.
    const auto due = c.svc->completeness(c.as("admin"), "discipline.risk_point", "2021", "GW");
    REQUIRE_FALSE(due.empty());
    CHECK(due.front().expected > 0);
}

TEST_CASE("event forms: a 催报 for a form filled when something happens is refused, saying why", "[event-forms]") {
    test::PluginCounty c({"orglife", "discipline"});
    try {
        c.svc->remind_draft(c.as("admin"), "discipline.lead", "2021", "GW");
        FAIL("a 催报 was drafted for an event form");
    } catch (const UserError& e) {
        CHECK(std::string(e.what()) == "「问题线索登记」按实际发生填报，没有应报数，不能催报");
    }
    // A form due every year can still be chased.
    CHECK_NOTHROW(c.svc->remind_draft(c.as("admin"), "discipline.risk_point", "2021", "GW"));
}

TEST_CASE("event forms: `expected` must be true or false", "[event-forms]") {
    nlohmann::json form = {{"title", "测试"}, {"expected", "no"}, {"fields", nlohmann::json::array()}};
    try {
        forms::parse_form("t", "1.0.0", "f", form);
        FAIL("a string for expected was accepted");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()).find("expected 应为 true 或 false") != std::string::npos);
    }
    form["expected"] = false;
    form["fields"] = nlohmann::json::array({{{"id", "a"}, {"type", "text"}, {"label", "甲"}}});
    CHECK_FALSE(forms::parse_form("t", "1.0.0", "f", form).expected);
    form.erase("expected");
    CHECK(forms::parse_form("t", "1.0.0", "f", form).expected);
}
