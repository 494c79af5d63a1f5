#pragma once
// The one set of operations behind the CLI, the GUI and the HTTP server. Every operation
// takes the acting user; access by role and scope is enforced by the implementation, once,
// whatever front-end asks. Local (SQLite) and remote (HTTP) implementations share this.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/result.hpp"
#include "core/errors.hpp"
#include "model/date.hpp"
#include "model/member.hpp"
#include "model/org.hpp"
#include "model/roles.hpp"
#include "store/records.hpp"

namespace dj {

struct NewUser {
    std::string login;
    std::string display_name;
    Role role = Role::Filler;
    std::string org_code;
};

// users change: unset fields stay as they are. No one gives a role or a scope beyond
// their own.
struct UserChange {
    std::optional<std::string> display_name;
    std::optional<Role> role;
    std::optional<std::string> org_code;
};

struct LoginRequest {
    std::string login;
    std::string password;
    std::string source;  // the client's address: throttling and the audit log
};

// A login session. The token is the secret (256 random bits, hex): handed out once by
// login and stored only as a hash; every later request presents it.
struct SessionInfo {
    std::string token;
    Actor actor;                      // actor.session_id identifies the session
    std::string expires_at;           // the absolute lifetime's end, ISO UTC time
    int idle_timeout_seconds = 0;     // ended when unused this long
};

struct NewOrg {
    std::string code;
    std::string name;
    OrgType type = OrgType::Branch;
    std::string parent_code;  // empty only for the very first (root) node
    OrgAttributes attrs;
    Date effective;           // founded on
};

// A change to a node, effective from a date. Unset fields stay as they are. A change dated
// the same day as the node's current version amends it; a later date starts a new version.
struct OrgChange {
    std::optional<std::string> name;
    std::optional<std::string> parent_code;
    std::optional<OrgType> type;
    OrgAttributes attrs;  // each set field replaces the current value
    Date effective;
};

struct MemberFilter {
    bool include_subtree = true;
    std::optional<std::string> flag;       // only members with this flag
    std::optional<std::string> name_part;  // substring of the name
    Date on;                               // reference date for 党龄 / 政治生日
};

struct ImportProblem {
    std::size_t line = 0;  // the CSV's physical line
    std::string message;
};

struct ImportReport {
    std::size_t imported = 0;
    std::size_t rows = 0;
    std::string encoding;
    std::vector<ImportProblem> problems;  // non-empty: nothing was imported
};


// --- Plugins -------------------------------------------------------------------------

// A member flag (党员标记) declared by plugins that read it (manifest `member_flags`).
struct MemberFlagInfo {
    std::string name;                  // 生活困难
    std::string help;                  // what it means, for a tooltip
    std::vector<std::string> plugins;  // the plugins that declare it
};

struct PluginInfo {
    std::string id;
    std::string name;
    std::string version;
    std::string source;        // folder, or 单位脚本 CODE
    std::string status;        // loaded / faulted / refused
    std::string status_label;  // 已加载 / 加载出错 / 已拒绝
    std::string reason;        // why faulted or refused, with file:line
    std::vector<std::string> forms;
    std::string settings_json;  // declared settings, a JSON array
    std::optional<std::string> owner_unit;
};

struct EffectivePluginInfo {
    std::string id;
    std::string name;
    bool enabled = false;
    std::string decided_at;    // org code whose entry decided; empty: never set (off)
    bool inherited = false;
    std::string settings_json;  // merged over the declared defaults, a JSON object
    std::string own_entry_json;  // this node's own entry, or empty
};

struct PluginSetting {
    std::string plugin_id;
    std::string unit_code;
    std::optional<bool> enabled;   // nullopt: leave inheritance alone
    std::string settings_json = "{}";  // keys to set at this node
    bool clear = false;            // remove this node's entry: inherit everything again
};

struct PluginReloadInfo {
    std::string id;
    bool ok = false;
    std::string reason;
};

struct ScriptTestResult {
    bool ok = false;
    std::string error;  // with file:line
    int line = 0;
    std::vector<std::string> registered;
    std::vector<std::string> log;
};

// --- Forms and submissions --------------------------------------------------------------

struct FormInfo {
    std::string id;
    std::string title;
    std::string plugin;
    std::string scope;   // department / organisation / member
    std::string period;  // year / half / quarter / month
    bool many = false;
    int deadline_days = 0;
    std::string schema_json;  // the whole form, see forms/form_schema.hpp form_to_json
    // Listed at a node above those that fill it (the 县委 above where plugins are enabled):
    // not filled here; its records are those of the node's subtree.
    bool filled_below = false;
};

// A file sent with a submission (`{"file": …}` in the CLI): stored in the submission's own
// transaction after its values passed validation, so a refused submission leaves no
// attachment and no audit row behind.
struct NewAttachment {
    std::string field;  // the attachment field it fills
    std::string name;   // file name, e.g. 照片.jpg
    std::string bytes;
};

// The most bytes one attachment_chunk answer carries.
inline constexpr std::size_t kAttachmentChunkBytes = 1024 * 1024;

struct SubmitRequest {
    std::string form_id;
    std::string unit_code;
    std::string period;
    std::optional<std::int64_t> member_id;      // member-scoped forms
    std::optional<std::int64_t> submission_id;  // edit this draft / returned submission
    std::string values_json = "{}";
    bool draft = false;
    std::vector<NewAttachment> attachments;  // each fills its field in values
};

struct FieldIssue {
    std::string field;
    std::string message;
};

// Thrown when values fail the form's validation: every problem, each naming its field.
class ValidationFailed : public UserError {
public:
    explicit ValidationFailed(std::vector<FieldIssue> issues);
    const std::vector<FieldIssue>& issues() const { return issues_; }

private:
    std::vector<FieldIssue> issues_;
};

// What a renderer needs after each edit: the values as they would be stored (hidden fields
// dropped, computed ones filled), which fields are shown, and every problem.
struct FormPreview {
    std::string values_json = "{}";
    std::map<std::string, bool> visible;  // field id -> shown
    std::vector<FieldIssue> issues;
};

struct SubmissionFilter {
    std::string form_id;
    std::optional<std::string> period;
    std::string unit_code;  // this node's subtree
    std::optional<std::string> state;
};

struct ReopenRequest {
    std::string form_id;
    std::string unit_code;
    std::string period;
    std::string reason;
    Date until;  // last day late submissions are accepted
};

struct CompletenessRow {
    std::string unit_code;
    std::string unit_name;
    std::string type;
    int depth = 0;
    std::size_t expected = 0;   // this node and everything under it
    std::size_t submitted = 0;  // submitted, returned-and-resubmitted or approved
    std::size_t on_time = 0;
    std::size_t approved = 0;
    // This node's own share, before its children were added: what a reopening of this very
    // node (which covers no node under it) can still bring in.
    std::size_t own_expected = 0;
    std::size_t own_submitted = 0;
};


// --- Indicators, assessment, evaluations, rectification, reminders ---------------------

struct IndicatorInfo {
    std::string id;         // plugin.indicator
    std::string plugin;
    std::string name;
    std::string unit;       // %, 次, 人 …
    std::string period;     // year / half / quarter / month
    std::string scope;      // department / branch / party_org
    std::string direction;  // higher / lower
    std::string rollup;     // sum / avg / min / max / share
    bool rule = false;      // a compliance rule: the value counts findings
    double weight = 0;
    std::string description;
    std::optional<double> target;  // the fixed target; nullopt when it varies by node
};

struct IndicatorQuery {
    std::string period;
    std::string unit_code;                    // this node and its subtree
    std::optional<std::string> indicator_id;  // only this one
    bool subtree = true;                      // false: the node itself only
};

struct IndicatorValue {
    std::string indicator_id;
    std::string name;
    std::string unit;
    std::string org_code;
    std::string org_name;
    std::string org_type;
    int depth = 0;
    std::string period;
    std::optional<double> value;   // nullopt: not applicable (plugin off) or failed
    std::optional<double> target;
    std::optional<bool> met;
    bool rolled_up = false;        // aggregated from the scope nodes below
    std::vector<std::string> findings;  // compliance rules
    std::string error;             // why the computation failed here (file:line)

