#pragma once
// The Service over HTTP: every operation goes to a `dangjian serve` through the route
// table the server answers from (api/routes.hpp), and failures come back as the same
// exception classes with the same messages, so the CLI and the GUI behave as on a local
// file. The Actor arguments are ignored: the server acts as the session's user, whoever
// the client claims to be. One libcurl handle, reused (keep-alive); calls are serialised.
#include <memory>
#include <mutex>
#include <string>

#include "service/service.hpp"

namespace dj::remote {

struct RemoteOptions {
    std::string url;      // https://dangjian.example:8443 (a path prefix is kept)
    std::string ca_file;  // a county's own CA; empty: the system's trusted CAs
    std::string token;    // the session token; empty until login
};

class RemoteService final : public Service {
public:
    explicit RemoteService(RemoteOptions options);
    ~RemoteService() override;
    RemoteService(const RemoteService&) = delete;
    RemoteService& operator=(const RemoteService&) = delete;

    const std::string& url() const { return options_.url; }
    const std::string& token() const { return options_.token; }
    void set_token(std::string token) { options_.token = std::move(token); }

    Date today() const override;
    // Also keeps the new session's token for the calls that follow.
    SessionInfo login(const LoginRequest& request) override;
    Actor session_actor(std::string_view token, std::string_view source) override;
    void logout(std::string_view token) override;

