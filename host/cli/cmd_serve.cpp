// dangjian serve: the county server on one database file.
#include <csignal>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "server/http_server.hpp"

namespace dj::cli {

void register_serve(CLI::App& app, Context& ctx) {
    static server::ServerOptions o;
    static std::string cert, key, log_path;
    auto* serve = app.add_subcommand("serve", "作为全县共用的服务器运行（HTTP/JSON 接口，账号密码登录）");
    serve->add_option("--db", ctx.db_path, "数据库文件（SQLite）")->required();
    serve->add_option("--listen", o.listen, "监听地址:端口（默认 127.0.0.1:8443；端口 0 自动选择）");
    serve->add_option("--tls-cert", cert, "TLS 证书文件（PEM）");
    serve->add_option("--tls-key", key, "TLS 私钥文件（PEM）");
    serve->add_flag("--insecure-http", o.insecure_http, "不加密也监听非本机地址（密码将以明文经过网络，仅限测试）");
    serve->add_option("--plugins-dir", ctx.plugin_dirs, "额外的插件目录（可重复；后者覆盖同名插件）");
    serve->add_option("--threads", o.limits.threads, "处理请求的线程数")->check(CLI::Range(1, 64));
    serve->add_option("--log", log_path, "访问日志文件（默认输出到标准错误）");
    serve->callback([&ctx] {
        if (!cert.empty()) o.tls_cert_pem = read_file(cert);
        if (!key.empty()) o.tls_key_pem = read_file(key);
        static std::ofstream log_file;
        static std::mutex log_mu;
        if (!log_path.empty()) {
            log_file.open(log_path, std::ios::app);
            if (!log_file) throw UserError("无法写入日志文件「" + log_path + "」");
            o.access_log = [](const std::string& line) { log_file << line << std::endl; };
        }
        // Block the stop signals before any server thread starts, so only sigwait sees them.
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stop, nullptr);
        ctx.open();  // migrations run here; a newer database is refused
        server::SerialExecutor executor(std::move(ctx.service));
        server::HttpServer http(executor, o);
        const bool tls = !o.tls_cert_pem.empty();
        std::string host = o.listen.substr(0, o.listen.rfind(':'));
        std::cout << "dangjian 服务已启动：" << (tls ? "https://" : "http://") << host << ":" << http.port()
                  << "（按 Ctrl+C 停止）" << std::endl;
        int sig = 0;
        sigwait(&stop, &sig);
        std::cout << "dangjian 服务正在停止" << std::endl;
    });
}

}  // namespace dj::cli
