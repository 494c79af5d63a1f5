#pragma once
// The Service over a local SQLite file: the embedded default, and what the server wraps.
// A facade: each operation goes to the part for its area (local_<area>.hpp), which checks
// access once on entry and writes through the stores (host/store/); every store write raises
// a change event the indicator cache follows (service/indicator_sync.hpp).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "db/database.hpp"
#include "lua/limits.hpp"
#include "service/service.hpp"

namespace dj {

namespace plugins {
class PluginHost;
}  // namespace plugins

class ServiceContext;
class UserPart;
class AuditPart;
class OrgPart;
class MemberPart;
class PluginPart;
class FormPart;
class IndicatorPart;
class ReviewPart;
class AssessmentPart;
class DashboardPart;
class NoticePart;

class LocalService : public Service {
public:
    // Opens an existing database (migrating it to the current schema). Throws UserError if it
    // does not exist or is not ours, DatabaseVersionError if it is newer than this program.
    static std::unique_ptr<LocalService> open(const std::string& path);
    // Creates a new database with the schema, the root 县委 and 机关工委 and the first
    // administrator. Refuses an existing non-empty database.
    static std::unique_ptr<LocalService> create(const std::string& path, const std::string& county_name,
                                                const std::string& admin_login);

    // The user behind a login (UserError if unknown); the first administrator if empty.
    Actor actor(std::string_view login = {});
    // The reference "today" for deadlines and derived dates; tests and demos pin it.
    void set_today(Date d);
    // The wall clock (seconds since the epoch) sessions and login throttling run on; tests
    // set it to step past idle timeouts and delays without sleeping.
    void set_clock(std::function<std::int64_t()> clock);
    Date today() const override;
    const db::Connection& connection() const;
    // Plugin folders searched after the bundled one (later ones override earlier ones). For
    // trusted callers (tests, the demo generator); a folder a user names goes through
    // use_command_line_plugin_dirs.
    void set_extra_plugin_dirs(std::vector<std::filesystem::path> dirs);
    // What each plugin may spend; the next use loads every plugin under these limits.
    void set_plugin_limits(const lua::Limits& limits);
    // `--plugins-dir` from the command line (CLI, GUI): a folder there overrides a bundled
    // plugin for everything this process stores, so it is honoured only for someone who may
    // set the database's plugin folders anyway (a 工委管理员, `plugins folders --set`), or on a
    // database whose only account is the actor (a file they own alone). AccessDenied otherwise.
    void use_command_line_plugin_dirs(const Actor& who, std::vector<std::filesystem::path> dirs);
    // The loaded plugins (loads them on first use).
    plugins::PluginHost& plugin_host();
    // Changes whenever what the plugins are changes here (folders, unit scripts, a reload):
    // the server renews its readers when a write changed it.
    std::uint64_t plugin_generation() const;
    ~LocalService() override;

    std::vector<UserInfo> list_users(const Actor& who) override;
    UserInfo create_user(const Actor& who, const NewUser& user) override;
    UserInfo change_user(const Actor& who, std::string_view login, const UserChange& change) override;
    UserInfo set_user_enabled(const Actor& who, std::string_view login, bool enabled) override;
    UserInfo unlock_user(const Actor& who, std::string_view login) override;
    UserInfo reset_password(const Actor& who, std::string_view login) override;
    void change_password(const Actor& who, std::string_view old_password, std::string_view new_password) override;
    SessionInfo login(const LoginRequest& request) override;
    Actor session_actor(std::string_view token, std::string_view source) override;
    void logout(std::string_view token) override;

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
    UnitScriptInfo save_unit_script(const Actor& who, std::string_view unit_code, std::string_view name,
                                    std::string_view source, std::string_view note) override;
    std::vector<UnitScriptInfo> unit_scripts(const Actor& who, std::string_view unit_code, bool all_versions) override;
    UnitScriptInfo unit_script(const Actor& who, std::string_view unit_code, std::string_view name,
                               std::optional<int> version) override;
    ScriptTestResult test_unit_script(const Actor& who, std::string_view unit_code, std::string_view name,
                                      std::string_view source) override;

