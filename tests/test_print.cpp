// What offices print and file, as PDF: a 会议记录 page per record, the 年度党建考核结果汇总表 and
// the 整改台账. Each is made through the real CLI from the demo county and read back with
// poppler's pdftotext / pdffonts / pdfinfo: the Chinese title, unit names, scores and row
// counts are in the text, the Chinese font is embedded, long tables run over several pages
// with their header on each, and bad input writes no file.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "export/assessment_pdf.hpp"
#include "export/record_pdf.hpp"
#include "forms/form_schema.hpp"
#include "support.hpp"

using dj::test::run_cli;
using nlohmann::json;
using namespace dj;
namespace fs = std::filesystem;

namespace {

std::string sh(const std::string& command) {
    std::string out;
    FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (!p) return out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
    return out;
}

bool have_poppler() {
    return std::system("command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1") == 0;
}

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

// The text of page `page` (1-based), or of every page when 0; -layout keeps a table row on
// one line.
std::string pdf_text(const std::string& path, int page = 0) {
    std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return sh("pdftotext -layout -enc UTF-8" + range + " " + quoted(path) + " -");
}

int pdf_pages(const std::string& path) {
    std::smatch m;
    std::string info = sh("pdfinfo " + quoted(path));
    if (std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) return std::stoi(m[1]);
    return 0;
}

// Every font pdffonts lists is the Chinese font and embedded (no fallback font, no font the
// reader must supply).
void check_fonts(const std::string& path) {
    std::string fonts = sh("pdffonts " + quoted(path));
    INFO(fonts);
    CHECK_THAT(fonts, Catch::Contains("WenQuanYi"));
    std::istringstream lines(fonts);
    std::string line;
    int listed = 0;
    for (int n = 0; std::getline(lines, line); ++n) {
        if (n < 2 || line.empty()) continue;  // the heading and its rule
        ++listed;
        CHECK_THAT(line, Catch::Contains("WenQuanYi"));
        CHECK(std::regex_search(line, std::regex(R"(\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$)")));  // emb = yes
    }
    CHECK(listed > 0);
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Exit 2, a message in Chinese on stderr, and no file at `out`.
void check_refused(const dj::test::CliResult& r, const std::string& out, const std::string& says) {
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(says));
    CHECK_FALSE(fs::exists(out));
}

}  // namespace

