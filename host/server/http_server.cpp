#include "server/http_server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>

#include "api/errors.hpp"
#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "server/request_handler.hpp"

namespace dj::server {

using nlohmann::json;

// The one bounded scan every JSON entry point uses (core/bounded_json): size is limited
// separately, by the body limits, before the body is even read.
bool json_depth_within(std::string_view text, int max_depth) {
    const JsonBounds depth_only{std::numeric_limits<std::size_t>::max(), static_cast<std::size_t>(max_depth)};
    return !json_bounds_problem(text, "请求", depth_only);
}

namespace {

// A request between libmicrohttpd's calls: what was checked on arrival and the body so far.
struct Request {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::string method;
    std::string route;  // the path: ids only, never the query
    Pending pending;
    std::string body;
    std::FILE* upload = nullptr;  // an upload's body, streamed to a temporary file
    std::size_t received = 0;
    bool too_large = false;
    ~Request() {
        if (upload) std::fclose(upload);
    }
};

std::string client_address(MHD_Connection* c) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "";
    char buf[INET6_ADDRSTRLEN] = {};
    if (info->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(info->client_addr)->sin_addr, buf, sizeof buf);
    else if (info->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(info->client_addr)->sin6_addr, buf, sizeof buf);
    return buf;
}

RequestHead head_of(MHD_Connection* c, const Request& r) {
    RequestHead h;
    h.method = r.method;
    h.path = r.route;
    // libmicrohttpd compares header names case-insensitively.
    h.header = [c](const char* name) {
        const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
        return std::string(v ? v : "");
    };
    h.source = client_address(c);
    return h;
}

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

struct HttpServer::Impl {
    ServerOptions options;
    RequestHandler handler;
    MHD_Daemon* daemon = nullptr;
    std::mutex log_mu;

    Impl(Executor& e, ServerOptions o)
        : options(std::move(o)), handler(e, options.limits, [this](const std::string& cause) {
              // The real cause stays in the server's log; the client reads only 服务器内部错误.
              write_log(utc_now() + " internal error: " + cause);
          }) {}

    void write_log(const std::string& line) {
        std::lock_guard lock(log_mu);
        if (options.access_log) options.access_log(line);
        else std::cerr << line << "\n";
    }

    void log(const Request& r, int status) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - r.start);
        write_log(utc_now() + " " + r.pending.account + " " + r.method + " " + r.route + " " + std::to_string(status) +
                  " " + std::to_string(ms.count()) + "ms");
    }

    MHD_Result send(MHD_Connection* c, Request& r, const Answer& a) {
        MHD_Response* resp =
            MHD_create_response_from_buffer(a.body.size(), const_cast<char*>(a.body.data()), MHD_RESPMEM_MUST_COPY);
        MHD_add_response_header(resp, "Content-Type", a.type.c_str());
        // No page of ours is ever a document a browser should render, frame, sniff or keep.
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp, "Cache-Control", "no-store");
        MHD_add_response_header(resp, "X-Frame-Options", "DENY");
        MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
        if (!options.tls_cert_pem.empty())
            MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
        if (a.retry_after >= 0) MHD_add_response_header(resp, "Retry-After", std::to_string(a.retry_after).c_str());
        // Logged before the answer leaves: whoever reads the answer finds its line written.
        log(r, a.status);
        MHD_Result ret = MHD_queue_response(c, static_cast<unsigned>(a.status), resp);
        MHD_destroy_response(resp);
        return ret;
    }

    MHD_Result send_internal(MHD_Connection* c, Request& r, const char* cause) {
        write_log(utc_now() + " internal error on " + r.route + ": " + cause);
        auto e = api::error_reply(500, "internal", "服务器内部错误，请联系管理员查看服务器日志");
        return send(c, r, {e.status, e.body.dump(), "application/json; charset=utf-8"});
    }

    // Last call: the whole request is in; run it.
    MHD_Result answer(MHD_Connection* c, Request& r) {
        if (r.upload && !r.too_large) {
            r.body.resize(r.received);
            std::rewind(r.upload);
            if (r.received && std::fread(r.body.data(), 1, r.received, r.upload) != r.received)
                return send_internal(c, r, "cannot read back an upload");
        }
        std::map<std::string, std::string> query;
        MHD_get_connection_values(
            c, MHD_GET_ARGUMENT_KIND,
            [](void* cls, MHD_ValueKind, const char* key, const char* value) -> MHD_Result {
                (*static_cast<std::map<std::string, std::string>*>(cls))[key] = value ? value : "";
                return MHD_YES;
            },
            &query);
        return send(c, r, handler.answer(head_of(c, r), r.pending, query, std::move(r.body), r.too_large));
    }

    MHD_Result handle(MHD_Connection* c, const char* url, const char* method, const char* upload_data,
                      size_t* upload_data_size, void** con_cls) {
        auto* r = static_cast<Request*>(*con_cls);
        if (!r) {
            r = new Request;
            *con_cls = r;
            r->method = method;
            r->route = url;
            if (auto refused = handler.admit(head_of(c, *r), r->pending)) return send(c, *r, *refused);
            if (r->pending.upload && r->method == "POST") {
                r->upload = std::tmpfile();
                if (!r->upload) return send_internal(c, *r, "cannot create a temporary file for an upload");
            }
            return MHD_YES;
        }
        if (*upload_data_size) {
            const std::size_t n = *upload_data_size;
            *upload_data_size = 0;
            if (r->too_large || r->received + n > r->pending.limit) {
                r->too_large = true;  // keep nothing; answered 413 once the client is done
                return MHD_YES;
            }
            r->received += n;
            if (r->upload) {
                if (std::fwrite(upload_data, 1, n, r->upload) != n) r->too_large = true;
            } else {
                r->body.append(upload_data, n);
            }
            return MHD_YES;
        }
        return answer(c, *r);
    }
};

