// dangjian login / logout: a session on a server, kept for the commands that follow.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/cli_context.hpp"
#include "cli/session_file.hpp"
#include "core/errors.hpp"
#include "remote/remote_service.hpp"

namespace dj::cli {

namespace {

// One line from stdin; on a terminal, without echoing it.
std::string read_secret(const char* prompt) {
    const bool tty = isatty(0);
    termios old{};
    if (tty) {
        std::cerr << prompt << std::flush;
        tcgetattr(0, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(0, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(0, TCSANOW, &old);
        std::cerr << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

void register_login(CLI::App& app, Context& ctx) {
    static std::string user;
    auto* login = app.add_subcommand("login", "登录服务器（密码从终端输入，或从标准输入读取一行）");
    login->add_option("--server", ctx.server_url, "服务器地址，如 https://dangjian.example:8443")->required();
    login->add_option("--user", user, "登录名");
    login->add_option("--ca", ctx.ca_file, "校验服务器证书所用的 CA 证书文件");
    login->callback([&ctx] {
        if (user.empty()) {
            if (isatty(0)) std::cerr << "登录名：" << std::flush;
            std::getline(std::cin, user);
        }
        if (user.empty()) throw UserError("请输入登录名（--user）");
        LoginRequest req{user, read_secret("密码："), ""};
        auto remote = remote::connect(ctx.server_url, ctx.ca_file);
        auto session = remote->login(req);
        save_session_token(ctx.server_url, session.token, session.actor.login);
        std::cout << "已登录 " << ctx.server_url << "，身份：" << session.actor.display_name << "（"
                  << role_label(session.actor.role) << "）\n";
        if (session.actor.must_change_password)
            std::cout << "这是一次性初始密码，请先修改密码后再进行其他操作\n";
    });

    auto* logout = app.add_subcommand("logout", "退出服务器登录（服务器上的会话随之结束）");
    logout->add_option("--server", ctx.server_url, "服务器地址")->required();
    logout->add_option("--ca", ctx.ca_file, "校验服务器证书所用的 CA 证书文件");
    logout->callback([&ctx] {
        auto token = load_session_token(ctx.server_url);
        if (!token) {
            std::cout << "未登录 " << ctx.server_url << "\n";
            return;
        }
        try {
            remote::connect(ctx.server_url, ctx.ca_file)->logout(*token);
        } catch (const NotAuthenticated&) {
            // Already ended on the server (expired, password changed): forget it all the same.
        }
        forget_session_token(ctx.server_url);
        std::cout << "已退出登录 " << ctx.server_url << "\n";
    });
}

}  // namespace dj::cli
