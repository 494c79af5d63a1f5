// A load generator for `dangjian serve` (libcurl, keep-alive, one connection per client):
// N clients submit forms for a given time, optionally M clients read a unit's indicators
// beside them; prints submissions/s, p50/p99 latency and reads/s as key=value lines for
// scripts/bench. With --acks it appends the id of every submission the server acknowledged
// (200 with an id) to a file, flushed at once: the fault script (scripts/fault) checks each
// of them is in the database after the server was killed. With --retry a client whose
// server went away waits and tries again instead of stopping.
//
// Login: bench_load --url URL --login L --password P [--new-password NP] prints a session
// token (after changing a one-time password to NP when given).
// Usage: bench_load --url URL --token TOKEN --clients N --seconds S --form ID --unit CODE
//                   --period P --values JSON [--acks FILE] [--retry] [--readers M --read-unit CODE
//                   --read-period P]
// In --values, the text {n} becomes a number unique to each request.
#include <curl/curl.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

struct Http {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    std::string body;
    explicit Http(const std::string& token) {
        headers = curl_slist_append(headers, "Content-Type: application/json");
        if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    }
    ~Http() {
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
    }
    Http(const Http&) = delete;
    Http& operator=(const Http&) = delete;
    // The HTTP status, or 0 when no answer came (connection refused or cut).
    long post(const std::string& url, const std::string& json) {
        body.clear();
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json.size()));
        return perform();
    }
    long get(const std::string& url) {
        body.clear();
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        return perform();
    }
    long perform() {
        if (curl_easy_perform(curl) != CURLE_OK) return 0;
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return status;
    }
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    std::size_t k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

