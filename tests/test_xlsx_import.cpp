// Import from Excel (issue 16): the .xlsx reader (shared and inline strings, numbers, dates
// as serial numbers, bounds against zip bombs), member rosters and a form's records in bulk,
// each from its downloadable template, all or nothing, bad cells named by row and column.
#include <zip.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "io/member_csv.hpp"
#include "io/record_sheet.hpp"
#include "io/user_files.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

// A zip of the given parts, as bytes (the parts are deflated as Excel's are).
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    test::TempDir dir;
    std::string path = dir.file("book.xlsx");
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(z);
    for (const auto& [name, text] : parts) {
        zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
        REQUIRE(src);
        REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
    return test::read_text_file(path);
}

const std::string kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(</Relationships>)";
// Style 1 is a built-in date format (14), style 2 a custom one (yyyy"年"m"月"d"日").
const std::string kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>)"
    R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>)";

std::string sheet_xml(const std::string& rows) {
    return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           rows + "</sheetData></worksheet>";
}

std::vector<ImportProblem> problems_at(const ImportReport& r, std::size_t line) {
    std::vector<ImportProblem> out;
    for (const auto& p : r.problems)
        if (p.line == line) out.push_back(p);
    return out;
}

bool mentions(const std::vector<ImportProblem>& ps, const std::string& part) {
    for (const auto& p : ps)
        if (p.message.find(part) != std::string::npos) return true;
    return false;
}

std::string all_messages(const ImportReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += "第 " + std::to_string(p.line) + " 行：" + p.message + "\n";
    return out;
}

// A filled copy of a template: its header read back from the template itself, then rows.
std::string filled(const std::string& template_bytes, const std::vector<std::vector<Cell>>& rows) {
    auto sheet = read_xlsx_first_sheet(template_bytes);
    REQUIRE_FALSE(sheet.rows.empty());
    return write_xlsx({Sheet{sheet.name, sheet.rows.front().cells, rows, {}, ""}});
}

struct FormCounty : test::SmallCounty {
    FormCounty() {
        test::use_forms_fixture(*svc);  // 张三 in D1-B1 lives in difficulty
    }
    std::int64_t submissions() {
        auto st = svc->connection().prepare("SELECT count(*) FROM submission");
        st.step();
        return st.int64(0);
    }
    std::string member_name(std::int64_t id) { return svc->member(as("admin"), id, svc->today()).name; }
};

}  // namespace

TEST_CASE("the xlsx reader gives cells as Excel shows them", "[xlsx-import]") {
    std::string shared =
        R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
        R"(<si><t>姓名</t></si><si><r><t>入党</t></r><r><t>日期</t></r><rPh><t>にゅうとう</t></rPh></si><si><t>A&amp;B</t></si></sst>)";
    std::string rows =
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>)"
        R"(<row r="3"><c r="A3" t="inlineStr"><is><t>赵六</t></is></c><c r="B3" s="1"><v>44183</v></c>)"
        R"(<c r="C3"><v>500.5</v></c><c r="D3"><v>12</v></c><c r="E3" s="2"><v>36526</v></c><c r="F3" t="b"><v>1</v></c></row>)";
    auto bytes = make_zip({{"xl/workbook.xml", kWorkbook},
                           {"xl/_rels/workbook.xml.rels", kRels},
                           {"xl/styles.xml", kStyles},
                           {"xl/sharedStrings.xml", shared},
                           {"xl/worksheets/sheet1.xml", sheet_xml(rows)}});
    auto sheet = read_xlsx_first_sheet(bytes);
    CHECK(sheet.name == "名册");
    REQUIRE(sheet.rows.size() == 2);
    CHECK(sheet.rows[0].row == 1);
    CHECK(sheet.rows[0].cells == std::vector<std::string>{"姓名", "入党日期", "", "A&B"});
    CHECK(sheet.rows[1].row == 3);  // the empty row 2 is absent, the numbering is the sheet's
    CHECK(sheet.rows[1].cells == std::vector<std::string>{"赵六", "2020-12-18", "500.5", "12", "2000-01-01", "是"});

    CHECK(xlsx_serial_to_iso(1) == "1900-01-01");
    CHECK(xlsx_serial_to_iso(59) == "1900-02-28");
    CHECK(xlsx_serial_to_iso(61) == "1900-03-01");
    CHECK(xlsx_serial_to_iso(0, true) == "1904-01-01");
    CHECK(xlsx_column_name(0) == "A");
    CHECK(xlsx_column_name(26) == "AA");
    CHECK_THROWS_WITH(read_xlsx_first_sheet("姓名,性别\n"), Catch::Contains("不是有效的 Excel 工作簿"));
    CHECK_THROWS_WITH(read_xlsx_first_sheet(std::string("PK\x03\x04garbage", 11)), Catch::Contains("不是有效的 Excel 工作簿"));
}

