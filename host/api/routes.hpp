#pragma once
// The HTTP API's one route table, shared by the server (which decodes a request's
// arguments, calls the Service and encodes the answer) and the remote client (which encodes
// the arguments and decodes the answer through the same entry). Every Service operation is
// declared once below: its name (the path is /api/v1/<name>), whether it reads or writes,
// and its argument names in order. Everything else is derived:
//   - GET when it only reads and every argument is a plain value (a code, an id, a date):
//     the arguments travel in the query string. No personal data is ever one of those;
//     names, filters, passwords and form values travel in POST bodies.
//   - an argument named "@…" is the raw request body (uploads: CSV, attachments); the
//     route's other arguments then travel as JSON in the X-DJ-Args header.
//   - a std::string result (the exports' file bytes) is the raw response body.
// The acting user is never an argument: the server takes it from the session token.
#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "api/wire.hpp"
#include "api/wire_fields.hpp"
#include "service/service.hpp"

namespace dj::api {

// Read: may run beside other reads on a read connection. Report: a read that computes
// (indicators, assessment, exports): the same, on the server's lower-priority report lane.
// Write: goes through the one writer. Reports that fill the indicator cache compute on their
// read snapshot and store only when the write lock is free (IndicatorEngine::current).
enum class Kind { Read, Report, Write };

//   op, kind, argument names (after the Actor)
#define DJ_SERVICE_ROUTES(X)                                                        \
    X(list_users, Read)                                                             \
    X(create_user, Write, "user")                                                   \
    X(change_user, Write, "login", "change")                                        \
    X(set_user_enabled, Write, "login", "enabled")                                  \
    X(unlock_user, Write, "login")                                                  \
    X(reset_password, Write, "login")                                               \
    X(change_password, Write, "old_password", "new_password")                       \
    X(org_tree, Read, "at")                                                         \
    X(org_node, Read, "code", "at")                                                 \
    X(org_history, Read, "code")                                                    \
    X(create_org, Write, "org")                                                     \
    X(change_org, Write, "code", "change")                                          \
    X(close_org, Write, "code", "effective")                                        \
    X(overview, Read)                                                               \
    X(list_members, Read, "unit_code", "filter")                                    \
    X(member, Read, "id", "on")                                                     \
    X(add_member, Write, "input")                                                   \
    X(update_member, Write, "id", "input")                                          \
    X(remove_member, Write, "id", "on", "reason")                                   \
    X(import_members, Write, "@csv")                                                \
    X(audit_log, Read, "filter")                                                    \
    X(audit_verify, Report, "check")                                                  \
    X(audit_anchor, Read)                                                           \
    X(list_plugins, Read)                                                           \
    X(member_flags, Read)                                                           \
    X(reload_plugins, Write, "plugin_id")                                           \
    X(plugin_folders, Read)                                                         \
    X(set_plugin_folders, Write, "folders")                                         \
    X(set_plugin, Write, "setting")                                                 \
    X(effective_plugins, Read, "unit_code")                                         \
    X(save_unit_script, Write, "unit_code", "name", "source", "note")               \
    X(unit_scripts, Read, "unit_code", "all_versions")                              \
    X(unit_script, Read, "unit_code", "name", "version")                            \
    X(test_unit_script, Read, "unit_code", "name", "source")                        \
    X(list_forms, Read, "unit_code")                                                \
    X(form, Read, "form_id")                                                        \
    X(check_form, Read, "request")                                                  \
    X(preview_form, Read, "request")                                                \
    X(draft_form, Read, "request")                                                  \
    X(submit, Write, "request")                                                     \
    X(approve, Write, "submission_id", "comment")                                   \
    X(return_submission, Write, "submission_id", "comment")                         \
    X(withdraw, Write, "submission_id")                                             \
    X(todo, Read)                                                                   \
    X(submission, Read, "submission_id")                                            \
    X(list_submissions, Read, "filter")                                             \
    X(reopen, Write, "request")                                                     \
    X(completeness, Report, "form_id", "period", "unit_code")                         \
    X(add_attachment, Write, "unit_code", "name", "@bytes")                         \
    X(export_submissions, Report, "filter", "format")                                 \
    X(list_indicators, Read, "unit_code")                                           \
    X(indicator_values, Report, "query")                                            \
    /* brings every marked value current: the writer's */                          \
    X(refresh_indicators, Write)                                                    \
    X(reminders, Report, "date", "unit_code")                                       \
    X(assess, Report, "year", "unit_code")                                          \
    X(export_assessment, Report, "year", "unit_code")                               \
    X(evaluate, Write, "submission_id", "rating", "comment", "issues")              \
    X(evaluation, Read, "submission_id")                                            \
    X(rectifications, Read, "filter")                                               \
    X(add_rectification, Write, "item")                                             \
    X(update_rectification, Write, "id", "update")                                  \
    X(generate_rectifications, Write, "year", "unit_code")                          \
    X(export_members, Read, "request")                                              \
    X(export_audit, Read, "filter")                                                 \
    X(export_rectifications, Read, "filter")                                        \
    X(export_indicators, Report, "request")                                          \
    X(import_records, Write, "form_id", "unit_code", "@xlsx")                       \
    X(dashboard, Report, "year", "unit_code")                                        \
    X(send_notice, Write, "notice")                                                 \
    X(notices, Read, "filter")                                                      \
    X(notice, Read, "notice_id")                                                    \
    X(read_notice, Write, "notice_id")                                              \
    X(notice_receipts, Read, "notice_id")                                           \
    X(remind_draft, Read, "form_id", "period", "unit_code")                          \
    X(attachment, Read, "id")                                                       \
    X(attachment_chunk, Read, "id", "offset")                                      \
    X(print_submission, Read, "submission_id")                                      \
    X(print_assessment, Report, "year", "unit_code")                                 \
    X(print_rectifications, Read, "filter")

// The operations that take no Actor, each with its own hand-written route on both sides:
// today (GET), login (POST: the password in the body; the source address is the server's
// to know), session_actor (GET /api/v1/session: the token's actor) and logout (POST).
#define DJ_SESSION_ROUTES(X) X(today) X(login) X(session_actor) X(logout)

inline constexpr std::string_view kPrefix = "/api/v1/";

// One request as a route sees it, on either side of the wire.
struct Call {
    nlohmann::json args = nlohmann::json::object();  // named arguments (POST body)
    std::map<std::string, std::string> query;         // named arguments (GET query)
    std::string bytes;                                // an upload route's raw body
};

// One answer: JSON, or (exports) raw file bytes.
struct Reply {
    bool raw = false;
    nlohmann::json value;
    std::string bytes;
};

// --- Argument types ----------------------------------------------------------------------

template <class T>
struct stored { using type = std::remove_cvref_t<T>; };
template <>
struct stored<std::string_view> { using type = std::string; };
template <class T>
using stored_t = typename stored<T>::type;

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type { using inner = T; };

// A value that travels as a query parameter: a string, a date, a number or a flag.
template <class T>
constexpr bool is_plain() {
    if constexpr (is_optional<T>::value) return is_plain<typename is_optional<T>::inner>();
    else return std::is_same_v<T, std::string> || std::is_same_v<T, Date> || std::is_arithmetic_v<T>;
}
// In the query string a string or a date is the text itself; a number or flag is its JSON.
template <class T>
constexpr bool is_text() {
    if constexpr (is_optional<T>::value) return is_text<typename is_optional<T>::inner>();
    else return std::is_same_v<T, std::string> || std::is_same_v<T, Date>;
}

// A malformed request: HTTP 400 with this message.
class BadRequest : public UserError {
public:
    explicit BadRequest(const std::string& message, std::string field = {})
        : UserError(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }  // the request field at fault, if one

private:
    std::string field_;
};

template <class T>
T decode_arg(const Call& c, std::string_view name) {
    if (name.front() == '@') {
        if constexpr (std::is_same_v<T, std::string>) return c.bytes;
        else throw BadRequest("请求格式不正确");
    }
    const std::string key(name);
    nlohmann::json j;
    if (auto it = c.args.find(key); it != c.args.end()) j = *it;
    else if (auto q = c.query.find(key); q != c.query.end()) {
        if constexpr (is_text<T>()) j = q->second;
        else {
            j = nlohmann::json::parse(q->second, nullptr, false);
            if (j.is_discarded()) throw BadRequest("参数「" + key + "」格式不正确");
        }
    } else if constexpr (is_optional<T>::value) {
        return std::nullopt;
    } else {
        throw BadRequest("缺少参数「" + key + "」");
    }
    try {
        return j.get<T>();
    } catch (const wire::WireFieldError& e) {
        const std::string field = e.field().empty() ? key : key + "." + e.field();
        throw BadRequest("参数「" + field + "」" + e.problem(), field);
    } catch (const nlohmann::json::exception&) {
        throw BadRequest("参数「" + key + "」格式不正确", key);
    }
}

template <class T>
void encode_arg(Call& c, std::string_view name, const T& v) {
    if (name.front() == '@') {
        if constexpr (std::is_convertible_v<T, std::string_view>) c.bytes = std::string(std::string_view(v));
        return;
    }
    c.args[std::string(name)] = stored_t<T>(v);
}

// --- Operations ----------------------------------------------------------------------------

template <class R, class... A>
struct Signature {
    using Result = R;
    using Args = std::tuple<stored_t<A>...>;
    static constexpr std::size_t arity = sizeof...(A);
    static constexpr bool plain_args = (is_plain<stored_t<A>>() && ...);
    static constexpr bool raw_result = std::is_same_v<R, std::string>;

