// The bundled 组织生活 plugin (plugins/orglife) through the host: each form's validation rules,
// one test per rule, named after it. Indicators and reminders: see the end of this file.
#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

// 甲局第一党支部's roster: 张三 (1, joined 1970) and 李四 (2, joined 2020-12): both came.
const json kCommittee = {{"kind", "支部委员会"}, {"date", "2021-06-08"}, {"topic", "研究部署七一活动"},
                         {"host", 1},            {"recorder", 2},        {"attendees", {1, 2}},
                         {"content", "研究部署庆祝建党一百周年系列活动"}};

}  // namespace

TEST_CASE("orglife: the plugin passes `plugins check` and loads with all its forms", "[plugin-orglife]") {
    auto r = test::check_bundled_plugin("orglife");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("检查通过"));
    test::PluginCounty c({"orglife"});
    std::vector<std::string> at_branch, at_dept;
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1")) at_branch.push_back(f.id);
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1")) at_dept.push_back(f.id);
    // issue 15 added 谈心谈话, 思想状况分析研判, 党员集中学习 and 领学带学督学.
    CHECK(at_branch == std::vector<std::string>{"orglife.appraisal", "orglife.dues", "orglife.group_study", "orglife.ideology",
                                                "orglife.meeting", "orglife.talk"});
    CHECK(at_dept == std::vector<std::string>{"orglife.lead_study", "orglife.study"});
}

TEST_CASE("orglife.meeting: 应到 is the roster that day, 实到 those picked, 缺席 the rest", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06",
                      with(kCommittee, {{"attendees", {1}}, {"absent_reason", "李四出差"}, {"expected", 9}, {"attended", 9}}));
    CHECK(s.state == "submitted");
    json v = json::parse(s.values_json);
    CHECK(v["expected"] == 2);  // typed numbers are not taken: the roster decides
    CHECK(v["attended"] == 1);
    CHECK(v["absentees"] == json::array({2}));
    CHECK(v["rate"] == 50.0);
    // Everyone came: nobody absent, no reason asked for.
    v = json::parse(c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", kCommittee).values_json);
    CHECK(v["expected"] == 2);
    CHECK(v["attended"] == 2);
    CHECK(v["absentees"] == json::array());
    CHECK(v["rate"] == 100.0);
}

TEST_CASE("orglife.meeting: kind, date, topic, host, recorder, attendees and content are required", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", json::object());
    CHECK(p["kind"] == "「会议类型」为必填项");
    CHECK(p["date"] == "「召开日期」为必填项");
    CHECK(p["topic"] == "「会议主题」为必填项");
    CHECK(p["host"] == "请从党员名册中选择主持人");
    CHECK(p["recorder"] == "请从党员名册中选择记录人");
    CHECK(p["attendees"] == "请从党员名册中勾选参会人员");
    CHECK(p["content"] == "「主要内容」为必填项");
    CHECK_FALSE(p.count("expected"));  // filled in, never asked for
    CHECK_FALSE(p.count("lecturer_role"));  // the 党课 section is hidden for other kinds
}

TEST_CASE("orglife.meeting: the meeting date lies in the reported month", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"date", "2021-05-31"}}));
    CHECK_THAT(p["date"], Catch::Contains("「召开日期」应在2021年6月内"));
    // Typed the way the placeholder shows, stored as an ISO date.
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"date", "2021年6月8日"}}));
    CHECK(json::parse(s.values_json)["date"] == "2021-06-08");
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"date", "6月8日"}}));
    CHECK(p["date"] == "「召开日期」应为日期，如 2020-12-18 或 2020年12月18日");
}

TEST_CASE("orglife.meeting: absentees must be named with their reasons", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"attendees", {1}}}));
    CHECK(p["absent_reason"] == "有缺席人员时须写明缺席原因");
}