    // What 只看未达标或有问题的 keeps: a missed target, a finding or a failed computation.
    bool has_problem() const { return (met && !*met) || !findings.empty() || !error.empty(); }
};

struct IndicatorRefresh {
    std::size_t recomputed = 0;  // values computed again (scope nodes and rollups)
    std::size_t runs = 0;        // indicator × period runs touched
};

struct Reminder {
    std::string rule_id;  // plugin.reminder, or host.form_due / host.form_overdue / host.rectification
    std::string org_code;
    std::string org_name;
    std::string level;    // info / warning / overdue
    std::string text;
    std::string due;      // ISO date or empty
    std::optional<std::int64_t> member_id;
    // What the reminder is about, so a screen can open it: the form and period owed
    // (host.form_due / host.form_overdue), or the rectification item (host.rectification).
    std::string form_id;
    std::string period;
    std::optional<std::int64_t> rectification_id;
};

struct RectificationUpdate {
    std::optional<std::string> status;
    std::optional<std::string> owner;
    std::optional<Date> deadline;
    std::string evidence;  // appended to the item's evidence when not empty
    std::optional<std::int64_t> attachment_id;
    std::string comment;
};

struct RectificationFilter {
    std::string unit_code;  // this node's subtree
    std::optional<int> year;
    std::optional<std::string> status;
    bool overdue_only = false;
};

struct EvaluationInfo {
    std::int64_t submission_id = 0;
    std::string form_id;
    std::string org_code;
    std::string org_name;
    std::string period;
    std::string rule;  // average / majority / plugin
    std::vector<std::string> ratings;  // the scale votes are cast on (the scheme's), best first
    std::vector<EvaluationVote> votes;
    std::map<std::string, int> tally;
    std::optional<std::string> result;
    std::vector<RectificationItem> previous_rectifications;  // last year's, with their status
};

// --- 待办 --------------------------------------------------------------------------------

// A form the actor's own unit still owes for a period whose deadline has not passed.
struct DueForm {
    std::string form_id;
    std::string form_title;
    std::string unit_code;
    std::string unit_name;
    std::string period;    // Period::str()
    std::string deadline;  // ISO date: the period's, or a reopening's last day when later
    bool soon = false;     // the deadline is within 7 days (即将截止)
    std::optional<std::int64_t> draft_id;  // a draft already started for it
};

// What waits for the actor today, each entry one click from its record.
struct TodoList {
    // 待审核: submitted records whose current approval step falls to the actor's own node (to
    // any node of their subtree for a 工委管理员), not filed by the actor. Never others' drafts.
    std::vector<SubmissionInfo> to_approve;
    // 被退回: returned records the actor filed, to correct and submit again.
    std::vector<SubmissionInfo> returned;
    // The actor's submitted records no one has acted on yet: they may still be withdrawn.
    std::vector<SubmissionInfo> withdrawable;
    // 本期应报 at the actor's own node; `soon` marks 即将截止.
    std::vector<DueForm> due;
    std::map<std::string, std::string> form_titles;  // by form id, for every record above
};

// --- Exports ---------------------------------------------------------------------------

struct MemberExport {
    std::string unit_code;
    MemberFilter filter;
    // A screen's own filtering and sorting: exactly these members, in this order (ids the
    // filter does not select are skipped). Unset: every member the filter selects.
    std::optional<std::vector<std::int64_t>> only;
};

struct IndicatorExport {
    IndicatorQuery query;
    bool problems_only = false;  // only values with IndicatorValue::has_problem()
};

// --- 统计图表 (dashboard) ----------------------------------------------------------------
// The figures the dashboard draws, computed once in the host so the GUI, the CLI and the
// server show the same numbers. No work area is named here: which forms count month by month
// (FormDef::trends), the rating scale and the assessment's areas all come from the plugins.

// One bar of 报送完成率: a unit's expected and counted records over every form for the year,
// exactly as completeness() sums them (its subtree included).
struct DashboardCompletion {
    std::string unit_code;
    std::string unit_name;
    std::string unit_type;  // org_type_id
    std::size_t expected = 0;
    std::size_t submitted = 0;
    std::size_t on_time = 0;
    double rate = 0;  // submitted ÷ expected × 100 (0 when nothing is expected)
};

// One line of the month-by-month trend: a plugin's FormTrend counted over the scope's subtree.
struct DashboardTrend {
    std::string form_id;
    std::string form_title;
    std::string label;                 // the plugin's name for it, e.g. 三会一课
    std::vector<std::size_t> counts;   // one per month of the year, January first
};

// The 述职评议 results of one evaluation form's reports filed in the scope for the year.
struct DashboardRatings {
    std::string form_id;
    std::string form_title;
    std::vector<std::string> labels;   // the scale, best first
    std::vector<std::size_t> counts;   // reports whose result is each label
    std::size_t unrated = 0;           // filed, no vote yet
};

// One assessment area (板块): what a department earned against the mean of every department
// of the whole tree (the county), and what it could earn.
struct DashboardArea {
    std::string id;
    std::string label;
    double weight = 0;
    double average = 0;  // over every department the county's assessment scored
};

// A department's assessment in the scope: its score and what it earned per area, in the
// order of DashboardAreas.
struct DashboardDepartmentScore {
    std::string org_code;
    std::string org_name;
    double score = 0;
    std::string rating;
    std::vector<double> earned;
};

struct Dashboard {
    int year = 0;
    std::string unit_code;
    std::string unit_name;
    std::string level;           // county (above the departments) / department / organisation (a party org)
    std::string bars_of;         // the org type the completion bars are: department / branch
    DashboardCompletion total;   // the scope node itself, its whole subtree
    std::vector<DashboardCompletion> completion;  // tree order
    std::vector<std::string> months;             // "2020-01" … "2020-12"
    std::vector<DashboardTrend> trends;
    std::vector<DashboardRatings> ratings;
    // Assessment by area (empty, with the reason in assessment_note, when there is none).
    std::string scheme_title;
    std::vector<DashboardArea> areas;
    std::size_t county_departments = 0;   // how many the averages are over
    double county_average_score = 0;
    std::vector<DashboardDepartmentScore> departments;  // those in the scope, ranked
    std::string assessment_note;
};

// --- 通知公告 ----------------------------------------------------------------------------

// A notice to send. Addressed either to a subtree (scope_code: every unit in it except 党小组
// and the sender's own unit) or to exactly unit_codes; all inside the sender's scope.
// 催报: remind_form and remind_period set, scope_code the subtree counted: the service
// addresses it to exactly the units there that have not filed that form for that period.
struct NewNotice {
    std::string title;
    std::string body;
    std::string scope_code;
    std::vector<std::string> unit_codes;
    std::vector<NewAttachment> attachments;  // `field` unused
    std::string remind_form;
    std::string remind_period;
};

// One addressed unit and whether it has read the notice (its first reader, and when).
struct NoticeReceipt {
    std::string unit_code;
    std::string unit_name;
    bool read = false;
    std::string read_by;       // login
    std::string read_by_name;  // display name
    std::string read_at;       // ISO time, UTC
};

struct NoticeInfo {
    std::int64_t id = 0;
    std::string kind;        // notice / remind
    std::string kind_label;  // 通知 / 催报
    std::string title;
    std::string body;
    std::string form_id;     // 催报: the form and period chased, and their deadline
    std::string period;
    std::string deadline;
    std::string sender;      // login
    std::string sender_name;
    std::string sender_unit_code;
    std::string sender_unit_name;
    std::string sent_at;     // ISO time, UTC
    std::vector<AttachmentInfo> attachments;
    std::size_t recipients = 0;  // addressed units the actor may see (their subtree's, all for the sender)
    std::size_t read_count = 0;  // of those, read
    // The actor's own unit is addressed, and whether (and by whom) it has read the notice.
    bool to_my_unit = false;
    bool read = false;
    std::string read_by_name;
    std::string read_at;
    bool sent_by_me = false;
};

struct NoticeFilter {
    bool unread_only = false;  // addressed to the actor's unit and not read yet
    bool sent_only = false;    // sent by the actor
    std::size_t limit = 200;
};

// 阅读情况: every addressed unit the actor may see, read ones and the others.
struct NoticeReceipts {
    std::int64_t notice_id = 0;
    std::string title;
    std::size_t read_count = 0;
    std::size_t unread_count = 0;
    std::vector<NoticeReceipt> units;  // unread first, then by unit code
};

// What a 催报 would say and whom it would reach, before it is sent: the prefilled notice
// (title and text naming the form, the period and the deadline) and the unfiled units.
struct RemindDraft {
    NewNotice notice;
    std::string form_title;
    std::string period_label;  // 2020年12月
    std::string deadline;      // ISO date
    std::vector<NoticeReceipt> units;  // the units that have not filed (read is false)
};

class Service {
public:
    virtual ~Service() = default;