TEST_CASE("print: the demo county's 会议记录, 考核结果汇总表 and 整改台账 as PDF", "[print][cli]") {
    if (!have_poppler()) {
        WARN("poppler-utils is not installed (apt-get install poppler-utils): print tests skipped");
        return;
    }
    dj::test::TempDir dir;
    const std::string db_path = dir.file("county.db");
    dj::test::make_demo(db_path);
    const std::string db = " --db " + db_path;

    SECTION("a 三会一课 record as a page of the paper record book") {
        auto list = run_cli("form submissions orglife.meeting --unit GW --period 2020-11 --state approved --json" + db);
        REQUIRE(list.exit_code == 0);
        auto rows = json::parse(list.out);
        REQUIRE(!rows.empty());
        const json& s = rows.front();
        const std::string id = std::to_string(s["id"].get<std::int64_t>());
        const json& values = s["values"];

        const std::string out = dir.file("会议记录.pdf");
        auto r = run_cli("form export --submission " + id + " --pdf " + out + db);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::Contains("已打印到"));
        std::string text = pdf_text(out);
        INFO(text);
        CHECK_THAT(text, Catch::Contains("会议记录"));
        CHECK_THAT(text, Catch::Contains(s["unit_name"].get<std::string>()));
        CHECK_THAT(text, Catch::Contains("2020年11月"));
        // The form's labels, not its field ids; the plugin's print layout leaves its count key out.
        for (const char* label : {"会议类型", "召开日期", "会议主题", "应到人数", "实到人数", "主要内容"})
            CHECK_THAT(text, Catch::Contains(label));
        CHECK_THAT(text, !Catch::Contains("党小组会月份标识"));
        CHECK_THAT(text, !Catch::Contains("group_month"));
        CHECK_THAT(text, Catch::Contains(values["kind"].get<std::string>()));
        CHECK_THAT(text, Catch::Contains(values["date"].get<std::string>()));
        CHECK_THAT(text, Catch::Contains(std::to_string(values["expected"].get<int>())));
        // 签字 lines the plugin declares, and the filing trail.
        CHECK_THAT(text, Catch::Contains("主持人（签字）"));
        CHECK_THAT(text, Catch::Contains("记录人（签字）"));
        CHECK_THAT(text, Catch::Contains("审核通过"));
        CHECK_THAT(text, Catch::Contains("第 1 页 共 1 页"));
        check_fonts(out);
        CHECK(sh("pdfinfo " + quoted(out)).find("595.276 x 841.89") != std::string::npos);  // A4

        // The same page through `form view --pdf`.
        const std::string again = dir.file("again.pdf");
        REQUIRE(run_cli("form view " + id + " --pdf " + again + db).exit_code == 0);
        CHECK_THAT(pdf_text(again), Catch::Contains(values["topic"].get<std::string>()));

        // A month's records of a unit, each from a new page: export --pdf of the filter.
        const std::string month = dir.file("month.pdf");
        std::string unit = s["unit"].get<std::string>();
        auto unit_rows = json::parse(
            run_cli("form submissions orglife.meeting --unit " + unit + " --period 2020-11 --json" + db).out);
        REQUIRE(run_cli("form export orglife.meeting --unit " + unit + " --period 2020-11 --pdf " + month + db).exit_code == 0);
        CHECK(count_of(pdf_text(month), "主持人（签字）") == unit_rows.size());
        CHECK(pdf_pages(month) >= static_cast<int>(unit_rows.size()));
    }

    SECTION("the 年度党建考核结果汇总表: every department, its scores, several pages with the header on each") {
        auto result = json::parse(run_cli("assess --year 2020 --json" + db).out);
        const auto& rows = result["rows"];
        REQUIRE(rows.size() > 60);
        const std::string out = dir.file("考核.pdf");
        auto r = run_cli("assess --year 2020 --pdf " + out + db);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        std::string text = pdf_text(out);
        CHECK_THAT(text, Catch::Contains("2020年度党建考核结果汇总表"));
        for (const auto& row : {rows.front(), rows[rows.size() / 2], rows.back()}) {
            CHECK_THAT(text, Catch::Contains(row["org_name"].get<std::string>()));
            char score[32];
            std::snprintf(score, sizeof score, "%.2f", row["score"].get<double>());
            CHECK_THAT(text, Catch::Contains(score));
        }
        // Each area's column, under its label (a long label wraps in its header cell: its
        // first four characters are on the first line).
        for (const auto& area : rows.front()["areas"])
            CHECK_THAT(text, Catch::Contains(area["label"].get<std::string>().substr(0, 12)));
        // One line per department: its rank then its name (its first eight characters, should
        // a long name wrap in its cell).
        std::size_t ranked = 0;
        for (const auto& row : rows)
            ranked += std::regex_search(text, std::regex("\\b" + std::to_string(row["rank"].get<int>()) + "\\s+" +
                                                         row["org_name"].get<std::string>().substr(0, 24)));
        CHECK(ranked == rows.size());
        const int pages = pdf_pages(out);
        CHECK(pages >= 3);
        for (int p = 1; p <= pages; ++p) {
            std::string page = pdf_text(out, p);
            INFO("page " << p);
            CHECK_THAT(page, Catch::Contains("排名"));
            CHECK_THAT(page, Catch::Contains("总分"));
            CHECK_THAT(page, Catch::Contains("等次"));
            CHECK_THAT(page, Catch::Contains("第 " + std::to_string(p) + " 页 共 " + std::to_string(pages) + " 页"));
        }
        check_fonts(out);
        CHECK(sh("pdfinfo " + quoted(out)).find("841.89 x 595.276") != std::string::npos);  // A4 landscape
    }

    SECTION("the 整改台账 of the county") {
        auto items = json::parse(run_cli("rectify list --json" + db).out);
        REQUIRE(!items.empty());
        const std::string out = dir.file("整改.pdf");
        auto r = run_cli("rectify export --pdf " + out + db);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        std::string text = pdf_text(out);
        CHECK_THAT(text, Catch::Contains("整改事项台账"));
        CHECK_THAT(text, Catch::Contains("共 " + std::to_string(items.size()) + " 项"));
        CHECK_THAT(text, Catch::Contains(items.front()["org_name"].get<std::string>()));
        CHECK_THAT(text, Catch::Contains(items.back()["deadline"].get<std::string>()));
        const int pages = pdf_pages(out);
        for (int p = 1; p <= pages; ++p) CHECK_THAT(pdf_text(out, p), Catch::Contains("整改期限"));
        check_fonts(out);
    }

    SECTION("bad input: a clear Chinese error and no file") {
        const std::string out = dir.file("x.pdf");
        check_refused(run_cli("form export --submission 99999999 --pdf " + out + db), out, "报送记录编号 99999999 不存在");
        check_refused(run_cli("form view 99999999 --pdf " + out + db), out, "不存在");
        check_refused(run_cli("form export --pdf " + out + db), out, "--submission");
        check_refused(run_cli("assess --year 2020 --unit NOPE --pdf " + out + db), out, "NOPE");
        check_refused(run_cli("rectify export --unit NOPE --pdf " + out + db), out, "NOPE");
        check_refused(run_cli("rectify export --pdf " + dir.file("x.xlsx") + db), dir.file("x.xlsx"), ".pdf");
        check_refused(run_cli("rectify export --unit D0001 --pdf " + out + " --as d0002_admin" + db), out, "");
    }
}

