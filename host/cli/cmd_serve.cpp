// dangjian serve: the county server on one database file.
#include <csignal>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "server/http_server.hpp"
#include "service/local_service.hpp"
#include "service/server_workers.hpp"

namespace dj::cli {

namespace {

// The server's Executor over ServerWorkers: reads on the pool of read connections, reports on
// its lower-priority lane, writes through the one group-committing writer.
class WorkersExecutor final : public server::Executor {
public:
    explicit WorkersExecutor(ServerWorkers& workers) : workers_(workers) {}
    void read(const std::function<void(Service&)>& job) override { workers_.read(job); }
    void report(const std::function<void(Service&)>& job) override { workers_.report(job); }
    void write(const std::function<void(Service&)>& job) override { workers_.write(job); }

private:
    ServerWorkers& workers_;
};

}  // namespace

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
    serve->add_option("--threads", o.limits.threads, "处理请求的线程数（默认 64；同时等待写入的请求可合并为一次提交）")->check(CLI::Range(1, 256));
    serve->add_option("--log", log_path, "访问日志文件（默认输出到标准错误）");
    static std::size_t readers = 4;
    static int check_hours = 6;
    serve->add_option("--readers", readers, "只读连接数（查询并行处理）")->check(CLI::Range(1, 32));
    serve->add_option("--check-hours", check_hours, "每隔几小时快速检查一次数据库文件（0 为不检查）")
        ->check(CLI::Range(0, 24 * 30));
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
        ctx.service.reset();
        const auto dirs = ctx.plugin_dirs;
        const auto path = ctx.db_path;
        // quick_check runs here, before the first request: a damaged file is refused at start.
        ServerWorkers workers(
            [path, dirs] {
                auto s = LocalService::open(path);
                s->set_extra_plugin_dirs(std::vector<std::filesystem::path>(dirs.begin(), dirs.end()));
                return s;
            },
            readers);
        std::function<void(const std::string&)> log = o.access_log;
        if (!log) log = [](const std::string& line) { std::cerr << line << std::endl; };
        if (check_hours > 0) workers.check_every(std::chrono::hours(check_hours), log);
        WorkersExecutor executor(workers);
        server::HttpServer http(executor, o);
        const bool tls = !o.tls_cert_pem.empty();
        std::string host = o.listen.substr(0, o.listen.rfind(':'));
        std::cout << "dangjian 服务已启动：" << (tls ? "https://" : "http://") << host << ":" << http.port()
                  << "（按 Ctrl+C 停止）" << std::endl;
        int sig = 0;
        sigwait(&stop, &sig);
        std::cout << "dangjian 服务正在停止" << std::endl;
        const auto st = workers.write_stats();
        std::cout << "group commit: jobs=" << st.jobs << " batches=" << st.batches << " largest=" << st.largest_batch
                  << " failed=" << st.failed_jobs << std::endl;
    });
}

}  // namespace dj::cli
