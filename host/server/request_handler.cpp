#include "server/request_handler.hpp"

#include <cctype>

#include "api/errors.hpp"
#include "core/errors.hpp"
#include "server/http_server.hpp"

namespace dj::server {

using nlohmann::json;

namespace {

constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kUploadType = "application/octet-stream";
constexpr std::string_view kJsonAnswerType = "application/json; charset=utf-8";

Answer json_answer(int status, const json& j) {
    // replace: a stored value with broken UTF-8 must not turn an answer into a 500.
    return {status, j.dump(-1, ' ', false, json::error_handler_t::replace), std::string(kJsonAnswerType)};
}

Answer error_answer(const api::ErrorReply& e) {
    Answer a = json_answer(e.status, e.body);
    if (e.status == 429) a.retry_after = e.body["error"].value("retry_after", 0);
    return a;
}

}  // namespace

bool content_type_is(const std::string& value, std::string_view want) {
    std::string base = value.substr(0, value.find(';'));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    if (base.size() != want.size()) return false;
    for (std::size_t i = 0; i < base.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(base[i])) != want[i]) return false;
    return true;
}

RequestHandler::RequestHandler(Executor& executor, const Limits& limits,
                               std::function<void(const std::string&)> internal_log)
    : executor_(executor), limits_(limits), internal_log_(std::move(internal_log)) {}

std::optional<Answer> RequestHandler::admit(const RequestHead& head, Pending& r) const {
    const std::string& path = head.path;
    const bool post = head.method == "POST";
    if (head.method != "GET" && head.method != "POST")
        return error_answer(api::error_reply(405, "method_not_allowed", "不支持的请求方法"));
    bool want_get = false;
    if (auto it = api::handlers().find(path); it != api::handlers().end()) {
        r.handler = &it->second;
        want_get = r.handler->get;
        r.upload = r.handler->upload;
    } else if (path == std::string(api::kPrefix) + "today" || path == std::string(api::kPrefix) + "session") {
        r.special = path.substr(api::kPrefix.size());
        want_get = true;
    } else if (path == std::string(api::kPrefix) + "login" || path == std::string(api::kPrefix) + "logout") {
        r.special = path.substr(api::kPrefix.size());
    } else {
        return error_answer(api::error_reply(404, "not_found", "没有这个接口"));
    }
    if (want_get != !post) return error_answer(api::error_reply(405, "method_not_allowed", "不支持的请求方法"));
    if (!post) return std::nullopt;  // limit 0: a GET carries no body
    const std::string type = head.header("Content-Type");
    if (!content_type_is(type, r.upload ? kUploadType : kJsonType))
        return error_answer(api::error_reply(415, "unsupported_media_type",
                                             r.upload ? "上传内容的类型应为 application/octet-stream"
                                                      : "请求内容的类型应为 application/json"));
    r.limit = r.upload ? limits_.upload_body : limits_.json_body;
    // A submission may carry its files (base64 in the JSON): the upload limit, grown by a third.
    if (r.handler && r.handler->name == "submit") r.limit += limits_.upload_body / 3 * 4;
    const std::string length = head.header("Content-Length");
    if (!length.empty()) {
        char* end = nullptr;
        unsigned long long n = std::strtoull(length.c_str(), &end, 10);
        if (end == length.c_str() || n > r.limit) return error_answer(api::error_reply(413, "too_large", "请求内容过大"));
    }
    return std::nullopt;
}

json RequestHandler::parse_json_or_throw(std::string_view text) const {
    if (!json_depth_within(text, limits_.json_depth)) throw api::BadRequest("请求内容嵌套过深");
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw api::BadRequest("请求内容不是有效的 JSON 对象");
    return j;
}

