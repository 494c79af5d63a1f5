// The server's request handling without a socket (server::RequestHandler, what the http fuzz
// harness drives): the bugs it and the review found, each stated as a request and its answer.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "api/wire.hpp"
#include "core/errors.hpp"
#include "server/executor.hpp"
#include "server/request_handler.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

struct Handled {
    test::SmallCounty county;
    server::SerialExecutor executor{LocalService::open(county.db_path)};
    std::vector<std::string> internal;  // what went to the server's log as internal failures
    server::RequestHandler handler{executor, server::Limits{}, [this](const std::string& s) { internal.push_back(s); }};

    server::Answer post(const std::string& path, const std::string& body, std::map<std::string, std::string> headers = {}) {
        headers.emplace("Content-Type", "application/json");
        server::RequestHead head;
        head.method = "POST";
        head.path = path;
        head.header = [headers](const char* name) {
            auto it = headers.find(name);
            return it == headers.end() ? std::string() : it->second;
        };
        head.source = "192.0.2.1";
        return handler.handle(head, {}, body);
    }
};

}  // namespace

TEST_CASE("a login whose login or password is not text is a bad request, not an internal error", "[http][handler]") {
    Handled h;
    for (const char* body : {R"({"login": 12, "password": "x"})", R"({"login": "admin", "password": [1]})",
                             R"({"login": null, "password": {"a": 1}})"}) {
        INFO(body);
        auto a = h.post("/api/v1/login", body);
        CHECK(a.status == 400);
        json e = json::parse(a.body)["error"];
        CHECK(e["code"] == "bad_request");
        CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("应为文字"));
    }
    CHECK(h.internal.empty());
}

TEST_CASE("an audit check naming a key file never travels: the client refuses it, the server never reads one",
          "[http][handler][audit-chain]") {
    AuditCheck named;
    named.key_path = "/etc/dangjian/other.key";
    CHECK_THROWS_WITH(json(named), Catch::Contains("密钥由服务器保管"));

    json hand_made = {{"deep", true}, {"anchor", nullptr}, {"key_path", "/etc/passwd"}};
    AuditCheck decoded = hand_made.get<AuditCheck>();
    CHECK(decoded.deep);
    CHECK_FALSE(decoded.key_path);
}