    // The date the database's rules run on: deadlines, 党龄, reminders. Today, except in
    // a demo database pinned to the end of its year (app_setting 'as_of').
    virtual Date today() const = 0;

    // --- Users ---
    virtual std::vector<UserInfo> list_users(const Actor& who) = 0;
    // The answer carries a one-time initial password (initial_password) that must be
    // changed at first login.
    virtual UserInfo create_user(const Actor& who, const NewUser& user) = 0;
    virtual UserInfo change_user(const Actor& who, std::string_view login, const UserChange& change) = 0;
    // Disabling ends the account's sessions and refuses its logins; enabling lets it in again.
    virtual UserInfo set_user_enabled(const Actor& who, std::string_view login, bool enabled) = 0;
    // Clears a lock left by repeated failed logins.
    virtual UserInfo unlock_user(const Actor& who, std::string_view login) = 0;
    // A new one-time password (in initial_password); the account's sessions end.
    virtual UserInfo reset_password(const Actor& who, std::string_view login) = 0;
    // The actor's own password: the old one must match; at least 10 characters and not the
    // login. Ends every other session of the account.
    virtual void change_password(const Actor& who, std::string_view old_password,
                                 std::string_view new_password) = 0;

    // --- Sessions (server mode; local mode acts --as the file's owner) ---
    // Checks the password (argon2id), throttling failures per account and per source.
    virtual SessionInfo login(const LoginRequest& request) = 0;
    // The actor a token stands for, touching its idle timer; NotAuthenticated when it ended.
    virtual Actor session_actor(std::string_view token, std::string_view source) = 0;
    virtual void logout(std::string_view token) = 0;

