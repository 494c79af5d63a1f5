#include "api/errors.hpp"

#include "api/routes.hpp"
#include "core/errors.hpp"
#include "service/service.hpp"

namespace dj::api {

using nlohmann::json;

namespace {

ErrorReply make(int status, const std::string& code, const std::string& message, json extra = json::object()) {
    json error = {{"code", code}, {"message", message}, {"field", nullptr}};
    for (auto& [k, v] : extra.items()) error[k] = v;
    return {status, json{{"error", error}}};
}

}  // namespace

ErrorReply error_reply(int status, std::string code, std::string message) { return make(status, code, message); }

ErrorReply error_reply(std::exception_ptr e, std::string* internal) {
    try {
        std::rethrow_exception(e);
    } catch (const ValidationFailed& v) {
        json issues = json::array();
        for (const auto& i : v.issues()) issues.push_back({{"field", i.field}, {"message", i.message}});
        return make(400, "validation", v.what(),
                    {{"field", v.issues().empty() ? json(nullptr) : json(v.issues().front().field)},
                     {"issues", issues}});
    } catch (const BadRequest& x) {
        return make(400, "bad_request", x.what(), {{"field", x.field().empty() ? json(nullptr) : json(x.field())}});
    } catch (const NotAuthenticated& x) {
        return make(401, "not_authenticated", x.what());
    } catch (const AccessDenied& x) {
        return make(403, "access_denied", x.what());
    } catch (const NotFound& x) {
        return make(404, "not_found", x.what());
    } catch (const Conflict& x) {
        return make(409, "conflict", x.what());
    } catch (const Throttled& x) {
        return make(429, "throttled", x.what(), {{"retry_after", x.retry_after()}});
    } catch (const DatabaseVersionError& x) {
        return make(500, "database_version", x.what());
    } catch (const UserError& x) {
        return make(400, "invalid", x.what());
    } catch (const std::exception& x) {
        if (internal) *internal = x.what();
        return make(500, "internal", "服务器内部错误，请联系管理员查看服务器日志");
    } catch (...) {
        if (internal) *internal = "unknown exception";
        return make(500, "internal", "服务器内部错误，请联系管理员查看服务器日志");
    }
}

void rethrow(int status, const json& body) {
    const json* err = body.is_object() && body.contains("error") ? &body["error"] : nullptr;
    if (!err || !err->is_object() || !err->contains("message") || !(*err)["message"].is_string())
        throw std::runtime_error("服务器返回了无法识别的错误（HTTP " + std::to_string(status) + "）");
    const std::string code = err->value("code", "");
    const std::string message = (*err)["message"];
    if (code == "validation") {
        std::vector<FieldIssue> issues;
        if (err->contains("issues") && (*err)["issues"].is_array())
            for (const auto& i : (*err)["issues"])
                issues.push_back({i.value("field", ""), i.value("message", "")});
        throw ValidationFailed(std::move(issues));
    }
    if (code == "not_authenticated") throw NotAuthenticated(message);
    if (code == "access_denied") throw AccessDenied(message);
    if (code == "not_found") throw NotFound(message);
    if (code == "conflict") throw Conflict(message);
    if (code == "throttled") throw Throttled(message, err->value("retry_after", 0));
    if (code == "database_version") throw DatabaseVersionError(message);
    if (status >= 400 && status < 500) throw UserError(message);
    throw std::runtime_error(message);
}

}  // namespace dj::api
