// dangjian check: the full integrity check of a database file, with a verdict in Chinese.
#include <iostream>

#include "cli/cli_context.hpp"
#include "db/file_errors.hpp"
#include "db/integrity.hpp"

namespace dj::cli {

void register_check(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("check", "全面检查数据库文件是否完好（只读，不修改文件）；损坏时退出码为 2");
    cmd->add_option("--db", ctx.db_path, "要检查的数据库文件")->required();
    cmd->callback([&ctx] {
        auto result = db::check_file(ctx.db_path);
        if (result.ok()) {
            std::cout << "数据库文件「" << ctx.db_path << "」完好：逐页检查和外键检查均未发现问题\n";
            return;
        }
        std::cout << "数据库文件「" << ctx.db_path << "」检查发现问题：\n";
        for (const auto& p : result.problems) std::cout << "  " << p << "\n";
        if (result.foreign_key_violations > 0)
            std::cout << "  有 " << result.foreign_key_violations << " 行引用了不存在的记录（外键不一致）\n";
        throw UserError(db::damaged_verdict(ctx.db_path));
    });
}

}  // namespace dj::cli
