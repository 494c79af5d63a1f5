// The bundled 关爱帮扶 plugin (plugins/care) through the host: each form's validation rules,
// one test per rule, named after it.
#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

const char* const kFamily = "因公殉职、牺牲党员家庭";
const json kVisit = {{"occasion", "七一"}, {"target", "困难党员"}, {"member", 1}, {"date", "2021-06-28"},
                     {"visitors", "支部书记"}, {"amount", 500}};

}  // namespace

TEST_CASE("care: the plugin passes `plugins check` and loads with all its forms", "[plugin-care]") {
    auto r = test::check_bundled_plugin("care");
    CHECK(r.exit_code == 0);
    test::PluginCounty c({"care"});
    std::vector<std::string> at_branch;
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1")) at_branch.push_back(f.id);
    CHECK(at_branch == std::vector<std::string>{"care.birthday", "care.difficulty", "care.help_visit", "care.medal",
                                                "care.seven_ones", "care.shishi", "care.subsidy", "care.visit"});
    CHECK(c.svc->list_forms(c.as("admin"), "D1").empty());
}

TEST_CASE("care.difficulty: a member in difficulty is registered with the category and the situation", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json d = {{"category", "生活困难"}, {"member", 1}, {"situation", "本人患重病，家庭收入低"}, {"ways", {"党内互助", "走访慰问"}}};
    c.submit("filler1", "care.difficulty", "D1-B1", "2021", d);
    auto p = c.problems("filler1", "care.difficulty", "D1-B1", "2021",
                        with(d, {{"member", nullptr}, {"ways", nullptr}, {"phone", "12345"}}));
    CHECK(p["member"] == "请选择党员");
    CHECK(p["ways"] == "「帮扶方式」为必填项");
    CHECK(p["phone"] == "联系电话应为 11 位手机号");
}

TEST_CASE("care.difficulty: a family of a member who died on duty names the member and the relative", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json d = {{"category", kFamily}, {"situation", "配偶无固定收入，子女上学"}, {"ways", {"走访慰问"}}};
    auto p = c.problems("filler1", "care.difficulty", "D1-B1", "2021", d);
    CHECK(p["fallen"] == "请填写因公殉职（牺牲）党员姓名");
    CHECK(p["relative"] == "请填写家属姓名及与该党员的关系");
    CHECK_FALSE(p.count("member"));
    c.submit("filler1", "care.difficulty", "D1-B1", "2021", with(d, {{"fallen", "赵六"}, {"relative", "钱七（配偶）"}}));
}

TEST_CASE("care.visit: a visit brings money or goods", "[plugin-care]") {
    test::PluginCounty c({"care"});
    c.submit("filler1", "care.visit", "D1-B1", "2021-06", kVisit);
    CHECK(c.problems("filler1", "care.visit", "D1-B1", "2021-06", with(kVisit, {{"amount", nullptr}}))[""] ==
          "慰问金和慰问品至少填写一项");
    c.submit("filler1", "care.visit", "D1-B1", "2021-06", with(kVisit, {{"amount", nullptr}, {"goods", "大米一袋、食用油一桶"}}));
}

TEST_CASE("care.visit: the occasions are 元旦、春节、七一、送温暖 or everyday", "[plugin-care]") {
    test::PluginCounty c({"care"});
    auto p = c.problems("filler1", "care.visit", "D1-B1", "2021-06", with(kVisit, {{"occasion", "端午"}, {"amount", -1}}));
    CHECK(p["occasion"] == "「慰问时机」的选项「端午」无效");
    CHECK(p["amount"] == "「慰问金（元）」不能小于 0");
}

TEST_CASE("care.visit: a visit to a family names the member who died on duty", "[plugin-care]") {
    test::PluginCounty c({"care"});
    auto p = c.problems("filler1", "care.visit", "D1-B1", "2021-06", with(kVisit, {{"target", kFamily}}));
    CHECK(p["fallen"] == "请填写因公殉职（牺牲）党员姓名");
    auto s = c.submit("filler1", "care.visit", "D1-B1", "2021-06", with(kVisit, {{"target", kFamily}, {"fallen", "赵六"}}));
    CHECK_FALSE(json::parse(s.values_json).contains("member"));
}

