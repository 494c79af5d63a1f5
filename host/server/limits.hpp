#pragma once
// What one request may cost the server: everything past these is refused before any work.
#include <cstddef>

namespace dj::server {

struct Limits {
    std::size_t json_body = 4u << 20;     // a JSON request body (unit scripts, form values)
    std::size_t upload_body = 50u << 20;  // an upload (attachments: the form's own cap is 50 MB)
    std::size_t url = 2048;               // path and query
    std::size_t connection_memory = 64u << 10;  // request line and headers (libmicrohttpd answers 431/414)
    int json_depth = 64;                  // nesting of arrays and objects
    unsigned connections = 256;
    unsigned connection_timeout_seconds = 30;  // idle or slow clients are dropped
    // A request waiting for its commit holds its thread (and the connections that thread
    // serves): the writer can batch at most as many submissions as there are threads, so
    // there are enough for the clients of a busy hour to share one fsync. Waiting threads cost
    // no CPU; CPU-bound work is bounded by the readers and the one writer.
    unsigned threads = 64;
};

}  // namespace dj::server
