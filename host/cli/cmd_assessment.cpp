// dangjian indicators / reminders / assess / evaluate / rectify: the 工委's year-end work.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "model/period.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

using nlohmann::json;

namespace {

std::string number(const std::optional<double>& v) {
    if (!v) return "—";
    std::ostringstream s;
    s << std::setprecision(*v == static_cast<long long>(*v) ? 0 : 1) << std::fixed << *v;
    return s.str();
}

// 按年度 / 按部门: the words a user reads, not the ids ("按year", "department").
std::string period_words(const std::string& id) {
    auto t = parse_period_type(id);
    return t ? "按" + std::string(period_type_label(*t)) : id;
}
std::string scope_words(const std::string& id) {
    return id == "department" ? "按部门" : id == "branch" ? "按党支部" : id == "party_org" ? "按党组织" : id;
}

std::string level_label(const std::string& level) {
    return level == "overdue" ? "【逾期】" : level == "warning" ? "【提醒】" : "【提示】";
}

void print_rectification(const RectificationItem& r) {
    std::cout << "#" << r.id << "  " << r.org_name << "  " << r.year << "  [" << r.status_label << "]"
              << (r.overdue ? " 已逾期" : "") << "  " << r.title << "  期限 " << r.deadline << "  来源：" << r.source_label
              << (r.owner.empty() ? "" : "  责任人：" + r.owner) << "\n";
    if (!r.evidence.empty()) std::cout << "    整改情况：" << r.evidence << "\n";
}

}  // namespace

