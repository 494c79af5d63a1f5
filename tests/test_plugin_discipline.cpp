// The bundled 纪律建设 plugin (plugins/discipline) through the host: each form's validation
// rules, one test per rule, named after it.
#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

const json kWarning = {{"date", "2021-06-10"},     {"format", "观看警示教育片"}, {"field", "财政系统"},
                       {"case_source", "本系统本行业"}, {"disciplines", {"廉洁纪律"}},  {"cases", "观看《零容忍》第三集，剖析某局长受贿案"},
                       {"participants", 35}};
const json kLead = {{"code", "JJ-2021-003"}, {"source", "信访举报"},   {"received", "2021-03-02"},
                    {"subject", "某科长"},   {"summary", "反映其在项目验收中收受礼金"}, {"handler", "纪检委员甲"},
                    {"deadline", "2021-04-01"}, {"status", "初步核实"}};

}  // namespace

TEST_CASE("discipline: the plugin passes `plugins check` and loads with all its forms", "[plugin-discipline]") {
    auto r = test::check_bundled_plugin("discipline");
    CHECK(r.exit_code == 0);
    test::PluginCounty c({"orglife", "discipline"});
    std::vector<std::string> at_dept;
    // orglife is enabled beside it (discipline depends on it): only discipline's own forms are looked at.
    // issue 15 added the 机关纪委's 监督立项 plan and its reports to the 纪工委.
    auto own = [](const FormInfo& f) { return f.id.rfind("discipline.", 0) == 0; };
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1"))
        if (own(f)) at_dept.push_back(f.id);
    CHECK(at_dept == std::vector<std::string>{"discipline.duty_list", "discipline.four_winds", "discipline.integrity_file",
                                              "discipline.lead", "discipline.risk_point", "discipline.supervision_plan",
                                              "discipline.warning_edu", "discipline.work_report"});
    auto at_branch = c.svc->list_forms(c.as("admin"), "D1-B1");
    CHECK(std::none_of(at_branch.begin(), at_branch.end(), own));
}

TEST_CASE("discipline.warning_edu: a session names its field, case source, disciplines and cases", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    c.submit("unit1", "discipline.warning_edu", "D1", "2021-06", kWarning);
    auto p = c.problems("unit1", "discipline.warning_edu", "D1", "2021-06",
                        with(kWarning, {{"field", nullptr}, {"disciplines", nullptr}, {"cases", "某案"}, {"participants", 0}}));
    CHECK(p["field"] == "「所属领域（行业）」为必填项");
    CHECK(p["disciplines"] == "「涉及纪律」为必填项");
    CHECK_THAT(p["cases"], Catch::Contains("「剖析的典型案例」至少 10 个字"));
    CHECK(p["participants"] == "「参加人数」不能小于 1");
}

TEST_CASE("discipline.warning_edu: another format is spelled out", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    CHECK(c.problems("unit1", "discipline.warning_edu", "D1", "2021-06", with(kWarning, {{"format", "其他"}}))["format_other"] ==
          "请写明教育形式");
}

TEST_CASE("discipline.lead: only administrators enter case leads, not ordinary fillers", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    c.svc->create_user(c.as("admin"), NewUser{"filler_d1", "甲局填报人", Role::Filler, "D1"});
    CHECK_THROWS_AS(c.svc->submit(c.as("filler_d1"), test::PluginCounty::request("discipline.lead", "D1", "2021", kLead)),
                    AccessDenied);
    c.submit("unit1", "discipline.lead", "D1", "2021", kLead);
}

TEST_CASE("discipline.lead: the deadline is not before the lead was received", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    CHECK(c.problems("unit1", "discipline.lead", "D1", "2021", with(kLead, {{"deadline", "2021-03-01"}}))["deadline"] ==
          "办理时限不能早于受理日期");
}

TEST_CASE("discipline.lead: a closed lead gives its 四种形态, date and result", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    auto p = c.problems("unit1", "discipline.lead", "D1", "2021", with(kLead, {{"status", "已办结"}}));
    CHECK(p["form4"] == "办结的线索须选择“四种形态”中的处置形态");
    CHECK(p["closed"] == "办结的线索须填写办结日期");
    CHECK(p["result"] == "办结的线索须写明处置结果");
    p = c.problems("unit1", "discipline.lead", "D1", "2021",
                   with(kLead, {{"status", "已办结"}, {"form4", "第五种形态"}, {"closed", "2021-03-10"}, {"result", "谈话提醒"}}));
    CHECK(p["form4"] == "「处置形态（四种形态）」的选项「第五种形态」无效");
    auto s = c.submit("unit1", "discipline.lead", "D1", "2021",
                      with(kLead, {{"status", "已办结"}, {"form4", "第一种形态"}, {"closed", "2021-03-10"}, {"result", "谈话提醒"}}));
    CHECK(json::parse(s.values_json)["closed_on_time"] == true);
}

