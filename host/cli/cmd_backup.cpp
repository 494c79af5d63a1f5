// dangjian backup: an online copy of the database while the server (or anyone) keeps writing.
#include <pwd.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_context.hpp"
#include "db/backup.hpp"
#include "db/database.hpp"
#include "store/audit_log.hpp"

namespace dj::cli {

namespace {

// Who ran it, for the audit row: backups run from a timer as a system account, not a login.
std::string os_user() {
    if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
    return std::to_string(::geteuid());
}

}  // namespace

void register_backup(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "backup", "在线备份数据库（服务器运行时也可以）：写入临时文件、通过完整性检查后再改名为目标文件，并记入审计日志");
    auto out = std::make_shared<std::string>();
    cmd->add_option("--db", ctx.db_path, "要备份的数据库文件")->required();
    cmd->add_option("--out", *out, "备份文件（已存在的备份文件会被替换；不能是数据库本身）")->required();
    add_json_flag(*cmd, ctx);
    cmd->callback([&ctx, out] {
        auto result = db::backup_database(ctx.db_path, *out);
        // Recorded in the database that was copied: that is where an auditor looks for who
        // took copies of everything.
        auto conn = db::Connection::open(ctx.db_path, false);
        db::Transaction tx(conn);
        audit_append(conn, "system", "database.backup", "db", "",
                     nlohmann::json({{"out", *out}, {"pages", result.pages}, {"bytes", result.bytes}, {"os_user", os_user()}})
                         .dump());
        tx.commit();
        if (ctx.json) {
            print_json({{"out", *out}, {"pages", result.pages}, {"bytes", result.bytes}, {"steps", result.steps}});
            return;
        }
        std::cout << "已备份到「" << *out << "」：" << result.pages << " 页，" << result.bytes
                  << " 字节，已通过完整性检查\n";
    });
}

}  // namespace dj::cli
