// dangjian dashboard: the 统计图表 screen's figures as tables (CSV under a heading per chart),
// or the whole Dashboard as JSON: the numbers the GUI draws, from the same Service operation.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "api/wire.hpp"
#include "cli/cli_context.hpp"

namespace dj::cli {

namespace {

std::string fixed(double v, int digits) {
    std::ostringstream s;
    s << std::setprecision(digits) << std::fixed << v;
    return s.str();
}

// A CSV cell: quoted when it holds a comma, a quote or a line break.
std::string cell(const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

void print_dashboard(const Dashboard& d) {
    std::cout << d.unit_name << " " << d.year << "年统计图表\n\n";
    std::cout << "# 报送完成率（按" << (d.bars_of == "department" ? "部门" : "党支部") << "）\n";
    std::cout << "单位,编码,应报,已报,按时,完成率(%)\n";
    auto row = [](const DashboardCompletion& c) {
        std::cout << cell(c.unit_name) << "," << c.unit_code << "," << c.expected << "," << c.submitted << ","
                  << c.on_time << "," << fixed(c.rate, 1) << "\n";
    };
    for (const auto& c : d.completion) row(c);
    std::cout << "合计：";
    row(d.total);

    std::cout << "\n# 每月开展次数\n月份";
    for (const auto& t : d.trends) std::cout << "," << cell(t.label);
    std::cout << "\n";
    for (std::size_t m = 0; m < d.months.size(); ++m) {
        std::cout << d.months[m];
        for (const auto& t : d.trends) std::cout << "," << (m < t.counts.size() ? t.counts[m] : 0);
        std::cout << "\n";
    }

    for (const auto& r : d.ratings) {
        std::cout << "\n# 述职评议结果：" << r.form_title << "\n等次,份数\n";
        for (std::size_t i = 0; i < r.labels.size(); ++i) std::cout << cell(r.labels[i]) << "," << r.counts[i] << "\n";
        std::cout << "尚未评议," << r.unrated << "\n";
    }

    std::cout << "\n# 考核得分（按板块）";
    if (!d.scheme_title.empty()) std::cout << "：" << d.scheme_title;
    std::cout << "\n";
    if (!d.assessment_note.empty()) std::cout << d.assessment_note << "\n";
    if (d.areas.empty()) return;
    std::cout << "单位,编码,得分,等次";
    for (const auto& a : d.areas) std::cout << "," << cell(a.label) << "(满分" << fixed(a.weight, 2) << ")";
    std::cout << "\n全县平均（" << d.county_departments << " 个部门）,,"
              << fixed(d.county_average_score, 2) << ",";
    for (const auto& a : d.areas) std::cout << "," << fixed(a.average, 2);
    std::cout << "\n";
    for (const auto& dep : d.departments) {
        std::cout << cell(dep.org_name) << "," << dep.org_code << "," << fixed(dep.score, 2) << "," << dep.rating;
        for (double e : dep.earned) std::cout << "," << fixed(e, 2);
        std::cout << "\n";
    }
}

}  // namespace

void register_dashboard(CLI::App& app, Context& ctx) {
    static int year = 0;
    static std::string unit;
    auto* cmd = app.add_subcommand("dashboard", "统计图表的数据：报送完成率、每月开展次数、述职评议结果、考核得分与全县平均");
    add_db_options(*cmd, ctx);
    add_json_flag(*cmd, ctx);
    cmd->add_option("--year", year, "统计年度")->required();
    cmd->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    cmd->callback([&ctx] {
        ctx.open();
        Dashboard d = ctx.service->dashboard(ctx.actor, year, unit.empty() ? ctx.actor.org_code : unit);
        if (ctx.json) {
            nlohmann::json j;
            to_json(j, d);
            return print_json(j);
        }
        print_dashboard(d);
    });
}

}  // namespace dj::cli