TEST_CASE("discipline.lead: a lead dropped without finding (予以了结) needs no 四种形态", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    auto s = c.submit("unit1", "discipline.lead", "D1", "2021",
                      with(kLead, {{"status", "予以了结"}, {"form4", "第二种形态"}, {"closed", "2021-04-05"}, {"result", "经核实反映不实"}}));
    auto v = json::parse(s.values_json);
    CHECK_FALSE(v.contains("form4"));           // hidden, so not kept
    CHECK(v["closed_on_time"] == false);        // closed after its deadline of 2021-04-01
    CHECK(c.problems("unit1", "discipline.lead", "D1", "2021",
                     with(kLead, {{"status", "予以了结"}, {"closed", "2021-03-01"}, {"result", "经核实反映不实"}}))["closed"] ==
          "办结日期不能早于受理日期");
}

TEST_CASE("discipline.lead: an open lead has no closing date kept and is not on time yet", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    auto s = c.submit("unit1", "discipline.lead", "D1", "2021", with(kLead, {{"closed", "2021-03-10"}}));
    auto v = json::parse(s.values_json);
    CHECK_FALSE(v.contains("closed"));
    CHECK_FALSE(v.contains("closed_on_time"));
}

TEST_CASE("discipline.integrity_file: filed ≤ cadres, updated ≤ filed, the missing are named", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    json file = {{"cadres", 12}, {"filed", 12}, {"updated", 10}, {"keeper", "纪检委员甲"}};
    c.submit("unit1", "discipline.integrity_file", "D1", "2021", file);
    CHECK(c.problems("admin", "discipline.integrity_file", "D2", "2021", with(file, {{"filed", 13}}))["filed"] ==
          "已建档人数不能多于应建档人数");
    CHECK(c.problems("admin", "discipline.integrity_file", "D2", "2021", with(file, {{"filed", 9}, {"missing", "新调入三人"}}))["updated"] ==
          "更新档案人数不能多于已建档人数");
    CHECK(c.problems("admin", "discipline.integrity_file", "D2", "2021", with(file, {{"filed", 11}, {"updated", 11}}))["missing"] ==
          "有未建档的党员干部时须写明人员及原因");
}

TEST_CASE("discipline.risk_point: every risk point has control measures, high and medium ones an owner",
          "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    json risk = {{"post", "财务科"}, {"risk", "资金支付审核不严"}, {"level", "低"}, {"measures", "实行支付双人复核、每月对账"}};
    c.submit("unit1", "discipline.risk_point", "D1", "2021", risk);
    CHECK(c.problems("unit1", "discipline.risk_point", "D1", "2021", with(risk, {{"measures", nullptr}}))["measures"] ==
          "「防控措施」为必填项");
    CHECK(c.problems("unit1", "discipline.risk_point", "D1", "2021", with(risk, {{"level", "中"}}))["owner"] == "高、中风险点须明确责任人");
    auto p = c.problems("unit1", "discipline.risk_point", "D1", "2021", with(risk, {{"level", "高"}}));
    CHECK(p["owner"] == "高、中风险点须明确责任人");
    CHECK(p["supervisor"] == "高风险点须明确监督人");
}

TEST_CASE("discipline.four_winds: a self-inspection with no problem needs no rectification", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    auto s = c.submit("unit1", "discipline.four_winds", "D1", "2021",
                      {{"date", "2021-05-20"}, {"scope_text", "机关各科室"}, {"found", false}, {"category", "形式主义"}});
    CHECK_FALSE(json::parse(s.values_json).contains("category"));
}

TEST_CASE("discipline.four_winds: a problem found has its category, measure, deadline and status", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    json found = {{"date", "2021-05-20"}, {"scope_text", "机关各科室"}, {"found", true}};
    auto p = c.problems("unit1", "discipline.four_winds", "D1", "2021", found);
    CHECK(p["category"] == "请选择问题类别");
    CHECK(p["problem_text"] == "请写明问题表现");
    CHECK(p["measure"] == "请写明整改措施");
    CHECK(p["deadline"] == "请填写整改时限");
    CHECK(p["status"] == "请选择整改状态");
    json full = with(found, {{"category", "形式主义"}, {"problem_text", "文件多、会议多"}, {"measure", "精简会议文件"},
                             {"deadline", "2021-05-01"}, {"status", "已整改"}});
    CHECK(c.problems("unit1", "discipline.four_winds", "D1", "2021", full)["done"] == "已整改的须填写完成日期");
    p = c.problems("unit1", "discipline.four_winds", "D1", "2021", with(full, {{"done", "2021-05-10"}}));
    CHECK(p["deadline"] == "整改时限不能早于自查日期");
    CHECK(p["done"] == "整改完成日期不能早于自查日期");
    c.submit("unit1", "discipline.four_winds", "D1", "2021", with(full, {{"deadline", "2021-06-30"}, {"done", "2021-06-01"}}));
}