TEST_CASE("orglife.meeting: attendees, host and recorder come from the roster on the meeting day", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    // Another department's member is not this branch's to name.
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"attendees", {1, 3}}}));
    CHECK_THAT(p["attendees"], Catch::Contains("不在本组织"));
    // Someone who joined after the meeting was not on its roster, and does not count in 应到.
    auto later = c.member("新党员", "D1-B1", Date::from_ymd(2021, 6, 10), std::nullopt);
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"attendees", {1, 2, later}}}));
    CHECK(p["attendees"] == "「参会人员」中的党员编号 " + std::to_string(later) + " 在 2021-06-08 不在本组织党员名册中");
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"host", later}}));
    CHECK_THAT(p["host"], Catch::Contains("在 2021-06-08 不在本组织党员名册中"));
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", kCommittee);
    CHECK(json::parse(s.values_json)["expected"] == 2);
    // A meeting after they joined has them on its roster.
    s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06",
                 with(kCommittee, {{"date", "2021-06-12"}, {"attendees", {1, 2, later}}}));
    CHECK(json::parse(s.values_json)["expected"] == 3);
}

TEST_CASE("orglife.meeting: several photos, each within the field's limits, none twice", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto filler = c.as("filler1");
    auto a = c.svc->add_attachment(filler, "D1-B1", "会场.jpg", std::string(2000, 'a'));
    auto b = c.svc->add_attachment(filler, "D1-B1", "合影.png", std::string(3000, 'b'));
    auto doc = c.svc->add_attachment(filler, "D1-B1", "签到表.pdf", std::string(100, 'c'));
    json photos = json::array({{{"attachment", a.id}}, {{"attachment", b.id}}});
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"photos", photos}}));
    json stored = json::parse(s.values_json)["photos"];
    REQUIRE(stored.size() == 2);
    CHECK(stored[0]["name"] == "会场.jpg");  // the stored file's facts, filled in
    CHECK(stored[1]["size"] == 3000);
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06",
                        with(kCommittee, {{"photos", json::array({{{"attachment", a.id}}, {{"attachment", a.id}}})}}));
    CHECK(p["photos"] == "「现场照片」中有重复的附件");
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06",
                   with(kCommittee, {{"photos", json::array({{{"attachment", a.id}}, {{"attachment", doc.id}}})}}));
    CHECK_THAT(p["photos"], Catch::Contains("「签到表.pdf」的类型不符合要求"));
    json ten = json::array();
    for (int i = 0; i < 10; ++i)
        ten.push_back({{"attachment", c.svc->add_attachment(filler, "D1-B1", "照片" + std::to_string(i) + ".jpg", "x").id}});
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"photos", ten}}));
    CHECK(p["photos"] == "「现场照片」最多 9 个文件");
    // One photo alone, as an object, is not the list this field keeps.
    p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"photos", {{"attachment", a.id}}}}));
    CHECK(p["photos"] == "「现场照片」应为已上传的附件列表");
}

TEST_CASE("orglife.meeting: records filed in the old shape stay readable and counted", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    // Before 0.3.0 a record carried typed head counts and one photo, no attendee list.
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", kCommittee);
    const json old = {{"kind", "支部委员会"}, {"date", "2021-06-08"}, {"topic", "研究部署七一活动"}, {"expected", 5},
                      {"attended", 4}, {"rate", 80.0}, {"absent_reason", "李四出差"},
                      {"content", "研究部署庆祝建党一百周年系列活动"}};
    c.svc->connection().prepare("UPDATE submission SET data = ? WHERE id = ?").bind_all(old.dump(), s.id).run();
    auto read = c.svc->submission(c.as("admin"), s.id);
    CHECK(json::parse(read.values_json)["attended"] == 4);
    auto csv = c.svc->export_submissions(c.as("admin"), SubmissionFilter{"orglife.meeting", std::string("2021-06"), "D1", std::nullopt}, "csv");
    CHECK_THAT(csv, Catch::Contains("研究部署七一活动"));
    CHECK_THAT(csv, Catch::Contains("李四出差"));
}