Actor RequestHandler::authenticate(const RequestHead& head, Pending& r, std::string* token_out) {
    const std::string auth = head.header("Authorization");
    constexpr std::string_view bearer = "Bearer ";
    if (auth.size() <= bearer.size() || auth.compare(0, bearer.size(), bearer) != 0)
        throw NotAuthenticated("请先登录");
    std::string token = auth.substr(bearer.size());
    Actor actor;
    // On a reader: a session check writes only when the idle timer is due a touch (once per
    // AccountPolicy::touch_every_seconds) or the session ends, and then on the reader's own
    // connection, under SQLite's write lock. Through the writer it was a second job in
    // the writer's queue for every request.
    executor_.read([&](Service& s) { actor = s.session_actor(token, head.source); });
    r.account = actor.login.empty() ? "-" : actor.login;
    if (token_out) *token_out = std::move(token);
    return actor;
}

Answer RequestHandler::current_exception() const {
    std::string internal;
    auto e = api::error_reply(std::current_exception(), &internal);
    // The real cause stays in the server's log; the client reads only 服务器内部错误.
    if (!internal.empty() && internal_log_) internal_log_(internal);
    return error_answer(e);
}

Answer RequestHandler::answer(const RequestHead& head, Pending& r, const std::map<std::string, std::string>& query,
                              std::string body, bool too_large) {
    if (too_large) return error_answer(api::error_reply(413, "too_large", "请求内容过大"));
    try {
        return run(head, r, query, std::move(body));
    } catch (...) {
        return current_exception();
    }
}

Answer RequestHandler::run(const RequestHead& head, Pending& r, const std::map<std::string, std::string>& query,
                           std::string body) {
    if (r.special == "today") {
        Date d;
        executor_.read([&](Service& s) { d = s.today(); });
        return json_answer(200, json(d));
    }
    if (r.special == "login") {
        json j = parse_json_or_throw(body);
        LoginRequest req;
        try {
            req.login = j.value("login", "");
            req.password = j.value("password", "");
        } catch (const json::exception&) {
            throw api::BadRequest("登录请求的 login 与 password 应为文字");
        }
        req.source = head.source;
        SessionInfo info;
        // On a reader, not the writer: the argon2id check takes a good part of a second of
        // CPU and runs before any transaction; only then does login write (the failure
        // counters, the session, the audit row) in its own transaction on the reader's
        // connection, under SQLite's write lock and with synchronous=FULL like the writer.
        // In the writer it held every submission waiting behind it.
        executor_.read([&](Service& s) { info = s.login(req); });
        r.account = info.actor.login;
        return json_answer(200, json(info));
    }
    std::string token;
    Actor actor = authenticate(head, r, &token);
    if (r.special == "session") return json_answer(200, json(actor));
    if (r.special == "logout") {
        executor_.write([&](Service& s) { s.logout(token); });
        return json_answer(200, json::object());
    }
    api::Call call;
    if (r.handler->get) {
        call.query = query;
    } else if (r.handler->upload) {
        const std::string args = head.header("X-DJ-Args");
        if (!args.empty()) call.args = parse_json_or_throw(args);
        call.bytes = std::move(body);
    } else {
        call.args = parse_json_or_throw(body);
    }
    api::Reply reply;
    auto job = [&](Service& s) { reply = r.handler->invoke(s, actor, call); };
    switch (r.handler->kind) {
        case api::Kind::Read: executor_.read(job); break;
        case api::Kind::Report: executor_.report(job); break;
        case api::Kind::Write: executor_.write(job); break;
    }
    if (reply.raw) return {200, std::move(reply.bytes), std::string(kUploadType)};
    return json_answer(200, reply.value);
}

Answer RequestHandler::handle(const RequestHead& head, const std::map<std::string, std::string>& query,
                              std::string body, Pending* pending_out) {
    Pending local;
    Pending& r = pending_out ? *pending_out : local;
    if (auto refused = admit(head, r)) return *refused;
    const bool too_large = body.size() > r.limit;
    return answer(head, r, query, too_large ? std::string() : std::move(body), too_large);
}

}  // namespace dj::server
