// The HTTP API without a session: the route table against the Service interface, the error
// codec, and the server's refusals (limits, types, methods, tokens), each answered in
// Chinese with nothing written. One server for the whole file.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>

#include "api/errors.hpp"
#include "api/routes.hpp"
#include "http_support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

test::ServedCounty& served() {
    static test::ServedCounty s;
    return s;
}

std::string endpoint(const std::string& op) { return served().url + std::string(api::kPrefix) + op; }

json error_of(const test::RawAnswer& a) {
    json j = json::parse(a.body, nullptr, false);
    REQUIRE(j.is_object());
    REQUIRE(j.contains("error"));
    return j["error"];
}

}  // namespace

TEST_CASE("every operation of the Service interface has a route", "[http]") {
    std::ifstream in(std::string(DJ_SOURCE_DIR) + "/host/service/service.hpp");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto cls = text.find("class Service {");
    REQUIRE(cls != std::string::npos);
    text = text.substr(cls);
    // "virtual <type> name(" across line breaks; the destructor is not an operation.
    std::regex decl(R"(virtual\s+[^;{]*?\b([a-z_][a-z0-9_]*)\s*\()");
    std::set<std::string> declared;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), decl); it != std::sregex_iterator(); ++it)
        declared.insert((*it)[1]);
    CHECK(declared.size() > 60);
    auto names = api::route_names();
    std::set<std::string> routed(names.begin(), names.end());
    CHECK(routed.size() == names.size());  // no operation declared twice
    for (const auto& op : declared) {
        INFO("operation without a route: " << op);
        CHECK(routed.count(op));
    }
    for (const auto& r : routed) {
        INFO("route without an operation: " << r);
        CHECK(declared.count(r));
    }
}

TEST_CASE("reads with plain arguments are GETs while names and filters travel in bodies", "[http]") {
    const auto& h = api::handlers();
    CHECK(h.at("/api/v1/org_node").get);
    CHECK(h.at("/api/v1/member").get);
    CHECK_FALSE(h.at("/api/v1/list_members").get);  // a name filter is personal data
    CHECK_FALSE(h.at("/api/v1/add_member").get);
    CHECK(h.at("/api/v1/add_attachment").upload);
    CHECK(h.at("/api/v1/import_members").upload);
    CHECK(h.at("/api/v1/import_records").upload);
    // Reports compute on a read snapshot (storing what they recomputed only when the write lock
    // is free) on the report lane; bringing every marked value current goes through the writer.
    CHECK(h.at("/api/v1/indicator_values").kind == api::Kind::Report);
    CHECK(h.at("/api/v1/refresh_indicators").kind == api::Kind::Write);
    CHECK(h.at("/api/v1/assess").kind == api::Kind::Report);
    CHECK(h.at("/api/v1/dashboard").get);
    CHECK(h.at("/api/v1/org_tree").kind == api::Kind::Read);
}

TEST_CASE("an error crosses the wire as the same class with the same message", "[http]") {
    auto round_trip = [](auto thrown) {
        api::ErrorReply e;
        try {
            throw thrown;
        } catch (...) {
            e = api::error_reply(std::current_exception());
        }
        try {
            api::rethrow(e.status, json::parse(e.body.dump()));
        } catch (const decltype(thrown)& back) {
            CHECK(std::string(back.what()) == thrown.what());
            return e.status;
        }
        FAIL("another class came back");
        return 0;
    };
    CHECK(round_trip(NotFound("组织「X」不存在")) == 404);
    CHECK(round_trip(AccessDenied("超出管辖范围")) == 403);
    CHECK(round_trip(NotAuthenticated("请先登录")) == 401);
    CHECK(round_trip(Conflict("登录名已被使用")) == 409);
    CHECK(round_trip(UserError("日期不正确")) == 400);
    CHECK(round_trip(Throttled("稍后再试", 30)) == 429);
    CHECK(round_trip(ValidationFailed(std::vector<FieldIssue>{{"count", "不能为负数"}, {"date", "日期不正确"}})) == 400);

    api::ErrorReply v;
    try {
        throw ValidationFailed(std::vector<FieldIssue>{{"count", "不能为负数"}});
    } catch (...) {
        v = api::error_reply(std::current_exception());
    }
    CHECK(v.body["error"]["field"] == "count");
    try {
        api::rethrow(v.status, v.body);
    } catch (const ValidationFailed& back) {
        REQUIRE(back.issues().size() == 1);
        CHECK(back.issues()[0].field == "count");
        CHECK(back.issues()[0].message == "不能为负数");
    }
    try {
        throw Throttled("稍后再试", 30);
    } catch (...) {
        v = api::error_reply(std::current_exception());
    }
    try {
        api::rethrow(v.status, v.body);
    } catch (const Throttled& back) {
        CHECK(back.retry_after() == 30);
    }
}