TEST_CASE("a zip bomb or a zip of thousands of parts is refused before it is inflated", "[xlsx-import]") {
    test::SmallCounty c;
    auto members = c.member_count();
    auto audits = c.audit_count();
    // 80 MB of one repeated row inflates from well under a megabyte.
    std::string huge = sheet_xml("");
    huge.insert(huge.size() - 24, std::string(80u << 20, ' '));
    auto bomb = make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", kRels}, {"xl/worksheets/sheet1.xml", huge}});
    CHECK(bomb.size() < (1u << 20));
    CHECK_THROWS_WITH(c.svc->import_members(c.as("admin"), bomb), Catch::Contains("zip 炸弹"));

    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i < 2500; ++i) many.emplace_back("p" + std::to_string(i), "");
    CHECK_THROWS_WITH(c.svc->import_members(c.as("admin"), make_zip(many)), Catch::Contains("超过上限"));
    CHECK(c.member_count() == members);
    CHECK(c.audit_count() == audits);
}

TEST_CASE("a roster template filled in Excel imports every row", "[xlsx-import]") {
    test::SmallCounty c;
    auto before = c.member_count();
    auto tmpl = member_template_xlsx();
    auto header = read_xlsx_first_sheet(tmpl).rows.front().cells;
    CHECK(header == roster_header());
    auto bytes = filled(tmpl, {{std::string("赵六"), std::string("女"), std::string("1985-02-10"), std::string("2010-07-01"),
                                std::string("2011-07-01"), std::string("正式党员"), std::string("D1-B2"), std::string("科员"),
                                std::monostate{}, std::string("生活困难、老党员")},
                               {std::string("钱七"), std::string("男"), std::monostate{}, std::string("2019年6月30日"),
                                std::monostate{}, std::string("预备"), std::string("D1-B1")}});
    auto report = c.svc->import_members(c.as("admin"), bytes);
    INFO(all_messages(report));
    CHECK(report.problems.empty());
    CHECK(report.imported == 2);
    CHECK(report.encoding == "Excel 工作簿（.xlsx）");
    CHECK(c.member_count() == before + 2);
    MemberFilter f;
    f.on = c.svc->today();
    f.name_part = "赵六";
    auto found = c.svc->list_members(c.as("admin"), "D1", f);
    REQUIRE(found.size() == 1);
    CHECK(found[0].flags == std::vector<std::string>{"生活困难", "老党员"});
}

TEST_CASE("a roster .xlsx with one bad row imports nothing and names the row and column", "[xlsx-import]") {
    test::SmallCounty c;
    auto members = c.member_count();
    auto audits = c.audit_count();
    auto bytes = filled(member_template_xlsx(),
                        {{std::string("赵六"), std::string("女"), std::string("1985-02-10"), std::string("2010-07-01"),
                          std::string("2011-07-01"), std::string("正式"), std::string("D1-B2")},
                         {std::string("钱七"), std::string("男"), std::string("1990-13-45"), std::monostate{}, std::monostate{},
                          std::string("正式"), std::string("不存在的支部")}});
    auto report = c.svc->import_members(c.as("admin"), bytes);
    CHECK(report.imported == 0);
    CHECK(problems_at(report, 2).empty());
    auto row3 = problems_at(report, 3);
    INFO(all_messages(report));
    CHECK(mentions(row3, "出生日期（C 列）「1990-13-45」不是有效日期"));
    CHECK(mentions(row3, "入党日期（D 列）不能为空"));
    CHECK(c.member_count() == members);
    CHECK(c.audit_count() == audits);
}

