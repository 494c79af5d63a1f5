// The rules issue 15 found missing from the bundled plugins, each with a hand-computed answer:
// 谈心谈话, 思想状况分析研判, 党员集中学习 and 领学带学督学 (orglife); 机关纪委 监督立项 and reports to
// the 纪工委 (discipline); 党建's third of a sector's composite assessment and 七一 honours (review);
// 支部达标创优 and 评星定级 (stars); “四不两直” inspections (inspection). Sources: docs/plugins/*.md.
#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::RuleCounty;
using test::with;

namespace {

json talk(std::int64_t talker, std::int64_t talkee, const char* date, const char* role = "支部书记") {
    return {{"talkee", talkee}, {"talker_role", role}, {"talker", talker}, {"kind", "日常谈心谈话"},
            {"date", date}, {"mode", "面谈"}, {"summary", "了解近期思想和工作情况，交流意见"}};
}

SubmissionInfo file_talk(RuleCounty& c, const char* unit, std::int64_t talker, std::int64_t talkee, const char* date,
                         const char* role = "支部书记") {
    return c.submit_on(*Date::parse(date), "admin", "orglife.talk", unit, std::string(date).substr(0, 7),
                       talk(talker, talkee, date, role));
}

}  // namespace

TEST_CASE("issue 15: the new plugins pass `plugins check`", "[plugin-issue15]") {
    for (const char* id : {"orglife", "discipline", "review", "stars", "inspection"}) {
        INFO(id);
        auto r = test::check_bundled_plugin(id);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::Contains("检查通过"));
    }
}

// --- 谈心谈话 (001（十一）, 002 一、2, 003 二、二 and 二、三) ---------------------------------------

TEST_CASE("orglife.talk: who talked with whom, of what kind, on what day, not with oneself", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.talk", "D1-B1", "2021-06", json::object());
    CHECK(p["talkee"] == "「谈话对象」为必填项");
    CHECK(p["talker"] == "「谈话人」为必填项");
    CHECK(p["kind"] == "「谈话类型」为必填项");
    CHECK(p["date"] == "「谈话日期」为必填项");
    CHECK(c.problems("filler1", "orglife.talk", "D1-B1", "2021-06", talk(1, 1, "2021-06-03"))["talkee"] ==
          "谈话人和谈话对象不能是同一人");
    c.submit("filler1", "orglife.talk", "D1-B1", "2021-06", talk(2, 1, "2021-06-03"));
}

TEST_CASE("orglife.talk_coverage: members talked with the declared number of times, over all members", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    auto b2 = c.full_members("D1-B2", 2);  // 甲局: 张三 (1), 李四 (2) in B1, two more in B2: 4 members
    file_talk(c, "D1-B1", 2, 1, "2021-03-10");
    file_talk(c, "D1-B1", 2, 1, "2021-05-10");  // 张三 twice
    file_talk(c, "D1-B2", b2[1], b2[0], "2021-04-02");
    CHECK(c.value("orglife.talk_coverage", "2021", "D1") == Approx(50));  // 2 of 4
    CHECK(c.value("orglife.talk_coverage", "2021", "D2") == Approx(0));   // 王五 never
    c.configure("orglife", "D1", R"({"talks_per_member": 2})");
    CHECK(c.value("orglife.talk_coverage", "2021", "D1") == Approx(25));  // only 张三 twice
}

TEST_CASE("orglife.leader_talks: leading cadres who talked with members, over leading cadres", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    CHECK_FALSE(c.value("orglife.leader_talks", "2021", "D1").has_value());  // no 领导干部
    c.flag(1, {"领导干部"});
    c.member("副局长", "D1-B2", Date::from_ymd(1995, 7, 1), Date::from_ymd(1996, 7, 1), {"领导干部"});
    file_talk(c, "D1-B1", 1, 2, "2021-02-10", "党员领导干部");
    file_talk(c, "D1-B1", 2, 1, "2021-02-11");  // a secretary's talk does not count for a leader
    CHECK(c.value("orglife.leader_talks", "2021", "D1") == Approx(50));
}