TEST_CASE("discipline.duty_list: each responsibility has content, goal, measure, deadline and owner", "[plugin-discipline]") {
    test::PluginCounty c({"orglife", "discipline"});
    json duty = {{"list", "监督责任清单"}, {"content", "监督检查中央八项规定精神落实情况"}, {"goal", "全年开展专项检查两次"},
                 {"measure", "节前提醒、节后抽查"}, {"deadline", "2021-12-31"}, {"owner", "纪委书记"}, {"status", "未开始"}};
    c.submit("unit1", "discipline.duty_list", "D1", "2021", duty);
    auto p = c.problems("unit1", "discipline.duty_list", "D1", "2021", with(duty, {{"list", "第三清单"}, {"deadline", nullptr}}));
    CHECK(p["list"] == "「清单类别」的选项「第三清单」无效");
    CHECK(p["deadline"] == "「完成时限」为必填项");
    CHECK(c.problems("unit1", "discipline.duty_list", "D1", "2021", with(duty, {{"status", "推进中"}}))["record"] ==
          "推进中或已完成的责任须记录履责情况");
}

// --- Indicators, rules and reminders (need the indicator engine) ---------------------------

namespace {

using test::RuleCounty;

json lead(const char* code, const char* received, const char* deadline, const char* status) {
    return with(kLead, {{"code", code}, {"received", received}, {"deadline", deadline}, {"status", status}});
}
json closed(json l, const char* on, const char* form4 = "第一种形态") {
    l["status"] = "已办结";
    l["closed"] = on;
    l["form4"] = form4;
    l["result"] = "谈话提醒";
    return l;
}

}  // namespace

TEST_CASE("discipline.warning_edu_quarters: quarters with warning education, out of 4", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    for (const char* d : {"2021-01-12", "2021-02-12", "2021-05-12"})
        c.submit_on(*Date::parse(d), "unit1", "discipline.warning_edu", "D1", std::string(d).substr(0, 7), with(kWarning, {{"date", d}}));
    CHECK(c.value("discipline.warning_edu_quarters", "2021", "D1") == Approx(50));
    CHECK(c.value("discipline.warning_edu_quarters", "2021", "D2") == Approx(0));
}

TEST_CASE("discipline.regulation_study: the 中心组 studies the 《纪律处分条例》 at least once a year", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    CHECK(c.findings("discipline.regulation_study", "2021", "D1") ==
          std::vector<std::string>{"本年度中心组学习《中国共产党纪律处分条例》0 次，应不少于 1 次"});
    json study = {{"date", "2021-06-03"}, {"topic", "学习条例"}, {"subjects", {"党章党规"}}, {"presenter", "书记"},
                  {"members_total", 5}, {"attended", 5}, {"content", "集中学习党章和党内政治生活准则"}};
    c.submit("unit1", "orglife.study", "D1", "2021-06", study);  // another subject does not count
    CHECK(c.findings("discipline.regulation_study", "2021", "D1").size() == 1);
    c.submit("unit1", "orglife.study", "D1", "2021-06", with(study, {{"subjects", {"《中国共产党纪律处分条例》"}}}));
    CHECK(c.findings("discipline.regulation_study", "2021", "D1").empty());
    c.configure("discipline", "D1", R"({"regulation_study_per_year": 2})");
    CHECK(c.findings("discipline.regulation_study", "2021", "D1") ==
          std::vector<std::string>{"本年度中心组学习《中国共产党纪律处分条例》1 次，应不少于 2 次"});
}

