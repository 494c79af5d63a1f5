#pragma once
// The server's request handling below the socket: route lookup, method and content-type
// checks, body limits, JSON bounds, authentication, decoding into a Service call, and the
// mapping of every failure onto a status and {"error": {"code", "message", "field"}}.
// libmicrohttpd's callback (http_server.cpp) only moves bytes in and out and calls this;
// the fuzz harness (fuzz/fuzz_http.cpp) and tests call it without a socket.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api/routes.hpp"
#include "server/executor.hpp"
#include "server/limits.hpp"

namespace dj::server {

// What the handler reads of a request, whoever received it.
struct RequestHead {
    std::string method;
    std::string path;  // without the query
    // A request header's value ("" when absent); names compare case-insensitively.
    std::function<std::string(const char* name)> header;
    std::string source;  // the client's address, never what the client claims
};

// One answer, ready for the wire.
struct Answer {
    int status = 200;
    std::string body;
    std::string type;      // Content-Type
    int retry_after = -1;  // seconds, for a 429
};

// A request between its head and its last byte: what admit() found.
struct Pending {
    const api::Handler* handler = nullptr;
    std::string special;     // today / login / session / logout
    bool upload = false;     // the body is raw bytes, not JSON
    std::size_t limit = 0;   // the body may not be longer
    std::string account = "-";  // who asked, once known (the access log)
};

class RequestHandler {
public:
    // `internal_log` receives the real cause of an internal failure (the client never does).
    RequestHandler(Executor& executor, const Limits& limits, std::function<void(const std::string&)> internal_log);

    // First step, before the body is read: an answer when the request is refused already
    // (unknown route, wrong method or type, a declared length past the limit).
    std::optional<Answer> admit(const RequestHead& head, Pending& pending) const;

    // Last step, the whole body in: runs the request. `too_large` when the body went past
    // pending.limit (its bytes were dropped). Never throws.
    Answer answer(const RequestHead& head, Pending& pending, const std::map<std::string, std::string>& query,
                  std::string body, bool too_large);

    // Both steps for a request held whole in memory (the fuzz harness, tests).
    Answer handle(const RequestHead& head, const std::map<std::string, std::string>& query, std::string body,
                  Pending* pending_out = nullptr);

private:
    Answer run(const RequestHead& head, Pending& pending, const std::map<std::string, std::string>& query,
               std::string body);
    nlohmann::json parse_json_or_throw(std::string_view text) const;
    Actor authenticate(const RequestHead& head, Pending& pending, std::string* token_out);
    Answer current_exception() const;

    Executor& executor_;
    Limits limits_;
    std::function<void(const std::string&)> internal_log_;
};

// True when the Content-Type `value` names `want` (parameters and case ignored).
bool content_type_is(const std::string& value, std::string_view want);

}  // namespace dj::server