TEST_CASE("orglife.talk_pending: from October, each branch with members never talked with is reminded",
          "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    auto b2 = c.full_members("D1-B2", 2);
    file_talk(c, "D1-B1", 2, 1, "2021-03-10");
    file_talk(c, "D1-B2", b2[1], b2[0], "2021-04-02");
    CHECK(c.reminders("orglife.talk_pending", Date::from_ymd(2021, 9, 30)).empty());
    auto r = c.reminders("orglife.talk_pending", Date::from_ymd(2021, 10, 1));
    REQUIRE(r.size() == 3);  // 李四 in B1, one member of B2, 王五 in 乙局
    std::map<std::string, std::string> by_org;
    for (const auto& x : r) by_org[x.org_code] = x.text;
    CHECK(by_org["D1-B1"] == "甲局第一党支部有 1 名党员尚无谈心谈话记录，请在年底前谈心谈话");
    CHECK(r[0].due == "2021-12-31");
    file_talk(c, "D1-B1", 1, 2, "2021-06-10");
    CHECK(c.reminders("orglife.talk_pending", Date::from_ymd(2021, 10, 1), "D1-B1").empty());
}

// --- 思想状况分析研判 (001（八）) ---------------------------------------------------------------

namespace {
json ideology(const char* level, const char* date) {
    return {{"level", level}, {"date", date}, {"participants", 5}, {"overall", "积极稳定"}, {"religion_checked", true},
            {"religion_found", 0}, {"analysis", "党员干部思想总体稳定，对中心工作认识统一，未发现信教情况"},
            {"measures", "继续开展谈心谈话，关注青年干部思想动态"}};
}
}  // namespace

TEST_CASE("orglife.ideology: the 信教 check is part of every 研判", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.ideology", "D1-B1", "2021Q2",
                        with(ideology("党支部", "2021-04-20"), {{"religion_checked", false}}));
    CHECK(p["religion_checked"] == "001（八）要求研判时排查掌握党员干部信教情况");
    p = c.problems("filler1", "orglife.ideology", "D1-B1", "2021Q2",
                   with(ideology("党支部", "2021-04-20"), {{"overall", "存在较突出问题"}}));
    CHECK(p["concerns"] == "总体判断不是“积极稳定”的，须写明需关注的人员和问题");
}

TEST_CASE("orglife.ideology_quarters: a branch's quarters with a 研判, out of 4", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    c.submit_on(Date::from_ymd(2021, 3, 20), "admin", "orglife.ideology", "D1-B1", "2021Q1", ideology("党支部", "2021-03-18"));
    c.submit("admin", "orglife.ideology", "D1-B1", "2021Q2", ideology("党支部", "2021-06-01"));
    CHECK(c.value("orglife.ideology_quarters", "2021", "D1-B1") == Approx(50));
    CHECK(c.value("orglife.ideology_quarters", "2021", "D1-B2") == Approx(0));
    CHECK(c.value("orglife.ideology_quarters", "2021", "D1") == Approx(25));  // the branches' average
}

TEST_CASE("orglife.ideology_committee_rule: a 机关党委 analyses every half-year, branches' records do not count",
          "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    c.org("D1-C", "甲局机关党委", OrgType::OrganCommittee, "D1");
    CHECK(c.findings("orglife.ideology_committee_rule", "2021", "D2").empty());  // no 机关党委
    c.submit("admin", "orglife.ideology", "D1-B1", "2021Q2", ideology("党支部", "2021-06-01"));
    CHECK(c.findings("orglife.ideology_committee_rule", "2021", "D1") ==
          std::vector<std::string>{"机关党委本年开展思想状况分析研判覆盖 0 个半年，应每半年 1 次"});
    c.submit("admin", "orglife.ideology", "D1-C", "2021Q2", ideology("机关党委", "2021-06-02"));
    CHECK(c.findings("orglife.ideology_committee_rule", "2021", "D1") ==
          std::vector<std::string>{"机关党委本年开展思想状况分析研判覆盖 1 个半年，应每半年 1 次"});
    c.submit_on(Date::from_ymd(2021, 11, 20), "admin", "orglife.ideology", "D1-C", "2021Q4", ideology("机关党委", "2021-11-20"));
    CHECK(c.findings("orglife.ideology_committee_rule", "2021", "D1").empty());
}