TEST_CASE("discipline.leads_on_time: leads closed by their deadline, over the leads that were due", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    CHECK_FALSE(c.value("discipline.leads_on_time", "2021", "D1").has_value());  // no leads
    c.submit("unit1", "discipline.lead", "D1", "2021", closed(lead("A", "2021-03-01", "2021-03-31", "初步核实"), "2021-03-20"));
    c.submit("unit1", "discipline.lead", "D1", "2021", closed(lead("B", "2021-03-01", "2021-04-01", "初步核实"), "2021-04-05"));
    c.submit("unit1", "discipline.lead", "D1", "2021", lead("C", "2021-03-01", "2021-05-01", "谈话函询"));
    c.submit("unit1", "discipline.lead", "D1", "2021", lead("D", "2021-06-01", "2022-01-15", "初步核实"));  // not due in 2021
    c.submit("unit1", "discipline.lead", "D1", "2021", closed(lead("E", "2021-06-01", "2022-01-10", "初步核实"), "2021-06-10"));
    // On time: A and E. Due: A, B, C, and E (closed early, so counted though its deadline is next year).
    CHECK(c.value("discipline.leads_on_time", "2021", "D1") == Approx(50));
}

TEST_CASE("discipline.leads_overdue: an open lead past its deadline is a finding, a parked one is not", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.submit("unit1", "discipline.lead", "D1", "2021", lead("C", "2021-03-01", "2021-05-01", "谈话函询"));
    c.submit("unit1", "discipline.lead", "D1", "2021", lead("D", "2021-06-01", "2022-01-15", "初步核实"));
    c.submit("unit1", "discipline.lead", "D1", "2021", lead("F", "2021-03-01", "2021-05-01", "暂存待查"));
    CHECK(c.findings("discipline.leads_overdue", "2021", "D1") == std::vector<std::string>{"有 1 条问题线索超过办理时限仍未办结"});
    CHECK(c.findings("discipline.leads_overdue", "2021", "D2").empty());
}

TEST_CASE("discipline.serious_cases: leads handled in the 第四种形态 count, unless the veto is switched off", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.submit("unit1", "discipline.lead", "D1", "2021", closed(lead("A", "2021-03-01", "2021-03-31", "初步核实"), "2021-03-20"));
    CHECK(c.value("discipline.serious_cases", "2021", "D1") == Approx(0));
    c.submit("unit1", "discipline.lead", "D1", "2021",
             closed(lead("S", "2021-03-01", "2021-06-30", "立案审查调查"), "2021-06-01", "第四种形态"));
    auto v = c.indicator("discipline.serious_cases", "2021", "D1");
    CHECK(v.value == Approx(1));
    CHECK(v.met == false);
    CHECK(c.value("discipline.serious_cases", "2021", "GW") == Approx(1));  // summed up the tree
    c.configure("discipline", "D1", R"({"veto_serious_case": false})");
    CHECK(c.value("discipline.serious_cases", "2021", "D1") == Approx(0));
}

TEST_CASE("discipline.integrity_coverage: cadres with an 廉政档案, over the cadres who need one", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.submit("unit1", "discipline.integrity_file", "D1", "2021",
             {{"cadres", 10}, {"filed", 8}, {"updated", 8}, {"missing", "新提任两人"}, {"keeper", "纪检委员甲"}});
    CHECK(c.value("discipline.integrity_coverage", "2021", "D1") == Approx(80));
    CHECK_FALSE(c.value("discipline.integrity_coverage", "2021", "D2").has_value());
}

TEST_CASE("discipline.risk_points: a department without risk points registered is a finding", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.submit("unit1", "discipline.risk_point", "D1", "2021",
             {{"post", "财务科"}, {"risk", "资金支付审核不严"}, {"level", "低"}, {"measures", "实行支付双人复核、每月对账"}});
    CHECK(c.findings("discipline.risk_points", "2021", "D1").empty());
    CHECK(c.findings("discipline.risk_points", "2021", "D2") == std::vector<std::string>{"本年度未排查登记廉政风险点及防控措施"});
}

TEST_CASE("discipline.four_winds_check and four_winds_rectified: a self-inspection a year, its problems rectified",
          "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    json none = {{"date", "2021-03-01"}, {"scope_text", "机关各科室"}, {"found", false}};
    json problem = {{"date", "2021-03-01"}, {"scope_text", "机关各科室"}, {"found", true}, {"category", "形式主义"},
                    {"problem_text", "文件多、会议多"}, {"measure", "精简会议文件"}, {"deadline", "2021-06-30"}};
    c.submit("unit1", "discipline.four_winds", "D1", "2021", none);
    CHECK_FALSE(c.value("discipline.four_winds_rectified", "2021", "D1").has_value());  // nothing found
    c.submit("unit1", "discipline.four_winds", "D1", "2021", with(problem, {{"status", "已整改"}, {"done", "2021-05-01"}}));
    c.submit("unit1", "discipline.four_winds", "D1", "2021", with(problem, {{"status", "已整改"}, {"done", "2021-05-02"}}));
    c.submit("unit1", "discipline.four_winds", "D1", "2021", with(problem, {{"status", "整改中"}}));
    CHECK(c.value("discipline.four_winds_rectified", "2021", "D1") == Approx(200.0 / 3));
    CHECK(c.findings("discipline.four_winds_check", "2021", "D1").empty());
    CHECK(c.findings("discipline.four_winds_check", "2021", "D2") == std::vector<std::string>{"本年度未开展“四风”问题自查"});
}

