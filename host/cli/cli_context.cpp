#include "cli/cli_context.hpp"

#include <iostream>

namespace dj::cli {

void Context::open() {
    service = LocalService::open(db_path);
    actor = service->actor(as_user);
}

void add_db_options(CLI::App& cmd, Context& ctx) {
    cmd.add_option("--db", ctx.db_path, "数据库文件（SQLite）")->required();
    cmd.add_option("--as", ctx.as_user, "以哪个用户的身份操作（登录名；默认为第一个工委管理员）");
}

void add_json_flag(CLI::App& cmd, Context& ctx) { cmd.add_flag("--json", ctx.json, "以 JSON 输出（格式见 README）"); }

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

std::optional<Date> optional_date(const std::string& text, const char* what) {
    if (text.empty()) return std::nullopt;
    return Date::parse_or_throw(text, what);
}

}  // namespace dj::cli
