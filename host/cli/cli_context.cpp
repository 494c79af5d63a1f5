#include "cli/cli_context.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/errors.hpp"
#include "io/file_read.hpp"

namespace dj::cli {

void Context::open() {
    service = LocalService::open(db_path);
    actor = service->actor(as_user);
    std::vector<std::filesystem::path> dirs(plugin_dirs.begin(), plugin_dirs.end());
    service->use_command_line_plugin_dirs(actor, dirs);
}

void add_db_options(CLI::App& cmd, Context& ctx) {
    cmd.add_option("--db", ctx.db_path, "数据库文件（SQLite）")->required();
    cmd.add_option("--as", ctx.as_user, "以哪个用户的身份操作（登录名；默认为第一个工委管理员）");
    cmd.add_option("--plugins-dir", ctx.plugin_dirs, "额外的插件目录（可重复；后者覆盖同名插件）");
}

void add_json_flag(CLI::App& cmd, Context& ctx) { cmd.add_flag("--json", ctx.json, "以 JSON 输出（格式见 README）"); }

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

std::optional<Date> optional_date(const std::string& text, const char* what) {
    if (text.empty()) return std::nullopt;
    return Date::parse_or_throw(text, what);
}

std::string read_file(const std::string& path, std::size_t max_bytes) { return io::read_regular_file(path, max_bytes); }

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw UserError("无法写入文件「" + path + "」");
    out << bytes;
    if (!out) throw UserError("写入文件「" + path + "」失败");
}

std::string out_format(const std::string& path, const std::vector<std::string>& accepted) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::string names;
    for (const auto& a : accepted) {
        if (ext == "." + a) return a;
        names += (names.empty() ? "" : " 或 ") + ("." + a);
    }
    throw UserError("输出文件应以 " + names + " 结尾");
}

}  // namespace dj::cli