// --- 每月党员集中学习 (003 二、二) and 领学带学督学 (002 一、2) ----------------------------------------

namespace {
json group_study(const char* date) {
    return {{"date", date}, {"topic", "学习党章"}, {"presenter", "支部书记"}, {"expected", 2}, {"attended", 2},
            {"content", "集中学习党章和党内政治生活若干准则"}};
}
json lead_study(std::int64_t leader, const char* date) {
    return {{"leader", leader}, {"date", date}, {"place", "所在党支部"}, {"org_name", "甲局第一党支部"},
            {"activities", {"领学", "讲党课"}}, {"topic", "学习贯彻四中全会精神"}, {"participants", 12},
            {"content", "领学全会公报，讲专题党课并交流研讨"}};
}
}  // namespace

TEST_CASE("orglife.group_study_months: months with a 党员集中学习, out of 12, reminded from the 20th", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    for (const char* d : {"2021-01-08", "2021-01-22", "2021-03-05"})
        c.submit_on(*Date::parse(d), "admin", "orglife.group_study", "D1-B1", std::string(d).substr(0, 7), group_study(d));
    CHECK(c.value("orglife.group_study_months", "2021", "D1-B1") == Approx(200.0 / 12));
    CHECK(c.problems("filler1", "orglife.group_study", "D1-B1", "2021-06", with(group_study("2021-06-02"), {{"attended", 3}}))["attended"] ==
          "实参加人数不能多于应参加党员人数");
    CHECK(c.reminders("orglife.group_study_gap", Date::from_ymd(2021, 6, 19)).empty());
    CHECK(c.reminders("orglife.group_study_gap", Date::from_ymd(2021, 6, 20)).size() == 3);
    c.submit("filler1", "orglife.group_study", "D1-B1", "2021-06", group_study("2021-06-02"));
    auto r = c.reminders("orglife.group_study_gap", Date::from_ymd(2021, 6, 20), "D1");
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "甲局第二党支部本月尚未组织党员集中学习");
}

TEST_CASE("orglife.lead_study_coverage: every 领导干部 leads study at least once a year", "[plugin-issue15]") {
    RuleCounty c({"orglife"});
    CHECK_FALSE(c.value("orglife.lead_study_coverage", "2021", "D1").has_value());
    auto p = c.problems("unit1", "orglife.lead_study", "D1", "2021", lead_study(1, "2021-03-09"));
    CHECK_THAT(p["leader"], Catch::Contains("没有「领导干部」标记"));
    c.flag(1, {"领导干部"});
    c.member("副局长", "D1-B2", Date::from_ymd(1995, 7, 1), Date::from_ymd(1996, 7, 1), {"领导干部"});
    c.submit("unit1", "orglife.lead_study", "D1", "2021", lead_study(1, "2021-03-09"));
    CHECK(c.value("orglife.lead_study_coverage", "2021", "D1") == Approx(50));
    c.configure("orglife", "D1", R"({"lead_study_per_year": 2})");
    CHECK(c.value("orglife.lead_study_coverage", "2021", "D1") == Approx(0));
    auto r = c.reminders("orglife.lead_study_pending", Date::from_ymd(2021, 10, 8));
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "甲局有 1 名党员领导干部尚无领学带学督学记录，全年应不少于 1 次");
    CHECK(c.reminders("orglife.lead_study_pending", Date::from_ymd(2021, 9, 30)).empty());
}

// --- 机关纪委 监督立项 (001（二十一）) and reports to the 纪工委 (002 五、3) ----------------------------

