// The bundled 组织生活 plugin (plugins/orglife) through the host: each form's validation rules,
// one test per rule, named after it. Indicators and reminders: see the end of this file.
#include "plugin_support.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

const json kCommittee = {{"kind", "支部委员会"},   {"date", "2021-06-08"}, {"topic", "研究部署七一活动"},
                         {"expected", 5},          {"attended", 5},        {"content", "研究部署庆祝建党一百周年系列活动"}};

}  // namespace

TEST_CASE("orglife: the plugin passes `plugins check` and loads with all its forms", "[plugin-orglife]") {
    auto r = test::check_bundled_plugin("orglife");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("检查通过"));
    test::PluginCounty c({"orglife"});
    std::vector<std::string> at_branch, at_dept;
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1")) at_branch.push_back(f.id);
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1")) at_dept.push_back(f.id);
    CHECK(at_branch == std::vector<std::string>{"orglife.appraisal", "orglife.dues", "orglife.meeting"});
    CHECK(at_dept == std::vector<std::string>{"orglife.study"});
}

TEST_CASE("orglife.meeting: a complete record is stored with its attendance rate", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"attended", 4},
                      {"absent_reason", "李四出差"}}));
    CHECK(s.state == "submitted");
    CHECK(json::parse(s.values_json)["rate"] == 80.0);
}

TEST_CASE("orglife.meeting: kind, date, topic, head counts and content are required", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", json::object());
    CHECK(p["kind"] == "「会议类型」为必填项");
    CHECK(p["date"] == "「召开日期」为必填项");
    CHECK(p["topic"] == "「会议主题」为必填项");
    CHECK(p["expected"] == "「应到人数」为必填项");
    CHECK(p["attended"] == "「实到人数」为必填项");
    CHECK(p["content"] == "「主要内容」为必填项");
    CHECK_FALSE(p.count("lecturer_role"));  // the 党课 section is hidden for other kinds
}

TEST_CASE("orglife.meeting: the meeting date lies in the reported month", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"date", "2021-05-31"}}));
    CHECK_THAT(p["date"], Catch::Contains("「召开日期」应在2021年6月内"));
}

TEST_CASE("orglife.meeting: absentees must be named with their reasons", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"attended", 3}}));
    CHECK(p["absent_reason"] == "有缺席人员时须写明缺席人员及原因");
}

TEST_CASE("orglife.meeting: no more attend than were expected", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"attended", 6}}));
    CHECK(p["attended"] == "实到人数不能多于应到人数");
}

TEST_CASE("orglife.meeting: a 党小组会 names its 党小组", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"kind", "党小组会"}}));
    CHECK(p["group_name"] == "党小组会须填写党小组名称");
    c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"kind", "党小组会"}, {"group_name", "第一党小组"}}));
}

TEST_CASE("orglife.meeting: a 党课 says who gave it; a leading cadre must carry the 领导干部 flag", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    json lecture = with(kCommittee, {{"kind", "党课"}});
    CHECK(c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", lecture)["lecturer_role"] == "党课须选择授课人身份");

    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(lecture, {{"lecturer_role", "党员领导干部"}}));
    CHECK(p["leader"] == "请选择讲党课的党员领导干部");
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06",
                   with(lecture, {{"lecturer_role", "党员领导干部"}, {"leader", 1}}));
    CHECK_THAT(p["leader"], Catch::Contains("没有「领导干部」标记"));
    c.flag(1, {"领导干部"});
    c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", with(lecture, {{"lecturer_role", "党员领导干部"}, {"leader", 1}}));

    CHECK(c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(lecture, {{"lecturer_role", "支部书记"}}))["lecturer"] ==
          "党课须填写授课人");
    CHECK(c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(lecture, {{"lecturer_role", "外请人员"}}))["guest"] ==
          "请填写外请授课人的姓名和单位");
    // A member of another department cannot be named as the lecturer.
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(lecture, {{"lecturer_role", "其他党员"}, {"lecturer", 3}}));
    CHECK_THAT(p["lecturer"], Catch::Contains("不在本组织"));
}

