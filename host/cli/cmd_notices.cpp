// dangjian notice …: 通知公告 (send, list, show, mark read, who has read it) and 催报.
#include <filesystem>
#include <iostream>

#include "api/wire.hpp"
#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "core/local_time.hpp"

namespace dj::cli {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxAttachmentBytes = 50u << 20;  // the service's bound on one file

void print_notice(const NoticeInfo& n, bool full) {
    std::cout << "通知 " << n.id << "：【" << n.kind_label << "】" << n.title << "\n  " << n.sender_unit_name << " "
              << n.sender_name << " 发布于 " << local_minute(n.sent_at) << "\n";
    if (n.to_my_unit)
        std::cout << "  本单位" << (n.read ? "已读（" + n.read_by_name + " " + local_minute(n.read_at) + "）" : "未读") << "\n";
    if (n.sent_by_me || n.recipients)
        std::cout << "  收文单位 " << n.recipients << " 个，已读 " << n.read_count << "，未读 " << n.recipients - n.read_count
                  << "\n";
    if (!full) return;
    std::cout << "\n" << n.body << "\n";
    for (const auto& a : n.attachments) std::cout << "  附件：" << a.name << "（" << a.size << " 字节）\n";
}

}  // namespace

void register_notices(CLI::App& app, Context& ctx) {
    auto* notice = app.add_subcommand("notice", "通知公告：发布、查看、标为已读、阅读情况、催报");
    notice->require_subcommand(1);
    static std::string title, body, body_file, scope, form, period, unit;
    static std::vector<std::string> units, files;
    static std::int64_t id = 0;
    static bool unread = false, sent = false, dry_run = false;

    auto* send = notice->add_subcommand("send", "发布通知：发给某组织及其下级单位（--scope），或指定单位（--unit）");
    add_db_options(*send, ctx);
    add_json_flag(*send, ctx);
    send->add_option("--title", title, "标题")->required();
    send->add_option("--body", body, "正文");
    send->add_option("--body-file", body_file, "正文所在的文本文件（UTF-8）");
    send->add_option("--scope", scope, "发给该组织下的全部单位（党小组除外）");
    send->add_option("--unit", units, "发给这些单位（可重复）");
    send->add_option("--attach", files, "附件文件（可重复）");
    send->callback([&ctx] {
        ctx.open();
        NewNotice n;
        n.title = title;
        n.body = body_file.empty() ? body : read_file(body_file, 1u << 20);
        n.scope_code = scope;
        n.unit_codes = units;
        for (const auto& f : files)
            n.attachments.push_back({"", std::filesystem::path(f).filename().string(), read_file(f, kMaxAttachmentBytes)});
        auto info = ctx.service->send_notice(ctx.actor, n);
        if (ctx.json) print_json(json(info));
        else std::cout << "已发布：通知 " << info.id << "，收文单位 " << info.recipients << " 个\n";
    });

    auto* remind = notice->add_subcommand("remind", "催报：向某表单某期间尚未报送的单位发通知");
    add_db_options(*remind, ctx);
    add_json_flag(*remind, ctx);
    remind->add_option("FORM", form, "表单 id")->required();
    remind->add_option("--period", period, "期间，如 2020-12")->required();
    remind->add_option("--unit", unit, "统计范围：该组织及其下级（默认本人所在组织）");
    remind->add_option("--title", title, "标题（默认：催报：表单名称（期间））");
    remind->add_option("--body", body, "正文（默认：写明表单、期间和截止日期）");
    remind->add_flag("--dry-run", dry_run, "只显示将发给哪些单位、通知内容，不发送");
    remind->callback([&ctx] {
        ctx.open();
        auto draft = ctx.service->remind_draft(ctx.actor, form, period, unit);
        if (dry_run) {
            if (ctx.json) {
                print_json(json(draft));
                return;
            }
            std::cout << draft.notice.title << "\n\n" << draft.notice.body << "\n\n未报单位 " << draft.units.size() << " 个：\n";
            for (const auto& u : draft.units) std::cout << "  " << u.unit_code << "\t" << u.unit_name << "\n";
            return;
        }
        NewNotice n = draft.notice;
        if (!title.empty()) n.title = title;
        if (!body.empty()) n.body = body;
        auto info = ctx.service->send_notice(ctx.actor, n);
        if (ctx.json) print_json(json(info));
        else std::cout << "已催报：通知 " << info.id << "，发给未报单位 " << info.recipients << " 个\n";
    });

    auto* list = notice->add_subcommand("list", "本人可看的通知（发给本单位及下级的、本人发布的），新的在前");
    add_db_options(*list, ctx);
    add_json_flag(*list, ctx);
    list->add_flag("--unread", unread, "只看本单位未读的");
    list->add_flag("--sent", sent, "只看本人发布的");
    list->callback([&ctx] {
        ctx.open();
        NoticeFilter f;
        f.unread_only = unread;
        f.sent_only = sent;
        auto rows = ctx.service->notices(ctx.actor, f);
        if (ctx.json) {
            print_json(json(rows));
            return;
        }
        if (rows.empty()) std::cout << "没有通知\n";
        for (const auto& n : rows)
            std::cout << n.id << "\t" << (n.to_my_unit ? (n.read ? "已读" : "未读") : "—") << "\t【" << n.kind_label << "】"
                      << n.title << "\t" << n.sender_unit_name << "\t" << local_minute(n.sent_at) << "\n";
    });

    auto* show = notice->add_subcommand("show", "查看一条通知");
    add_db_options(*show, ctx);
    add_json_flag(*show, ctx);
    show->add_option("NOTICE", id, "通知编号")->required();
    show->callback([&ctx] {
        ctx.open();
        auto n = ctx.service->notice(ctx.actor, id);
        if (ctx.json) print_json(json(n));
        else print_notice(n, true);
    });

    auto* read = notice->add_subcommand("read", "把通知标为本单位已读");
    add_db_options(*read, ctx);
    add_json_flag(*read, ctx);
    read->add_option("NOTICE", id, "通知编号")->required();
    read->callback([&ctx] {
        ctx.open();
        auto n = ctx.service->read_notice(ctx.actor, id);
        if (ctx.json) print_json(json(n));
        else std::cout << "已标为已读：通知 " << n.id << "（" << n.read_by_name << " " << local_minute(n.read_at) << "）\n";
    });

    auto* receipts = notice->add_subcommand("receipts", "阅读情况：哪些单位已读、哪些未读");
    add_db_options(*receipts, ctx);
    add_json_flag(*receipts, ctx);
    receipts->add_option("NOTICE", id, "通知编号")->required();
    receipts->callback([&ctx] {
        ctx.open();
        auto r = ctx.service->notice_receipts(ctx.actor, id);
        if (ctx.json) {
            print_json(json(r));
            return;
        }
        std::cout << r.title << "\n已读 " << r.read_count << " / 未读 " << r.unread_count << "\n";
        for (const auto& u : r.units)
            std::cout << "  " << (u.read ? "已读" : "未读") << "\t" << u.unit_code << "\t" << u.unit_name
                      << (u.read ? "\t" + u.read_by_name + "\t" + local_minute(u.read_at) : "") << "\n";
    });
}

}  // namespace dj::cli