TEST_CASE("discipline.supervision_plan_rule and work_report_quarters apply where there is a 机关纪委", "[plugin-issue15]") {
    RuleCounty c({"orglife", "discipline"});
    OrgAttributes commission;
    commission.has_discipline_committee = true;
    c.org("D1-C", "甲局机关党委", OrgType::OrganCommittee, "D1", commission);
    CHECK(c.findings("discipline.supervision_plan_rule", "2021", "D1") ==
          std::vector<std::string>{"机关纪委本年度未制订监督立项计划"});
    CHECK(c.findings("discipline.supervision_plan_rule", "2021", "D2").empty());
    json plan = {{"date", "2021-02-01"},
                 {"projects", {{{"name", "政府采购专项监督"}, {"focus", "关键事"}, {"method", "专项监督"}, {"owner", "纪委书记"},
                                {"deadline", "2021-11-30"}}}}};
    CHECK(c.problems("unit1", "discipline.supervision_plan", "D1", "2021", with(plan, {{"projects", json::array()}})).count("projects") == 1);
    auto s = c.submit("unit1", "discipline.supervision_plan", "D1", "2021", plan);
    CHECK(json::parse(s.values_json)["project_count"] == 1);
    CHECK(c.findings("discipline.supervision_plan_rule", "2021", "D1").empty());

    json report = {{"date", "2021-03-25"}, {"mode", "书面汇报"}, {"reporter", "纪委书记"}, {"supervision", "三项监督立项均按计划推进"},
                   {"cases", 0}, {"problems", "监督方式还需拓展，下季度开展专项检查"}};
    c.submit_on(Date::from_ymd(2021, 3, 25), "unit1", "discipline.work_report", "D1", "2021Q1", report);
    CHECK(c.value("discipline.work_report_quarters", "2021", "D1") == Approx(25));
    CHECK_FALSE(c.value("discipline.work_report_quarters", "2021", "D2").has_value());
}

// --- 党建 ≥ 1/3 of a sector's composite assessment (000 §5) -------------------------------------

namespace {
json scheme(int party, int business, int other) {
    return {{"sector", "教育系统"},
            {"items", {{{"name", "党建工作"}, {"category", "党建工作"}, {"points", party}},
                       {{"name", "业务工作"}, {"category", "业务工作"}, {"points", business}},
                       {{"name", "综合评价"}, {"category", "其他"}, {"points", other}}}}};
}
}  // namespace

TEST_CASE("review.sector_party_weight: 党建 under a third of a sector's scheme is a finding, exactly a third is not",
          "[plugin-issue15]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    CHECK(c.findings("review.sector_party_weight", "2021", "D1").empty());  // no scheme recorded
    auto s = c.submit("admin", "review.sector_scheme", "D1", "2021", scheme(30, 60, 10));
    auto v = json::parse(s.values_json);
    CHECK(v["total"] == 100);
    CHECK(v["party_share"] == 30.0);
    CHECK(c.findings("review.sector_party_weight", "2021", "D1") ==
          std::vector<std::string>{"行业系统综合考核方案中党建工作分值权重为 30.0%，低于三分之一"});
    c.submit("admin", "review.sector_scheme", "D2", "2021", scheme(30, 50, 10));  // 30 of 90: exactly a third
    CHECK(c.findings("review.sector_party_weight", "2021", "D2").empty());
    // Only the 工委 records a sector's scheme.
    CHECK_THROWS_WITH(c.svc->submit(c.as("unit1"), test::PluginCounty::request("review.sector_scheme", "D1", "2021", scheme(40, 50, 10))),
                      Catch::Contains("无权限"));
}

// --- 七一 表彰 and 模范机关 (000 §1, §20; 002 二、3) --------------------------------------------------

TEST_CASE("review honours: nominations, the list the 工委 names, and a title withdrawn", "[plugin-issue15]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json person = {{"award", "优秀共产党员"}, {"member", 1}, {"date", "2021-05-20"},
                   {"deeds", "疫情防控中带头下沉社区，连续值守六十余天，表现突出"}};
    json organ = {{"award", "模范机关建设先进单位"}, {"unit_name", "甲局"}, {"date", "2021-05-20"},
                  {"m_politics", true}, {"m_theory", true}, {"m_duty", true}, {"m_org", true},
                  {"deeds", "七个方面走在前列，党建工作与业务工作深度融合，成效明显"}};
    CHECK(c.problems("unit1", "review.honour_nomination", "D1", "2021", organ)["m_politics"] ==
          "模范机关建设先进应至少符合“七个模范”中的 5 项，现为 4 项");
    auto named = c.submit("unit1", "review.honour_nomination", "D1", "2021", person);
    c.submit("unit1", "review.honour_nomination", "D1", "2021", with(organ, {{"m_act", true}}));
    c.svc->approve(c.as("gwadmin"), named.id, "列入七一表彰名单");
    CHECK(c.value("review.honours_nominated", "2021", "D1") == Approx(2));
    CHECK(c.value("review.honours_named", "2021", "D1") == Approx(1));
    CHECK(c.value("review.model_organs_named", "2021", "D1") == Approx(0));
    CHECK(c.value("review.honours_named", "2021", "GW") == Approx(1));

    CHECK(c.findings("review.honour_withdrawn", "2021", "D2").empty());
    c.submit("admin", "review.honour_withdrawal", "D2", "2021",
             {{"title", "党建工作先进单位"}, {"awarded_year", 2019}, {"date", "2021-06-01"}, {"reason", "年度考核等次为一般或差"},
              {"detail", "2020 年度党建考核等次为差，摘掉先进单位牌子"}});
    CHECK(c.findings("review.honour_withdrawn", "2021", "D2") == std::vector<std::string>{"本年度被撤销先进称号"});
    CHECK(c.value("review.honour_withdrawn", "2021", "GW") == Approx(1));
}

