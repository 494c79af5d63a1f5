// Harness "http": one HTTP request to the server's request handling below the socket
// (server::RequestHandler: route lookup, method and content-type checks, body limits, JSON
// bounds, authentication, wire decoding, the Service call, error mapping), over a small
// county opened once per process.
//
// Input: a request as text.
//   POST /api/v1/add_member?x=1        method and URL (path and query, %-escapes decoded)
//   Content-Type: application/json     headers until an empty line
//   Authorization: @unit1              "@LOGIN" stands for that account's live session token
//
//   {"member": …}                       the rest is the body
//
// Properties: the status is one the API documents (never 500: no user input is an internal
// failure); a JSON answer parses; an error is {"error": {"code", "message", "field"}} with a
// Chinese message that shows no SQL, no json.exception and no raw SQLite text that the
// request did not itself contain.
//
// State: writes that succeed change the county. Every kResetEvery inputs (and after an input
// that ends or changes a session or an account) the harness starts again from a copy of the
// pristine county, at a new path, and logs every account in again.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "harness.hpp"
#include "server/executor.hpp"
#include "server/request_handler.hpp"
#include "service/local_service.hpp"
#include "../tests/small_county.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace dj;

constexpr int kResetEvery = 2000;
constexpr const char* kPassword = "fuzz-password-2026";
const char* const kLogins[] = {"admin", "leader", "reviewer", "discipline", "unit1", "filler1", "gwadmin"};

// The county every run starts from: the tests' small county, with every bundled plugin on
// and every account given a password.
void make_pristine(const std::string& path) {
    auto svc = LocalService::create(path, "测试县委", "admin");
    test::fill_small_county(*svc);
    const Actor admin = svc->actor("admin");
    // Every bundled plugin on for the whole county, so the forms' routes reach the forms.
    for (const auto& p : svc->list_plugins(admin)) svc->set_plugin(admin, PluginSetting{p.id, "XW", true, "{}", false});
    for (const char* login : kLogins) {
        auto info = svc->reset_password(admin, login);
        auto first = svc->login({login, info.initial_password, "setup"});
        svc->change_password(first.actor, info.initial_password, kPassword);
    }
}

struct World {
    fs::path dir;
    std::string pristine;
    int generation = 0;
    int inputs = 0;
    std::string current;
    std::unique_ptr<server::SerialExecutor> executor;
    std::unique_ptr<server::RequestHandler> handler;
    std::map<std::string, std::string> tokens;  // login → live session token