TEST_CASE("orglife.meeting: a 党小组会 names its 党小组", "[plugin-orglife]") {
    test::PluginCounty c({"orglife"});
    auto p = c.problems("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"kind", "党小组会"}}));
    CHECK(p["group"] == "党小组会须选择党小组");
    // The group by its org code (issue 15 item 5: 党小组会 are counted per 党小组).
    c.svc->create_org(c.as("admin"), NewOrg{"D1-B1-G1", "第一党小组", OrgType::Group, "D1-B1", {}, Date::from_ymd(2010, 1, 1)});
    auto s = c.submit("filler1", "orglife.meeting", "D1-B1", "2021-06", with(kCommittee, {{"kind", "党小组会"}, {"group", "D1-B1-G1"}}));
    CHECK(json::parse(s.values_json)["group_month"] == "D1-B1-G1/" + kCommittee["date"].get<std::string>().substr(0, 7));
}

TEST_CASE("orglife.meeting: a 党课 says who gave it, a leading cadre must carry the 领导干部 flag", "[plugin-orglife]") {
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

// --- Indicators, rules and reminders (need the indicator engine) ---------------------------

namespace {

using test::RuleCounty;

// A meeting of the unit on `date`: its roster that day is made at least `expected` strong
// (members who joined long before), and the first `attended` of it came.
json meeting(RuleCounty& c, const char* unit, const char* kind, const char* date, int expected = 10, int attended = 10) {
    auto roster = [&] {
        std::vector<std::int64_t> ids;
        MemberFilter all;
        all.include_subtree = true;
        for (const auto& m : c.svc->list_members(c.as("admin"), unit, all))
            if (m.join_date.iso() <= date) ids.push_back(m.id);
        return ids;
    };
    auto ids = roster();
    for (auto i = static_cast<int>(ids.size()); i < expected; ++i)
        c.member("与会党员" + std::to_string(i + 1) + unit, unit, Date::from_ymd(2000, 7, 1), Date::from_ymd(2001, 7, 1));
    ids = roster();
    json came = json::array();
    for (int i = 0; i < attended && i < static_cast<int>(ids.size()); ++i) came.push_back(ids[static_cast<std::size_t>(i)]);
    json m = {{"kind", kind}, {"date", date}, {"topic", "学习研讨"}, {"attendees", came}, {"host", came[0]},
              {"recorder", came[0]}, {"content", "传达学习上级会议精神并研究落实"}};
    if (came.size() < ids.size()) m["absent_reason"] = "因公出差";
    if (std::string(kind) == "党课") m["lecturer_role"] = "支部书记", m["lecturer"] = 1;
    if (std::string(kind) == "党小组会") m["group"] = "D1-B1-G1";
    return m;
}

// Files a meeting in the month of `date`, on that day.
void hold(RuleCounty& c, const char* unit, const char* kind, const char* date, int expected = 10, int attended = 10) {
    Date d = *Date::parse(date);
    json m = meeting(c, unit, kind, date, expected, attended);
    c.submit_on(d, "admin", "orglife.meeting", unit, std::string(date).substr(0, 7), m);
}

}  // namespace

TEST_CASE("orglife.committee_months: months with a 支委会, out of 12", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.full_members("D1-B1", 6);  // with 张三: 7 full members, so the branch has a 支部委员会
    hold(c, "D1-B1", "支部委员会", "2021-01-05");
    hold(c, "D1-B1", "支部委员会", "2021-01-25");  // twice in January counts once
    hold(c, "D1-B1", "支部委员会", "2021-03-10");
    hold(c, "D1-B1", "主题党日", "2021-04-10");    // another kind does not count
    CHECK(c.value("orglife.committee_months", "2021", "D1-B1") == Approx(200.0 / 12));
    auto v = c.indicator("orglife.committee_months", "2021", "D1-B1");
    CHECK(v.target == Approx(100));
    CHECK(v.met == false);
}

TEST_CASE("orglife.committee_months: a branch of fewer than 7 full members has no 支委会 to count", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.full_members("D1-B2", 6);
    c.member("预备党员甲", "D1-B2", Date::from_ymd(2021, 1, 10), std::nullopt);  // a 预备党员 does not count
    CHECK_FALSE(c.value("orglife.committee_months", "2021", "D1-B2").has_value());
    c.full_members("D1-B2", 1, "补充");
    CHECK(c.value("orglife.committee_months", "2021", "D1-B2") == Approx(0));
}

TEST_CASE("orglife.group_months: only branches divided into 党小组 hold 党小组会", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    CHECK_FALSE(c.value("orglife.group_months", "2021", "D1-B1").has_value());
    c.org("D1-B1-G1", "第一党小组", OrgType::Group, "D1-B1");
    CHECK(c.value("orglife.group_months", "2021", "D1-B1") == Approx(0));
    hold(c, "D1-B1", "党小组会", "2021-02-03");
    hold(c, "D1-B1", "党小组会", "2021-05-03");
    CHECK(c.value("orglife.group_months", "2021", "D1-B1") == Approx(200.0 / 12));
}

TEST_CASE("orglife.general_quarters: quarters with a 支部党员大会, out of 4", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    hold(c, "D1-B1", "支部党员大会", "2021-02-10");
    hold(c, "D1-B1", "支部党员大会", "2021-03-10");  // same quarter
    hold(c, "D1-B1", "支部党员大会", "2021-04-10");
    CHECK(c.value("orglife.general_quarters", "2021", "D1-B1") == Approx(50));
    CHECK(c.value("orglife.general_quarters", "2021", "D1-B2") == Approx(0));
}

TEST_CASE("orglife.lecture_quarters: quarters with a 党课, out of 4", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    hold(c, "D1-B1", "党课", "2021-01-15");
    CHECK(c.value("orglife.lecture_quarters", "2021", "D1-B1") == Approx(25));
}

TEST_CASE("orglife.theme_day_months: months with a 主题党日, out of 12", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    for (const char* d : {"2021-01-28", "2021-02-26", "2021-03-29"}) hold(c, "D1-B1", "主题党日", d);
    CHECK(c.value("orglife.theme_day_months", "2021", "D1-B1") == Approx(25));
}

TEST_CASE("orglife.discussion_quarters: quarters with a 交流研讨, out of 4", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    hold(c, "D1-B1", "交流研讨", "2021-06-01");
    CHECK(c.value("orglife.discussion_quarters", "2021", "D1-B1") == Approx(25));
}

TEST_CASE("orglife.attendance: the 党员大会's average attendance against the declared minimum", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    CHECK_FALSE(c.value("orglife.attendance", "2021", "D1").has_value());  // no 党员大会 yet
    hold(c, "D1-B1", "支部党员大会", "2021-02-10", 10, 8);
    hold(c, "D1-B1", "支部党员大会", "2021-05-10", 10, 10);
    hold(c, "D1-B1", "主题党日", "2021-05-11", 10, 2);  // other kinds are not averaged
    auto v = c.indicator("orglife.attendance", "2021", "D1");
    CHECK(v.value == Approx(90));
    CHECK(v.target == Approx(80));
    CHECK(v.met == true);
    c.configure("orglife", "D1", R"({"min_attendance": 95})");
    v = c.indicator("orglife.attendance", "2021", "D1");
    CHECK(v.target == Approx(95));
    CHECK(v.met == false);
}

TEST_CASE("orglife.leader_lectures: every 领导干部 gives at least the declared number of 党课 a year", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    CHECK_FALSE(c.value("orglife.leader_lectures", "2021", "D1").has_value());  // no leading cadres
    c.flag(1, {"领导干部"});
    auto other = c.member("副局长", "D1-B2", Date::from_ymd(1995, 7, 1), Date::from_ymd(1996, 7, 1), {"领导干部"});
    (void)other;
    json lecture = meeting(c, "D1-B1", "党课", "2021-03-12");
    lecture["lecturer_role"] = "党员领导干部";
    lecture.erase("lecturer");
    lecture["leader"] = 1;
    c.submit_on(Date::from_ymd(2021, 3, 12), "admin", "orglife.meeting", "D1-B1", "2021-03", lecture);
    CHECK(c.value("orglife.leader_lectures", "2021", "D1") == Approx(50));
    c.configure("orglife", "D1", R"({"lectures_per_leader": 2})");
    CHECK(c.value("orglife.leader_lectures", "2021", "D1") == Approx(0));
}

TEST_CASE("orglife.study_months: months with 中心组 study, out of 12", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    json study = {{"topic", "学习"}, {"subjects", {"党章党规"}}, {"presenter", "书记"}, {"members_total", 5},
                  {"attended", 5}, {"content", "集中学习党章和党内政治生活准则"}};
    for (const char* d : {"2021-01-06", "2021-01-20", "2021-02-03"})
        c.submit_on(*Date::parse(d), "unit1", "orglife.study", "D1", std::string(d).substr(0, 7), with(study, {{"date", d}}));
    CHECK(c.value("orglife.study_months", "2021", "D1") == Approx(200.0 / 12));
    CHECK(c.value("orglife.study_months", "2021", "D2") == Approx(0));
}

TEST_CASE("orglife.dues_months and dues_paid: ledgers each month, paid over payable", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.submit_on(Date::from_ymd(2021, 1, 25), "admin", "orglife.dues", "D1-B1", "2021-01",
                {{"payable", 10}, {"paid", 9}, {"amount", 300}, {"unpaid_reason", "一人出国"}});
    c.submit_on(Date::from_ymd(2021, 2, 25), "admin", "orglife.dues", "D1-B1", "2021-02", {{"payable", 10}, {"paid", 10}, {"amount", 330}});
    CHECK(c.value("orglife.dues_months", "2021", "D1-B1") == Approx(200.0 / 12));
    CHECK(c.value("orglife.dues_paid", "2021", "D1") == Approx(95));
    CHECK_FALSE(c.value("orglife.dues_paid", "2021", "D2").has_value());
}

TEST_CASE("orglife.appraisal_rule: a branch without 民主评议党员 this year is a finding", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.submit("admin", "orglife.appraisal", "D1-B1", "2021",
             {{"date", "2021-03-20"}, {"participants", 2}, {"excellent", 1}, {"qualified", 1}, {"basic", 0},
              {"unqualified", 0}, {"summary", "全体党员参加民主评议，结果已公示"}});
    CHECK(c.findings("orglife.appraisal_rule", "2021", "D1-B1").empty());
    CHECK(c.findings("orglife.appraisal_rule", "2021", "D1-B2") == std::vector<std::string>{"甲局第二党支部本年度未开展民主评议党员"});
    CHECK(c.value("orglife.appraisal_rule", "2021", "D1") == Approx(1));  // findings add up the tree
}

TEST_CASE("orglife.committee_gap: from the 20th, a month without a 支委会 is reminded, not the day before",
          "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.full_members("D1-B1", 6);
    CHECK(c.reminders("orglife.committee_gap", Date::from_ymd(2021, 6, 19)).empty());
    auto r = c.reminders("orglife.committee_gap", Date::from_ymd(2021, 6, 20));
    REQUIRE(r.size() == 1);  // D1-B2 and D2-B1 have no 支部委员会
    CHECK(r[0].org_code == "D1-B1");
    CHECK(r[0].level == "warning");
    CHECK(r[0].due == "2021-06-30");
    CHECK(r[0].text == "甲局第一党支部本月尚未召开支部委员会");
    hold(c, "D1-B1", "支部委员会", "2021-06-08");
    CHECK(c.reminders("orglife.committee_gap", Date::from_ymd(2021, 6, 20)).empty());
    c.configure("orglife", "D1", R"({"remind_day": 25})");
    CHECK(c.reminders("orglife.committee_gap", Date::from_ymd(2021, 7, 24)).empty());
    CHECK(c.reminders("orglife.committee_gap", Date::from_ymd(2021, 7, 25)).size() == 1);
}

TEST_CASE("orglife.group_gap and theme_day_gap: 党小组会 where there are 党小组, 主题党日 everywhere", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    CHECK(c.reminders("orglife.group_gap", Date::from_ymd(2021, 6, 20)).empty());
    c.org("D1-B1-G1", "第一党小组", OrgType::Group, "D1-B1");
    auto g = c.reminders("orglife.group_gap", Date::from_ymd(2021, 6, 20));
    REQUIRE(g.size() == 1);
    CHECK(g[0].text == "甲局第一党支部本月尚未召开党小组会");
    CHECK(c.reminders("orglife.theme_day_gap", Date::from_ymd(2021, 6, 19)).empty());
    CHECK(c.reminders("orglife.theme_day_gap", Date::from_ymd(2021, 6, 20)).size() == 3);
    hold(c, "D1-B1", "主题党日", "2021-06-01");
    CHECK(c.reminders("orglife.theme_day_gap", Date::from_ymd(2021, 6, 20)).size() == 2);
}

TEST_CASE("orglife.dues_gap: from the dues day (25th), a month without a ledger is reminded", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    CHECK(c.reminders("orglife.dues_gap", Date::from_ymd(2021, 6, 24)).empty());
    CHECK(c.reminders("orglife.dues_gap", Date::from_ymd(2021, 6, 25)).size() == 3);
    c.submit("filler1", "orglife.dues", "D1-B1", "2021-06", {{"payable", 2}, {"paid", 2}, {"amount", 60}});
    auto r = c.reminders("orglife.dues_gap", Date::from_ymd(2021, 6, 25), "D1");
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "甲局第二党支部本月党费尚未收缴登记");
}

TEST_CASE("orglife.study_gap: from the 20th, a department without 中心组 study this month is reminded", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    CHECK(c.reminders("orglife.study_gap", Date::from_ymd(2021, 6, 19)).empty());
    auto r = c.reminders("orglife.study_gap", Date::from_ymd(2021, 6, 20));
    CHECK(r.size() == 2);
    CHECK(r[0].text.find("本月尚未组织中心组理论学习") != std::string::npos);
}

TEST_CASE("orglife.probation_due: a 预备党员's year ends on the 入党 anniversary, reminded 30 days before, overdue after",
          "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    // 李四 of 甲局第一党支部 joined on 2020-12-01 (the small county's only 预备党员): the
    // 预备期 ends on 2021-12-01, 30 days after 2021-11-01.
    CHECK(c.reminders("orglife.probation_due", Date::from_ymd(2021, 10, 31)).empty());
    auto r = c.reminders("orglife.probation_due", Date::from_ymd(2021, 11, 1));
    REQUIRE(r.size() == 1);
    CHECK(r[0].org_code == "D1-B1");
    CHECK(r[0].level == "warning");
    CHECK(r[0].due == "2021-12-01");
    CHECK(r[0].text == "预备党员李四（2020-12-01 入党）预备期将于 2021-12-01 期满，请支部及时讨论其转正");
    REQUIRE(r[0].member_id);
    CHECK(c.svc->member(c.as("admin"), *r[0].member_id, c.svc->today()).name == "李四");
    CHECK(c.reminders("orglife.probation_due", Date::from_ymd(2021, 12, 1)).at(0).level == "warning");
    auto late = c.reminders("orglife.probation_due", Date::from_ymd(2021, 12, 2));
    REQUIRE(late.size() == 1);
    CHECK(late[0].level == "overdue");
    CHECK(late[0].text == "预备党员李四（2020-12-01 入党）预备期已于 2021-12-01 期满，尚未讨论转正");

    // A 2 月 29 日 join ends on 02-28 of the next year; the notice is a setting.
    c.member("赵六", "D2-B1", Date::from_ymd(2020, 2, 29), std::nullopt);
    auto leap = c.reminders("orglife.probation_due", Date::from_ymd(2021, 2, 28), "D2");
    REQUIRE(leap.size() == 1);
    CHECK(leap[0].due == "2021-02-28");
    CHECK(leap[0].level == "warning");
    CHECK(c.reminders("orglife.probation_due", Date::from_ymd(2021, 3, 1), "D2").at(0).level == "overdue");
    c.configure("orglife", "D1", R"({"probation_notice_days": 60})");
    CHECK(c.reminders("orglife.probation_due", Date::from_ymd(2021, 10, 1), "D1").empty());
    CHECK(c.reminders("orglife.probation_due", Date::from_ymd(2021, 10, 2), "D1").size() == 1);
}

TEST_CASE("orglife.probation_due: a member made 正式 is no longer reminded", "[plugin-orglife]") {
    RuleCounty c({"orglife"});
    auto admin = c.as("admin");
    c.svc->set_today(Date::from_ymd(2021, 12, 5));
    MemberFilter filter;
    filter.on = Date::from_ymd(2021, 12, 5);
    auto all = c.svc->list_members(admin, "D1-B1", filter);
    REQUIRE(c.reminders("orglife.probation_due", Date::from_ymd(2021, 12, 5)).size() == 1);
    for (const auto& m : all)
        if (m.name == "李四") {
            MemberInput in{m.name, m.gender, m.birth_date, m.join_date, Date::from_ymd(2021, 12, 3), std::string(kStatusFull),
                           m.branch_code, m.post, m.cadre_level, m.flags};
            c.svc->update_member(admin, m.id, in);
        }
    CHECK(c.reminders("orglife.probation_due", Date::from_ymd(2021, 12, 5)).empty());
}