void register_assessment(CLI::App& app, Context& ctx) {
    static std::string pdf;  // --pdf FILE of assess and rectify export
    static std::string period, unit, indicator, date, out, status, title, detail, owner, deadline, evidence, source,
        source_ref, rating, comment;
    static std::vector<std::string> issues;
    static int year = 0;
    static std::int64_t id = 0, attachment = 0;
    static bool node_only = false, overdue = false, generate = false, problems_only = false;

    // --- indicators ---
    auto* ind = app.add_subcommand("indicators", "指标：定义与计算结果");
    ind->require_subcommand(1);
    auto* ind_list = ind->add_subcommand("list", "某组织适用的指标");
    add_db_options(*ind_list, ctx);
    add_json_flag(*ind_list, ctx);
    ind_list->add_option("--unit", unit, "组织编码")->required();
    ind_list->callback([&ctx] {
        ctx.open();
        auto list = ctx.service->list_indicators(ctx.actor, unit);
        if (ctx.json) return print_json_list(list, [](const auto& i) { return to_json(i); });
        for (const auto& i : list)
            std::cout << i.id << "  " << i.name << (i.rule ? "（合规规则）" : "") << "  " << period_words(i.period) << "  "
                      << scope_words(i.scope)
                      << (i.target ? "  目标 " + number(i.target) + i.unit : i.rule ? "" : "  目标 按设置或各单位不同")
                      << "\n";
    });
    auto* run = ind->add_subcommand("run", "计算（或读取已缓存的）指标值");
    add_db_options(*run, ctx);
    add_json_flag(*run, ctx);
    run->add_option("--period", period, "期间，如 2020、2020Q3、2020-07")->required();
    run->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    run->add_option("--indicator", indicator, "只看这一项指标");
    run->add_flag("--node-only", node_only, "只看该组织本身，不含下级");
    run->callback([&ctx] {
        ctx.open();
        IndicatorQuery q{period, unit.empty() ? ctx.actor.org_code : unit,
                         indicator.empty() ? std::nullopt : std::optional<std::string>(indicator), !node_only};
        auto values = ctx.service->indicator_values(ctx.actor, q);
        if (ctx.json) return print_json_list(values, [](const auto& v) { return to_json(v); });
        for (const auto& v : values) {
            std::cout << std::string(static_cast<std::size_t>(v.depth) * 2, ' ') << v.org_name << "  " << v.name << "："
                      << number(v.value) << v.unit;
            if (v.target) std::cout << "（目标 " << number(v.target) << v.unit << "）";
            if (v.met) std::cout << (*v.met ? " 达标" : " 未达标");
            if (v.rolled_up) std::cout << " [汇总]";
            for (const auto& f : v.findings) std::cout << "\n" << std::string(static_cast<std::size_t>(v.depth) * 2 + 4, ' ') << "· " << f;
            if (!v.error.empty()) std::cout << "  计算出错：" << v.error;
            std::cout << "\n";
        }
    });
    auto* ind_exp = ind->add_subcommand("export", "导出指标情况为 Excel（.xlsx），条件同 run");
    add_db_options(*ind_exp, ctx);
    ind_exp->add_option("--period", period, "期间，如 2020、2020Q3、2020-07")->required();
    ind_exp->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    ind_exp->add_option("--indicator", indicator, "只导出这一项指标");
    ind_exp->add_flag("--node-only", node_only, "只导出该组织本身，不含下级");
    ind_exp->add_flag("--problems-only", problems_only, "只导出未达标或有问题的（合规问题、计算出错）");
    ind_exp->add_option("--out", out, "输出文件（.xlsx）")->required();
    ind_exp->callback([&ctx] {
        out_format(out, {"xlsx"});
        ctx.open();
        IndicatorExport r;
        r.query = {period, unit.empty() ? ctx.actor.org_code : unit,
                   indicator.empty() ? std::nullopt : std::optional<std::string>(indicator), !node_only};
        r.problems_only = problems_only;
        write_file(out, ctx.service->export_indicators(ctx.actor, r));
        std::cout << "已导出到 " << out << "\n";
    });
    auto* refresh = ind->add_subcommand("refresh", "把受数据变动影响的指标值重新算好");
    add_db_options(*refresh, ctx);
    add_json_flag(*refresh, ctx);
    refresh->callback([&ctx] {
        ctx.open();
        auto r = ctx.service->refresh_indicators(ctx.actor);
        if (ctx.json) return print_json(to_json(r));
        std::cout << "重新计算 " << r.recomputed << " 个指标值（" << r.runs << " 项指标·期间）\n";
    });

    // --- reminders ---
    auto* rem = app.add_subcommand("reminders", "某日的提醒：待报送、逾期、换届、政治生日、整改逾期等");
    add_db_options(*rem, ctx);
    add_json_flag(*rem, ctx);
    rem->add_option("--date", date, "日期（默认：今天）");
    rem->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    rem->callback([&ctx] {
        ctx.open();
        Date d = date.empty() ? ctx.service->today() : Date::parse_or_throw(date, "--date");
        auto list = ctx.service->reminders(ctx.actor, d, unit.empty() ? ctx.actor.org_code : unit);
        if (ctx.json) return print_json_list(list, [](const auto& r) { return to_json(r); });
        if (list.empty()) std::cout << d.iso() << " 没有提醒\n";
        for (const auto& r : list) std::cout << level_label(r.level) << r.org_name << "：" << r.text << "\n";
    });

    // --- assess ---
    auto* assess = app.add_subcommand("assess", "年度党建考核：得分、等次、排名及得分说明");
    add_db_options(*assess, ctx);
    add_json_flag(*assess, ctx);
    assess->add_option("--year", year, "考核年度")->required();
    assess->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    assess->add_option("--xlsx", out, "同时导出《年度党建考核结果汇总表》到此 .xlsx 文件");
    assess->add_option("--pdf", pdf, "同时打印《年度党建考核结果汇总表》到此 PDF 文件（A4 横向）");
    assess->add_option("--explain", indicator, "只显示该单位（编码）的得分说明");
    assess->callback([&ctx] {
        if (!pdf.empty()) out_format(pdf, {"pdf"});
        ctx.open();
        const std::string scope = unit.empty() ? ctx.actor.org_code : unit;
        auto result = ctx.service->assess(ctx.actor, year, scope);
        if (!out.empty()) write_file(out, ctx.service->export_assessment(ctx.actor, year, scope));
        if (!pdf.empty()) write_file(pdf, ctx.service->print_assessment(ctx.actor, year, scope));
        if (ctx.json) return print_json(to_json(result));
        std::cout << result.title << "（" << year << "）\n";
        for (const auto& r : result.rows) {
            if (!indicator.empty() && r.org_code != indicator) continue;
            std::cout << std::setw(4) << r.rank << "  " << r.org_name << "（" << r.kind << "，同类第 " << r.rank_in_kind
                      << "）  " << number(r.score) << " 分  " << r.rating << (r.veto.empty() ? "" : "  一票否决：" + r.veto) << "\n";
            if (indicator.empty()) continue;
            for (const auto& l : r.lines)
                std::cout << "      " << (l.area_label.empty() ? "" : l.area_label + " · ") << l.label << "："
                          << (l.value ? number(l.value) + l.unit : "—") << "  得 " << number(l.earned) << " / "
                          << number(l.weight) << (l.lost > 0 ? "  失 " + number(l.lost) : "") << "  " << l.note << "\n";
        }
        if (!out.empty()) std::cout << "已导出：" << out << "\n";
    });

    // --- evaluate (述职评议) ---
    auto* ev = app.add_subcommand("evaluate", "述职评议：对已报送的述职报告评定等次，或查看评议结果");
    add_db_options(*ev, ctx);
    add_json_flag(*ev, ctx);
    ev->add_option("--submission", id, "述职报告的报送记录编号")->required();
    ev->add_option("--rating", rating, "考核方案的等次之一，如 好 / 较好 / 一般 / 差（省略则只查看）");
    ev->add_option("--comment", comment, "评议意见");
    ev->add_option("--issue", issues, "指出的问题（可重复；每条生成一项整改事项）");
    ev->callback([&ctx] {
        ctx.open();
        auto info = rating.empty() ? ctx.service->evaluation(ctx.actor, id)
                                   : ctx.service->evaluate(ctx.actor, id, rating, comment, issues);
        if (ctx.json) return print_json(to_json(info));
        std::cout << info.org_name << " " << info.period << " 述职评议：" << (info.result ? *info.result : "尚无评议") << "（"
                  << info.votes.size() << " 票：";
        for (std::size_t i = 0; i < info.ratings.size(); ++i)
            std::cout << (i ? "、" : "") << info.ratings[i] << " " << info.tally[info.ratings[i]];
        std::cout << "）\n";
        for (const auto& v : info.votes)
            std::cout << "  " << v.evaluator_name << "：" << v.rating << (v.comment.empty() ? "" : "  " + v.comment) << "\n";
        if (!info.previous_rectifications.empty()) {
            std::cout << "上一年度整改情况：\n";
            for (const auto& r : info.previous_rectifications) print_rectification(r);
        }
    });

    // --- rectify ---
    auto* rect = app.add_subcommand("rectify", "整改事项：登记、更新进度、销号");
    rect->require_subcommand(1);
    auto* rlist = rect->add_subcommand("list", "整改事项列表");
    add_db_options(*rlist, ctx);
    add_json_flag(*rlist, ctx);
    rlist->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    rlist->add_option("--year", year, "年度");
    rlist->add_option("--status", status, "open / in_progress / done / verified");
    rlist->add_flag("--overdue", overdue, "只看已逾期的");
    rlist->callback([&ctx] {
        ctx.open();
        RectificationFilter f;
        f.unit_code = unit.empty() ? ctx.actor.org_code : unit;
        if (year) f.year = year;
        if (!status.empty()) f.status = status;
        f.overdue_only = overdue;
        auto list = ctx.service->rectifications(ctx.actor, f);
        if (ctx.json) return print_json_list(list, [](const auto& r) { return to_json(r); });
        if (list.empty()) std::cout << "没有整改事项\n";
        for (const auto& r : list) print_rectification(r);
    });
    auto* rexp = rect->add_subcommand("export", "导出整改事项台账为 Excel（.xlsx），筛选条件同 list");
    add_db_options(*rexp, ctx);
    rexp->add_option("--unit", unit, "组织编码（默认：当前用户的管辖范围）");
    rexp->add_option("--year", year, "年度");
    rexp->add_option("--status", status, "open / in_progress / done / verified");
    rexp->add_flag("--overdue", overdue, "只导出已逾期的");
    rexp->add_option("--out", out, "输出文件（.xlsx）");
    rexp->add_option("--pdf", pdf, "打印为整改台账 PDF（A4 横向）到此文件");
    rexp->callback([&ctx] {
        if (out.empty() == pdf.empty()) throw UserError("请给出 --out 文件.xlsx 或 --pdf 文件.pdf 之一");
        out_format(pdf.empty() ? out : pdf, {pdf.empty() ? "xlsx" : "pdf"});
        ctx.open();
        RectificationFilter f;
        f.unit_code = unit.empty() ? ctx.actor.org_code : unit;
        if (year) f.year = year;
        if (!status.empty()) f.status = status;
        f.overdue_only = overdue;
        if (!pdf.empty()) {
            write_file(pdf, ctx.service->print_rectifications(ctx.actor, f));
            std::cout << "已打印到 " << pdf << "\n";
            return;
        }
        write_file(out, ctx.service->export_rectifications(ctx.actor, f));
        std::cout << "已导出到 " << out << "\n";
    });
    auto* radd = rect->add_subcommand("add", "登记整改事项（督查检查发现的问题等）");
    add_db_options(*radd, ctx);
    add_json_flag(*radd, ctx);
    radd->add_option("--unit", unit, "责任单位编码")->required();
    radd->add_option("--year", year, "所属年度")->required();
    radd->add_option("--title", title, "问题")->required();
    radd->add_option("--deadline", deadline, "整改期限")->required();
    radd->add_option("--detail", detail, "具体情况");
    radd->add_option("--owner", owner, "责任人");
    radd->add_option("--source", source, "来源：inspection（督查检查，默认）、manual、indicator、finding、rating、evaluation");
    radd->add_flag("--generate", generate, "改为：按该年度考核结果自动生成（未达标指标、合规问题、一般及以下等次）");
    radd->callback([&ctx] {
        ctx.open();
        if (generate) {
            auto list = ctx.service->generate_rectifications(ctx.actor, year, unit);
            if (ctx.json) return print_json_list(list, [](const auto& r) { return to_json(r); });
            std::cout << "新生成 " << list.size() << " 项整改事项\n";
            for (const auto& r : list) print_rectification(r);
            return;
        }
        NewRectification r{unit, year, source.empty() ? "inspection" : source, source_ref, title, detail, owner,
                           Date::parse_or_throw(deadline, "整改期限")};
        auto item = ctx.service->add_rectification(ctx.actor, r);
        if (ctx.json) return print_json(to_json(item));
        print_rectification(item);
    });
    auto* rupd = rect->add_subcommand("update", "更新整改进度、补充整改情况或销号");
    add_db_options(*rupd, ctx);
    add_json_flag(*rupd, ctx);
    rupd->add_option("--id", id, "整改事项编号")->required();
    rupd->add_option("--status", status, "open / in_progress / done / verified（销号）");
    rupd->add_option("--evidence", evidence, "整改情况说明（追加）");
    rupd->add_option("--attachment", attachment, "佐证材料附件编号");
    rupd->add_option("--owner", owner, "责任人");
    rupd->add_option("--deadline", deadline, "新的整改期限");
    rupd->add_option("--comment", comment, "备注");
    rupd->callback([&ctx] {
        ctx.open();
        RectificationUpdate u;
        if (!status.empty()) u.status = status;
        if (!owner.empty()) u.owner = owner;
        if (!deadline.empty()) u.deadline = Date::parse_or_throw(deadline, "整改期限");
        u.evidence = evidence;
        if (attachment) u.attachment_id = attachment;
        u.comment = comment;
        auto item = ctx.service->update_rectification(ctx.actor, id, u);
        if (ctx.json) return print_json(to_json(item));
        print_rectification(item);
    });
}

}  // namespace dj::cli
