// Every list an office keeps in Excel is a service export with a CLI command: 党员名册,
// 审计日志, 整改台账, 指标情况. Each is run through the real CLI and the workbook read back
// (sheet name, headers, the rows of a known case); bad input and other units' data are
// refused with exit 2 and nothing written.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "xlsx_read.hpp"

using dj::test::run_cli;
using dj::test::xlsx_rows;
using dj::test::xlsx_sheet_names;
using nlohmann::json;
using namespace dj;
namespace fs = std::filesystem;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// The row whose column `col` reads `text`; fails the test when there is none.
const std::vector<std::string>& row_with(const Rows& rows, std::size_t col, const std::string& text) {
    for (const auto& r : rows)
        if (r.size() > col && r[col] == text) return r;
    FAIL("no row with「" << text << "」in column " << col);
    static const std::vector<std::string> none;
    return none;
}

// Exit 2, a message in Chinese on stderr, and no file at `out`.
void check_refused(const dj::test::CliResult& r, const std::string& out, const std::string& says) {
    CHECK(r.exit_code == 2);
    CHECK_FALSE(r.err.empty());
    CHECK_THAT(r.err, Catch::Contains(says));
    CHECK_FALSE(fs::exists(out));
}

}  // namespace

TEST_CASE("exports: members export writes the register with its headers and each member's row", "[exports][cli]") {
    if (!dj::test::have_unzip()) {
        WARN("unzip is not installed (apt-get install unzip): export tests skipped");
        return;
    }
    dj::test::SmallCounty c;
    const std::string db = " --db " + c.db_path;
    std::string out = c.dir.file("名册.xlsx");
    auto r = run_cli("members export --unit D1 --on 2021-06-15 --out " + out + db);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("已导出到"));

    CHECK(xlsx_sheet_names(out) == std::vector<std::string>{"党员名册"});
    auto rows = xlsx_rows(out);
    REQUIRE(rows.size() == 4);  // title, header, 张三, 李四 (王五 is in 乙局)
    CHECK_THAT(rows[0].at(0), Catch::StartsWith("甲局 党员名册（"));
    CHECK(rows[1] == std::vector<std::string>{"编号", "姓名", "性别", "出生日期", "年龄", "入党日期", "转正日期", "状态",
                                              "党龄", "政治生日", "所在支部", "支部编码", "职务", "职级", "标记"});
    const auto& zhang = row_with(rows, 1, "张三");
    CHECK(std::vector<std::string>(zhang.begin() + 2, zhang.begin() + 12) ==
          std::vector<std::string>{"男", "1950-03-01", "71", "1970-07-01", "1971-07-01", "正式", "49", "2021-07-01",
                                   "甲局第一党支部", "D1-B1"});
    const auto& li = row_with(rows, 1, "李四");
    CHECK(li.at(7) == "预备");
    CHECK(li.at(8).empty());  // a 预备党员 has no 党龄 yet
    for (const auto& row : rows) CHECK((row.size() < 2 || row[1] != "王五"));

    SECTION("the filters of members list apply") {
        auto named = c.dir.file("named.xlsx");
        REQUIRE(run_cli("members export --unit D1 --name 李 --out " + named + db).exit_code == 0);
        auto only = xlsx_rows(named);
        REQUIRE(only.size() == 3);
        CHECK(only[2].at(1) == "李四");
    }
    SECTION("another unit, an unknown unit, a bad extension or an unwritable path: exit 2, nothing written") {
        auto x = c.dir.file("x.xlsx");
        check_refused(run_cli("members export --unit D2 --out " + x + " --as filler1" + db), x, "");
        check_refused(run_cli("members export --unit NOPE --out " + x + db), x, "NOPE");
        auto csv = c.dir.file("x.csv");
        check_refused(run_cli("members export --unit D1 --out " + csv + db), csv, "输出文件应以 .xlsx 结尾");
        auto nowhere = c.dir.file("no/such/folder/x.xlsx");
        check_refused(run_cli("members export --unit D1 --out " + nowhere + db), nowhere, "无法写入文件");
    }
}

