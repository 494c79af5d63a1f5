// The bundled 关爱帮扶 plugin (plugins/care) through the host: each form's validation rules,
// one test per rule, named after it.
#include "plugin_support.hpp"

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

TEST_CASE("care.subsidy: only members flagged 老党员 receive the old members' subsidy", "[plugin-care]") {
    test::PluginCounty c({"care"});
    json sub = {{"member", 1}, {"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}, {"paid_on", "2021-06-05"}};
    CHECK_THAT(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", sub)["member"], Catch::Contains("没有「老党员」标记"));
    c.flag(1, {"老党员", "农村"});
    auto s = c.submit("filler1", "care.subsidy", "D1-B1", "2021-06", sub);
    auto v = json::parse(s.values_json);
    CHECK(v["full"] == true);
    CHECK(v["member_month"] == "1/2021-06");
}

TEST_CASE("care.subsidy: paying less than the standard is explained and marked not in full", "[plugin-care]") {
    test::PluginCounty c({"care"});
    c.flag(1, {"老党员", "未享受离退休待遇"});
    json sub = {{"member", 1}, {"category", "未享受离退休待遇的城镇老党员"}, {"standard", 300}, {"amount", 200}, {"paid_on", "2021-06-05"}};
    CHECK(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", sub)["shortfall"] == "实发少于应发时须写明原因");
    auto s = c.submit("filler1", "care.subsidy", "D1-B1", "2021-06", with(sub, {{"shortfall", "财政资金未到位，差额下月补发"}}));
    CHECK(json::parse(s.values_json)["full"] == false);
}

TEST_CASE("care.subsidy: a subsidy is paid within the month it is for (按时)", "[plugin-care]") {
    test::PluginCounty c({"care"});
    c.flag(1, {"老党员", "农村"});
    json sub = {{"member", 1}, {"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}, {"paid_on", "2021-07-02"}};
    CHECK_THAT(c.problems("filler1", "care.subsidy", "D1-B1", "2021-06", sub)["paid_on"], Catch::Contains("应在2021年6月内"));
}

TEST_CASE("care.medal: an issued medal has its date; a deferred one its reason", "[plugin-care]") {
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
               Catch::Contains("党员「王五」不在本组织"));
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