// --- 支部达标创优, 五星级党支部, 党员评星定级 (002 二、2–3, 000 §4) ---------------------------------------

namespace {
json branch_rating(const char* level, int stars) {
    json v = {{"self_date", "2021-05-10"}, {"level", level}, {"stars", stars},
              {"evidence", "对照五个基本和六化标准逐项自评，台账齐全，组织生活规范"}};
    for (const char* k : {"b_org", "b_team", "b_rules", "b_activity", "b_support", "s_setting", "s_life", "s_members",
                          "s_service", "s_venue", "s_system"})
        v[k] = true;
    return v;
}
json member_rating(std::int64_t member, int stars, const char* worst = "好") {
    return {{"member", member}, {"date", "2021-05-12"}, {"a_politics", "好"}, {"a_study", "好"}, {"a_life", "好"},
            {"a_duty", "较好"}, {"a_role", worst}, {"stars", stars}, {"evidence", "日常表现良好，民主评议为优秀"}};
}
}  // namespace

TEST_CASE("stars.branch_rating: 达标 needs the five 基本, 优秀 the six 化, five stars 优秀", "[plugin-issue15]") {
    RuleCounty c({"stars"});
    auto p = c.problems("filler1", "stars.branch_rating", "D1-B1", "2021", with(branch_rating("达标", 5), {{"b_org", false}}));
    CHECK(p["level"] == "评为达标须“五个基本”全部符合，现符合 4 项");
    CHECK(p["stars"] == "五星级党支部须评定为优秀等次");
    p = c.problems("filler1", "stars.branch_rating", "D1-B1", "2021", with(branch_rating("优秀", 4), {{"s_venue", false}}));
    CHECK(p["level"] == "评为优秀须“六化”标准全部符合，现符合 5 项");
    p = c.problems("filler1", "stars.branch_rating", "D1-B1", "2021", with(branch_rating("不达标", 3), {{"rectify", "限期整改"}}));
    CHECK(p["stars"] == "不达标的党支部最高评为二星");
    CHECK(c.problems("filler1", "stars.branch_rating", "D1-B1", "2021", branch_rating("不达标", 2))["rectify"] ==
          "不达标的党支部须写明督导整改措施");
}

