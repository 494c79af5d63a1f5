// dangjian users …: accounts and their roles.
#include <iostream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

void register_users(CLI::App& app, Context& ctx) {
    auto* users = app.add_subcommand("users", "用户与角色");
    users->require_subcommand(1);
    static NewUser u;
    static std::string role_text;

    auto* list = users->add_subcommand("list", "列出管辖范围内的用户");
    add_db_options(*list, ctx);
    add_json_flag(*list, ctx);
    list->callback([&ctx] {
        ctx.open();
        auto all = ctx.service->list_users(ctx.actor);
        if (ctx.json) {
            print_json_list(all, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& x : all)
            std::cout << x.login << '\t' << x.display_name << '\t' << role_label(x.role) << '\t' << x.org_name << " ["
                      << x.org_code << "]\n";
    });

    auto* add = users->add_subcommand("add", "新增用户");
    add_db_options(*add, ctx);
    add->add_option("--login", u.login, "登录名（小写英文、数字）")->required();
    add->add_option("--name", u.display_name, "姓名")->required();
    add->add_option("--role", role_text, "角色：工委管理员、单位管理员、填报人、评议人、纪检、领导")->required();
    add->add_option("--org", u.org_code, "所属组织编码（其管辖范围）")->required();
    add->callback([&ctx] {
        auto role = parse_role(role_text);
        if (!role) throw UserError("角色「" + role_text + "」无效，应为 工委管理员、单位管理员、填报人、评议人、纪检 或 领导");
        u.role = *role;
        ctx.open();
        auto made = ctx.service->create_user(ctx.actor, u);
        std::cout << "已新增用户 " << made.login << "（" << role_label(made.role) << "，" << made.org_name << "）\n";
    });
}

void register_audit(CLI::App& app, Context& ctx) {
    auto* audit = app.add_subcommand("audit", "审计日志：查看与校验");
    audit->require_subcommand(1);
    static AuditFilter f;
    static std::string target, actor, since, until, out;

    auto* log = audit->add_subcommand("log", "查看审计日志（最新在前）");
    add_db_options(*log, ctx);
    add_json_flag(*log, ctx);
    log->add_option("--target", target, "对象，如 org:D001 或 member:*（* 结尾表示前缀）");
    log->add_option("--actor", actor, "操作人登录名");
    log->add_option("--since", since, "起始时间（含），如 2020-01-01");
    log->add_option("--until", until, "截止时间（不含）");
    log->add_option("--limit", f.limit, "最多显示条数")->check(CLI::Range(1, 100000));
    log->callback([&ctx] {
        if (!target.empty()) f.target = target;
        if (!actor.empty()) f.actor = actor;
        if (!since.empty()) f.since = since;
        if (!until.empty()) f.until = until;
        ctx.open();
        auto rows = ctx.service->audit_log(ctx.actor, f);
        if (ctx.json) {
            print_json_list(rows, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& e : rows)
            std::cout << e.id << '\t' << e.at << '\t' << e.actor << '\t' << e.action << '\t' << e.target << '\n';
    });

    auto* exp = audit->add_subcommand("export", "导出审计日志为 Excel（.xlsx），筛选条件同 log");
    add_db_options(*exp, ctx);
    exp->add_option("--target", target, "对象，如 org:D001 或 member:*（* 结尾表示前缀）");
    exp->add_option("--actor", actor, "操作人登录名");
    exp->add_option("--since", since, "起始时间（含），如 2020-01-01");
    exp->add_option("--until", until, "截止时间（不含）");
    exp->add_option("--limit", f.limit, "最多导出条数（最新在前）")->check(CLI::Range(1, 100000));
    exp->add_option("--out", out, "输出文件（.xlsx）")->required();
    exp->callback([&ctx] {
        out_format(out, {"xlsx"});
        if (!target.empty()) f.target = target;
        if (!actor.empty()) f.actor = actor;
        if (!since.empty()) f.since = since;
        if (!until.empty()) f.until = until;
        ctx.open();
        write_file(out, ctx.service->export_audit(ctx.actor, f));
        std::cout << "已导出到 " << out << "\n";
    });

    static AuditCheck check;
    static std::string anchor, key;
    auto* verify = audit->add_subcommand(
        "verify", "校验审计日志：哈希链、密钥签名、链头记录，--deep 再逐条比对业务数据；报告第一处改动和未能证明的部分");
    add_db_options(*verify, ctx);
    add_json_flag(*verify, ctx);
    verify->add_flag("--deep", check.deep, "按日志重放，逐条比对党员、填报记录和账号的现状");
    verify->add_option("--anchor", anchor, "此前用 audit anchor 记下的链头摘要，如 1234-9f3a1c2b7d4e5f60");
    verify->add_option("--key", key, "审计密钥文件（默认为本机配置的密钥，见 README）");
    verify->callback([&ctx] {
        if (!anchor.empty()) check.anchor = anchor;
        if (!key.empty()) check.key_path = key;
        ctx.open();
        auto v = ctx.service->audit_verify(ctx.actor, check);
        if (ctx.json) {
            print_json(to_json(v));
        } else if (v.intact) {
            std::cout << (v.proven() ? "审计日志完整" : "审计日志未发现改动") << "：共 " << v.rows << " 条，哈希链无断裂";
            if (v.keyed) std::cout << "，" << v.signed_rows << " 条的密钥签名正确";
            if (v.anchored) std::cout << "，与链头记录一致";
            if (check.deep) std::cout << "，业务数据与日志相符";
            std::cout << "\n";
            for (const auto& n : v.notes) std::cout << "说明：" << n << "\n";
        }
        if (!v.intact) {
            if (!ctx.json) {
                std::cerr << "审计日志被改动：" << v.reason << "\n";
                for (std::size_t i = 1; i < v.mismatches.size() && i < 50; ++i) std::cerr << "  " << v.mismatches[i] << "\n";
                if (v.mismatches.size() > 50) std::cerr << "  ……共 " << v.mismatches.size() << " 处\n";
            }
            throw UserError("审计日志校验未通过");
        }
    });

    auto* head = audit->add_subcommand("anchor", "打印审计日志的链头摘要（条数-哈希），请书面记录或报上级留存，日后用 audit verify --anchor 比对");
    add_db_options(*head, ctx);
    add_json_flag(*head, ctx);
    head->callback([&ctx] {
        ctx.open();
        auto h = ctx.service->audit_anchor(ctx.actor);
        if (ctx.json) {
            print_json({{"rows", h.rows}, {"hash", h.hash}, {"digest", h.digest}});
            return;
        }
        std::cout << "链头摘要：" << h.digest << "\n（共 " << h.rows
                  << " 条。请抄录并注明日期；校验：dangjian audit verify --anchor " << h.digest << "）\n";
    });
}

}  // namespace dj::cli
