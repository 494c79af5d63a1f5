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
#include "api/routes.hpp"
#include "core/bounded_json.hpp"
#include "core/errors.hpp"

namespace dj::server {

using nlohmann::json;

// The one bounded scan every JSON entry point uses (core/bounded_json): size is limited
// separately, by the body limits, before the body is even read.
bool json_depth_within(std::string_view text, int max_depth) {
    const JsonBounds depth_only{std::numeric_limits<std::size_t>::max(), static_cast<std::size_t>(max_depth)};
    return !json_bounds_problem(text, "请求", depth_only);
}

namespace {

constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kUploadType = "application/octet-stream";

// A request between libmicrohttpd's calls: what was checked on arrival and the body so far.
struct Request {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::string method;
    std::string route;  // the path: ids only, never the query
    const api::Handler* handler = nullptr;
    std::string special;  // today / login / session / logout
    std::string body;
    std::FILE* upload = nullptr;  // an upload's body, streamed to a temporary file
    std::size_t received = 0;
    std::size_t limit = 0;
    bool too_large = false;
    std::string account = "-";
    ~Request() {
        if (upload) std::fclose(upload);
    }
};

std::string header(MHD_Connection* c, const char* name) {
    const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
    return v ? v : "";
}

bool content_type_is(const std::string& value, std::string_view want) {
    std::string base = value.substr(0, value.find(';'));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    if (base.size() != want.size()) return false;
    for (std::size_t i = 0; i < base.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(base[i])) != want[i]) return false;
    return true;
}

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
    Executor& executor;
    ServerOptions options;
    MHD_Daemon* daemon = nullptr;
    std::mutex log_mu;

    Impl(Executor& e, ServerOptions o) : executor(e), options(std::move(o)) {}