    // --- Org tree ---
    // The actor's subtree as it was on `at` (today when empty), parents before children.
    virtual std::vector<OrgNode> org_tree(const Actor& who, std::optional<Date> at) = 0;
    virtual OrgNode org_node(const Actor& who, std::string_view code, std::optional<Date> at) = 0;
    // Every version of a node, oldest first.
    virtual std::vector<OrgNode> org_history(const Actor& who, std::string_view code) = 0;
    virtual OrgNode create_org(const Actor& who, const NewOrg& org) = 0;
    virtual OrgNode change_org(const Actor& who, std::string_view code, const OrgChange& change) = 0;
    virtual void close_org(const Actor& who, std::string_view code, Date effective) = 0;
    virtual Overview overview(const Actor& who) = 0;

    // --- Members ---
    virtual std::vector<Member> list_members(const Actor& who, std::string_view unit_code,
                                             const MemberFilter& filter) = 0;
    virtual Member member(const Actor& who, std::int64_t id, Date on) = 0;
    virtual Member add_member(const Actor& who, const MemberInput& input) = 0;
    virtual Member update_member(const Actor& who, std::int64_t id, const MemberInput& input) = 0;
    virtual void remove_member(const Actor& who, std::int64_t id, Date on, std::string_view reason) = 0;
    // All-or-nothing: any bad row means nothing is imported and every bad row is reported.
    virtual ImportReport import_members(const Actor& who, std::string_view csv_bytes) = 0;

