// dangjian members …: the member register (党员名册).
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "io/csv.hpp"
#include "io/member_csv.hpp"
#include "io/record_sheet.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

namespace {

struct MemberOptions {
    std::string unit, flag, name, on, out, csv, gender, birth, join, full, status, branch, post, level, flags, reason;
    std::int64_t id = 0;
    bool direct_only = false;
};

std::string flags_text(const std::vector<std::string>& flags) {
    std::string s;
    for (const auto& f : flags) s += (s.empty() ? "" : "、") + f;
    return s;
}

}  // namespace

void register_members(CLI::App& app, Context& ctx) {
    auto* members = app.add_subcommand("members", "党员名册：查看、导入、增减");
    members->require_subcommand(1);
    static MemberOptions o;

    auto* list = members->add_subcommand("list", "列出某组织（含下级）的党员");
    add_db_options(*list, ctx);
    add_json_flag(*list, ctx);
    list->add_option("--unit", o.unit, "组织编码")->required();
    list->add_option("--flag", o.flag, "只列出有该标记的党员，如 生活困难");
    list->add_option("--name", o.name, "姓名包含");
    list->add_option("--on", o.on, "计算党龄、政治生日所用的日期；默认今天");
    list->add_flag("--direct", o.direct_only, "只列出直属该组织的党员，不含下级");
    list->callback([&ctx] {
        ctx.open();
        MemberFilter f;
        f.include_subtree = !o.direct_only;
        if (!o.flag.empty()) f.flag = o.flag;
        if (!o.name.empty()) f.name_part = o.name;
        f.on = optional_date(o.on, "--on 日期").value_or(ctx.service->today());
        auto rows = ctx.service->list_members(ctx.actor, o.unit, f);
        if (ctx.json) {
            print_json_list(rows, [](const auto& x) { return to_json(x); });
            return;
        }
        std::cout << "编号\t姓名\t性别\t出生日期\t入党日期\t转正日期\t状态\t党龄\t政治生日\t所在支部\t职务\t标记\n";
        for (const auto& m : rows)
            std::cout << m.id << '\t' << m.name << '\t' << m.gender << '\t'
                      << (m.birth_date ? m.birth_date->iso() : "") << '\t' << m.join_date.iso() << '\t'
                      << (m.full_date ? m.full_date->iso() : "") << '\t' << m.status << '\t'
                      << (m.party_age ? std::to_string(*m.party_age) : "-") << '\t' << m.political_birthday.iso()
                      << '\t' << m.branch_name << '\t' << m.post << '\t' << flags_text(m.flags) << '\n';
        std::cout << "共 " << rows.size() << " 名党员\n";
    });

    auto* exp = members->add_subcommand("export", "导出党员名册为 Excel（.xlsx），筛选条件同 list");
    add_db_options(*exp, ctx);
    exp->add_option("--unit", o.unit, "组织编码")->required();
    exp->add_option("--flag", o.flag, "只导出有该标记的党员，如 生活困难");
    exp->add_option("--name", o.name, "姓名包含");
    exp->add_option("--on", o.on, "计算党龄、政治生日所用的日期；默认今天");
    exp->add_flag("--direct", o.direct_only, "只导出直属该组织的党员，不含下级");
    exp->add_option("--out", o.out, "输出文件（.xlsx）")->required();
    exp->callback([&ctx] {
        out_format(o.out, {"xlsx"});
        ctx.open();
        MemberExport r;
        r.unit_code = o.unit;
        r.filter.include_subtree = !o.direct_only;
        if (!o.flag.empty()) r.filter.flag = o.flag;
        if (!o.name.empty()) r.filter.name_part = o.name;
        r.filter.on = optional_date(o.on, "--on 日期").value_or(ctx.service->today());
        write_file(o.out, ctx.service->export_members(ctx.actor, r));
        std::cout << "已导出到 " << o.out << "\n";
    });

    auto* show = members->add_subcommand("show", "显示一名党员");
    add_db_options(*show, ctx);
    add_json_flag(*show, ctx);
    show->add_option("ID", o.id, "党员编号")->required();
    show->add_option("--on", o.on, "计算党龄所用的日期；默认今天");
    show->callback([&ctx] {
        ctx.open();
        auto m = ctx.service->member(ctx.actor, o.id, optional_date(o.on, "--on 日期").value_or(ctx.service->today()));
        if (ctx.json) {
            print_json(to_json(m));
            return;
        }
        std::cout << m.name << "（" << m.gender << "）  " << m.status << "党员  " << m.branch_name << "\n"
                  << "入党日期 " << m.join_date.iso() << "  转正日期 " << (m.full_date ? m.full_date->iso() : "—")
                  << "\n党龄 " << (m.party_age ? std::to_string(*m.party_age) + " 年" : "—（预备党员）")
                  << "  今年政治生日 " << m.political_birthday.iso() << "\n";
    });

    auto* add = members->add_subcommand("add", "新增一名党员");
    add_db_options(*add, ctx);
    add->add_option("--name", o.name, "姓名")->required();
    add->add_option("--gender", o.gender, "性别：男/女")->required();
    add->add_option("--birth", o.birth, "出生日期");
    add->add_option("--join", o.join, "入党日期")->required();
    add->add_option("--full", o.full, "转正日期（正式党员必填）");
    add->add_option("--status", o.status, "正式/预备")->required();
    add->add_option("--branch", o.branch, "所在支部编码")->required();
    add->add_option("--post", o.post, "职务");
    add->add_option("--level", o.level, "职级");
    add->add_option("--flags", o.flags, "标记，用、分隔，如 生活困难、老党员");
    add->callback([&ctx] {
        ctx.open();
        MemberInput m;
        m.name = o.name;
        m.gender = o.gender;
        m.birth_date = optional_date(o.birth, "出生日期");
        m.join_date = Date::parse_or_throw(o.join, "入党日期");
        m.full_date = optional_date(o.full, "转正日期");
        m.status = o.status;
        m.branch_code = o.branch;
        m.post = o.post;
        m.cadre_level = o.level;
        m.flags = split_member_flags(o.flags);
        auto made = ctx.service->add_member(ctx.actor, m);
        std::cout << "已新增党员 " << made.name << "，编号 " << made.id << "\n";
    });

    auto* remove = members->add_subcommand("remove", "减少党员（转出、去世等；记录保留）");
    add_db_options(*remove, ctx);
    remove->add_option("ID", o.id, "党员编号")->required();
    remove->add_option("--reason", o.reason, "原因：转出、去世、出党 …")->required();
    remove->add_option("--on", o.on, "日期；默认今天");
    remove->callback([&ctx] {
        ctx.open();
        ctx.service->remove_member(ctx.actor, o.id, optional_date(o.on, "日期").value_or(ctx.service->today()), o.reason);
        std::cout << "已减少党员编号 " << o.id << "（" << o.reason << "）\n";
    });

    auto* import = members->add_subcommand("import", "从 CSV 或 Excel（.xlsx）导入党员名册（全部正确才导入，任何一行有误则一行也不导入）");
    add_db_options(*import, ctx);
    add_json_flag(*import, ctx);
    import->add_option("--csv,--file", o.csv, "CSV 文件（UTF-8 或 GBK）或 Excel 工作簿（.xlsx，第一个工作表）")->required();
    import->callback([&ctx] {
        ctx.open();
        auto report = ctx.service->import_members(ctx.actor, read_file(o.csv));
        if (ctx.json) print_json(to_json(report));
        if (!report.problems.empty()) {
            if (!ctx.json) {
                std::cerr << "导入失败：共 " << report.rows << " 行，发现 " << report.problems.size()
                          << " 处错误，未导入任何记录。\n";
                for (const auto& p : report.problems) std::cerr << "  第 " << p.line << " 行：" << p.message << "\n";
            }
            throw UserError("党员名册有误，未导入");
        }
        if (!ctx.json) std::cout << "已导入 " << report.imported << " 名党员（文件编码 " << report.encoding << "）\n";
    });

    static std::string template_out;
    auto* tmpl = members->add_subcommand("template", "党员名册模板：--out 名册.xlsx 写出 Excel 模板（含填写说明）；不带 --out 输出 CSV 表头");
    tmpl->add_option("--out", template_out, "输出文件，.xlsx 或 .csv");
    tmpl->callback([] {
        std::string header = "\xEF\xBB\xBF" + csv_line(roster_header());
        if (template_out.empty()) {
            std::cout << header;
            return;
        }
        write_file(template_out, out_format(template_out, {"xlsx", "csv"}) == "csv" ? header : member_template_xlsx());
        std::cout << "已写出党员名册模板：" << template_out << "\n";
    });
}

}  // namespace dj::cli