TEST_CASE("stars: the county's distribution of branch stars and member stars counts what the 工委 approved",
          "[plugin-issue15]") {
    RuleCounty c({"stars"});
    c.svc->create_user(c.as("admin"), NewUser{"gw2", "工委干部", Role::Admin, "GW"});
    auto b1 = c.submit("filler1", "stars.branch_rating", "D1-B1", "2021", branch_rating("优秀", 5));
    auto b2 = c.submit("unit1", "stars.branch_rating", "D1-B2", "2021", branch_rating("达标", 3));
    auto b3 = c.submit("gw2", "stars.branch_rating", "D2-B1", "2021",
                       with(branch_rating("不达标", 2), {{"b_support", false}, {"rectify", "落实活动场所和经费，年底前复评"}}));
    c.svc->approve(c.as("unit1"), b1.id, "推荐");
    c.svc->approve(c.as("gwadmin"), b1.id, "评审通过");
    c.svc->approve(c.as("admin"), b3.id, "推荐");
    c.svc->approve(c.as("gwadmin"), b3.id, "评审通过");
    // D1-B2 waits for the 部门's recommendation: not yet rated.
    CHECK(c.value("stars.standard_rate", "2021", "D1") == Approx(50));
    CHECK(c.value("stars.standard_rate", "2021", "D2") == Approx(0));
    c.svc->approve(c.as("admin"), b2.id, "推荐");
    c.svc->approve(c.as("gwadmin"), b2.id, "评审通过");
    CHECK(c.value("stars.standard_rate", "2021", "D1") == Approx(100));
    CHECK(c.value("stars.branch_stars_5", "2021", "GW") == Approx(1));
    CHECK(c.value("stars.branch_stars_4", "2021", "GW") == Approx(0));
    CHECK(c.value("stars.branch_stars_3", "2021", "GW") == Approx(1));
    CHECK(c.value("stars.branch_stars_2", "2021", "GW") == Approx(1));
    CHECK(c.value("stars.excellent_branches", "2021", "GW") == Approx(1));
    CHECK(c.findings("stars.failed_branch", "2021", "D2-B1") == std::vector<std::string>{"乙局党支部评定为不达标，须督导整改"});
    CHECK(c.findings("stars.failed_branch", "2021", "D1-B1").empty());

    CHECK(c.problems("filler1", "stars.member_rating", "D1-B1", "2021", member_rating(1, 5, "一般"))["stars"] ==
          "五星党员各分项评价均应为“较好”以上");
    CHECK(c.problems("filler1", "stars.member_rating", "D1-B1", "2021", member_rating(1, 3, "差"))["stars"] ==
          "有分项评价为“差”的党员最高评为二星");
    auto m1 = c.submit("filler1", "stars.member_rating", "D1-B1", "2021", member_rating(1, 5));
    auto m2 = c.submit("filler1", "stars.member_rating", "D1-B1", "2021", member_rating(2, 3, "一般"));
    CHECK(c.value("stars.member_rating_coverage", "2021", "D1") == Approx(100));  // 张三 and 李四
    CHECK(c.value("stars.member_rating_coverage", "2021", "D2") == Approx(0));
    c.svc->approve(c.as("unit1"), m1.id, "同意");
    CHECK(c.value("stars.member_stars_5", "2021", "GW") == Approx(1));
    CHECK(c.value("stars.member_stars_3", "2021", "GW") == Approx(0));  // m2 not yet approved
    c.svc->approve(c.as("unit1"), m2.id, "同意");
    CHECK(c.value("stars.member_stars_3", "2021", "GW") == Approx(1));
}

// --- “四不两直” inspections (000 §17) ----------------------------------------------------------------

namespace {
json visit(const char* date, json findings) {
    return {{"date", date}, {"unannounced", true},
            {"ways", {"不发通知", "不打招呼", "不听汇报", "不用陪同和接待", "直奔单位", "直插现场"}},
            {"inspectors", "工委督查组张某、李某"}, {"items", {"督任务", "“三会一课”纪实"}},
            {"findings", std::move(findings)}, {"summary", "直奔现场查看支部台账和阵地"}};
}
}  // namespace