    // --- Audit ---
    virtual std::vector<AuditEntry> audit_log(const Actor& who, const AuditFilter& filter) = 0;
    // The keyed chain, its anchors and, with check.deep, every business row against the log
    // (issue 14). Only the 工委 administrators.
    virtual AuditVerdict audit_verify(const Actor& who, const AuditCheck& check = {}) = 0;
    // The chain's head now, as a short digest to write down or send to the level above.
    virtual AuditHead audit_anchor(const Actor& who) = 0;

    // --- Plugins (issue: runtime, enablement, units' scripts) ---
    virtual std::vector<PluginInfo> list_plugins(const Actor& who) = 0;
    // The member flags the loaded plugins declare: what the register offers to tick and filter by.
    virtual std::vector<MemberFlagInfo> member_flags(const Actor& who) = 0;
    virtual std::vector<PluginReloadInfo> reload_plugins(const Actor& who, const std::string& plugin_id) = 0;
    // Plugin folders kept in the database for everyone who opens it, searched after the
    // bundled folder (later ones override earlier ones). Setting them reloads the plugins.
    virtual std::vector<std::string> plugin_folders(const Actor& who) = 0;
    virtual void set_plugin_folders(const Actor& who, const std::vector<std::string>& folders) = 0;
    virtual void set_plugin(const Actor& who, const PluginSetting& setting) = 0;
    virtual std::vector<EffectivePluginInfo> effective_plugins(const Actor& who, std::string_view unit_code) = 0;
    virtual UnitScriptInfo save_unit_script(const Actor& who, std::string_view unit_code, std::string_view name,
                                            std::string_view source, std::string_view note) = 0;
    virtual std::vector<UnitScriptInfo> unit_scripts(const Actor& who, std::string_view unit_code,
                                                     bool all_versions) = 0;
    virtual UnitScriptInfo unit_script(const Actor& who, std::string_view unit_code, std::string_view name,
                                       std::optional<int> version) = 0;
    virtual ScriptTestResult test_unit_script(const Actor& who, std::string_view unit_code, std::string_view name,
                                              std::string_view source) = 0;

