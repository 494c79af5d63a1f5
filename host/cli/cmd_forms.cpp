// dangjian form … and dangjian completeness: filling, approving and tracking forms.
#include <filesystem>
#include <iostream>

#include "cli/cli_context.hpp"
#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "io/record_sheet.hpp"
#include "model/period.hpp"
#include "service/attachment_download.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxDataBytes = 1u << 20;             // the service's bound on a form's values
constexpr std::size_t kMaxAttachmentBytes = 50u << 20;      // the service's bound on one file

void print_submission(const SubmissionInfo& s) {
    std::cout << "报送记录 " << s.id << "：" << s.form_id << " · " << s.unit_name << " · " << s.period << " · " << s.state_label
              << (s.on_time ? (*s.on_time ? " · 按时" : " · 逾期") : "") << "\n";
    if (!s.validated_by_plugin.empty())
        std::cout << "  校验插件：" << s.validated_by_plugin << " " << s.form_version << "（" << s.validated_by_source << "）\n";
    for (const auto& h : s.history)
        std::cout << "  " << h.at << "  " << h.actor << "  " << h.action << "  " << h.from_state << " → " << h.to_state
                  << (h.comment.empty() ? "" : "  意见：" + h.comment) << "\n";
}

// Attachment fields may be given as {"file": "photo.jpg"}: the files go with the submission
// and are stored in its transaction only if it is accepted.
void attach_files(Context& ctx, const std::string& form_id, json& values, const std::filesystem::path& base,
                  SubmitRequest& r) {
    auto schema = json::parse(ctx.service->form(ctx.actor, form_id).schema_json);
    for (const auto& f : schema["fields"]) {
        if (f["type"] != "attachment") continue;
        std::string id = f["id"];
        if (!values.contains(id) || !values[id].is_object() || !values[id].contains("file")) continue;
        const json& file = values[id]["file"];
        if (!file.is_string() || file.get<std::string>().empty())
            throw UserError("字段「" + id + "」的 file 应为文件路径（文字），如 {\"file\": \"照片.jpg\"}");
        std::filesystem::path path = file.get<std::string>();
        if (path.is_relative()) path = base / path;
        r.attachments.push_back({id, path.filename().string(), read_file(path.string(), kMaxAttachmentBytes)});
        values.erase(id);
    }
}

}  // namespace