    std::vector<UserInfo> list_users(const Actor& who) override;
    UserInfo create_user(const Actor& who, const NewUser& user) override;
    UserInfo change_user(const Actor& who, std::string_view login, const UserChange& change) override;
    UserInfo set_user_enabled(const Actor& who, std::string_view login, bool enabled) override;
    UserInfo unlock_user(const Actor& who, std::string_view login) override;
    UserInfo reset_password(const Actor& who, std::string_view login) override;
    void change_password(const Actor& who, std::string_view old_password, std::string_view new_password) override;
    std::vector<OrgNode> org_tree(const Actor& who, std::optional<Date> at) override;
    OrgNode org_node(const Actor& who, std::string_view code, std::optional<Date> at) override;
    std::vector<OrgNode> org_history(const Actor& who, std::string_view code) override;
    OrgNode create_org(const Actor& who, const NewOrg& org) override;
    OrgNode change_org(const Actor& who, std::string_view code, const OrgChange& change) override;
    void close_org(const Actor& who, std::string_view code, Date effective) override;
    Overview overview(const Actor& who) override;
    std::vector<Member> list_members(const Actor& who, std::string_view unit_code, const MemberFilter& filter) override;
    Member member(const Actor& who, std::int64_t id, Date on) override;
    Member add_member(const Actor& who, const MemberInput& input) override;
    Member update_member(const Actor& who, std::int64_t id, const MemberInput& input) override;
    void remove_member(const Actor& who, std::int64_t id, Date on, std::string_view reason) override;
    ImportReport import_members(const Actor& who, std::string_view csv_bytes) override;
    ImportReport import_records(const Actor& who, std::string_view form_id, std::string_view unit_code,
                                std::string_view xlsx_bytes) override;
    std::vector<AuditEntry> audit_log(const Actor& who, const AuditFilter& filter) override;
    AuditVerdict audit_verify(const Actor& who, const AuditCheck& check = {}) override;
    AuditHead audit_anchor(const Actor& who) override;
    std::vector<PluginInfo> list_plugins(const Actor& who) override;
    std::vector<MemberFlagInfo> member_flags(const Actor& who) override;
    std::vector<PluginReloadInfo> reload_plugins(const Actor& who, const std::string& plugin_id) override;
    std::vector<std::string> plugin_folders(const Actor& who) override;
    void set_plugin_folders(const Actor& who, const std::vector<std::string>& folders) override;
    void set_plugin(const Actor& who, const PluginSetting& setting) override;
    std::vector<EffectivePluginInfo> effective_plugins(const Actor& who, std::string_view unit_code) override;
    UnitScriptInfo save_unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view source, std::string_view note) override;
    std::vector<UnitScriptInfo> unit_scripts(const Actor& who, std::string_view unit_code, bool all_versions) override;
    UnitScriptInfo unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::optional<int> version) override;
    ScriptTestResult test_unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view source) override;
    std::vector<FormInfo> list_forms(const Actor& who, std::string_view unit_code) override;
    FormInfo form(const Actor& who, std::string_view form_id) override;
    std::vector<FieldIssue> check_form(const Actor& who, const SubmitRequest& request) override;
    FormPreview preview_form(const Actor& who, const SubmitRequest& request) override;
    FormPreview draft_form(const Actor& who, const SubmitRequest& request) override;
    SubmissionInfo submit(const Actor& who, const SubmitRequest& request) override;
    SubmissionInfo approve(const Actor& who, std::int64_t submission_id, std::string_view comment) override;
    SubmissionInfo return_submission(const Actor& who, std::int64_t submission_id, std::string_view comment) override;
    SubmissionInfo withdraw(const Actor& who, std::int64_t submission_id) override;
    TodoList todo(const Actor& who) override;
    SubmissionInfo submission(const Actor& who, std::int64_t submission_id) override;
    std::vector<SubmissionInfo> list_submissions(const Actor& who, const SubmissionFilter& filter) override;
    void reopen(const Actor& who, const ReopenRequest& request) override;
    std::vector<CompletenessRow> completeness(const Actor& who, std::string_view form_id, std::string_view period, std::string_view unit_code) override;
    AttachmentInfo add_attachment(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view bytes) override;
    std::string export_submissions(const Actor& who, const SubmissionFilter& filter, std::string_view format) override;
    std::vector<IndicatorInfo> list_indicators(const Actor& who, std::string_view unit_code) override;
    std::vector<IndicatorValue> indicator_values(const Actor& who, const IndicatorQuery& query) override;
    IndicatorRefresh refresh_indicators(const Actor& who) override;
    std::vector<Reminder> reminders(const Actor& who, Date date, std::string_view unit_code) override;
    AssessmentResult assess(const Actor& who, int year, std::string_view unit_code) override;
    std::string export_assessment(const Actor& who, int year, std::string_view unit_code) override;
    EvaluationInfo evaluate(const Actor& who, std::int64_t submission_id, std::string_view rating, std::string_view comment, const std::vector<std::string>& issues) override;
    EvaluationInfo evaluation(const Actor& who, std::int64_t submission_id) override;
    std::vector<RectificationItem> rectifications(const Actor& who, const RectificationFilter& filter) override;
    RectificationItem add_rectification(const Actor& who, const NewRectification& item) override;
    RectificationItem update_rectification(const Actor& who, std::int64_t id, const RectificationUpdate& update) override;
    std::vector<RectificationItem> generate_rectifications(const Actor& who, int year, std::string_view unit_code) override;
    std::string export_members(const Actor& who, const MemberExport& request) override;
    std::string export_audit(const Actor& who, const AuditFilter& filter) override;
    std::string export_rectifications(const Actor& who, const RectificationFilter& filter) override;
    std::string export_indicators(const Actor& who, const IndicatorExport& request) override;
    Dashboard dashboard(const Actor& who, int year, std::string_view unit_code) override;
    NoticeInfo send_notice(const Actor& who, const NewNotice& notice) override;
    std::vector<NoticeInfo> notices(const Actor& who, const NoticeFilter& filter) override;
    NoticeInfo notice(const Actor& who, std::int64_t notice_id) override;
    NoticeInfo read_notice(const Actor& who, std::int64_t notice_id) override;
    NoticeReceipts notice_receipts(const Actor& who, std::int64_t notice_id) override;
    RemindDraft remind_draft(const Actor& who, std::string_view form_id, std::string_view period,
                             std::string_view unit_code) override;
    AttachmentInfo attachment(const Actor& who, std::int64_t id) override;
    std::string attachment_chunk(const Actor& who, std::int64_t id, std::int64_t offset) override;
    std::string print_submission(const Actor& who, std::int64_t submission_id) override;
    std::string print_assessment(const Actor& who, int year, std::string_view unit_code) override;
    std::string print_rectifications(const Actor& who, const RectificationFilter& filter) override;

    struct Transport;

private:
    template <auto M, class... P>
    auto call(const P&... params);

    RemoteOptions options_;
    std::unique_ptr<Transport> transport_;
};

// What the GUI's login window and the CLI construct: a client for `url`, trusting `ca_file`
// (when not empty) and presenting `token` (when not empty).
std::unique_ptr<RemoteService> connect(const std::string& url, const std::string& ca_file = {},
                                       const std::string& token = {});

}  // namespace dj::remote
