#pragma once
// One real server per test file on an ephemeral loopback port, over a SmallCounty of its
// own, and a raw HTTP client for what RemoteService would never send (bad types, huge bodies).
#include <curl/curl.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "remote/remote_service.hpp"
#include "server/http_server.hpp"
#include "support.hpp"

namespace dj::test {

struct ServedCounty {
    SmallCounty county;  // the test's own connection to the served file
    std::unique_ptr<server::SerialExecutor> executor;
    std::unique_ptr<server::HttpServer> http;
    std::string url;
    std::mutex log_mu;
    std::vector<std::string> log;

    // `setup` adjusts the server's own LocalService before it starts (a test clock).
    explicit ServedCounty(const std::function<void(LocalService&)>& setup = {}) {
        auto served = LocalService::open(county.db_path);
        served->set_today(county.svc->today());
        if (setup) setup(*served);
        executor = std::make_unique<server::SerialExecutor>(std::move(served));
        server::ServerOptions o;
        o.listen = "127.0.0.1:0";
        o.limits.json_body = 64u << 10;
        o.limits.upload_body = 256u << 10;
        o.limits.threads = 2;
        o.access_log = [this](const std::string& line) {
            std::lock_guard lock(log_mu);
            log.push_back(line);
        };
        http = std::make_unique<server::HttpServer>(*executor, o);
        url = "http://127.0.0.1:" + std::to_string(http->port());
    }

    std::string last_log() {
        std::lock_guard lock(log_mu);
        return log.empty() ? "" : log.back();
    }
};

struct RawAnswer {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // names lower-cased
};

inline size_t raw_body(char* d, size_t s, size_t n, void* out) {
    static_cast<std::string*>(out)->append(d, s * n);
    return s * n;
}

inline size_t raw_header(char* d, size_t s, size_t n, void* out) {
    std::string line(d, s * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
    }
    return s * n;
}

// One request as given: no checks, no retries. `body` empty and method GET: no body.
inline RawAnswer raw_request(const std::string& url, const std::string& method, const std::string& body = {},
                             const std::vector<std::string>& headers = {}) {
    CURL* c = curl_easy_init();
    RawAnswer a;
    curl_slist* h = nullptr;
    for (const auto& x : headers) h = curl_slist_append(h, x.c_str());
    h = curl_slist_append(h, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &raw_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &raw_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &a.headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return a;
}

}  // namespace dj::test
