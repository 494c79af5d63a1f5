#include "remote/remote_service.hpp"

#include <curl/curl.h>

#include "api/errors.hpp"
#include "api/routes.hpp"
#include "core/errors.hpp"

namespace dj::remote {

using nlohmann::json;

namespace {

size_t append_body(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

// Why a request never got an answer, in words a user can act on (libcurl's own text, in
// English, follows in brackets for whoever fixes the network).
static std::string connection_failure(const RemoteOptions& o, CURLcode rc) {
    std::string why;
    switch (rc) {
        case CURLE_COULDNT_RESOLVE_HOST:
            why = "找不到该服务器地址，请检查服务器地址是否填写正确";
            break;
        case CURLE_COULDNT_CONNECT:
            why = "服务器没有响应（未启动、端口不对或被防火墙拦截）";
            break;
        case CURLE_OPERATION_TIMEDOUT:
            why = "连接超时，请检查网络";
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
#if LIBCURL_VERSION_NUM < 0x073e00
        case CURLE_SSL_CACERT:
#endif
            why = o.ca_file.empty() ? "服务器的证书不受信任（县里自建 CA 签发的证书须指定其根证书文件）"
                                    : "服务器的证书不是所指定的根证书签发的，或证书与服务器地址不符";
            break;
        case CURLE_SSL_CACERT_BADFILE:
            why = "无法读取根证书文件「" + o.ca_file + "」";
            break;
        case CURLE_SSL_CONNECT_ERROR:
            why = "无法与服务器建立加密连接（地址是否应为 http://，或证书有误）";
            break;
        case CURLE_UNSUPPORTED_PROTOCOL:
            why = "不支持的服务器地址";
            break;
        default:
            why = "网络错误";
    }
    return "无法连接服务器「" + o.url + "」：" + why + "（" + curl_easy_strerror(rc) + "）";
}

// One handle for the client's life: libcurl keeps the connection (and the TLS session) open
// between calls. A mutex, because the GUI may call from more than one thread.
struct RemoteService::Transport {
    std::mutex mu;
    CURL* curl = nullptr;

    Transport() {
        static CurlGlobal global;
        curl = curl_easy_init();
        if (!curl) throw std::runtime_error("libcurl could not start");
    }
    ~Transport() { curl_easy_cleanup(curl); }

    std::string escape(const std::string& s) {
        char* e = curl_easy_escape(curl, s.data(), static_cast<int>(s.size()));
        std::string out(e);
        curl_free(e);
        return out;
    }

    // One request and its answer; a failure answer is thrown as its exception.
    api::Reply perform(const RemoteOptions& o, bool get, const std::string& path, const api::Call& c,
                       bool upload, const std::string& token) {
        std::lock_guard lock(mu);
        std::string url = o.url;
        while (!url.empty() && url.back() == '/') url.pop_back();
        url += path;
        std::string body;
        curl_slist* headers = nullptr;
        headers = curl_slist_append(headers, "Accept: application/json");
        if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
        if (get) {
            std::string q;
            for (const auto& [k, v] : c.args.items()) {
                if (v.is_null()) continue;
                q += (q.empty() ? "?" : "&") + escape(k) + "=" + escape(v.is_string() ? v.get<std::string>() : v.dump());
            }
            url += q;
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else {
            if (upload) {
                body = c.bytes;
                headers = curl_slist_append(headers, "Content-Type: application/octet-stream");
                // ASCII only: the arguments of an upload travel in a header.
                headers = curl_slist_append(headers, ("X-DJ-Args: " + c.args.dump(-1, ' ', true)).c_str());
            } else {
                body = c.args.dump(-1, ' ', false, json::error_handler_t::replace);
                headers = curl_slist_append(headers, "Content-Type: application/json");
            }
            headers = curl_slist_append(headers, "Expect:");
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        }
        std::string answer;
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        if (!o.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, o.ca_file.c_str());
        CURLcode rc = curl_easy_perform(curl);
        curl_slist_free_all(headers);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
        if (rc != CURLE_OK) throw UserError(connection_failure(o, rc));
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        char* type = nullptr;
        curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
        const bool is_json = type && std::string_view(type).starts_with("application/json");
        api::Reply reply;
        if (status >= 400) {
            json err = is_json ? json::parse(answer, nullptr, false) : json();
            api::rethrow(static_cast<int>(status), err.is_discarded() ? json() : err);
        }
        if (!is_json) {
            reply.raw = true;
            reply.bytes = std::move(answer);
            return reply;
        }
        reply.value = json::parse(answer, nullptr, false);
        if (reply.value.is_discarded()) throw std::runtime_error("服务器的回答格式不正确");
        return reply;
    }
};

RemoteService::RemoteService(RemoteOptions options)
    : options_(std::move(options)), transport_(std::make_unique<Transport>()) {
    if (!options_.url.starts_with("http://") && !options_.url.starts_with("https://"))
        throw UserError("服务器地址「" + options_.url + "」应以 https:// 或 http:// 开头");
}

RemoteService::~RemoteService() = default;

std::unique_ptr<RemoteService> connect(const std::string& url, const std::string& ca_file, const std::string& token) {
    return std::make_unique<RemoteService>(RemoteOptions{url, ca_file, token});
}

template <auto M, class... P>
auto RemoteService::call(const P&... params) {
    api::Call c = api::encode_call<M>(params...);
    api::Reply r = transport_->perform(options_, api::is_get<M>(), api::path_of<M>(), c, api::has_upload<M>(),
                                       options_.token);
    return api::decode_reply<M>(r);
}

Date RemoteService::today() const {
    auto r = transport_->perform(options_, true, std::string(api::kPrefix) + "today", {}, false, options_.token);
    return r.value.get<Date>();
}

SessionInfo RemoteService::login(const LoginRequest& request) {
    api::Call c;
    c.args = {{"login", request.login}, {"password", request.password}};
    auto r = transport_->perform(options_, false, std::string(api::kPrefix) + "login", c, false, {});
    auto info = r.value.get<SessionInfo>();
    options_.token = info.token;
    return info;
}

Actor RemoteService::session_actor(std::string_view token, std::string_view) {
    auto r = transport_->perform(options_, true, std::string(api::kPrefix) + "session", {}, false, std::string(token));
    return r.value.get<Actor>();
}

void RemoteService::logout(std::string_view token) {
    transport_->perform(options_, false, std::string(api::kPrefix) + "logout", {}, false, std::string(token));
    if (token == options_.token) options_.token.clear();
}

std::vector<UserInfo> RemoteService::list_users(const Actor&) {
    return call<&Service::list_users>();
}
UserInfo RemoteService::create_user(const Actor&, const NewUser& user) {
    return call<&Service::create_user>(user);
}
UserInfo RemoteService::change_user(const Actor&, std::string_view login, const UserChange& change) {
    return call<&Service::change_user>(login, change);
}
UserInfo RemoteService::set_user_enabled(const Actor&, std::string_view login, bool enabled) {
    return call<&Service::set_user_enabled>(login, enabled);
}
UserInfo RemoteService::unlock_user(const Actor&, std::string_view login) {
    return call<&Service::unlock_user>(login);
}
UserInfo RemoteService::reset_password(const Actor&, std::string_view login) {
    return call<&Service::reset_password>(login);
}
void RemoteService::change_password(const Actor&, std::string_view old_password, std::string_view new_password) {
    call<&Service::change_password>(old_password, new_password);
}
std::vector<OrgNode> RemoteService::org_tree(const Actor&, std::optional<Date> at) {
    return call<&Service::org_tree>(at);
}
OrgNode RemoteService::org_node(const Actor&, std::string_view code, std::optional<Date> at) {
    return call<&Service::org_node>(code, at);
}
std::vector<OrgNode> RemoteService::org_history(const Actor&, std::string_view code) {
    return call<&Service::org_history>(code);
}
OrgNode RemoteService::create_org(const Actor&, const NewOrg& org) {
    return call<&Service::create_org>(org);
}
OrgNode RemoteService::change_org(const Actor&, std::string_view code, const OrgChange& change) {
    return call<&Service::change_org>(code, change);
}
void RemoteService::close_org(const Actor&, std::string_view code, Date effective) {
    call<&Service::close_org>(code, effective);
}
Overview RemoteService::overview(const Actor&) {
    return call<&Service::overview>();
}
std::vector<Member> RemoteService::list_members(const Actor&, std::string_view unit_code, const MemberFilter& filter) {
    return call<&Service::list_members>(unit_code, filter);
}
Member RemoteService::member(const Actor&, std::int64_t id, Date on) {
    return call<&Service::member>(id, on);
}
Member RemoteService::add_member(const Actor&, const MemberInput& input) {
    return call<&Service::add_member>(input);
}
Member RemoteService::update_member(const Actor&, std::int64_t id, const MemberInput& input) {
    return call<&Service::update_member>(id, input);
}
void RemoteService::remove_member(const Actor&, std::int64_t id, Date on, std::string_view reason) {
    call<&Service::remove_member>(id, on, reason);
}
ImportReport RemoteService::import_members(const Actor&, std::string_view csv_bytes) {
    return call<&Service::import_members>(csv_bytes);
}
std::vector<AuditEntry> RemoteService::audit_log(const Actor&, const AuditFilter& filter) {
    return call<&Service::audit_log>(filter);
}
AuditVerdict RemoteService::audit_verify(const Actor&, const AuditCheck& check) {
    // A key file is the server's to choose: the wire codec refuses to send one (api/wire.cpp).
    return call<&Service::audit_verify>(check);
}
AuditHead RemoteService::audit_anchor(const Actor&) {
    return call<&Service::audit_anchor>();
}
std::vector<PluginInfo> RemoteService::list_plugins(const Actor&) {
    return call<&Service::list_plugins>();
}
std::vector<MemberFlagInfo> RemoteService::member_flags(const Actor&) {
    return call<&Service::member_flags>();
}
std::vector<PluginReloadInfo> RemoteService::reload_plugins(const Actor&, const std::string& plugin_id) {
    return call<&Service::reload_plugins>(plugin_id);
}
std::vector<std::string> RemoteService::plugin_folders(const Actor&) {
    return call<&Service::plugin_folders>();
}
void RemoteService::set_plugin_folders(const Actor&, const std::vector<std::string>& folders) {
    call<&Service::set_plugin_folders>(folders);
}
void RemoteService::set_plugin(const Actor&, const PluginSetting& setting) {
    call<&Service::set_plugin>(setting);
}
std::vector<EffectivePluginInfo> RemoteService::effective_plugins(const Actor&, std::string_view unit_code) {
    return call<&Service::effective_plugins>(unit_code);
}
UnitScriptInfo RemoteService::save_unit_script(const Actor&, std::string_view unit_code, std::string_view name, std::string_view source, std::string_view note) {
    return call<&Service::save_unit_script>(unit_code, name, source, note);
}
std::vector<UnitScriptInfo> RemoteService::unit_scripts(const Actor&, std::string_view unit_code, bool all_versions) {
    return call<&Service::unit_scripts>(unit_code, all_versions);
}
UnitScriptInfo RemoteService::unit_script(const Actor&, std::string_view unit_code, std::string_view name, std::optional<int> version) {
    return call<&Service::unit_script>(unit_code, name, version);
}
ScriptTestResult RemoteService::test_unit_script(const Actor&, std::string_view unit_code, std::string_view name, std::string_view source) {
    return call<&Service::test_unit_script>(unit_code, name, source);
}
std::vector<FormInfo> RemoteService::list_forms(const Actor&, std::string_view unit_code) {
    return call<&Service::list_forms>(unit_code);
}
FormInfo RemoteService::form(const Actor&, std::string_view form_id) {
    return call<&Service::form>(form_id);
}
std::vector<FieldIssue> RemoteService::check_form(const Actor&, const SubmitRequest& request) {
    return call<&Service::check_form>(request);
}
FormPreview RemoteService::preview_form(const Actor&, const SubmitRequest& request) {
    return call<&Service::preview_form>(request);
}
FormPreview RemoteService::draft_form(const Actor&, const SubmitRequest& request) {
    return call<&Service::draft_form>(request);
}
ImportReport RemoteService::import_records(const Actor&, std::string_view form_id, std::string_view unit_code,
                                           std::string_view xlsx_bytes) {
    return call<&Service::import_records>(form_id, unit_code, xlsx_bytes);
}

SubmissionInfo RemoteService::submit(const Actor&, const SubmitRequest& request) {
    return call<&Service::submit>(request);
}
SubmissionInfo RemoteService::approve(const Actor&, std::int64_t submission_id, std::string_view comment) {
    return call<&Service::approve>(submission_id, comment);
}
SubmissionInfo RemoteService::return_submission(const Actor&, std::int64_t submission_id, std::string_view comment) {
    return call<&Service::return_submission>(submission_id, comment);
}
SubmissionInfo RemoteService::withdraw(const Actor&, std::int64_t submission_id) {
    return call<&Service::withdraw>(submission_id);
}
TodoList RemoteService::todo(const Actor&) {
    return call<&Service::todo>();
}
SubmissionInfo RemoteService::submission(const Actor&, std::int64_t submission_id) {
    return call<&Service::submission>(submission_id);
}
std::vector<SubmissionInfo> RemoteService::list_submissions(const Actor&, const SubmissionFilter& filter) {
    return call<&Service::list_submissions>(filter);
}
void RemoteService::reopen(const Actor&, const ReopenRequest& request) {
    call<&Service::reopen>(request);
}
std::vector<CompletenessRow> RemoteService::completeness(const Actor&, std::string_view form_id, std::string_view period, std::string_view unit_code) {
    return call<&Service::completeness>(form_id, period, unit_code);
}
AttachmentInfo RemoteService::add_attachment(const Actor&, std::string_view unit_code, std::string_view name, std::string_view bytes) {
    return call<&Service::add_attachment>(unit_code, name, bytes);
}
std::string RemoteService::export_submissions(const Actor&, const SubmissionFilter& filter, std::string_view format) {
    return call<&Service::export_submissions>(filter, format);
}
std::vector<IndicatorInfo> RemoteService::list_indicators(const Actor&, std::string_view unit_code) {
    return call<&Service::list_indicators>(unit_code);
}
std::vector<IndicatorValue> RemoteService::indicator_values(const Actor&, const IndicatorQuery& query) {
    return call<&Service::indicator_values>(query);
}
IndicatorRefresh RemoteService::refresh_indicators(const Actor&) {
    return call<&Service::refresh_indicators>();
}
std::vector<Reminder> RemoteService::reminders(const Actor&, Date date, std::string_view unit_code) {
    return call<&Service::reminders>(date, unit_code);
}
AssessmentResult RemoteService::assess(const Actor&, int year, std::string_view unit_code) {
    return call<&Service::assess>(year, unit_code);
}
std::string RemoteService::export_assessment(const Actor&, int year, std::string_view unit_code) {
    return call<&Service::export_assessment>(year, unit_code);
}
EvaluationInfo RemoteService::evaluate(const Actor&, std::int64_t submission_id, std::string_view rating, std::string_view comment, const std::vector<std::string>& issues) {
    return call<&Service::evaluate>(submission_id, rating, comment, issues);
}
EvaluationInfo RemoteService::evaluation(const Actor&, std::int64_t submission_id) {
    return call<&Service::evaluation>(submission_id);
}
std::vector<RectificationItem> RemoteService::rectifications(const Actor&, const RectificationFilter& filter) {
    return call<&Service::rectifications>(filter);
}
RectificationItem RemoteService::add_rectification(const Actor&, const NewRectification& item) {
    return call<&Service::add_rectification>(item);
}
RectificationItem RemoteService::update_rectification(const Actor&, std::int64_t id, const RectificationUpdate& update) {
    return call<&Service::update_rectification>(id, update);
}
std::vector<RectificationItem> RemoteService::generate_rectifications(const Actor&, int year, std::string_view unit_code) {
    return call<&Service::generate_rectifications>(year, unit_code);
}
std::string RemoteService::export_members(const Actor&, const MemberExport& request) {
    return call<&Service::export_members>(request);
}
std::string RemoteService::export_audit(const Actor&, const AuditFilter& filter) {
    return call<&Service::export_audit>(filter);
}
std::string RemoteService::export_rectifications(const Actor&, const RectificationFilter& filter) {
    return call<&Service::export_rectifications>(filter);
}
std::string RemoteService::export_indicators(const Actor&, const IndicatorExport& request) {
    return call<&Service::export_indicators>(request);
}
Dashboard RemoteService::dashboard(const Actor&, int year, std::string_view unit_code) {
    return call<&Service::dashboard>(year, unit_code);
}

// --- 通知公告 ---
NoticeInfo RemoteService::send_notice(const Actor&, const NewNotice& notice) {
    return call<&Service::send_notice>(notice);
}
std::vector<NoticeInfo> RemoteService::notices(const Actor&, const NoticeFilter& filter) {
    return call<&Service::notices>(filter);
}
NoticeInfo RemoteService::notice(const Actor&, std::int64_t notice_id) { return call<&Service::notice>(notice_id); }
NoticeInfo RemoteService::read_notice(const Actor&, std::int64_t notice_id) {
    return call<&Service::read_notice>(notice_id);
}
NoticeReceipts RemoteService::notice_receipts(const Actor&, std::int64_t notice_id) {
    return call<&Service::notice_receipts>(notice_id);
}
RemindDraft RemoteService::remind_draft(const Actor&, std::string_view form_id, std::string_view period,
                                        std::string_view unit_code) {
    return call<&Service::remind_draft>(form_id, period, unit_code);
}

AttachmentInfo RemoteService::attachment(const Actor&, std::int64_t id) {
    return call<&Service::attachment>(id);
}
std::string RemoteService::attachment_chunk(const Actor&, std::int64_t id, std::int64_t offset) {
    return call<&Service::attachment_chunk>(id, offset);
}
std::string RemoteService::print_submission(const Actor&, std::int64_t submission_id) {
    return call<&Service::print_submission>(submission_id);
}
std::string RemoteService::print_assessment(const Actor&, int year, std::string_view unit_code) {
    return call<&Service::print_assessment>(year, unit_code);
}
std::string RemoteService::print_rectifications(const Actor&, const RectificationFilter& filter) {
    return call<&Service::print_rectifications>(filter);
}

}  // namespace dj::remote