TEST_CASE("a form's records round-trip through its template: template, filled, imported", "[xlsx-import]") {
    FormCounty c;
    auto form = c.svc->form(c.as("filler1"), "formtest.visit");
    auto tmpl = form_template_xlsx(json::parse(form.schema_json));
    auto header = read_xlsx_first_sheet(tmpl).rows.front().cells;
    CHECK(header == std::vector<std::string>{"期间", "慰问对象", "时机", "日期", "慰问金（元）", "慰问品", "联系电话", "情况说明"});

    auto before = c.submissions();
    auto bytes = filled(tmpl, {{std::string("2021-06"), c.member_name(1), std::string("七一"), std::string("2021-06-10"), 500.0},
                               {std::string("2021年6月"), c.member_name(1), std::string("春节"), std::string("2021年6月12日"),
                                std::monostate{}, std::string("米面油")}});
    // Filled as submit() fills: a read-only role and a unit outside the actor's scope are refused.
    CHECK_THROWS_AS(c.svc->import_records(c.as("leader"), "formtest.visit", "D1-B1", bytes), AccessDenied);
    CHECK_THROWS_AS(c.svc->import_records(c.as("unit1"), "formtest.visit", "D2-B1", bytes), AccessDenied);
    CHECK(c.submissions() == before);
    auto report = c.svc->import_records(c.as("filler1"), "formtest.visit", "D1-B1", bytes);
    INFO(all_messages(report));
    CHECK(report.problems.empty());
    CHECK(report.rows == 2);
    CHECK(report.imported == 2);
    CHECK(c.submissions() == before + 2);
    auto stored = c.svc->list_submissions(c.as("filler1"), SubmissionFilter{"formtest.visit", std::string("2021-06"), "D1-B1", std::nullopt});
    REQUIRE(stored.size() == 2);
    std::set<std::string> dates;
    for (const auto& s : stored) {
        CHECK(s.state == "submitted");
        dates.insert(json::parse(s.values_json).value("date", ""));
    }
    CHECK(dates == std::set<std::string>{"2021-06-10", "2021-06-12"});
}