    template <auto M, std::size_t... I>
    static Reply invoke(Service& s, const Actor& who, const Call& c, const std::string_view* names,
                        std::index_sequence<I...>) {
        Args args{decode_arg<std::tuple_element_t<I, Args>>(c, names[I])...};
        Reply reply;
        if constexpr (std::is_void_v<R>) {
            (s.*M)(who, std::get<I>(args)...);
            reply.value = nlohmann::json::object();
        } else if constexpr (raw_result) {
            reply.raw = true;
            reply.bytes = (s.*M)(who, std::get<I>(args)...);
        } else {
            reply.value = (s.*M)(who, std::get<I>(args)...);
        }
        return reply;
    }
};

template <class R, class... A>
Signature<R, A...> signature_of(R (Service::*)(const Actor&, A...));

template <auto M>
using signature_t = decltype(signature_of(M));

// Route<&Service::op>: the declaration above, as types and constants.
template <auto M>
struct Route;

#define DJ_ROUTE_SPEC(op, kind_, ...)                                                          \
    template <>                                                                                \
    struct Route<&Service::op> {                                                               \
        static constexpr std::string_view name = #op;                                          \
        static constexpr Kind kind = Kind::kind_;                                              \
        static constexpr std::string_view names[] = {"" __VA_OPT__(, ) __VA_ARGS__};          \
        static constexpr const std::string_view* args = names + 1;                             \
        static constexpr std::size_t arity = std::size(names) - 1;                             \
        static_assert(arity == signature_t<&Service::op>::arity, #op ": one name per argument"); \
    };
DJ_SERVICE_ROUTES(DJ_ROUTE_SPEC)
#undef DJ_ROUTE_SPEC

template <auto M>
constexpr bool has_upload() {
    for (std::size_t i = 0; i < Route<M>::arity; ++i)
        if (Route<M>::args[i].front() == '@') return true;
    return false;
}

// GET (true) or POST (false).
template <auto M>
constexpr bool is_get() {
    return Route<M>::kind != Kind::Write && signature_t<M>::plain_args && !has_upload<M>();
}

template <auto M>
std::string path_of() {
    return std::string(kPrefix) + std::string(Route<M>::name);
}

// The server's side of a route: decode, call, encode.
template <auto M>
Reply invoke(Service& s, const Actor& who, const Call& c) {
    using S = signature_t<M>;
    return S::template invoke<M>(s, who, c, Route<M>::args, std::make_index_sequence<S::arity>{});
}

// The client's side: the arguments as a Call …
template <auto M, class... P>
Call encode_call(const P&... params) {
    static_assert(sizeof...(P) == Route<M>::arity);
    Call c;
    std::size_t i = 0;
    (encode_arg(c, Route<M>::args[i++], params), ...);
    return c;
}

// … and the answer as the operation's result.
template <auto M>
typename signature_t<M>::Result decode_reply(const Reply& r) {
    using R = typename signature_t<M>::Result;
    if constexpr (std::is_void_v<R>) return;
    else if constexpr (std::is_same_v<R, std::string>) return r.bytes;
    else {
        try {
            return r.value.get<R>();
        } catch (const wire::WireFieldError&) {
            throw std::runtime_error("服务器的回答格式不正确");
        } catch (const nlohmann::json::exception&) {
            throw std::runtime_error("服务器的回答格式不正确");
        }
    }
}

// The server's table: every route by path.
struct Handler {
    std::string name;
    Kind kind = Kind::Read;
    bool get = false;
    bool upload = false;
    std::function<Reply(Service&, const Actor&, const Call&)> invoke;
};
const std::map<std::string, Handler>& handlers();

// Every operation with a route, the session routes included: what the test walking the
// Service interface compares against.
std::vector<std::string> route_names();

}  // namespace dj::api
