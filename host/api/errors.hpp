#pragma once
// Failures on the wire: the server turns an exception into a status and
// {"error": {"code", "message", "field"}}; the client turns that back into the same C++
// exception class with the same Chinese message, so a front-end cannot tell remote from local.
// An internal failure (a bug, SQL) is never described to the client: it reads 服务器内部错误.
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

namespace dj::api {

struct ErrorReply {
    int status = 500;
    nlohmann::json body;
};

// The answer for the exception in flight (call inside a catch block). `internal` receives
// the real message of an internal failure, for the server's own log.
ErrorReply error_reply(std::exception_ptr e, std::string* internal = nullptr);

// An error of the server's own making (limits, malformed requests).
ErrorReply error_reply(int status, std::string code, std::string message);

// Throws what `error_reply` encoded. Unknown shapes become a plain internal error.
[[noreturn]] void rethrow(int status, const nlohmann::json& body);

}  // namespace dj::api