    // --- Forms and submissions ---
    // Forms that apply at a node: its plugin is enabled there and, for a unit's own
    // script, the node lies in that unit's subtree.
    virtual std::vector<FormInfo> list_forms(const Actor& who, std::string_view unit_code) = 0;
    virtual FormInfo form(const Actor& who, std::string_view form_id) = 0;
    // Validation only, nothing stored: what the GUI calls as the user types.
    virtual std::vector<FieldIssue> check_form(const Actor& who, const SubmitRequest& request) = 0;
    // The same validation, plus what a renderer needs to follow the form's functions:
    // cleaned and computed values and each field's visibility. Nothing stored.
    virtual FormPreview preview_form(const Actor& who, const SubmitRequest& request) = 0;
    // A new draft's first preview: the form's defaults (static values and default
    // functions) under `request`'s values, then previewed as above. Nothing stored.
    virtual FormPreview draft_form(const Actor& who, const SubmitRequest& request) = 0;
    virtual SubmissionInfo submit(const Actor& who, const SubmitRequest& request) = 0;
    virtual SubmissionInfo approve(const Actor& who, std::int64_t submission_id, std::string_view comment) = 0;
    virtual SubmissionInfo return_submission(const Actor& who, std::int64_t submission_id, std::string_view comment) = 0;
    virtual SubmissionInfo submission(const Actor& who, std::int64_t submission_id) = 0;
    virtual std::vector<SubmissionInfo> list_submissions(const Actor& who, const SubmissionFilter& filter) = 0;
    // Takes back a submission no one has acted on yet (its submitter only): a draft again.
    virtual SubmissionInfo withdraw(const Actor& who, std::int64_t submission_id) = 0;
    // The actor's 待办 (see TodoList).
    virtual TodoList todo(const Actor& who) = 0;
    virtual void reopen(const Actor& who, const ReopenRequest& request) = 0;
    virtual std::vector<CompletenessRow> completeness(const Actor& who, std::string_view form_id,
                                                      std::string_view period, std::string_view unit_code) = 0;
    virtual AttachmentInfo add_attachment(const Actor& who, std::string_view unit_code, std::string_view name,
                                          std::string_view bytes) = 0;
    // An .xlsx (Chinese headers, one row per submission, repeating tables on their own
    // sheet) or CSV of one form's submissions for a period, as file bytes.
    virtual std::string export_submissions(const Actor& who, const SubmissionFilter& filter, std::string_view format) = 0;


    // --- Indicators (values are cached and recomputed where their inputs changed) ---
    virtual std::vector<IndicatorInfo> list_indicators(const Actor& who, std::string_view unit_code) = 0;
    virtual std::vector<IndicatorValue> indicator_values(const Actor& who, const IndicatorQuery& query) = 0;
    // Brings every cached value current; what it recomputed.
    virtual IndicatorRefresh refresh_indicators(const Actor& who) = 0;

    // --- Reminders for a date, at a node and below ---
    virtual std::vector<Reminder> reminders(const Actor& who, Date date, std::string_view unit_code) = 0;

    // --- Assessment ---
    virtual AssessmentResult assess(const Actor& who, int year, std::string_view unit_code) = 0;
    // The 年度党建考核结果汇总表 (.xlsx bytes): the ranking, then a sheet per department.
    virtual std::string export_assessment(const Actor& who, int year, std::string_view unit_code) = 0;

    // --- 述职评议 ---
    virtual EvaluationInfo evaluate(const Actor& who, std::int64_t submission_id, std::string_view rating,
                                    std::string_view comment, const std::vector<std::string>& issues) = 0;
    virtual EvaluationInfo evaluation(const Actor& who, std::int64_t submission_id) = 0;