    World() {
        // tmpfs when there is one: every authenticated request writes (the session's idle timer)
        // and a durable commit on a disk would make the harness as slow as the disk.
        char tmpl[] = "/dev/shm/dj-fuzz-http-XXXXXX";
        if (!std::filesystem::is_directory("/dev/shm")) std::strcpy(tmpl, "/tmp/dj-fuzz-http-XXXXXX");
        if (!mkdtemp(tmpl)) std::abort();
        dir = tmpl;
        // The audit key and anchors live beside the fixture, never in the user's home.
        setenv("DANGJIAN_AUDIT_KEY", (dir / "audit.key").c_str(), 1);
        pristine = (dir / "pristine.db").string();
        make_pristine(pristine);
        reset();
    }
    ~World() {
        handler.reset();
        executor.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    void reset() {
        handler.reset();
        executor.reset();
        std::error_code ec;
        if (!current.empty())
            for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(current + suffix, ec);
        // A new path each time: the same path with a shorter log is what a restored older
        // backup looks like, which the audit anchor rightly notices.
        current = (dir / ("county-" + std::to_string(++generation) + ".db")).string();
        fs::copy_file(pristine, current);
        auto svc = LocalService::open(current);
        svc->set_today(Date::from_ymd(2021, 6, 15));
        tokens.clear();
        for (const char* login : kLogins) tokens[login] = svc->login({login, kPassword, "setup"}).token;
        executor = std::make_unique<server::SerialExecutor>(std::move(svc));
        server::Limits limits;
        limits.json_body = 64u << 10;
        limits.upload_body = 256u << 10;
        handler = std::make_unique<server::RequestHandler>(*executor, limits, nullptr);
        inputs = 0;
    }
};

World& world() {
    static World w;
    return w;
}

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// As libmicrohttpd decodes a path or a query value.
std::string unescape(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (plus_is_space && s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Text the server must never show a client unless the client sent it.
const char* const kLeaks[] = {"json.exception", "[json.", "sqlite", "SQLITE", "constraint failed", "no such table",
                              "no such column", "syntax error", "INSERT INTO", "SELECT ", "UPDATE ", "DELETE FROM",
                              "PRAGMA", "database disk image", "std::", "basic_string", "stoi", "stol",
                              "bad_alloc", "out_of_range", "what()"};

const std::set<int> kStatuses = {200, 400, 401, 403, 404, 405, 409, 413, 415, 429};

}  // namespace

DJ_FUZZ_TARGET(http) {
    World& w = world();
    if (++w.inputs > kResetEvery) w.reset();
    const std::string input(reinterpret_cast<const char*>(data), size);

    // Request line, headers, body.
    std::size_t pos = input.find('\n');
    const std::string line = input.substr(0, pos);
    std::size_t sp = line.find(' ');
    server::RequestHead head;
    head.method = line.substr(0, sp);
    std::string url = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (!url.empty() && url.back() == '\r') url.pop_back();
    std::map<std::string, std::string> headers;  // lower-cased names
    std::string body;
    while (pos != std::string::npos) {
        std::size_t next = input.find('\n', pos + 1);
        std::string h = input.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        if (!h.empty() && h.back() == '\r') h.pop_back();
        if (h.empty()) {
            body = next == std::string::npos ? "" : input.substr(next + 1);
            break;
        }
        auto colon = h.find(':');
        if (colon != std::string::npos) {
            std::string value = h.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            std::string name = lower(h.substr(0, colon));
            if (name == "authorization" && !value.empty() && value.front() == '@') {
                auto t = w.tokens.find(value.substr(1));
                value = "Bearer " + (t != w.tokens.end() ? t->second : value.substr(1));
            }
            headers[name] = value;
        }
        pos = next;
    }
    const std::size_t q = url.find('?');
    head.path = unescape(url.substr(0, q), false);
    std::map<std::string, std::string> query;
    if (q != std::string::npos) {
        std::string_view rest = std::string_view(url).substr(q + 1);
        while (!rest.empty()) {
            auto amp = rest.find('&');
            std::string_view pair = rest.substr(0, amp);
            auto eq = pair.find('=');
            query[unescape(pair.substr(0, eq), true)] =
                eq == std::string_view::npos ? "" : unescape(pair.substr(eq + 1), true);
            rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        }
    }
    head.header = [&headers](const char* name) {
        auto it = headers.find(lower(name));
        return it == headers.end() ? std::string() : it->second;
    };
    head.source = "198.51.100.7";

    server::Pending pending;
    const server::Answer a = w.handler->handle(head, query, body, &pending);

    // DJ_FUZZ_HTTP_TRACE=1: each request's answer on stderr (to see what a seed reaches).
    static const bool trace = std::getenv("DJ_FUZZ_HTTP_TRACE") != nullptr;
    if (trace) std::fprintf(stderr, "%s %s -> %d %.200s\n", head.method.c_str(), head.path.c_str(), a.status, a.body.c_str());
    DJ_FUZZ_ASSERT(kStatuses.count(a.status));
    if (a.type.rfind("application/json", 0) == 0) {
        json j = json::parse(a.body, nullptr, false);
        DJ_FUZZ_ASSERT(!j.is_discarded());
        if (a.status != 200) {
            DJ_FUZZ_ASSERT(j.is_object() && j.contains("error") && j["error"].is_object());
            const json& e = j["error"];
            DJ_FUZZ_ASSERT(e.contains("code") && e["code"].is_string());
            DJ_FUZZ_ASSERT(e.contains("message") && e["message"].is_string());
            DJ_FUZZ_ASSERT(e.contains("field") && (e["field"].is_null() || e["field"].is_string()));
            const std::string message = e["message"];
            DJ_FUZZ_ASSERT(!message.empty());
            for (const char* leak : kLeaks)
                if (message.find(leak) != std::string::npos && input.find(leak) == std::string::npos)
                    throw std::logic_error("fuzz property failed: the message shows \"" + std::string(leak) +
                                           "\": " + message);
        }
    } else {
        DJ_FUZZ_ASSERT(a.status == 200);  // only an export's file is not JSON
    }

    // A session ended or an account changed: the next input starts from the pristine county.
    if (a.status == 200 && (pending.special == "logout" ||
                            (pending.handler && (pending.handler->name.find("user") != std::string::npos ||
                                                 pending.handler->name.find("password") != std::string::npos ||
                                                 pending.handler->name.find("plugin_folders") != std::string::npos))))
        w.inputs = kResetEvery;
    return 0;
}
