#pragma once
// `dangjian serve`: the HTTP/JSON API over libmicrohttpd (its own thread pool). Each
// request is checked against the limits, authenticated by its bearer token, routed through
// api::handlers() and run on the Executor; one access-log line is written per request.
#include <functional>
#include <memory>
#include <string>

#include "server/executor.hpp"
#include "server/limits.hpp"

namespace dj::server {

struct ServerOptions {
    std::string listen = "127.0.0.1:8443";  // IPv4 ADDR:PORT; port 0 picks a free one
    std::string tls_cert_pem;               // both set: HTTPS
    std::string tls_key_pem;
    bool insecure_http = false;  // plain HTTP on a non-loopback address: only when asked for
    Limits limits;
    // One line per request (time, account, method, route, status, ms); stderr when unset.
    std::function<void(const std::string&)> access_log;
};

class HttpServer {
public:
    // Starts answering. UserError when the address is refused (not loopback without TLS or
    // --insecure-http) or cannot be bound.
    HttpServer(Executor& executor, ServerOptions options);
    ~HttpServer();  // stops, waiting for requests in flight
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// True when `text` nests arrays and objects no deeper than `max_depth` (strings skipped).
bool json_depth_within(std::string_view text, int max_depth);

}  // namespace dj::server
