// Importing a member roster from CSV: all or nothing, every bad row reported.
#include <iconv.h>

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "support.hpp"

using namespace dj;

namespace {

const std::string kHeader = "序号,姓名,性别,出生日期,入党日期,转正日期,党员状态,所在支部,职务,标记\n";

std::string to_gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    std::string out(utf8.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size(), out_left = out.size();
    char* o = out.data();
    iconv(cd, &in, &in_left, &o, &out_left);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

// Runs an import that must fail; checks nothing changed and returns the problems.
std::vector<ImportProblem> failing_import(test::SmallCounty& c, const std::string& csv, const char* who = "admin") {
    auto members = c.member_count();
    auto audits = c.audit_count();
    auto report = c.svc->import_members(c.as(who), csv);
    CHECK(report.imported == 0);
    CHECK_FALSE(report.problems.empty());
    CHECK(c.member_count() == members);
    CHECK(c.audit_count() == audits);
    return report.problems;
}

bool has_problem(const std::vector<ImportProblem>& ps, std::size_t line, const std::string& part) {
    for (const auto& p : ps)
        if (p.line == line && p.message.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a UTF-8 roster with BOM, as Excel saves it, imports every row", "[import]") {
    test::SmallCounty c;
    auto before = c.member_count();
    std::string csv = "\xEF\xBB\xBF" + kHeader +
                      "1,赵六,女,1985-02-10,2010/7/1,2011/7/1,正式党员,D1-B2,科员,生活困难、老弱病残\r\n"
                      "2,钱七,男,1990.1.5,2019年6月30日,,预备,甲局第二党支部,,\r\n"
                      ",,,,,,,,,\r\n";
    auto report = c.svc->import_members(c.as("admin"), csv);
    INFO(report.problems.size());
    CHECK(report.problems.empty());
    CHECK(report.imported == 2);
    CHECK(report.encoding == "UTF-8 BOM");
    CHECK(c.member_count() == before + 2);
    MemberFilter f;
    f.on = c.svc->today();
    f.name_part = "赵六";
    auto rows = c.svc->list_members(c.as("admin"), "D1-B2", f);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].flags == std::vector<std::string>{"生活困难", "老弱病残"});
    CHECK(rows[0].join_date == Date::from_ymd(2010, 7, 1));
}

TEST_CASE("a GBK roster from Chinese Excel imports with the right names", "[import]") {
    test::SmallCounty c;
    std::string csv = to_gbk(kHeader + "1,孙八,男,1975-03-03,2000-07-01,2001-07-01,正式,D2-B1,局长,党务干部\n");
    auto report = c.svc->import_members(c.as("admin"), csv);
    CHECK(report.problems.empty());
    CHECK(report.imported == 1);
    CHECK(report.encoding == "GB18030");
    MemberFilter f;
    f.on = c.svc->today();
    f.name_part = "孙八";
    CHECK(c.svc->list_members(c.as("admin"), "D2", f).size() == 1);
}

TEST_CASE("a bad date rejects the whole file and names the line", "[import]") {
    test::SmallCounty c;
    auto ps = failing_import(c, kHeader + "1,赵六,女,1985-02-10,2010-07-01,2011-07-01,正式,D1-B2,,\n"
                                          "2,钱七,男,1990-01-05,2020-13-01,,预备,D1-B2,,\n");
    CHECK(ps.size() == 1);
    CHECK(has_problem(ps, 3, "入党日期「2020-13-01」"));
}

TEST_CASE("an unknown branch rejects the whole file", "[import]") {
    test::SmallCounty c;
    auto ps = failing_import(c, kHeader + "1,赵六,女,1985-02-10,2010-07-01,2011-07-01,正式,不存在的支部,,\n");
    CHECK(has_problem(ps, 2, "所在支部「不存在的支部」不存在"));
}

TEST_CASE("duplicates within the file and against the register are both caught", "[import]") {
    test::SmallCounty c;
    auto ps = failing_import(c, kHeader + "1,赵六,女,1985-02-10,2010-07-01,2011-07-01,正式,D1-B2,,\n"
                                          "2,赵六,女,1985-02-10,2010-07-01,2011-07-01,正式,D1-B1,,\n"
                                          "3,张三,男,1950-03-01,1970-07-01,1971-07-01,正式,D1-B2,,\n");
    CHECK(has_problem(ps, 3, "与第 2 行重复"));
    CHECK(has_problem(ps, 4, "与已有党员重复"));
}

TEST_CASE("a missing name and other row faults are all listed at once", "[import]") {
    test::SmallCounty c;
    auto ps = failing_import(c, kHeader + "1,,女,1985-02-10,2010-07-01,2011-07-01,正式,D1-B2,,\n"
                                          "2,周九,其他,1985-02-10,2010-07-01,,正式,D1-B2,,\n"
                                          "3,吴十,男,1985-02-10,,,正式,D1-B2,,\n");
    CHECK(has_problem(ps, 2, "姓名不能为空"));
    CHECK(has_problem(ps, 3, "性别应为"));
    CHECK(has_problem(ps, 3, "正式党员须填写转正日期"));
    CHECK(has_problem(ps, 4, "入党日期不能为空"));
}

TEST_CASE("a unit administrator cannot import into another department", "[import][access]") {
    test::SmallCounty c;
    auto ps = failing_import(c, kHeader + "1,赵六,女,1985-02-10,2010-07-01,2011-07-01,正式,D2-B1,,\n", "unit1");
    CHECK(has_problem(ps, 2, "不在您的管辖范围内"));
}

TEST_CASE("files that cannot be read as a roster are refused whole", "[import]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    auto members = c.member_count();
    CHECK_THROWS_WITH(c.svc->import_members(admin, ""), Catch::Contains("空"));
    CHECK_THROWS_WITH(c.svc->import_members(admin, "姓名,性别\n张三,男\n"), Catch::Contains("缺少必填列"));
    CHECK_THROWS_WITH(c.svc->import_members(admin, kHeader), Catch::Contains("没有党员记录"));
    CHECK_THROWS_AS(c.svc->import_members(admin, kHeader + "1,\"未闭合,女\n"), UserError);
    CHECK_THROWS_AS(c.svc->import_members(admin, std::string("\xff\xfe\x00\x41", 4)), UserError);
    CHECK(c.member_count() == members);
}