void register_forms(CLI::App& app, Context& ctx) {
    auto* form = app.add_subcommand("form", "表单：查看、填报、审核、退回、重新开放、导出");
    form->require_subcommand(1);
    static std::string id, unit, period, data, comment, reason, until, state, out, file;
    static std::int64_t submission = 0, member = 0, edit = 0;
    static bool draft = false;

    auto* list = form->add_subcommand("list", "某组织适用的表单（其插件已启用）");
    add_db_options(*list, ctx);
    add_json_flag(*list, ctx);
    list->add_option("--unit", unit, "组织编码")->required();
    list->callback([&ctx] {
        ctx.open();
        auto forms = ctx.service->list_forms(ctx.actor, unit);
        if (ctx.json) {
            print_json_list(forms, [](const auto& f) { return json::parse(f.schema_json); });
            return;
        }
        for (const auto& f : forms)
            std::cout << f.id << "\t" << f.title << "\t" << period_type_label(*parse_period_type(f.period))
                      << (f.many ? "（可多份）" : "") << "\t截止：期末后 " << f.deadline_days << " 天"
                      << (f.filled_below ? "\t由下级单位填报" : "") << "\n";
    });

    auto* show = form->add_subcommand("show", "表单结构（字段、选项、校验规则）");
    add_db_options(*show, ctx);
    add_json_flag(*show, ctx);
    show->add_option("FORM", id, "表单 id，如 care.visit")->required();
    show->callback([&ctx] {
        ctx.open();
        auto f = ctx.service->form(ctx.actor, id);
        auto schema = json::parse(f.schema_json);
        if (ctx.json) {
            print_json(schema);
            return;
        }
        std::cout << f.title << "（" << f.id << "）\n";
        for (const auto& fld : schema["fields"])
            std::cout << "  " << fld["id"].get<std::string>() << "\t" << fld["label"].get<std::string>() << "\t"
                      << fld["type_label"].get<std::string>() << (fld["required"].get<bool>() ? "\t必填" : "") << "\n";
    });

    auto* submit = form->add_subcommand("submit", "填报：保存草稿（--draft）或报送");
    add_db_options(*submit, ctx);
    add_json_flag(*submit, ctx);
    submit->add_option("FORM", id, "表单 id")->required();
    submit->add_option("--unit", unit, "填报组织编码")->required();
    submit->add_option("--period", period, "期间：2020、2020H1、2020Q3、2020-07")->required();
    submit->add_option("--data", data, "填报内容 JSON 文件（附件字段可写 {\"file\": \"照片.jpg\"}）")->required();
    submit->add_option("--member", member, "党员编号（按党员填报的表单）");
    submit->add_option("--submission", edit, "修改该编号的草稿或被退回的报送");
    submit->add_flag("--draft", draft, "只保存草稿，不报送");
    submit->callback([&ctx] {
        ctx.open();
        auto values = parse_json_bounded(read_file(data, kMaxDataBytes), data);
        SubmitRequest r;
        if (values.is_object()) attach_files(ctx, id, values, std::filesystem::path(data).parent_path(), r);
        r.form_id = id;
        r.unit_code = unit;
        r.period = period;
        if (member > 0) r.member_id = member;
        if (edit > 0) r.submission_id = edit;
        r.values_json = values.dump();
        r.draft = draft;
        try {
            auto s = ctx.service->submit(ctx.actor, r);
            if (ctx.json) print_json(to_json(s));
            else std::cout << (draft ? "已保存草稿" : "已报送") << "，编号 " << s.id << "（" << s.state_label << "）\n";
        } catch (const ValidationFailed& e) {
            if (ctx.json) {
                print_json_list(e.issues(), [](const auto& i) { return to_json(i); });
            } else {
                std::cerr << "填报内容有 " << e.issues().size() << " 处问题，未保存：\n";
                for (const auto& i : e.issues()) std::cerr << "  " << (i.field.empty() ? "（整体）" : i.field) << "：" << i.message << "\n";
            }
            throw UserError("填报内容未通过校验");
        }
    });

    auto decide = [&ctx](CLI::App* cmd, bool approve) {
        add_db_options(*cmd, ctx);
        add_json_flag(*cmd, ctx);
        cmd->add_option("SUBMISSION", submission, "报送记录编号")->required();
        cmd->add_option("--comment", comment, approve ? "审核意见" : "退回意见（必填）");
        cmd->callback([&ctx, approve] {
            ctx.open();
            auto s = approve ? ctx.service->approve(ctx.actor, submission, comment)
                             : ctx.service->return_submission(ctx.actor, submission, comment);
            if (ctx.json) print_json(to_json(s));
            else std::cout << (approve ? "已审核" : "已退回") << "：编号 " << s.id << " 现为「" << s.state_label << "」\n";
        });
    };
    decide(form->add_subcommand("approve", "审核通过（按审核链逐级）"), true);
    decide(form->add_subcommand("return", "退回给填报人修改（须写意见）"), false);

    auto* withdraw = form->add_subcommand("withdraw", "撤回本人报送、尚无人处理的记录（变回草稿）");
    add_db_options(*withdraw, ctx);
    add_json_flag(*withdraw, ctx);
    withdraw->add_option("SUBMISSION", submission, "报送记录编号")->required();
    withdraw->callback([&ctx] {
        ctx.open();
        auto s = ctx.service->withdraw(ctx.actor, submission);
        if (ctx.json) print_json(to_json(s));
        else std::cout << "已撤回：编号 " << s.id << " 现为「" << s.state_label << "」\n";
    });

    auto* todo = app.add_subcommand("todo", "待办：待审核、被退回、可撤回、本期应报（即将截止）");
    add_db_options(*todo, ctx);
    add_json_flag(*todo, ctx);
    todo->callback([&ctx] {
        ctx.open();
        auto t = ctx.service->todo(ctx.actor);
        if (ctx.json) {
            print_json(to_json(t));
            return;
        }
        auto title = [&](const std::string& id) { return t.form_titles.count(id) ? t.form_titles.at(id) : id; };
        std::cout << "待审核 " << t.to_approve.size() << " 份\n";
        for (const auto& s : t.to_approve)
            std::cout << "  " << s.id << "\t" << title(s.form_id) << "\t" << s.unit_name << "\t" << s.period << "\n";
        std::cout << "被退回 " << t.returned.size() << " 份\n";
        for (const auto& s : t.returned)
            std::cout << "  " << s.id << "\t" << title(s.form_id) << "\t" << s.unit_name << "\t" << s.period << "\n";
        std::cout << "可撤回 " << t.withdrawable.size() << " 份\n";
        for (const auto& s : t.withdrawable)
            std::cout << "  " << s.id << "\t" << title(s.form_id) << "\t" << s.period << "\n";
        std::cout << "本期应报 " << t.due.size() << " 项\n";
        for (const auto& d : t.due)
            std::cout << "  " << d.form_title << "\t" << d.period << "\t截止 " << d.deadline << (d.soon ? "（即将截止）" : "")
                      << (d.draft_id ? "\t已存草稿" : "") << "\n";
    });

    auto* view = form->add_subcommand("view", "查看一条报送记录及其全部流转记录");
    add_db_options(*view, ctx);
    add_json_flag(*view, ctx);
    view->add_option("SUBMISSION", submission, "报送记录编号")->required();
    view->add_option("--pdf", out, "同时打印为会议记录式 PDF（A4）到此文件");
    view->callback([&ctx] {
        if (!out.empty()) out_format(out, {"pdf"});
        ctx.open();
        auto s = ctx.service->submission(ctx.actor, submission);
        if (!out.empty()) {
            write_file(out, ctx.service->print_submission(ctx.actor, submission));
            std::cout << "已打印到 " << out << "\n";
            return;
        }
        if (ctx.json) print_json(to_json(s));
        else print_submission(s);
    });

    auto* subs = form->add_subcommand("submissions", "列出某表单在某组织（含下级）的报送记录");
    add_db_options(*subs, ctx);
    add_json_flag(*subs, ctx);
    subs->add_option("FORM", id, "表单 id")->required();
    subs->add_option("--unit", unit, "组织编码")->required();
    subs->add_option("--period", period, "期间");
    subs->add_option("--state", state, "状态：draft / submitted / returned / approved");
    subs->callback([&ctx] {
        ctx.open();
        SubmissionFilter f{id, period.empty() ? std::nullopt : std::optional<std::string>(period), unit,
                           state.empty() ? std::nullopt : std::optional<std::string>(state)};
        auto rows = ctx.service->list_submissions(ctx.actor, f);
        if (ctx.json) {
            print_json_list(rows, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& s : rows)
            std::cout << s.id << "\t" << s.unit_name << "\t" << s.period << "\t" << s.state_label << "\t" << s.author << "\n";
        std::cout << "共 " << rows.size() << " 条\n";
    });

    auto* reopen = form->add_subcommand("reopen", "重新开放已截止的期间，允许补报（须写原因）");
    add_db_options(*reopen, ctx);
    reopen->add_option("FORM", id, "表单 id")->required();
    reopen->add_option("--unit", unit, "组织编码")->required();
    reopen->add_option("--period", period, "期间")->required();
    reopen->add_option("--reason", reason, "原因")->required();
    reopen->add_option("--until", until, "补报截止日期；默认 7 天后");
    reopen->callback([&ctx] {
        ctx.open();
        Date last = optional_date(until, "补报截止日期").value_or(ctx.service->today().add_days(7));
        ctx.service->reopen(ctx.actor, {id, unit, period, reason, last});
        std::cout << "已重新开放 " << id << " · " << unit << " · " << period << "，补报截止 " << last.iso() << "\n";
    });

    auto* exp = form->add_subcommand("export", "导出报送记录为 Excel（.xlsx）、CSV，或打印为 PDF（--pdf）");
    add_db_options(*exp, ctx);
    exp->add_option("FORM", id, "表单 id");
    exp->add_option("--unit", unit, "组织编码");
    exp->add_option("--period", period, "期间");
    exp->add_option("--out", out, "输出文件，.xlsx、.csv 或 .pdf");
    exp->add_option("--submission", submission, "只打印这一条报送记录（编号，与 --pdf 同用）");
    exp->add_option("--pdf", file, "打印为会议记录式 PDF（A4，每条记录一页起）到此文件");
    exp->callback([&ctx] {
        if (!file.empty()) {
            out_format(file, {"pdf"});
            if (!out.empty()) throw UserError("--out 与 --pdf 只能用其一");
            if (submission == 0 && (id.empty() || unit.empty()))
                throw UserError("打印 PDF 须给出 --submission 报送记录编号，或表单 id 与 --unit");
            ctx.open();
            if (submission != 0) {
                write_file(file, ctx.service->print_submission(ctx.actor, submission));
            } else {
                SubmissionFilter f{id, period.empty() ? std::nullopt : std::optional<std::string>(period), unit,
                                   std::nullopt};
                write_file(file, ctx.service->export_submissions(ctx.actor, f, "pdf"));
            }
            std::cout << "已打印到 " << file << "\n";
            return;
        }
        if (id.empty()) throw UserError("请给出表单 id（FORM）");
        if (unit.empty()) throw UserError("请给出组织编码（--unit）");
        if (out.empty()) throw UserError("请给出输出文件（--out 或 --pdf）");
        std::string format = out_format(out, {"xlsx", "csv", "pdf"});
        ctx.open();
        SubmissionFilter f{id, period.empty() ? std::nullopt : std::optional<std::string>(period), unit, std::nullopt};
        write_file(out, ctx.service->export_submissions(ctx.actor, f, format));
        std::cout << "已导出到 " << out << "\n";
    });

    // Records in bulk from Excel: the form's template, filled and imported all or nothing.
    auto* tmpl = form->add_subcommand("template", "下载表单的 Excel 导入模板（每行一条记录，列为表单字段）");
    add_db_options(*tmpl, ctx);
    tmpl->add_option("FORM", id, "表单 id")->required();
    tmpl->add_option("--out", out, "输出文件（.xlsx）")->required();
    tmpl->callback([&ctx] {
        out_format(out, {"xlsx"});
        ctx.open();
        auto info = ctx.service->form(ctx.actor, id);
        write_file(out, form_template_xlsx(json::parse(info.schema_json)));
        std::cout << "已写出「" << info.title << "」的导入模板：" << out << "\n";
    });

    auto* imp = form->add_subcommand("import", "从 Excel 模板批量导入一个单位的记录（全部正确才导入，任何一行有误则一条也不导入）");
    add_db_options(*imp, ctx);
    add_json_flag(*imp, ctx);
    imp->add_option("FORM", id, "表单 id")->required();
    imp->add_option("--unit", unit, "填报组织编码")->required();
    imp->add_option("--file", file, "填好的模板（.xlsx）")->required();
    imp->callback([&ctx] {
        ctx.open();
        auto report = ctx.service->import_records(ctx.actor, id, unit, read_file(file, 20u << 20));
        if (ctx.json) print_json(to_json(report));
        if (!report.problems.empty()) {
            if (!ctx.json) {
                std::cerr << "导入失败：共 " << report.rows << " 条记录，发现 " << report.problems.size()
                          << " 处错误，未导入任何记录。\n";
                for (const auto& p : report.problems) std::cerr << "  第 " << p.line << " 行：" << p.message << "\n";
            }
            throw UserError("表格有误，未导入");
        }
        if (!ctx.json) std::cout << "已导入 " << report.imported << " 条记录\n";
    });

    auto* attach = form->add_subcommand("attach", "上传附件（照片、扫描件），输出可写入填报内容的引用");
    add_db_options(*attach, ctx);
    attach->add_option("--unit", unit, "组织编码")->required();
    attach->add_option("--file", file, "文件")->required();
    attach->callback([&ctx] {
        ctx.open();
        auto info = ctx.service->add_attachment(ctx.actor, unit, std::filesystem::path(file).filename().string(),
                                                read_file(file, kMaxAttachmentBytes));
        print_json(to_json(info));
    });

    // Streamed to disk piece by piece (save_attachment), locally and from a server alike.
    static std::int64_t attachment_id = 0;
    auto* fetch = form->add_subcommand("download", "下载附件到文件（如会议照片）");
    add_db_options(*fetch, ctx);
    fetch->add_option("--attachment", attachment_id, "附件编号（填报内容中的 attachment）")->required();
    fetch->add_option("--out", out, "保存为")->required();
    fetch->callback([&ctx] {
        ctx.open();
        auto info = save_attachment(*ctx.service, ctx.actor, attachment_id, out);
        std::cout << "已保存「" << info.name << "」（" << info.size << " 字节）到 " << out << "\n";
    });

    auto* comp = app.add_subcommand("completeness", "报送完成情况：应报、已报、按时、已审核，逐级汇总");
    add_db_options(*comp, ctx);
    add_json_flag(*comp, ctx);
    comp->add_option("--form", id, "表单 id")->required();
    comp->add_option("--period", period, "期间（可用年度统计月报等）")->required();
    comp->add_option("--unit", unit, "组织编码；默认本人管辖范围");
    comp->callback([&ctx] {
        ctx.open();
        auto rows = ctx.service->completeness(ctx.actor, id, period, unit.empty() ? ctx.actor.org_code : unit);
        if (ctx.json) {
            print_json_list(rows, [](const auto& x) { return to_json(x); });
            return;
        }
        std::cout << "组织\t应报\t已报\t按时\t已审核\t报送率\n";
        for (const auto& r : rows)
            std::cout << std::string(static_cast<std::size_t>(r.depth) * 2, ' ') << r.unit_name << "\t" << r.expected << "\t"
                      << r.submitted << "\t" << r.on_time << "\t" << r.approved << "\t"
                      << (r.expected ? std::to_string(100 * r.submitted / r.expected) + "%" : "-") << "\n";
    });
}

}  // namespace dj::cli