TEST_CASE("exports: the service keeps a screen's own order and drops rows outside the list", "[exports]") {
    if (!dj::test::have_unzip()) {
        WARN("unzip is not installed (apt-get install unzip): export tests skipped");
        return;
    }
    dj::test::SmallCounty c;
    auto admin = c.as("admin");
    MemberFilter all;
    all.on = c.svc->today();
    std::map<std::string, std::int64_t> id;
    for (const auto& m : c.svc->list_members(admin, "XW", all)) id[m.name] = m.id;
    MemberExport request{"D1", all, std::vector<std::int64_t>{id["李四"], id["王五"], id["张三"]}};
    auto out = c.dir.file("shown.xlsx");
    dj::test::write_text_file(out, c.svc->export_members(admin, request));
    auto rows = xlsx_rows(out);
    REQUIRE(rows.size() == 4);
    CHECK(rows[2].at(1) == "李四");  // as the screen sorted them
    CHECK(rows[3].at(1) == "张三");  // 王五 is not under 甲局: skipped, not leaked

    request.only = std::vector<std::int64_t>{};  // the screen filtered everything out
    dj::test::write_text_file(out, c.svc->export_members(admin, request));
    CHECK(xlsx_rows(out).size() == 2);  // title and header only
}

TEST_CASE("exports: audit export writes the log as audit log lists it, for those who may read it", "[exports][cli]") {
    if (!dj::test::have_unzip()) {
        WARN("unzip is not installed (apt-get install unzip): export tests skipped");
        return;
    }
    dj::test::SmallCounty c;
    const std::string db = " --db " + c.db_path;
    auto out = c.dir.file("audit.xlsx");
    REQUIRE(run_cli("audit export --target member:* --out " + out + db).exit_code == 0);
    CHECK(xlsx_sheet_names(out) == std::vector<std::string>{"审计日志"});
    auto rows = xlsx_rows(out);
    REQUIRE_FALSE(rows.empty());
    CHECK(rows[0] == std::vector<std::string>{"编号", "时间", "操作人", "操作", "对象", "变更前", "变更后"});
    auto listed = json::parse(run_cli("audit log --target member:* --json" + db).out);
    REQUIRE(listed.size() == 3);  // the three members added
    REQUIRE(rows.size() == listed.size() + 1);
    for (std::size_t i = 0; i < listed.size(); ++i) {
        CHECK(rows[i + 1].at(0) == std::to_string(listed[i]["id"].get<std::int64_t>()));
        CHECK(rows[i + 1].at(4) == listed[i]["target"]);
        CHECK(rows[i + 1].at(5).empty());                       // an addition has no before
        CHECK(json::parse(rows[i + 1].at(6)) == listed[i]["after"]);  // the whole after, not cut
    }

    auto limited = c.dir.file("limited.xlsx");
    REQUIRE(run_cli("audit export --limit 2 --out " + limited + db).exit_code == 0);
    CHECK(xlsx_rows(limited).size() == 3);

    auto x = c.dir.file("x.xlsx");
    check_refused(run_cli("audit export --out " + x + " --as filler1" + db), x, "");
    check_refused(run_cli("audit export --out " + c.dir.file("x.txt") + db), c.dir.file("x.txt"), ".xlsx");
}

TEST_CASE("exports: rectify export writes the 整改台账 with its progress", "[exports][cli]") {
    if (!dj::test::have_unzip()) {
        WARN("unzip is not installed (apt-get install unzip): export tests skipped");
        return;
    }
    dj::test::SmallCounty c;
    auto admin = c.as("admin");
    auto item = c.svc->add_rectification(admin, NewRectification{"D1", 2021, "inspection", "", "党员活动室制度未上墙",
                                                                 "四不两直检查发现", "王局长", Date::from_ymd(2021, 5, 31)});
    c.svc->add_rectification(admin, NewRectification{"D2", 2021, "manual", "", "换届资料未归档", "", "", Date::from_ymd(2030, 6, 1)});
    RectificationUpdate u;
    u.status = "in_progress";
    u.evidence = "已制作制度牌";
    c.svc->update_rectification(c.as("unit1"), item.id, u);
    const std::string db = " --db " + c.db_path;

    auto out = c.dir.file("整改.xlsx");
    REQUIRE(run_cli("rectify export --unit D1 --out " + out + db).exit_code == 0);
    CHECK(xlsx_sheet_names(out) == std::vector<std::string>{"整改事项"});
    auto rows = xlsx_rows(out);
    REQUIRE(rows.size() == 3);  // title, header, the one item of 甲局
    CHECK_THAT(rows[0].at(0), Catch::StartsWith("整改事项台账（"));
    CHECK(rows[1] == std::vector<std::string>{"编号", "责任单位", "年度", "问题", "具体情况", "来源", "责任人", "整改期限",
                                              "状态", "是否逾期", "整改情况"});
    CHECK(rows[2] == std::vector<std::string>{std::to_string(item.id), "甲局", "2021", "党员活动室制度未上墙",
                                              "四不两直检查发现", "督查检查", "王局长", "2021-05-31", "整改中", "逾期",
                                              rows[2].at(10)});
    CHECK_THAT(rows[2].at(10), Catch::Contains("已制作制度牌"));

    auto open_only = c.dir.file("open.xlsx");
    REQUIRE(run_cli("rectify export --status open --out " + open_only + db).exit_code == 0);
    auto open_rows = xlsx_rows(open_only);
    REQUIRE(open_rows.size() == 3);  // the whole county, but only 乙局's item is still 待整改
    CHECK(open_rows[2].at(1) == "乙局");

    auto x = c.dir.file("x.xlsx");
    check_refused(run_cli("rectify export --unit D2 --out " + x + " --as unit1" + db), x, "");
    check_refused(run_cli("rectify export --unit NOPE --out " + x + db), x, "NOPE");
}