TEST_CASE("an internal failure is never described to the client", "[http]") {
    std::string internal;
    api::ErrorReply e;
    try {
        throw std::runtime_error("no such table: member_secret at SELECT * FROM member_secret");
    } catch (...) {
        e = api::error_reply(std::current_exception(), &internal);
    }
    CHECK(e.status == 500);
    CHECK(e.body.dump().find("SELECT") == std::string::npos);
    CHECK(e.body.dump().find("member_secret") == std::string::npos);
    CHECK(internal.find("member_secret") != std::string::npos);  // for the server's log only
}

TEST_CASE("JSON nesting is bounded before parsing", "[http]") {
    CHECK(server::json_depth_within(R"({"a":[1,{"b":2}]})", 3));
    CHECK_FALSE(server::json_depth_within(R"({"a":[1,{"b":2}]})", 2));
    CHECK(server::json_depth_within(R"({"a":"[[[[[[[[[[[["})", 1));  // brackets in strings do not count
    CHECK(server::json_depth_within(R"({"a":"\"[[[["})", 1));
}

TEST_CASE("without a token or with a wrong one every operation answers 401", "[http]") {
    auto& s = served();
    auto a = test::raw_request(endpoint("list_users"), "GET");
    CHECK(a.status == 401);
    CHECK(error_of(a)["code"] == "not_authenticated");
    CHECK(s.last_log().find(" - GET /api/v1/list_users 401 ") != std::string::npos);

    auto b = test::raw_request(endpoint("org_tree"), "GET", {}, {"Authorization: Bearer 00ff00ff"});
    CHECK(b.status == 401);

    remote::RemoteService client({s.url, "", "not-a-token"});
    CHECK_THROWS_AS(client.list_users(Actor{}), NotAuthenticated);
    CHECK_THROWS_AS(client.add_member(Actor{}, MemberInput{}), NotAuthenticated);
    CHECK(s.county.member_count() == 3);
}

TEST_CASE("answers carry security headers and no CORS permission", "[http]") {
    auto a = test::raw_request(endpoint("list_users"), "GET", {}, {"Origin: https://evil.example"});
    CHECK(a.headers["x-content-type-options"] == "nosniff");
    CHECK(a.headers["cache-control"] == "no-store");
    CHECK(a.headers["x-frame-options"] == "DENY");
    CHECK(a.headers.count("access-control-allow-origin") == 0);
    CHECK(a.headers["content-type"].rfind("application/json", 0) == 0);
}

TEST_CASE("unknown routes and wrong methods or content types are refused in Chinese", "[http]") {
    auto nf = test::raw_request(endpoint("drop_everything"), "GET");
    CHECK(nf.status == 404);
    CHECK(error_of(nf)["message"] == "没有这个接口");

    auto wrong_method = test::raw_request(endpoint("add_member"), "GET");
    CHECK(wrong_method.status == 405);
    auto wrong_method2 = test::raw_request(endpoint("org_tree"), "POST", "{}", {"Content-Type: application/json"});
    CHECK(wrong_method2.status == 405);
    auto del = test::raw_request(endpoint("org_tree"), "DELETE");
    CHECK(del.status == 405);

    auto form = test::raw_request(endpoint("add_member"), "POST", "name=x", {"Content-Type: application/x-www-form-urlencoded"});
    CHECK(form.status == 415);
    CHECK(error_of(form)["message"] == "请求内容的类型应为 application/json");
    auto no_type = test::raw_request(endpoint("login"), "POST", R"({"login":"admin","password":"x"})", {"Content-Type:"});
    CHECK(no_type.status == 415);
    auto json_upload = test::raw_request(endpoint("add_attachment"), "POST", "{}", {"Content-Type: application/json"});
    CHECK(json_upload.status == 415);
}

TEST_CASE("an oversized body is refused with 413 and nothing is written", "[http]") {
    auto& s = served();
    const auto audits = s.county.audit_count();
    std::string big = R"({"login":"admin","password":")" + std::string(200u << 10, 'x') + "\"}";
    auto a = test::raw_request(endpoint("login"), "POST", big, {"Content-Type: application/json"});
    CHECK(a.status == 413);
    CHECK(error_of(a)["code"] == "too_large");
    std::string upload(300u << 10, 'x');
    auto b = test::raw_request(endpoint("add_attachment"), "POST", upload, {"Content-Type: application/octet-stream"});
    CHECK(b.status == 413);
    // Without a Content-Length (chunked), the limit still holds while reading.
    auto c = test::raw_request(endpoint("login"), "POST", big,
                               {"Content-Type: application/json", "Transfer-Encoding: chunked"});
    CHECK(c.status == 413);
    CHECK(s.county.audit_count() == audits);
    CHECK(s.county.member_count() == 3);
}

TEST_CASE("malformed or too deeply nested JSON is refused with 400", "[http]") {
    auto& s = served();
    const auto audits = s.county.audit_count();
    auto a = test::raw_request(endpoint("login"), "POST", R"({"login": "admin", )", {"Content-Type: application/json"});
    CHECK(a.status == 400);
    CHECK(error_of(a)["code"] == "bad_request");
    std::string deep = R"({"login":)" + std::string(100, '[') + std::string(100, ']') + "}";
    auto b = test::raw_request(endpoint("login"), "POST", deep, {"Content-Type: application/json"});
    CHECK(b.status == 400);
    CHECK(error_of(b)["message"] == "请求内容嵌套过深");
    auto c = test::raw_request(endpoint("login"), "POST", "[1,2]", {"Content-Type: application/json"});
    CHECK(c.status == 400);
    CHECK(s.county.audit_count() == audits);
}

TEST_CASE("without TLS the server listens on loopback only unless told otherwise", "[http]") {
    server::SerialExecutor ex(LocalService::open(served().county.db_path));
    server::ServerOptions o;
    o.listen = "0.0.0.0:0";
    CHECK_THROWS_AS(server::HttpServer(ex, o), UserError);
    o.insecure_http = true;
    server::HttpServer open_server(ex, o);
    CHECK(open_server.port() > 0);
    o.listen = "localhost:0";
    o.insecure_http = false;
    server::HttpServer local_server(ex, o);
    CHECK(local_server.port() > 0);
    o.listen = "nonsense";
    CHECK_THROWS_AS(server::HttpServer(ex, o), UserError);
}

TEST_CASE("the server's date is the client's today", "[http]") {
    remote::RemoteService client({served().url, "", ""});
    CHECK(client.today() == Date::from_ymd(2021, 6, 15));
}

TEST_CASE("over TLS the client checks the server's certificate against the county's CA", "[http]") {
    test::TempDir dir;
    const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
    const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                             "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert +
                             " >/dev/null 2>&1";
    if (std::system(make.c_str()) != 0) {
        WARN("openssl is not installed: the TLS test cannot make a certificate");
        return;
    }
    server::SerialExecutor ex(LocalService::open(served().county.db_path));
    server::ServerOptions o;
    o.listen = "127.0.0.1:0";
    o.tls_cert_pem = test::read_text_file(cert);
    o.tls_key_pem = test::read_text_file(key);
    o.access_log = [](const std::string&) {};
    server::HttpServer https(ex, o);
    const std::string url = "https://127.0.0.1:" + std::to_string(https.port());
    remote::RemoteService trusted({url, cert, ""});
    CHECK_NOTHROW(trusted.today());
    CHECK_THROWS_AS(trusted.list_users(Actor{}), NotAuthenticated);  // the answer came through
    remote::RemoteService untrusting({url, "", ""});
    CHECK_THROWS_WITH(untrusting.today(), Catch::Contains("无法连接服务器"));
    // Said so that the 登录 window's reader knows what to do (高级 › 根证书文件).
    CHECK_THROWS_WITH(untrusting.today(), Catch::Contains("服务器的证书不受信任"));
    remote::RemoteService plain({"http://127.0.0.1:" + std::to_string(https.port()), "", ""});
    CHECK_THROWS(plain.today());
}

TEST_CASE("a server that does not answer is said in words a user can act on", "[http]") {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    remote::RemoteService down({"http://127.0.0.1:1", "", ""});
    CHECK_THROWS_AS(down.today(), UserError);
    CHECK_THROWS_WITH(down.today(), Catch::StartsWith("无法连接服务器「http://127.0.0.1:1」：服务器没有响应"));
    remote::RemoteService bad_ca({"https://127.0.0.1:1", "/nonexistent/ca.pem", ""});
    CHECK_THROWS_AS(bad_ca.today(), UserError);
}