    void log(const Request& r, int status) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - r.start);
        std::string line = utc_now() + " " + r.account + " " + r.method + " " + r.route + " " +
                           std::to_string(status) + " " + std::to_string(ms.count()) + "ms";
        std::lock_guard lock(log_mu);
        if (options.access_log) options.access_log(line);
        else std::cerr << line << "\n";
    }

    MHD_Result send(MHD_Connection* c, Request& r, int status, std::string_view body, std::string_view type,
                    int retry_after = -1) {
        MHD_Response* resp =
            MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
        MHD_add_response_header(resp, "Content-Type", std::string(type).c_str());
        // No page of ours is ever a document a browser should render, frame, sniff or keep.
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp, "Cache-Control", "no-store");
        MHD_add_response_header(resp, "X-Frame-Options", "DENY");
        MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
        if (!options.tls_cert_pem.empty())
            MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
        if (retry_after >= 0) MHD_add_response_header(resp, "Retry-After", std::to_string(retry_after).c_str());
        // Logged before the answer leaves: whoever reads the answer finds its line written.
        log(r, status);
        MHD_Result ret = MHD_queue_response(c, static_cast<unsigned>(status), resp);
        MHD_destroy_response(resp);
        return ret;
    }

    MHD_Result send_json(MHD_Connection* c, Request& r, int status, const json& j) {
        // replace: a stored value with broken UTF-8 must not turn an answer into a 500.
        return send(c, r, status, j.dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json; charset=utf-8");
    }

    MHD_Result send_error(MHD_Connection* c, Request& r, const api::ErrorReply& e) {
        int retry = -1;
        if (e.status == 429) retry = e.body["error"].value("retry_after", 0);
        return send(c, r, e.status, e.body.dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json; charset=utf-8", retry);
    }

    MHD_Result send_current_exception(MHD_Connection* c, Request& r) {
        std::string internal;
        auto e = api::error_reply(std::current_exception(), &internal);
        if (!internal.empty()) {
            std::lock_guard lock(log_mu);
            // The real cause stays in the server's log; the client reads only 服务器内部错误.
            std::string line = utc_now() + " internal error on " + r.route + ": " + internal;
            if (options.access_log) options.access_log(line);
            else std::cerr << line << "\n";
        }
        return send_error(c, r, e);
    }

    // First call: everything that can be refused before the body is read.
    std::optional<api::ErrorReply> admit(MHD_Connection* c, Request& r, const char* url) {
        const std::string path = url;
        const bool post = r.method == "POST";
        if (r.method != "GET" && r.method != "POST")
            return api::error_reply(405, "method_not_allowed", "不支持的请求方法");
        bool want_get = false, upload = false;
        if (auto it = api::handlers().find(path); it != api::handlers().end()) {
            r.handler = &it->second;
            want_get = r.handler->get;
            upload = r.handler->upload;
        } else if (path == std::string(api::kPrefix) + "today" || path == std::string(api::kPrefix) + "session") {
            r.special = path.substr(api::kPrefix.size());
            want_get = true;
        } else if (path == std::string(api::kPrefix) + "login" || path == std::string(api::kPrefix) + "logout") {
            r.special = path.substr(api::kPrefix.size());
        } else {
            return api::error_reply(404, "not_found", "没有这个接口");
        }
        if (want_get != !post) return api::error_reply(405, "method_not_allowed", "不支持的请求方法");
        if (post) {
            const std::string type = header(c, "Content-Type");
            if (!content_type_is(type, upload ? kUploadType : kJsonType))
                return api::error_reply(415, "unsupported_media_type",
                                        upload ? "上传内容的类型应为 application/octet-stream"
                                               : "请求内容的类型应为 application/json");
            r.limit = upload ? options.limits.upload_body : options.limits.json_body;
            // A submission may carry its files (base64 in the JSON): the upload limit, grown by a third.
            if (r.handler && r.handler->name == "submit") r.limit += options.limits.upload_body / 3 * 4;
            const std::string length = header(c, "Content-Length");
            if (!length.empty()) {
                char* end = nullptr;
                unsigned long long n = std::strtoull(length.c_str(), &end, 10);
                if (end == length.c_str() || n > r.limit)
                    return api::error_reply(413, "too_large", "请求内容过大");
            }
            if (upload) {
                r.upload = std::tmpfile();
                if (!r.upload) throw std::runtime_error("cannot create a temporary file for an upload");
            }
        }
        return std::nullopt;
    }

    json parse_json_or_throw(std::string_view text) {
        if (!json_depth_within(text, options.limits.json_depth))
            throw api::BadRequest("请求内容嵌套过深");
        json j = json::parse(text, nullptr, false);
        if (j.is_discarded() || !j.is_object()) throw api::BadRequest("请求内容不是有效的 JSON 对象");
        return j;
    }

    Actor authenticate(MHD_Connection* c, Request& r, std::string* token_out = nullptr) {
        const std::string auth = header(c, "Authorization");
        constexpr std::string_view bearer = "Bearer ";
        if (auth.size() <= bearer.size() || auth.compare(0, bearer.size(), bearer) != 0)
            throw NotAuthenticated("请先登录");
        std::string token = auth.substr(bearer.size());
        Actor actor;
        const std::string source = client_address(c);
        // On a reader: a session check writes only when the idle timer is due a touch (once per
        // AccountPolicy::touch_every_seconds) or the session ends, and then on the reader's own
        // connection, under SQLite's write lock. Through the writer it was a second job in
        // the writer's queue for every request.
        executor.read([&](Service& s) { actor = s.session_actor(token, source); });
        r.account = actor.login.empty() ? "-" : actor.login;
        if (token_out) *token_out = std::move(token);
        return actor;
    }

    // Last call: the whole request is in; run it.
    MHD_Result answer(MHD_Connection* c, Request& r) {
        if (r.too_large) return send_error(c, r, api::error_reply(413, "too_large", "请求内容过大"));
        try {
            if (r.special == "today") {
                Date d;
                executor.read([&](Service& s) { d = s.today(); });
                return send_json(c, r, 200, json(d));
            }
            if (r.special == "login") {
                json body = parse_json_or_throw(r.body);
                LoginRequest req;
                req.login = body.value("login", "");
                req.password = body.value("password", "");
                req.source = client_address(c);  // never what the client claims
                SessionInfo info;
                // On a reader, not the writer: the argon2id check takes a good part of a second of
                // CPU and runs before any transaction; only then does login write (the failure
                // counters, the session, the audit row) in its own transaction on the reader's
                // connection, under SQLite's write lock and with synchronous=FULL like the writer.
                // In the writer it held every submission waiting behind it.
                executor.read([&](Service& s) { info = s.login(req); });
                r.account = info.actor.login;
                return send_json(c, r, 200, json(info));
            }
            std::string token;
            Actor actor = authenticate(c, r, &token);
            if (r.special == "session") return send_json(c, r, 200, json(actor));
            if (r.special == "logout") {
                executor.write([&](Service& s) { s.logout(token); });
                return send_json(c, r, 200, json::object());
            }
            api::Call call;
            if (r.handler->get) {
                MHD_get_connection_values(
                    c, MHD_GET_ARGUMENT_KIND,
                    [](void* cls, MHD_ValueKind, const char* key, const char* value) -> MHD_Result {
                        static_cast<api::Call*>(cls)->query[key] = value ? value : "";
                        return MHD_YES;
                    },
                    &call);
            } else if (r.handler->upload) {
                const std::string args = header(c, "X-DJ-Args");
                if (!args.empty()) call.args = parse_json_or_throw(args);
                call.bytes.resize(r.received);
                std::rewind(r.upload);
                if (r.received && std::fread(call.bytes.data(), 1, r.received, r.upload) != r.received)
                    throw std::runtime_error("cannot read back an upload");
            } else {
                call.args = parse_json_or_throw(r.body);
            }
            api::Reply reply;
            auto job = [&](Service& s) { reply = r.handler->invoke(s, actor, call); };
            if (r.handler->kind == api::Kind::Read) executor.read(job);
            else executor.write(job);
            if (reply.raw) return send(c, r, 200, reply.bytes, kUploadType);
            return send_json(c, r, 200, reply.value);
        } catch (...) {
            return send_current_exception(c, r);
        }
    }

    MHD_Result handle(MHD_Connection* c, const char* url, const char* method, const char* upload_data,
                      size_t* upload_data_size, void** con_cls) {
        auto* r = static_cast<Request*>(*con_cls);
        if (!r) {
            r = new Request;
            *con_cls = r;
            r->method = method;
            r->route = url;
            try {
                if (auto refused = admit(c, *r, url)) return send_error(c, *r, *refused);
            } catch (...) {
                return send_current_exception(c, *r);
            }
            return MHD_YES;
        }
        if (*upload_data_size) {
            const std::size_t n = *upload_data_size;
            *upload_data_size = 0;
            if (r->too_large || r->received + n > r->limit) {
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