TEST_CASE("discipline.duty_lists: both the 主体责任清单 and the 监督责任清单 are kept", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    json duty = {{"list", "主体责任清单"}, {"content", "落实三会一课制度"}, {"goal", "按期召开"}, {"measure", "每月督查"},
                 {"deadline", "2021-12-31"}, {"owner", "书记"}, {"status", "未开始"}};
    CHECK(c.findings("discipline.duty_lists", "2021", "D1") ==
          std::vector<std::string>{"本年度未建立主体责任清单", "本年度未建立监督责任清单"});
    c.submit("unit1", "discipline.duty_list", "D1", "2021", duty);
    CHECK(c.findings("discipline.duty_lists", "2021", "D1") == std::vector<std::string>{"本年度未建立监督责任清单"});
}

TEST_CASE("discipline.duty_overdue: a responsibility past its deadline and not done is a finding", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    json duty = {{"list", "监督责任清单"}, {"content", "节日期间作风监督"}, {"goal", "节前提醒"}, {"measure", "节后抽查"},
                 {"deadline", "2021-03-31"}, {"owner", "纪委书记"}, {"status", "推进中"}, {"record", "已发提醒通知"}};
    c.submit("unit1", "discipline.duty_list", "D1", "2021", duty);
    c.submit("unit1", "discipline.duty_list", "D1", "2021", with(duty, {{"status", "已完成"}}));
    c.submit("unit1", "discipline.duty_list", "D1", "2021", with(duty, {{"deadline", "2022-03-31"}}));
    CHECK(c.findings("discipline.duty_overdue", "2021", "D1") ==
          std::vector<std::string>{"有 1 项“两个责任”清单事项超过完成时限仍未完成"});
}

TEST_CASE("discipline.structure: every 机关党委 has a 机关纪委, every 党总支 a 纪检委员", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.org("D2-JG", "乙局机关党委", OrgType::OrganCommittee, "D2");
    c.org("D2-ZZ", "乙局党总支", OrgType::GeneralBranch, "D2-JG");
    CHECK(c.findings("discipline.structure", "2021", "D2") ==
          std::vector<std::string>{"乙局机关党委设有机关党委，但未设立机关纪委", "乙局党总支未设纪律检查委员"});
    CHECK(c.findings("discipline.structure", "2021", "D1").empty());
    OrgAttributes committee;
    committee.has_discipline_committee = true;
    c.change("D2-JG", committee);
    OrgAttributes member;
    member.has_discipline_member = true;
    c.change("D2-ZZ", member);
    CHECK(c.findings("discipline.structure", "2021", "D2").empty());
}

TEST_CASE("discipline.branch_structure: a branch with a 支部委员会 (7 full members) has a 纪检委员", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.full_members("D1-B1", 6);  // with 张三: 7 full members, so a 支部委员会 and a 纪检委员
    c.full_members("D1-B2", 6);  // 6: no committee, no 纪检委员 required
    CHECK(c.findings("discipline.branch_structure", "2021", "D1-B1") ==
          std::vector<std::string>{"甲局第一党支部设有支部委员会，但未设纪律检查委员"});
    CHECK(c.findings("discipline.branch_structure", "2021", "D1-B2").empty());
    CHECK(c.value("discipline.branch_structure", "2021", "D1") == Approx(1));
    OrgAttributes member;
    member.has_discipline_member = true;
    c.change("D1-B1", member);
    CHECK(c.findings("discipline.branch_structure", "2021", "D1-B1").empty());
}

TEST_CASE("discipline.structure_gap: the same structure findings are reminded any day", "[plugin-discipline]") {
    RuleCounty c({"orglife", "discipline"});
    c.org("D2-JG", "乙局机关党委", OrgType::OrganCommittee, "D2");
    auto r = c.reminders("discipline.structure_gap", Date::from_ymd(2021, 6, 1));
    REQUIRE(r.size() == 1);
    CHECK(r[0].org_code == "D2-JG");
    CHECK(r[0].text == "乙局机关党委设有机关党委，但未设立机关纪委，请按规定设立");
    CHECK(r[0].level == "warning");
}