TEST_CASE("orglife.dues: paid never exceeds payable, and the unpaid are explained", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    json dues = {{"payable", 10}, {"paid", 10}, {"amount", 356.5}};
    c.submit("filler1", "orglife.dues", "D1-B1", "2021-06", dues);
    CHECK(c.problems("unit1", "orglife.dues", "D1-B2", "2021-06", with(dues, {{"paid", 11}}))["paid"] == "实交人数不能多于应交人数");
    CHECK(c.problems("unit1", "orglife.dues", "D1-B2", "2021-06", with(dues, {{"paid", 8}}))["unpaid_reason"] ==
          "有未交党费人员时须写明原因");
}

TEST_CASE("orglife.study: the 中心组 records what it studied, who led and who attended", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    json study = {{"date", "2021-06-03"}, {"topic", "学习党史"}, {"subjects", {"党章党规", "《中国共产党纪律处分条例》"}},
                  {"presenter", "局党组书记"}, {"members_total", 9}, {"attended", 9}, {"content", "集中学习《中国共产党纪律处分条例》"}};
    c.submit("unit1", "orglife.study", "D1", "2021-06", study);
    auto p = c.problems("unit1", "orglife.study", "D1", "2021-06", with(study, {{"subjects", nullptr}, {"presenter", nullptr}}));
    CHECK(p["subjects"] == "「学习内容」为必填项");
    CHECK(p["presenter"] == "「领学人」为必填项");
    p = c.problems("unit1", "orglife.study", "D1", "2021-06", with(study, {{"subjects", {"党史"}}}));
    CHECK(p["subjects"] == "「学习内容」的选项「党史」无效");
    CHECK(c.problems("unit1", "orglife.study", "D1", "2021-06", with(study, {{"attended", 7}}))["absent_reason"] ==
          "有中心组成员缺席时须写明缺席人员及原因");
    p = c.problems("unit1", "orglife.study", "D1", "2021-06", with(study, {{"attended", 10}, {"speakers", 11}}));
    CHECK(p["attended"] == "参加人数不能多于中心组成员人数");
    CHECK(p["speakers"] == "交流发言人数不能多于参加人数");
    // The 中心组 is the department's: a branch cannot file it.
    CHECK_THROWS_WITH(c.svc->submit(c.as("admin"), test::PluginCounty::request("orglife.study", "D1-B1", "2021-06", study)),
                      Catch::Contains("不适用于党支部"));
}

TEST_CASE("orglife.appraisal: the grades add up to the members appraised", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    json appraisal = {{"date", "2021-03-20"}, {"participants", 20}, {"excellent", 4}, {"qualified", 15},
                      {"basic", 1},           {"unqualified", 0},   {"summary", "全体党员参加民主评议，评议结果已公示"}};
    c.submit("filler1", "orglife.appraisal", "D1-B1", "2021", appraisal);
    CHECK(c.problems("unit1", "orglife.appraisal", "D1-B2", "2021", with(appraisal, {{"qualified", 14}}))["participants"] ==
          "各等次人数之和（19）应等于参加评议党员人数（20）");
}

TEST_CASE("orglife.appraisal: an unqualified member's handling is written down", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    json appraisal = {{"date", "2021-03-20"}, {"participants", 20}, {"excellent", 4}, {"qualified", 14},
                      {"basic", 1},           {"unqualified", 1},   {"summary", "全体党员参加民主评议，评议结果已公示"}};
    CHECK(c.problems("filler1", "orglife.appraisal", "D1-B1", "2021", appraisal)["handling"] ==
          "有评为不合格的党员时须写明组织处置情况");
    c.submit("filler1", "orglife.appraisal", "D1-B1", "2021", with(appraisal, {{"handling", "限期改正，帮教一年"}}));
}
