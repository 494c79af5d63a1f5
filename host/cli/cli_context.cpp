#include "cli/cli_context.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/session_file.hpp"
#include "core/errors.hpp"
#include "io/file_read.hpp"
#include "remote/remote_service.hpp"

namespace dj::cli {

void Context::open() {
    if (!server_url.empty()) {
        // On a server you are who you logged in as: no one else, whatever you claim.
        if (!as_user.empty()) throw UserError("使用 --server 时不能用 --as 切换身份：服务器以登录的账号为准");
        if (!plugin_dirs.empty()) throw UserError("使用 --server 时插件目录由服务器决定，不能用 --plugins-dir");
        auto token = load_session_token(server_url);
        if (!token) throw NotAuthenticated("尚未登录服务器「" + server_url + "」：请先运行 dangjian login --server " + server_url);
        auto remote = remote::connect(server_url, ca_file, *token);
        actor = remote->session_actor(*token, "");
        service = std::move(remote);
        local = nullptr;
        return;
    }
    if (db_path.empty()) throw UserError("请用 --db 指定数据库文件，或用 --server 指定服务器地址");
    auto opened = LocalService::open(db_path);
    actor = opened->actor(as_user);
    std::vector<std::filesystem::path> dirs(plugin_dirs.begin(), plugin_dirs.end());
    opened->use_command_line_plugin_dirs(actor, dirs);
    local = opened.get();
    service = std::move(opened);
}

void add_db_options(CLI::App& cmd, Context& ctx) {
    auto* db = cmd.add_option("--db", ctx.db_path, "数据库文件（SQLite）");
    auto* server = cmd.add_option("--server", ctx.server_url, "服务器地址（如 https://dangjian.example:8443；先用 dangjian login 登录）");
    db->excludes(server);
    cmd.add_option("--ca", ctx.ca_file, "校验服务器证书所用的 CA 证书文件（县里自建 CA 时）");
    cmd.add_option("--as", ctx.as_user, "以哪个用户的身份操作（仅本地数据库；登录名，默认为第一个工委管理员）");
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