// Logs in (and changes a one-time password when --new-password is given); prints the token.
int login(std::map<std::string, std::string>& opt) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    auto session = [&](const std::string& password) -> std::string {
        Http http("");
        const long status = http.post(opt["url"] + "/api/v1/login",
                                      nlohmann::json{{"login", opt["login"]}, {"password", password}}.dump());
        auto j = nlohmann::json::parse(http.body, nullptr, false);
        if (status != 200 || j.is_discarded() || !j.contains("token")) {
            std::fprintf(stderr, "bench_load: login failed (%ld): %s\n", status, http.body.c_str());
            return {};
        }
        return j["token"].get<std::string>();
    };
    std::string token = session(opt["password"]);
    if (!token.empty() && opt.count("new-password")) {
        Http http(token);
        const long status = http.post(opt["url"] + "/api/v1/change_password",
                                      nlohmann::json{{"old_password", opt["password"]}, {"new_password", opt["new-password"]}}.dump());
        if (status != 200) {
            std::fprintf(stderr, "bench_load: change_password failed (%ld): %s\n", status, http.body.c_str());
            return 1;
        }
        token = session(opt["new-password"]);
    }
    if (token.empty()) return 1;
    std::printf("%s\n", token.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> opt{{"clients", "16"}, {"seconds", "30"}, {"readers", "0"}};
    for (int i = 1; i < argc; ++i) {
        std::string key = argv[i];
        if (key.rfind("--", 0) != 0) {
            std::fprintf(stderr, "bench_load: unexpected argument %s\n", argv[i]);
            return 2;
        }
        key = key.substr(2);
        if (key == "retry") {
            opt[key] = "1";
        } else if (i + 1 < argc) {
            opt[key] = argv[++i];
        }
    }
    if (opt.count("login")) return login(opt);
    for (const char* need : {"url", "token", "form", "unit", "period", "values"})
        if (!opt.count(need)) {
            std::fprintf(stderr, "bench_load: --%s is required\n", need);
            return 2;
        }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    const std::string url = opt["url"];
    const int clients = std::stoi(opt["clients"]);
    const int readers = std::stoi(opt["readers"]);
    const bool retry = opt.count("retry") > 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(std::stod(opt["seconds"]));
    FILE* acks = opt.count("acks") ? std::fopen(opt["acks"].c_str(), "a") : nullptr;
    std::mutex mutex;
    std::vector<double> latencies, read_latencies;
    std::map<long, long> failures;  // status (0: no answer) -> count
    std::atomic<long> counter{0}, reads{0};
    std::string first_error;

    auto running = [&] { return !g_stop && std::chrono::steady_clock::now() < deadline; };
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t)
        threads.emplace_back([&] {
            Http http(opt["token"]);
            std::vector<double> mine;
            std::map<long, long> failed;
            while (running()) {
                const long n = ++counter;
                nlohmann::json request{{"form_id", opt["form"]},
                                       {"unit_code", opt["unit"]},
                                       {"period", opt["period"]},
                                       {"member_id", nullptr},
                                       {"submission_id", nullptr},
                                       {"values_json", replace_all(opt["values"], "{n}", std::to_string(n))},
                                       {"draft", false},
                                       {"attachments", nlohmann::json::array()}};
                const std::string body = nlohmann::json{{"request", request}}.dump();
                const auto t0 = std::chrono::steady_clock::now();
                const long status = http.post(url + "/api/v1/submit", body);
                const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                if (status == 200) {
                    auto answer = nlohmann::json::parse(http.body, nullptr, false);
                    if (!answer.is_discarded() && answer.contains("id")) {
                        mine.push_back(ms);
                        if (acks) {
                            std::lock_guard lock(mutex);
                            std::fprintf(acks, "%lld\n", answer["id"].get<long long>());
                            std::fflush(acks);
                        }
                        continue;
                    }
                }
                ++failed[status];
                {
                    std::lock_guard lock(mutex);
                    if (first_error.empty() && status != 0) first_error = std::to_string(status) + " " + http.body.substr(0, 300);
                }
                if (status == 0 && !retry) break;
                if (status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));  // server restarting
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
            for (auto [s, c] : failed) failures[s] += c;
        });
    for (int t = 0; t < readers; ++t)
        threads.emplace_back([&] {
            Http http(opt["token"]);
            std::vector<double> mine;
            while (running()) {
                const auto t0 = std::chrono::steady_clock::now();
                const long status = http.post(url + "/api/v1/indicator_values",
                                              nlohmann::json{{"query", {{"period", opt["read-period"]},
                                                                        {"unit_code", opt["read-unit"]},
                                                                        {"indicator_id", nullptr},
                                                                        {"subtree", true}}}}
                                                  .dump());
                if (status == 200) {
                    ++reads;
                    mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                } else {
                    std::lock_guard lock(mutex);
                    ++failures[-status];  // negative: a read
                    if (first_error.empty()) first_error = "read " + std::to_string(status) + " " + http.body.substr(0, 300);
                    if (status == 0 && !retry) break;
                }
            }
            std::lock_guard lock(mutex);
            read_latencies.insert(read_latencies.end(), mine.begin(), mine.end());
        });
    for (auto& t : threads) t.join();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (acks) std::fclose(acks);

    const std::size_t ok = latencies.size();
    std::printf("clients=%d readers=%d seconds=%.1f submissions=%zu per_second=%.1f p50_ms=%.2f p99_ms=%.2f reads=%ld "
                "reads_per_second=%.1f read_p50_ms=%.2f",
                clients, readers, secs, ok, ok / secs, percentile(latencies, 0.50), percentile(latencies, 0.99), reads.load(),
                reads.load() / secs, percentile(read_latencies, 0.50));
    long failed_total = 0;
    for (auto [s, c] : failures) failed_total += c;
    std::printf(" failed=%ld\n", failed_total);
    for (auto [s, c] : failures) std::fprintf(stderr, "bench_load: %ld answers with status %ld\n", c, s);
    if (!first_error.empty()) std::fprintf(stderr, "bench_load: first error: %s\n", first_error.c_str());
    curl_global_cleanup();
    return 0;
}
