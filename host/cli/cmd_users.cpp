// dangjian users …: accounts, their roles and passwords.
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

namespace {

// 已停用、已锁定、需改密: what keeps an account from working normally, empty when nothing.
std::string account_flags(const UserInfo& u) {
    std::string out;
    auto add = [&out](const char* s) { out += (out.empty() ? "" : "、") + std::string(s); };
    if (u.disabled) add("已停用");
    if (u.locked) add("已锁定");
    if (u.must_change_password) add("需改密");
    return out;
}

Role role_or_throw(const std::string& text) {
    auto role = parse_role(text);
    if (!role) throw UserError("角色「" + text + "」无效，应为 工委管理员、单位管理员、填报人、评议人、纪检 或 领导");
    return *role;
}

// One line from the terminal with echo off, so a password never shows on screen.
std::string read_hidden(const char* prompt) {
    std::cerr << prompt << std::flush;
    termios old{};
    bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::cerr << "\n";
    }
    return line;
}

void print_one_time_password(const UserInfo& u) {
    std::cout << "一次性初始密码：" << u.initial_password << "\n"
              << "（只显示这一次，请当面或密封交给本人；首次登录后必须修改）\n";
}

}  // namespace

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
        for (const auto& x : all) {
            std::cout << x.login << '\t' << x.display_name << '\t' << role_label(x.role) << '\t' << x.org_name << " ["
                      << x.org_code << "]";
            if (auto flags = account_flags(x); !flags.empty()) std::cout << '\t' << flags;
            std::cout << '\n';
        }
    });

    auto* add = users->add_subcommand("add", "新增用户");
    add_db_options(*add, ctx);
    add->add_option("--login", u.login, "登录名（小写英文、数字）")->required();
    add->add_option("--name", u.display_name, "姓名")->required();
    add->add_option("--role", role_text, "角色：工委管理员、单位管理员、填报人、评议人、纪检、领导")->required();
    add->add_option("--org", u.org_code, "所属组织编码（其管辖范围）")->required();
    add->callback([&ctx] {
        u.role = role_or_throw(role_text);
        ctx.open();
        auto made = ctx.service->create_user(ctx.actor, u);
        std::cout << "已新增用户 " << made.login << "（" << role_label(made.role) << "，" << made.org_name << "）\n";
        print_one_time_password(made);
    });

    static std::string login, password_file;
    auto* passwd = users->add_subcommand("passwd", "修改自己（--as 的用户）的密码");
    add_db_options(*passwd, ctx);
    passwd->add_option("--password-file", password_file,
                       "从文件读取：第一行原密码，第二行新密码（用于脚本；否则从终端输入，不回显）");
    passwd->callback([&ctx] {
        std::string old_password, new_password;
        if (!password_file.empty() || !isatty(STDIN_FILENO)) {
            std::ifstream file;
            if (!password_file.empty()) {
                file.open(password_file);
                if (!file) throw UserError("无法读取文件「" + password_file + "」");
            }
            std::istream& in = password_file.empty() ? std::cin : file;
            std::getline(in, old_password);
            if (!std::getline(in, new_password)) throw UserError("需要两行：第一行原密码，第二行新密码");
        } else {
            old_password = read_hidden("原密码（没有设置过密码时直接回车）：");
            new_password = read_hidden("新密码（至少 10 个字符）：");
            if (read_hidden("再次输入新密码：") != new_password) throw UserError("两次输入的新密码不一致，密码未修改");
        }
        ctx.open();
        ctx.service->change_password(ctx.actor, old_password, new_password);
        std::cout << "已修改用户 " << ctx.actor.login << " 的密码；该账号其他已登录的会话均已结束\n";
    });

    auto* reset = users->add_subcommand("reset-password", "重置用户密码：生成新的一次性初始密码，结束其所有会话并解除锁定");
    add_db_options(*reset, ctx);
    reset->add_option("LOGIN", login, "登录名")->required();
    reset->callback([&ctx] {
        ctx.open();
        auto made = ctx.service->reset_password(ctx.actor, login);
        std::cout << "已重置用户 " << made.login << " 的密码\n";
        print_one_time_password(made);
    });

    auto* disable = users->add_subcommand("disable", "停用账号：不能再登录，已登录的会话立即结束");
    add_db_options(*disable, ctx);
    disable->add_option("LOGIN", login, "登录名")->required();
    disable->callback([&ctx] {
        ctx.open();
        auto u = ctx.service->set_user_enabled(ctx.actor, login, false);
        std::cout << "已停用用户 " << u.login << "\n";
    });

    auto* enable = users->add_subcommand("enable", "重新启用已停用的账号");
    add_db_options(*enable, ctx);
    enable->add_option("LOGIN", login, "登录名")->required();
    enable->callback([&ctx] {
        ctx.open();
        auto u = ctx.service->set_user_enabled(ctx.actor, login, true);
        std::cout << "已启用用户 " << u.login << "\n";
    });

    auto* unlock = users->add_subcommand("unlock", "解除因多次登录失败而锁定的账号");
    add_db_options(*unlock, ctx);
    unlock->add_option("LOGIN", login, "登录名")->required();
    unlock->callback([&ctx] {
        ctx.open();
        auto u = ctx.service->unlock_user(ctx.actor, login);
        std::cout << "已解除用户 " << u.login << " 的锁定\n";
    });

    static std::string change_role, change_org, change_name;
    auto* change = users->add_subcommand("change", "修改账号的姓名、角色或所属组织（不能授予超出自己的权限）");
    add_db_options(*change, ctx);
    change->add_option("LOGIN", login, "登录名")->required();
    change->add_option("--role", change_role, "新角色");
    change->add_option("--org", change_org, "新的所属组织编码");
    change->add_option("--name", change_name, "新姓名");
    change->callback([&ctx] {
        UserChange c;
        if (!change_role.empty()) c.role = role_or_throw(change_role);
        if (!change_org.empty()) c.org_code = change_org;
        if (!change_name.empty()) c.display_name = change_name;
        if (!c.role && !c.org_code && !c.display_name) throw UserError("请至少给出 --role、--org 或 --name 之一");
        ctx.open();
        auto u = ctx.service->change_user(ctx.actor, login, c);
        std::cout << "已修改用户 " << u.login << "：" << u.display_name << "，" << role_label(u.role) << "，"
                  << u.org_name << " [" << u.org_code << "]\n";
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
                // What the check could not prove matters as much when it found something.
                for (const auto& n : v.notes) std::cerr << "说明：" << n << "\n";
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