TEST_CASE("records from Excel are all or nothing: one bad row stores none, each problem by row and column", "[xlsx-import]") {
    FormCounty c;
    auto form = c.svc->form(c.as("filler1"), "formtest.visit");
    auto tmpl = form_template_xlsx(json::parse(form.schema_json));
    auto before = c.submissions();
    auto audits = c.audit_count();
    auto bytes = filled(tmpl, {{std::string("2021-06"), c.member_name(1), std::string("七一"), std::string("2021-06-10"), 500.0},
                               {std::string("2021-06"), c.member_name(1), std::string("端午"), std::string("2021-06-11"),
                                std::string("很多")},
                               {std::string("2021-06"), std::string("查无此人"), std::string("春节"), std::string("2021-07-01"), 100.0},
                               {std::string("2021-06"), c.member_name(1), std::string("七一"), std::string("2021-06-12"), 1500.0}});
    auto report = c.svc->import_records(c.as("filler1"), "formtest.visit", "D1-B1", bytes);
    INFO(all_messages(report));
    CHECK(report.imported == 0);
    CHECK(report.rows == 4);
    CHECK(problems_at(report, 2).empty());
    CHECK(mentions(problems_at(report, 3), "C 列「时机」的「端午」不是可选项"));
    CHECK(mentions(problems_at(report, 3), "E 列「慰问金（元）」应为数字"));
    CHECK(mentions(problems_at(report, 4), "B 列「慰问对象」的党员「查无此人」不在"));
    // Validated as a submission is: the form's own rule, named by the field's column.
    CHECK(mentions(problems_at(report, 5), "H 列：慰问金达到 1000 元须写明情况"));
    CHECK(c.submissions() == before);
    CHECK(c.audit_count() == audits);

    // A header that is not the form's is refused before any row is tried.
    auto wrong = write_xlsx({Sheet{"x", {"期间", "慰问对象", "照片", "备注"}, {{std::string("2021-06")}}, {}, ""}});
    auto r2 = c.svc->import_records(c.as("filler1"), "formtest.visit", "D1-B1", wrong);
    CHECK(mentions(problems_at(r2, 1), "C 列「照片」不能从 Excel 导入"));
    CHECK(mentions(problems_at(r2, 1), "D 列「备注」不是表单「走访慰问记录」的字段"));
    CHECK(mentions(problems_at(r2, 1), "缺少「时机」列"));
    CHECK_THROWS_WITH(c.svc->import_records(c.as("filler1"), "formtest.visit", "D1-B1", "期间,时机\n"),
                      Catch::Contains("请选择 Excel 工作簿"));
}

TEST_CASE("the CLI writes both templates and imports records from Excel", "[xlsx-import][cli]") {
    test::TempDir dir;
    auto r = test::run_cli("members template --out " + dir.file("名册模板.xlsx"));
    CHECK(r.exit_code == 0);
    auto tmpl = test::read_text_file(dir.file("名册模板.xlsx"));
    CHECK(read_xlsx_first_sheet(tmpl).rows.front().cells == roster_header());
}

TEST_CASE("exports are named in Chinese, safely, in the documents folder, never over an earlier one", "[xlsx-import][user-files]") {
    test::TempDir home;
    std::string old_home = std::getenv("HOME") ? std::getenv("HOME") : "";
    std::string old_config = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
    setenv("HOME", home.path().c_str(), 1);
    unsetenv("XDG_CONFIG_HOME");
    CHECK(documents_dir() == home.path().string());  // nothing else: the home folder
    std::filesystem::create_directories(home.file("Documents"));
    CHECK(documents_dir() == home.file("Documents"));
    std::filesystem::create_directories(home.file(".config"));
    std::filesystem::create_directories(home.file("我的文档"));
    test::write_text_file(home.file(".config/user-dirs.dirs"), "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/\"\n"
                                                                 "XDG_DOCUMENTS_DIR=\"$HOME/我的文档\"\n");
    CHECK(documents_dir() == home.file("我的文档"));
    CHECK_FALSE(desktop_dir().has_value());  // $HOME/ means "no desktop folder"

    CHECK(safe_file_name({"三会一课记录", "县委办公室", "2020年12月"}, ".xlsx") == "三会一课记录-县委办公室-2020年12月.xlsx");
    CHECK(safe_file_name({"整改/台账", "a:b*c?", ""}, ".xlsx") == "整改_台账-a_b_c_.xlsx");
    auto longest = safe_file_name({std::string(100, 'x'), std::string(300, 'y') + "党"}, ".xlsx");
    CHECK(longest.size() <= 200);
    std::string dir = home.file("我的文档");
    CHECK(unique_path(dir, "名册.xlsx") == dir + "/名册.xlsx");
    test::write_text_file(dir + "/名册.xlsx", "x");
    CHECK(unique_path(dir, "名册.xlsx") == dir + "/名册(2).xlsx");
    test::write_text_file(dir + "/名册(2).xlsx", "x");
    CHECK(unique_path(dir, "名册.xlsx") == dir + "/名册(3).xlsx");
    setenv("HOME", old_home.c_str(), 1);
    if (!old_config.empty()) setenv("XDG_CONFIG_HOME", old_config.c_str(), 1);
}