TEST_CASE("print: a record longer than a page and a long table run over pages", "[print]") {
    if (!have_poppler()) {
        WARN("poppler-utils is not installed (apt-get install poppler-utils): print tests skipped");
        return;
    }
    dj::test::TempDir dir;
    SECTION("a 主要内容 longer than a page continues on the next ones, no line lost or repeated") {
        exports::RecordPrint r;
        r.title = "会议记录";
        r.particulars = "单位：甲局第一党支部";
        r.entries.push_back({"会议类型", "支部党员大会", false, {}, {}});
        std::string content;
        // A paragraph a line, so that no 第N段 is wrapped across two lines of text.
        for (int i = 1; i <= 120; ++i) content += "第" + std::to_string(i) + "段学习贯彻会议精神。\n";
        content += "全文完";
        r.entries.push_back({"主要内容", content, true, {}, {}});
        r.signatures = {"主持人", "记录人"};
        const std::string out = dir.file("long.pdf");
        dj::test::write_text_file(out, exports::records_pdf({r}, "会议记录"));
        CHECK(pdf_pages(out) >= 3);
        std::string text = pdf_text(out);
        // Every paragraph is there once: the cut between pages loses and repeats no line.
        for (int i = 1; i <= 120; ++i) CHECK(count_of(text, "第" + std::to_string(i) + "段") == 1);
        CHECK_THAT(text, Catch::Contains("全文完"));
        CHECK_THAT(pdf_text(out, pdf_pages(out)), Catch::Contains("主持人（签字）"));
    }
    SECTION("200 departments: the header row on every page") {
        exports::AssessmentPrint a;
        a.title = "2020年度党建考核结果汇总表";
        a.areas = {"党的政治建设", "纪律建设"};
        for (int i = 1; i <= 200; ++i)
            a.rows.push_back({i, "单位" + std::to_string(i), "行政机关", {40.5, 50.25}, 90.75, "好", ""});
        const std::string out = dir.file("200.pdf");
        dj::test::write_text_file(out, exports::assessment_pdf(a));
        const int pages = pdf_pages(out);
        CHECK(pages >= 6);
        std::string all = pdf_text(out);
        CHECK(count_of(all, "党的政治建设") == static_cast<std::size_t>(pages));
        for (int i = 1; i <= 200; ++i) CHECK(count_of(all, "单位" + std::to_string(i) + " ") == 1);
    }
}

TEST_CASE("print: a form declares its printed title, the fields left out and who signs; a bad declaration is refused",
          "[print][forms]") {
    using forms::parse_form;
    json t = {{"title", "三会一课记录"},
              {"fields", json::array({json{{"id", "kind"}, {"type", "text"}, {"label", "会议类型"}},
                                      json{{"id", "key"}, {"type", "text"}, {"label", "统计用"}}})}};
    CHECK(parse_form("p", "1.0.0", "m", t).print.title.empty());  // undeclared: the form's own title, every field
    t["print"] = {{"title", "会议记录"}, {"omit", json::array({"key"})}, {"signatures", json::array({"主持人", "记录人"})}};
    auto form = parse_form("p", "1.0.0", "m", t);
    CHECK(form.print.title == "会议记录");
    CHECK(form.print.omit == std::vector<std::string>{"key"});
    CHECK(form.print.signatures == std::vector<std::string>{"主持人", "记录人"});
    CHECK(forms::form_to_json(form)["print"]["signatures"] == json::array({"主持人", "记录人"}));
    t["print"] = {{"omit", json::array({"nothing"})}};
    CHECK_THROWS_WITH(parse_form("p", "1.0.0", "m", t), Catch::Contains("omit 指向不存在的字段「nothing」"));
    t["print"] = {{"signature", json::array({"主持人"})}};
    CHECK_THROWS_WITH(parse_form("p", "1.0.0", "m", t), Catch::Contains("未知属性「signature」"));
    t["print"] = {{"signatures", "主持人"}};
    CHECK_THROWS_WITH(parse_form("p", "1.0.0", "m", t), Catch::Contains("signatures 应为签字人列表"));
}