TEST_CASE("inspection: a visit's findings must each become a rectification item, and are then tracked",
          "[plugin-issue15]") {
    RuleCounty c({"inspection"});
    json two = {{{"problem", "支部“三会一课”记录不完整"}, {"deadline", "2021-05-31"}},
                {{"problem", "党费收缴登记不及时"}, {"deadline", "2021-06-30"}}};
    CHECK(c.problems("admin", "inspection.visit", "D1", "2021", with(visit("2021-06-07", two), {{"unannounced", false}}))["unannounced"] ==
          "“四不两直”督查不发通知、不打招呼，事先通知的不是“四不两直”督查");
    // Only the 工委 inspects.
    CHECK_THROWS_WITH(c.svc->submit(c.as("unit1"), test::PluginCounty::request("inspection.visit", "D1", "2021", visit("2021-06-07", two))),
                      Catch::Contains("无权限"));
    auto s = c.submit("admin", "inspection.visit", "D1", "2021", visit("2021-04-12", two));
    CHECK(json::parse(s.values_json)["finding_count"] == 2);
    CHECK(json::parse(s.values_json)["full"] == true);
    // A visit that announced itself through a 汇报 is not a “四不两直” one.
    json partial = visit("2021-05-10", json::array());
    partial["ways"] = {"不发通知", "不打招呼", "不用陪同和接待", "直奔单位", "直插现场"};
    c.submit("admin", "inspection.visit", "D1", "2021", partial);
    CHECK(c.value("inspection.visits", "2021", "D1") == Approx(1));
    CHECK(c.value("inspection.visits", "2021", "GW") == Approx(1));

    CHECK(c.findings("inspection.findings_registered", "2021", "D1") ==
          std::vector<std::string>{"本年“四不两直”督查发现问题 2 条，已登记整改事项 0 条，还有 2 条未登记整改"});
    CHECK_FALSE(c.value("inspection.findings_rectified", "2021", "D1").has_value());
    auto a = c.svc->add_rectification(c.as("admin"), NewRectification{"D1", 2021, "inspection", "visit:1", "支部“三会一课”记录不完整",
                                                                      "“四不两直”督查发现", "", Date::from_ymd(2021, 5, 31)});
    c.svc->add_rectification(c.as("admin"), NewRectification{"D1", 2021, "inspection", "visit:2", "党费收缴登记不及时",
                                                             "“四不两直”督查发现", "", Date::from_ymd(2021, 6, 30)});
    CHECK(c.findings("inspection.findings_registered", "2021", "D1").empty());
    CHECK(c.value("inspection.findings_rectified", "2021", "D1") == Approx(0));
    c.svc->update_rectification(c.as("unit1"), a.id, RectificationUpdate{std::string("in_progress"), {}, {}, "已制定整改方案", {}, ""});
    c.svc->update_rectification(c.as("unit1"), a.id, RectificationUpdate{std::string("done"), {}, {}, "记录已补齐", {}, ""});
    CHECK(c.value("inspection.findings_rectified", "2021", "D1") == Approx(50));
}

// --- The demo county fills the new forms plausibly ------------------------------------------------

TEST_CASE("issue 15: the demo county has records of every new form and plausible values at the 工委", "[plugin-issue15][demo]") {
    test::TempDir dir;
    const std::string db = dir.file("demo.db");
    test::make_demo(db);
    auto svc = LocalService::open(db);
    auto admin = svc->actor("gongwei");
    for (const char* form : {"orglife.talk", "orglife.ideology", "orglife.group_study", "orglife.lead_study",
                             "discipline.supervision_plan", "discipline.work_report", "review.sector_scheme",
                             "review.honour_nomination", "review.honour_withdrawal", "stars.branch_rating",
                             "stars.member_rating", "inspection.visit"}) {
        INFO(form);
        auto st = svc->connection().prepare("SELECT count(*) FROM submission WHERE form_id = ? AND state IN ('submitted','approved')");
        st.bind_all(std::string(form));
        st.step();
        CHECK(st.int64(0) > 0);
    }
    auto value = [&](const char* id) {
        IndicatorQuery q{"2020", "GW", std::string(id), false};
        for (const auto& v : svc->indicator_values(admin, q))
            if (v.org_code == "GW") {
                INFO(id << ": " << v.error);
                CHECK(v.error.empty());
                return v.value.value_or(-1);
            }
        return -1.0;
    };
    // Coverage rates that a real county reaches mostly, not always.
    for (const char* id : {"orglife.talk_coverage", "orglife.group_study_months", "orglife.ideology_quarters",
                           "orglife.lead_study_coverage", "stars.standard_rate", "stars.member_rating_coverage"}) {
        INFO(id);
        CHECK(value(id) > 40);
        CHECK(value(id) < 100);
    }
    // The county's distribution: branches at every rating from 2 to 5 stars, members too.
    for (const char* id : {"stars.branch_stars_2", "stars.branch_stars_3", "stars.branch_stars_4", "stars.branch_stars_5",
                           "stars.member_stars_3", "stars.member_stars_5", "review.honours_named", "inspection.visits"}) {
        INFO(id);
        CHECK(value(id) > 0);
    }
    // Some findings of the visits are registered and tracked, a few are not.
    CHECK(value("inspection.findings_rectified") > 0);
}