TEST_CASE("exports: indicators export writes the values indicators run gives, node by node", "[exports][cli]") {
    if (!dj::test::have_unzip()) {
        WARN("unzip is not installed (apt-get install unzip): export tests skipped");
        return;
    }
    dj::test::TempDir dir;
    const std::string db = " --db " + dir.file("demo.db");
    REQUIRE(run_cli("demo --no-submissions" + db).exit_code == 0);
    // Without a year of records most targets are missed: values, misses and findings alike.
    REQUIRE(run_cli("plugins enable orglife --unit XW" + db).exit_code == 0);
    REQUIRE(run_cli("plugins enable care --unit XW" + db).exit_code == 0);

    auto out = dir.file("指标.xlsx");
    REQUIRE(run_cli("indicators export --period 2020 --unit D0001 --out " + out + db).exit_code == 0);
    CHECK(xlsx_sheet_names(out) == std::vector<std::string>{"指标"});
    auto rows = xlsx_rows(out);
    auto values = json::parse(run_cli("indicators run --period 2020 --unit D0001 --json" + db).out);
    REQUIRE(values.size() > 3);
    REQUIRE(rows.size() == values.size() + 2);
    CHECK(rows[0].at(0) == "县委办公室 2020年 指标情况");
    CHECK(rows[1] == std::vector<std::string>{"组织", "层级", "指标", "实际值", "单位", "目标", "达标", "汇总",
                                              "合规检查发现的问题", "计算出错"});
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& v = values[i];
        const auto& row = rows[i + 2];
        CHECK(row.at(0) == v["org_name"]);
        CHECK(row.at(1) == std::to_string(v["depth"].get<int>()));
        CHECK(row.at(2) == v["name"]);
        if (v["value"].is_null()) CHECK(row.at(3).empty());
        else CHECK(std::stod(row.at(3)) == Approx(v["value"].get<double>()));
        CHECK(row.at(6) == (v["met"].is_null() ? "" : v["met"].get<bool>() ? "达标" : "未达标"));
        CHECK(row.at(7) == (v["rolled_up"].get<bool>() ? "是" : ""));
    }

    auto problems = dir.file("problems.xlsx");
    REQUIRE(run_cli("indicators export --period 2020 --unit D0001 --problems-only --out " + problems + db).exit_code == 0);
    auto prow = xlsx_rows(problems);
    std::size_t expected = 0;
    for (const auto& v : values)
        expected += (v["met"] == false) || !v["findings"].empty() || !v["error"].get<std::string>().empty();
    REQUIRE(expected > 0);
    REQUIRE(expected < values.size());  // the filter keeps some and drops some
    CHECK(prow.size() == expected + 2);
    for (std::size_t i = 2; i < prow.size(); ++i)
        CHECK((prow[i].at(6) == "未达标" || !prow[i].at(8).empty() || !prow[i].at(9).empty()));

    auto x = dir.file("x.xlsx");
    check_refused(run_cli("indicators export --period 2020 --unit D0002 --out " + x + " --as d0001_admin" + db), x, "");
    check_refused(run_cli("indicators export --period 2020 --unit NOPE --out " + x + db), x, "NOPE");
    check_refused(run_cli("indicators export --period 2020 --out " + dir.file("x.pdf") + db), dir.file("x.pdf"), ".xlsx");
}