    std::vector<FormInfo> list_forms(const Actor& who, std::string_view unit_code) override;
    FormInfo form(const Actor& who, std::string_view form_id) override;
    std::vector<FieldIssue> check_form(const Actor& who, const SubmitRequest& request) override;
    FormPreview preview_form(const Actor& who, const SubmitRequest& request) override;
    FormPreview draft_form(const Actor& who, const SubmitRequest& request) override;
    SubmissionInfo submit(const Actor& who, const SubmitRequest& request) override;
    SubmissionInfo approve(const Actor& who, std::int64_t submission_id, std::string_view comment) override;
    SubmissionInfo return_submission(const Actor& who, std::int64_t submission_id, std::string_view comment) override;
    SubmissionInfo submission(const Actor& who, std::int64_t submission_id) override;
    std::vector<SubmissionInfo> list_submissions(const Actor& who, const SubmissionFilter& filter) override;
    SubmissionInfo withdraw(const Actor& who, std::int64_t submission_id) override;
    TodoList todo(const Actor& who) override;
    void reopen(const Actor& who, const ReopenRequest& request) override;
    std::vector<CompletenessRow> completeness(const Actor& who, std::string_view form_id, std::string_view period,
                                              std::string_view unit_code) override;
    AttachmentInfo add_attachment(const Actor& who, std::string_view unit_code, std::string_view name,
                                  std::string_view bytes) override;
    std::string export_submissions(const Actor& who, const SubmissionFilter& filter, std::string_view format) override;

    std::vector<IndicatorInfo> list_indicators(const Actor& who, std::string_view unit_code) override;
    std::vector<IndicatorValue> indicator_values(const Actor& who, const IndicatorQuery& query) override;
    IndicatorRefresh refresh_indicators(const Actor& who) override;
    std::vector<Reminder> reminders(const Actor& who, Date date, std::string_view unit_code) override;
    AssessmentResult assess(const Actor& who, int year, std::string_view unit_code) override;
    std::string export_assessment(const Actor& who, int year, std::string_view unit_code) override;
    EvaluationInfo evaluate(const Actor& who, std::int64_t submission_id, std::string_view rating,
                            std::string_view comment, const std::vector<std::string>& issues) override;
    EvaluationInfo evaluation(const Actor& who, std::int64_t submission_id) override;
    std::vector<RectificationItem> rectifications(const Actor& who, const RectificationFilter& filter) override;
    RectificationItem add_rectification(const Actor& who, const NewRectification& item) override;
    RectificationItem update_rectification(const Actor& who, std::int64_t id, const RectificationUpdate& update) override;
    std::vector<RectificationItem> generate_rectifications(const Actor& who, int year, std::string_view unit_code) override;
    // local_exports.cpp: read through the operations above (which check access), then build.
    std::string export_members(const Actor& who, const MemberExport& request) override;
    std::string export_audit(const Actor& who, const AuditFilter& filter) override;
    std::string export_rectifications(const Actor& who, const RectificationFilter& filter) override;
    std::string export_indicators(const Actor& who, const IndicatorExport& request) override;
    Dashboard dashboard(const Actor& who, int year, std::string_view unit_code) override;

    // 通知公告 (local_notices.hpp)
    NoticeInfo send_notice(const Actor& who, const NewNotice& notice) override;
    std::vector<NoticeInfo> notices(const Actor& who, const NoticeFilter& filter) override;
    NoticeInfo notice(const Actor& who, std::int64_t notice_id) override;
    NoticeInfo read_notice(const Actor& who, std::int64_t notice_id) override;
    NoticeReceipts notice_receipts(const Actor& who, std::int64_t notice_id) override;
    RemindDraft remind_draft(const Actor& who, std::string_view form_id, std::string_view period,
                             std::string_view unit_code) override;
    AttachmentInfo attachment(const Actor& who, std::int64_t id) override;
    std::string attachment_chunk(const Actor& who, std::int64_t id, std::int64_t offset) override;
    // local_print.cpp: read through the operations above (which check access), then lay out.
    std::string print_submission(const Actor& who, std::int64_t submission_id) override;
    std::string print_assessment(const Actor& who, int year, std::string_view unit_code) override;
    std::string print_rectifications(const Actor& who, const RectificationFilter& filter) override;

    // Which plugins are on at a node, by id (no access check: for the host's own use).
    std::vector<EffectivePluginInfo> effective_at(std::int64_t node_id);
    // The ids of the plugins switched on at the node (no settings).
    std::set<std::string> enabled_at(std::int64_t node_id);

private:
    explicit LocalService(db::Connection db);

    // Declared first: the parts hold references into it.
    std::unique_ptr<ServiceContext> ctx_;
    std::unique_ptr<UserPart> users_;
    std::unique_ptr<AuditPart> audit_;
    std::unique_ptr<OrgPart> org_;
    std::unique_ptr<MemberPart> members_;
    std::unique_ptr<PluginPart> plugins_;
    std::unique_ptr<FormPart> forms_;
    std::unique_ptr<IndicatorPart> indicators_;
    std::unique_ptr<ReviewPart> review_;
    std::unique_ptr<AssessmentPart> assessment_;
    std::unique_ptr<DashboardPart> dashboard_;
    std::unique_ptr<NoticePart> notices_;
};

}  // namespace dj