// Issue 15 item 4 changed this: eligibility is 入党 before 1949-10-01 and 农村 or 未享受离退休待遇
// (000 §19), not a 老党员 flag.
TEST_CASE("care.subsidy: only members who joined before 1949-10-01, rural or without a pension, receive it", "[plugin-care]") {
    test::PluginCounty c({"care"});
    auto old = c.member("老同志", "D1-B1", Date::from_ymd(1945, 5, 1), Date::from_ymd(1946, 5, 1));
    json sub = {{"member", old}, {"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}, {"paid_on", "2021-06-05"}};
    CHECK_THAT(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", sub)["member"], Catch::Contains("没有「农村」或「未享受离退休待遇」标记"));
    c.flag(1, {"老党员", "农村"});  // 张三 joined after 1949: a flag does not make him eligible
    CHECK_THAT(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", with(sub, {{"member", 1}}))["member"],
               Catch::Contains("不是 1949-10-01 以前入党的"));
    c.flag(old, {"农村"});
    auto s = c.submit("filler1", "care.subsidy", "D1-B1", "2021-06", sub);
    auto v = json::parse(s.values_json);
    CHECK(v["full"] == true);
    CHECK(v["member_month"] == std::to_string(old) + "/2021-06");
}

TEST_CASE("care.subsidy: paying less than the standard is explained and marked not in full", "[plugin-care]") {
    test::PluginCounty c({"care"});
    auto old = c.member("老同志", "D1-B1", Date::from_ymd(1945, 5, 1), Date::from_ymd(1946, 5, 1), {"未享受离退休待遇"});
    json sub = {{"member", old}, {"category", "未享受离退休待遇的城镇老党员"}, {"standard", 300}, {"amount", 200}, {"paid_on", "2021-06-05"}};
    CHECK(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", sub)["shortfall"] == "实发少于应发时须写明原因");
    auto s = c.submit("filler1", "care.subsidy", "D1-B1", "2021-06", with(sub, {{"shortfall", "财政资金未到位，差额下月补发"}}));
    CHECK(json::parse(s.values_json)["full"] == false);
}

TEST_CASE("care.subsidy: a subsidy is paid within the month it is for (按时)", "[plugin-care]") {
    test::PluginCounty c({"care"});
    auto old = c.member("老同志", "D1-B1", Date::from_ymd(1945, 5, 1), Date::from_ymd(1946, 5, 1), {"农村"});
    json sub = {{"member", old}, {"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}, {"paid_on", "2021-07-02"}};
    CHECK_THAT(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", sub)["paid_on"], Catch::Contains("应在2021年6月内"));
}

TEST_CASE("care.medal: an issued medal has its date, a deferred one its reason", "[plugin-care]") {
    test::PluginCounty c({"care"});
    CHECK(c.problems("filler1", "care.medal", "D1-B1", "2021", {{"member", 1}, {"result", "已颁发"}})["issued_on"] ==
          "已颁发的须填写颁发日期");
    CHECK(c.problems("filler1", "care.medal", "D1-B1", "2021", {{"member", 1}, {"result", "暂缓颁发"}})["reason"] ==
          "暂缓颁发的须写明原因");
    c.submit("filler1", "care.medal", "D1-B1", "2021", {{"member", 1}, {"result", "已颁发"}, {"issued_on", "2021-06-30"}});
}

TEST_CASE("care.birthday: a 政治生日 activity names at least one member of the branch", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json b = {{"date", "2021-06-30"}, {"members", {1}}, {"activities", {"重温入党誓词"}}};
    c.submit("filler1", "care.birthday", "D1-B1", "2021-06", b);
    CHECK(c.problems("filler1", "care.birthday", "D1-B1", "2021-06", with(b, {{"members", json::array()}}))["members"] ==
          "「过政治生日的党员」为必填项");
    CHECK_THAT(c.problems("filler1", "care.birthday", "D1-B1", "2021-06", with(b, {{"members", {1, 3}}}))["members"],
               Catch::Contains("党员编号 3 不在本组织") && !Catch::Contains("王五"));  // outside the actor's scope: no name (issue 14)
}

TEST_CASE("care.seven_ones: each of the 七个一 is answered, and what was done is described", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json s = {{"visit", true}, {"counsel", false}, {"problems", false}, {"theme", false},
              {"plan", false}, {"policy", false}, {"mechanism", false}};
    CHECK(c.problems("filler1", "care.seven_ones", "D1-B1", "2021", s)["visit_detail"] == "“组织一次走访慰问”须写明开展情况");
    auto p = c.problems("filler1", "care.seven_ones", "D1-B1", "2021", with(s, {{"mechanism", nullptr}, {"visit_detail", "春节走访 5 户"}}));
    CHECK(p["mechanism"] == "「建立一项长效帮扶机制」为必填项");
    c.submit("filler1", "care.seven_ones", "D1-B1", "2021", with(s, {{"visit_detail", "春节走访 5 户"}}));
}

TEST_CASE("care.help_visit: a visit to a household names the member, the household and what was done", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json h = {{"member", 1}, {"household", "李家村二组李某"}, {"date", "2021-06-09"}, {"content", "交心谈心"}, {"detail", "了解春耕生产情况"}};
    auto s = c.submit("filler1", "care.help_visit", "D1-B1", "2021-06", h);
    CHECK(json::parse(s.values_json)["member_month"] == "1/2021-06");
    auto p = c.problems("filler1", "care.help_visit", "D1-B1", "2021-06", with(h, {{"household", nullptr}, {"date", "2021-07-01"}}));
    CHECK(p["household"] == "「帮扶户（户主姓名、村组）」为必填项");
    CHECK_THAT(p["date"], Catch::Contains("应在2021年6月内"));
}

TEST_CASE("care.shishi: a 实事 is for the registered community or a helped household", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json s = {{"member", 1}, {"beneficiary", "联系帮扶户"}, {"who", "李家村二组李某"}, {"date", "2021-05-20"}, {"content", "协调解决饮水管道维修"}};
    c.submit("filler1", "care.shishi", "D1-B1", "2021", s);
    CHECK(c.problems("filler1", "care.shishi", "D1-B1", "2021", with(s, {{"beneficiary", "单位"}}))["beneficiary"] ==
          "「服务对象」的选项「单位」无效");
}

// --- Indicators, checklists, rules and reminders (need the indicator engine) ---------------

namespace {

using test::RuleCounty;

json difficulty(std::int64_t member) {
    return {{"category", "生活困难"}, {"member", member}, {"situation", "本人患重病，家庭收入低"}, {"ways", {"走访慰问"}}};
}
json family(const char* fallen) {
    return {{"category", kFamily}, {"fallen", fallen}, {"relative", "家属（配偶）"}, {"situation", "配偶无固定收入"}, {"ways", {"走访慰问"}}};
}
json visit(const char* occasion, const char* target, std::int64_t member, const char* date) {
    return {{"occasion", occasion}, {"target", target}, {"member", member}, {"date", date}, {"visitors", "书记"}, {"amount", 300}};
}

}  // namespace

TEST_CASE("care.visit_coverage: registered members in difficulty who were visited as such", "[plugin-care]") {
    RuleCounty c({"care"});
    CHECK_FALSE(c.value("care.visit_coverage", "2021", "D1").has_value());  // nobody registered
    auto other = c.member("赵某", "D1-B1", Date::from_ymd(1980, 1, 1), Date::from_ymd(1981, 1, 1));
    c.submit("admin", "care.difficulty", "D1-B1", "2021", difficulty(1));
    c.submit("admin", "care.difficulty", "D1-B1", "2021", difficulty(other));
    c.submit("admin", "care.visit", "D1-B1", "2021-06", visit("七一", "困难党员", 1, "2021-06-10"));
    c.submit("admin", "care.visit", "D1-B1", "2021-06", visit("七一", "老党员", other, "2021-06-10"));  // not as 困难党员
    CHECK(c.value("care.visit_coverage", "2021", "D1") == Approx(50));
}

TEST_CASE("care.family_visits: every registered family of a member who died on duty is visited", "[plugin-care]") {
    RuleCounty c({"care"});
    c.submit("admin", "care.difficulty", "D1-B1", "2021", family("赵六"));
    c.submit("admin", "care.difficulty", "D1-B1", "2021", family("孙八"));
    json v = {{"occasion", "春节"}, {"target", kFamily}, {"fallen", "赵六"}, {"date", "2021-02-10"}, {"visitors", "书记"}, {"goods", "米面油"}};
    c.submit_on(Date::from_ymd(2021, 2, 10), "admin", "care.visit", "D1-B1", "2021-02", v);
    CHECK(c.findings("care.family_visits", "2021", "D1") == std::vector<std::string>{"有 1 户因公殉职、牺牲党员家庭本年度未走访慰问"});
    c.submit("admin", "care.visit", "D1-B1", "2021-06", with(v, {{"fallen", "孙八"}, {"date", "2021-06-01"}, {"occasion", "七一"}}));
    CHECK(c.findings("care.family_visits", "2021", "D1").empty());
}

TEST_CASE("care.holiday_visits: visits at 元旦, 春节 and 七一, out of the three", "[plugin-care]") {
    RuleCounty c({"care"});
    c.submit_on(Date::from_ymd(2021, 1, 2), "admin", "care.visit", "D1-B1", "2021-01", visit("元旦", "困难党员", 1, "2021-01-02"));
    CHECK_FALSE(c.value("care.holiday_visits", "2021", "D1").has_value());  // no one registered in difficulty
    c.submit("admin", "care.difficulty", "D1-B1", "2021", difficulty(1));
    c.submit("admin", "care.visit", "D1-B1", "2021-06", visit("七一", "困难党员", 1, "2021-06-28"));
    c.submit("admin", "care.visit", "D1-B1", "2021-06", visit("送温暖、献爱心", "困难党员", 1, "2021-06-02"));
    CHECK(c.value("care.holiday_visits", "2021", "D1") == Approx(200.0 / 3));
}

TEST_CASE("care.subsidy_on_time: member-months paid in full, over eligible old members × 12", "[plugin-care]") {
    RuleCounty c({"care"});
    auto a = c.member("农村老党员", "D1-B1", Date::from_ymd(1945, 5, 1), Date::from_ymd(1946, 5, 1), {"老党员", "农村"});
    auto b = c.member("城镇老党员", "D1-B1", Date::from_ymd(1948, 3, 1), Date::from_ymd(1949, 3, 1), {"老党员", "未享受离退休待遇"});
    c.member("建国后入党", "D1-B1", Date::from_ymd(1950, 1, 1), Date::from_ymd(1951, 1, 1), {"老党员", "农村"});
    c.member("有退休待遇", "D1-B1", Date::from_ymd(1947, 1, 1), Date::from_ymd(1948, 1, 1), {"老党员"});
    json pay = {{"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}};
    c.submit_on(Date::from_ymd(2021, 1, 5), "admin", "care.subsidy", "D1-B1", "2021-01", with(pay, {{"member", a}, {"paid_on", "2021-01-05"}}));
    c.submit_on(Date::from_ymd(2021, 1, 5), "admin", "care.subsidy", "D1-B1", "2021-01",
                with(pay, {{"member", b}, {"paid_on", "2021-01-05"}, {"amount", 200}, {"shortfall", "资金未到位"}}));
    c.submit_on(Date::from_ymd(2021, 2, 5), "admin", "care.subsidy", "D1-B1", "2021-02", with(pay, {{"member", a}, {"paid_on", "2021-02-05"}}));
    // Eligible: a and b (2). Paid in full: a in January and February (2 member-months).
    CHECK(c.value("care.subsidy_on_time", "2021", "D1") == Approx(100.0 * 2 / 24));
    CHECK_FALSE(c.value("care.subsidy_on_time", "2021", "D2").has_value());
}

TEST_CASE("care.subsidy_on_time: joined on 1949-09-30 is eligible, on 1949-10-01 is not", "[plugin-care]") {
    RuleCounty c({"care"});
    c.member("九月三十日入党", "D1-B1", Date::from_ymd(1949, 9, 30), Date::from_ymd(1950, 9, 30), {"老党员", "农村"});
    CHECK(c.value("care.subsidy_on_time", "2021", "D1") == Approx(0));
    CHECK_FALSE(c.value("care.subsidy_on_time", "2021", "D2").has_value());
    c.member("十月一日入党", "D2-B1", Date::from_ymd(1949, 10, 1), Date::from_ymd(1950, 10, 1), {"老党员", "农村"});
    CHECK_FALSE(c.value("care.subsidy_on_time", "2021", "D2").has_value());
}

TEST_CASE("care.medal_pending: 党龄 counts from 转正 and the medal year closes on 七一", "[plugin-care]") {
    RuleCounty c({"care"});
    // D1-B1's 张三 joined 1970-07-01 and became a full member 1971-07-01.
    auto a = c.member("七一转正", "D1-B2", Date::from_ymd(1970, 7, 1), Date::from_ymd(1971, 7, 1));
    c.member("七月二日转正", "D1-B2", Date::from_ymd(1970, 7, 2), Date::from_ymd(1971, 7, 2));
    c.member("早入党晚转正", "D1-B2", Date::from_ymd(1970, 6, 1), Date::from_ymd(1971, 6, 1));
    // 2020: 50 years by 2020-07-01 needs 转正 on or before 1970-07-01: nobody yet, although one
    // joined before that date.
    CHECK(c.findings("care.medal_pending", "2020", "D1-B2").empty());
    // 2021: 转正 on or before 1971-07-01.
    CHECK(c.findings("care.medal_pending", "2021", "D1-B2") ==
          std::vector<std::string>{"党员早入党晚转正（1971-06-01 转正）党龄已满 50 年，尚未颁发“光荣在党50年”纪念章",
                                   "党员七一转正（1971-07-01 转正）党龄已满 50 年，尚未颁发“光荣在党50年”纪念章"});
    c.submit("admin", "care.medal", "D1-B2", "2021", {{"member", a}, {"result", "已颁发"}, {"issued_on", "2021-06-30"}});
    CHECK(c.findings("care.medal_pending", "2021", "D1-B2").size() == 1);
    // A deferred medal is handled too.
    auto p = c.findings("care.medal_pending", "2021", "D1-B1");
    REQUIRE(p.size() == 1);
    c.submit("admin", "care.medal", "D1-B1", "2021", {{"member", 1}, {"result", "暂缓颁发"}, {"reason", "受党纪处分未满期"}});
    CHECK(c.findings("care.medal_pending", "2021", "D1-B1").empty());
}

TEST_CASE("care.birthday_coverage: members who had a 政治生日 activity, over those who joined before the year", "[plugin-care]") {
    RuleCounty c({"care"});
    c.member("今年入党", "D1-B1", Date::from_ymd(2021, 2, 1), std::nullopt);  // no anniversary in 2021
    c.submit_on(Date::from_ymd(2021, 7, 20), "admin", "care.birthday", "D1-B1", "2021-07",
                {{"date", "2021-07-01"}, {"members", {1}}, {"activities", {"重温入党誓词"}}});
    CHECK(c.value("care.birthday_coverage", "2021", "D1") == Approx(50));  // 张三 of 张三 and 李四
}

TEST_CASE("care.seven_ones (checklist): the share of the 七个一 carried out", "[plugin-care]") {
    RuleCounty c({"care"});
    json s = {{"visit", true}, {"counsel", true}, {"problems", true}, {"theme", true}, {"plan", true}, {"policy", false}, {"mechanism", false}};
    for (const char* id : {"visit", "counsel", "problems", "theme", "plan"}) s[std::string(id) + "_detail"] = "已开展，见台账";
    c.submit("admin", "care.seven_ones", "D1-B1", "2021", s);
    CHECK(c.value("care.seven_ones_score", "2021", "D1-B1") == Approx(500.0 / 7));
    CHECK(c.value("care.seven_ones_score", "2021", "D1-B2") == Approx(0));
    CHECK(c.value("care.seven_ones_score", "2021", "D1") == Approx(250.0 / 7));
}

TEST_CASE("care.help_visit_month and help_visit_year: at least two visits to the helped households each month",
          "[plugin-care]") {
    RuleCounty c({"care"});
    json h = {{"household", "李家村李某"}, {"content", "交心谈心"}, {"detail", "了解生产生活情况"}};
    auto visit_on = [&](std::int64_t m, const char* d) {
        c.submit_on(*Date::parse(d), "admin", "care.help_visit", "D1-B1", std::string(d).substr(0, 7),
                    with(h, {{"member", m}, {"date", d}}));
    };
    visit_on(1, "2021-03-03");
    visit_on(1, "2021-03-17");
    visit_on(2, "2021-03-17");  // 李四 only once
    visit_on(2, "2021-04-01");  // and once in April: months do not add up
    CHECK(c.value("care.help_visit_month", "2021-03", "D1") == Approx(50));
    CHECK(c.value("care.help_visit_month", "2021-04", "D1") == Approx(0));
    CHECK(c.value("care.help_visit_year", "2021", "D1") == Approx(100.0 / 24));
    // Only members flagged as helpers when the county says so.
    c.configure("care", "D1", R"({"helper_flag": "帮扶责任人"})");
    c.flag(1, {"帮扶责任人"});
    CHECK(c.value("care.help_visit_month", "2021-03", "D1") == Approx(100));
}

TEST_CASE("care.shishi_coverage: members who did at least one 实事 this year", "[plugin-care]") {
    RuleCounty c({"care"});
    c.submit("admin", "care.shishi", "D1-B1", "2021",
             {{"member", 1}, {"beneficiary", "报到社区"}, {"who", "东街社区"}, {"date", "2021-05-20"}, {"content", "协调修缮健身器材"}});
    CHECK(c.value("care.shishi_coverage", "2021", "D1") == Approx(50));
}

TEST_CASE("care.political_birthday: each month's 政治生日 from the 1st, on the anniversary of joining", "[plugin-care]") {
    RuleCounty c({"care"});
    c.member("闰日入党", "D1-B2", Date::from_ymd(2000, 2, 29), Date::from_ymd(2001, 2, 28));
    c.member("今年二月入党", "D1-B2", Date::from_ymd(2021, 2, 3), std::nullopt);  // first 政治生日 in 2022
    auto june = c.reminders("care.political_birthday", Date::from_ymd(2021, 6, 30));
    CHECK(june.empty());
    auto july = c.reminders("care.political_birthday", Date::from_ymd(2021, 7, 1));
    REQUIRE(july.size() == 1);  // 张三 (joined 1970-07-01)
    CHECK(july[0].member_id == 1);
    CHECK(july[0].due == "2021-07-01");
    CHECK(july[0].level == "info");
    CHECK(july[0].text == "党员张三 2021-07-01 过政治生日（入党 51 周年）");
    auto feb = c.reminders("care.political_birthday", Date::from_ymd(2021, 2, 1));
    REQUIRE(feb.size() == 1);  // the member who joined in February 2021 waits a year
    CHECK(feb[0].due == "2021-02-28");  // a 02-29 anniversary in a common year
    auto feb2024 = c.reminders("care.political_birthday", Date::from_ymd(2024, 2, 1));
    REQUIRE(feb2024.size() == 2);
    CHECK(feb2024[0].due == "2024-02-29");
    CHECK(feb2024[1].text == "党员今年二月入党 2024-02-03 过政治生日（入党 3 周年）");
}

TEST_CASE("care.medal_due: reminded 30 days before 七一, overdue after it and for earlier years", "[plugin-care]") {
    RuleCounty c({"care"});
    // 张三 (D1-B1, 转正 1971-07-01) reaches 50 years on 2021-07-01.
    CHECK(c.reminders("care.medal_due", Date::from_ymd(2021, 5, 31)).empty());
    auto due = c.reminders("care.medal_due", Date::from_ymd(2021, 6, 1));
    REQUIRE(due.size() == 1);
    CHECK(due[0].level == "warning");
    CHECK(due[0].member_id == 1);
    CHECK(due[0].due == "2021-07-01");
    CHECK(c.reminders("care.medal_due", Date::from_ymd(2021, 7, 1))[0].level == "warning");
    CHECK(c.reminders("care.medal_due", Date::from_ymd(2021, 7, 2))[0].level == "overdue");
    // Someone who reached 50 years in an earlier year and never got the medal is overdue any day.
    c.member("老同志", "D1-B2", Date::from_ymd(1964, 3, 1), Date::from_ymd(1965, 3, 1));
    auto march = c.reminders("care.medal_due", Date::from_ymd(2021, 3, 1));
    REQUIRE(march.size() == 1);
    CHECK(march[0].level == "overdue");
    CHECK(march[0].text == "党员老同志（1965-03-01 转正）党龄已满 50 年，尚未颁发“光荣在党50年”纪念章");
    c.submit("admin", "care.medal", "D1-B1", "2021", {{"member", 1}, {"result", "已颁发"}, {"issued_on", "2021-06-10"}});
    CHECK(c.reminders("care.medal_due", Date::from_ymd(2021, 6, 20), "D1-B1").empty());
}

TEST_CASE("care.subsidy_gap: from the 20th, old members not yet paid in full this month", "[plugin-care]") {
    RuleCounty c({"care"});
    auto a = c.member("农村老党员", "D1-B1", Date::from_ymd(1945, 5, 1), Date::from_ymd(1946, 5, 1), {"老党员", "农村"});
    c.member("城镇老党员", "D1-B1", Date::from_ymd(1948, 3, 1), Date::from_ymd(1949, 3, 1), {"老党员", "未享受离退休待遇"});
    CHECK(c.reminders("care.subsidy_gap", Date::from_ymd(2021, 6, 19)).empty());
    auto r = c.reminders("care.subsidy_gap", Date::from_ymd(2021, 6, 20));
    REQUIRE(r.size() == 1);
    CHECK(r[0].org_code == "D1");
    CHECK(r[0].text == "本月尚有 2 名老党员的生活补贴未足额发放");
    c.submit("admin", "care.subsidy", "D1-B1", "2021-06",
             {{"member", a}, {"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}, {"paid_on", "2021-06-05"}});
    CHECK(c.reminders("care.subsidy_gap", Date::from_ymd(2021, 6, 20))[0].text == "本月尚有 1 名老党员的生活补贴未足额发放");
}

TEST_CASE("care.help_visit_gap: from the 20th, members short of their two visits this month", "[plugin-care]") {
    RuleCounty c({"care"});
    CHECK(c.reminders("care.help_visit_gap", Date::from_ymd(2021, 6, 19), "D1-B1").empty());
    auto r = c.reminders("care.help_visit_gap", Date::from_ymd(2021, 6, 20), "D1-B1");
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "本月尚有 2 名党员未完成 2 次联系帮扶户走访");
}

TEST_CASE("care.qiyi_visit: from 15 June, a department with members in difficulty and no 七一 visit yet", "[plugin-care]") {
    RuleCounty c({"care"});
    c.flag(1, {"生活困难"});
    CHECK(c.reminders("care.qiyi_visit", Date::from_ymd(2021, 6, 14)).empty());
    auto r = c.reminders("care.qiyi_visit", Date::from_ymd(2021, 6, 15));
    REQUIRE(r.size() == 1);
    CHECK(r[0].org_code == "D1");
    CHECK(r[0].due == "2021-07-01");
    c.submit("admin", "care.visit", "D1-B1", "2021-06", visit("七一", "困难党员", 1, "2021-06-15"));
    CHECK(c.reminders("care.qiyi_visit", Date::from_ymd(2021, 6, 16)).empty());
}