    // --- Rectification (整改) ---
    virtual std::vector<RectificationItem> rectifications(const Actor& who, const RectificationFilter& filter) = 0;
    virtual RectificationItem add_rectification(const Actor& who, const NewRectification& item) = 0;
    virtual RectificationItem update_rectification(const Actor& who, std::int64_t id, const RectificationUpdate& update) = 0;
    // Items for a year's failed indicators of the assessment scheme, compliance findings and
    // low evaluation results, each once (an existing item for the same source is kept).
    virtual std::vector<RectificationItem> generate_rectifications(const Actor& who, int year,
                                                                   std::string_view unit_code) = 0;

    // --- Exports (.xlsx bytes; Chinese sheet names and headers, the rows a list would give) ---
    // 党员名册, titled with the node and the date.
    virtual std::string export_members(const Actor& who, const MemberExport& request) = 0;
    // 审计日志, newest first, with the whole before and after of each entry.
    virtual std::string export_audit(const Actor& who, const AuditFilter& filter) = 0;
    // 整改事项台账 as of today.
    virtual std::string export_rectifications(const Actor& who, const RectificationFilter& filter) = 0;
    // 指标情况 of one period, node by node in tree order.
    virtual std::string export_indicators(const Actor& who, const IndicatorExport& request) = 0;

    // --- Import from Excel (issue 16) ---
    // A unit's records of one form from an .xlsx (the form's template: 期间, 党员 for
    // member-scoped forms, one column per field label), one record per row, each filed as
    // submit() files it. All-or-nothing: any bad row means nothing is stored, and every
    // problem is reported with its row (ImportProblem::line) and column. (Member rosters
    // from .xlsx go through import_members, which recognises the file.)
    virtual ImportReport import_records(const Actor& who, std::string_view form_id, std::string_view unit_code,
                                        std::string_view xlsx_bytes) = 0;
    // --- 统计图表 ---
    // The dashboard of a node's subtree for a year (see Dashboard). Anyone who may read the
    // node's forms; the county averages are the one thing from beyond the actor's scope.
    virtual Dashboard dashboard(const Actor& who, int year, std::string_view unit_code) = 0;
    // --- 通知公告 ---
    // Sends a notice (or a 催报, see NewNotice) to units inside the actor's scope.
    virtual NoticeInfo send_notice(const Actor& who, const NewNotice& notice) = 0;
    // The notices the actor may read (addressed to a unit in their subtree, or sent by them),
    // newest first.
    virtual std::vector<NoticeInfo> notices(const Actor& who, const NoticeFilter& filter) = 0;
    virtual NoticeInfo notice(const Actor& who, std::int64_t notice_id) = 0;
    // Marks the notice read for the actor's own unit (its first reader stays recorded).
    virtual NoticeInfo read_notice(const Actor& who, std::int64_t notice_id) = 0;
    // Who has read it: for whoever may send notices, the addressed units of their subtree.
    virtual NoticeReceipts notice_receipts(const Actor& who, std::int64_t notice_id) = 0;
    // The 催报 that send_notice would send for a form and period under a node. Nothing stored.
    virtual RemindDraft remind_draft(const Actor& who, std::string_view form_id, std::string_view period,
                                     std::string_view unit_code) = 0;
    // --- Attachments read back (service/attachment_download.hpp saves one to a file) ---
    // A stored file's name, size and hash, to whoever may read its unit's records.
    virtual AttachmentInfo attachment(const Actor& who, std::int64_t id) = 0;
    // Up to kAttachmentChunkBytes of the file from `offset` (empty at its end), so a large file
    // crosses the wire and reaches the disk piece by piece, never whole in memory.
    virtual std::string attachment_chunk(const Actor& who, std::int64_t id, std::int64_t offset) = 0;
    // --- Printing (PDF bytes: A4, Chinese font embedded, page numbers; what offices file) ---
    // One record as a page of a paper record book (会议记录), laid out from its form's fields
    // and `print` declaration. export_submissions(…, "pdf") prints every record of a filter.
    virtual std::string print_submission(const Actor& who, std::int64_t submission_id) = 0;
    // The 年度党建考核结果汇总表: rank, unit, score by area, total, 等次.
    virtual std::string print_assessment(const Actor& who, int year, std::string_view unit_code) = 0;
    // 整改台账: the items export_rectifications gives.
    virtual std::string print_rectifications(const Actor& who, const RectificationFilter& filter) = 0;
};

}  // namespace dj