namespace {

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                      const char* upload_data, size_t* upload_data_size, void** con_cls) {
    return static_cast<HttpServer::Impl*>(cls)->handle(c, url, method, upload_data, upload_data_size, con_cls);
}

void on_completed(void*, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    delete static_cast<Request*>(*con_cls);
    *con_cls = nullptr;
}

sockaddr_in parse_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw UserError("监听地址「" + listen + "」应为 地址:端口，例如 127.0.0.1:8443");
    std::string host = listen.substr(0, colon), port = listen.substr(colon + 1);
    if (host == "localhost") host = "127.0.0.1";
    sockaddr_in a{};
    a.sin_family = AF_INET;
    char* end = nullptr;
    long p = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end || p < 0 || p > 65535 || inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1)
        throw UserError("监听地址「" + listen + "」应为 地址:端口，例如 127.0.0.1:8443");
    a.sin_port = htons(static_cast<uint16_t>(p));
    return a;
}

}  // namespace

HttpServer::HttpServer(Executor& executor, ServerOptions options)
    : impl_(std::make_unique<Impl>(executor, std::move(options))) {
    auto& o = impl_->options;
    const bool tls = !o.tls_cert_pem.empty() || !o.tls_key_pem.empty();
    if (tls && (o.tls_cert_pem.empty() || o.tls_key_pem.empty()))
        throw UserError("--tls-cert 与 --tls-key 需要同时给出");
    sockaddr_in addr = parse_listen(o.listen);
    const bool loopback = (ntohl(addr.sin_addr.s_addr) >> 24) == 127;
    if (!tls && !loopback && !o.insecure_http)
        throw UserError("未配置 TLS 证书（--tls-cert、--tls-key）时只监听本机地址，以免密码以明文经过网络；"
                        "确需明文 HTTP 请加 --insecure-http");
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    if (tls) flags |= MHD_USE_TLS;
    const auto& l = o.limits;
    std::vector<MHD_OptionItem> opts = {
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_THREAD_POOL_SIZE, static_cast<intptr_t>(l.threads), nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(l.connections), nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(l.connection_timeout_seconds), nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(l.connection_memory), nullptr},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&on_completed), nullptr},
    };
    if (tls) {
        opts.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(o.tls_cert_pem.c_str())});
        opts.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(o.tls_key_pem.c_str())});
    }
    opts.push_back({MHD_OPTION_END, 0, nullptr});
    impl_->daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &on_request, impl_.get(), MHD_OPTION_ARRAY,
                                     opts.data(), MHD_OPTION_END);
    if (!impl_->daemon) throw UserError("无法在「" + o.listen + "」上启动服务（端口被占用，或证书无效）");
}

HttpServer::~HttpServer() {
    if (impl_->daemon) MHD_stop_daemon(impl_->daemon);
}

int HttpServer::port() const {
    const auto* info = MHD_get_daemon_info(impl_->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

}  // namespace dj::server
