#pragma once
// The records the stores read and write and the Service hands out unchanged: users, the
// audit log, submissions, attachments, 述职评议 votes, rectification items, units' scripts.
// Plain values, below both the stores and the Service interface that uses them.
#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/roles.hpp"

namespace dj {

struct UserInfo {
    std::int64_t id = 0;
    std::string login;
    std::string display_name;
    Role role = Role::Leader;
    std::string org_code;
    std::string org_name;
    bool disabled = false;              // users disable: no login, sessions ended
    bool locked = false;                // too many failed logins: an administrator unlocks
    bool must_change_password = false;  // still on the one-time initial password
    // Only in the answer to create_user and reset_password: the one-time password to hand
    // over, shown once and never stored in clear.
    std::string initial_password;
};

struct Overview {
    std::size_t departments = 0;
    std::size_t party_organisations = 0;  // 机关党委 + 总支 + 支部 + 党小组
    std::size_t branches = 0;             // 党支部
    std::size_t members = 0;
    std::size_t users = 0;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string target;
    std::string before;  // JSON or empty
    std::string after;
    // For readers: the actor's display name (an approver above the reader's scope, whose rows
    // about the reader's records it may read, by name rather than login; "" when unknown) and,
    // for a record's rows, its form's field labels by id (topic → 会议主题).
    std::string actor_name;
    std::map<std::string, std::string> field_labels;
};

struct AuditFilter {
    std::optional<std::string> target;  // exact, or a prefix ending in '*'
    std::optional<std::string> actor;
    std::optional<std::string> since;  // ISO date or time, inclusive
    std::optional<std::string> until;  // exclusive
    std::size_t limit = 200;
};

// What `audit verify` is asked to check beyond the chain itself.
struct AuditCheck {
    bool deep = false;                     // replay the log against the business tables
    std::optional<std::string> anchor;     // a head digest recorded earlier ("1234-9f3a…")
    std::optional<std::string> key_path;   // a key file other than the configured one
};

struct AuditVerdict {
    bool intact = true;  // false: tampering found (reason says the first place)
    std::size_t rows = 0;
    std::optional<std::int64_t> first_broken_id;
    std::string reason;
    // What the check could prove (issue 14): signatures need the key, anchors a record.
    bool keyed = false;             // the audit key was at hand
    std::string key_id;             // its fingerprint
    std::size_t signed_rows = 0;    // rows whose signature was checked and is right
    std::size_t unproven_rows = 0;  // rows signed with another key (or none): not checked
    bool anchored = false;          // the head was checked against an anchor that covers the log
    std::vector<std::string> notes;       // what was and was not proven, in Chinese
    std::vector<std::string> mismatches;  // --deep: each business row that differs from the log
    bool proven() const { return intact && keyed && unproven_rows == 0; }
};

// The head of the chain, to be written down or sent to the level above.
struct AuditHead {
    std::size_t rows = 0;
    std::string hash;    // the last row's hash
    std::string digest;  // "<rows>-<16 hex digits>", what `audit verify --anchor` takes
};

struct UnitScriptInfo {
    std::int64_t id = 0;
    std::string unit_code;
    std::string name;
    int version = 0;
    std::string note;
    std::string author;
    std::string created_at;
    std::string source;  // filled by unit_script(), empty in lists
    // Why this version is not run (stopped for time or memory while loading), in lists.
    std::string fault;
};

struct SubmissionStep {
    std::string at;
    std::string actor;
    std::string action;
    std::string from_state;
    std::string to_state;
    std::string comment;
};

struct SubmissionInfo {
    std::int64_t id = 0;
    std::string form_id;
    std::string form_version;
    std::string unit_code;
    std::string unit_name;
    std::optional<std::int64_t> member_id;
    std::string period;
    std::string state;        // draft / submitted / returned / approved
    std::string state_label;  // 草稿 / 已报送 / 已退回 / 已审核
    int step = 0;
    std::string next_step_label;  // who approves next, empty when none
    std::string values_json;
    std::string author;
    std::string created_at;
    std::string updated_at;
    std::optional<bool> on_time;
    // The plugin that validated the stored values (id, and the folder it came from; with
    // form_version, its version). Empty for a draft and for records stored before schema 7.
    std::string validated_by_plugin;
    std::string validated_by_source;
    std::vector<SubmissionStep> history;
};

struct AttachmentInfo {
    std::int64_t id = 0;
    std::string name;
    std::size_t size = 0;
    std::string sha256;
};

struct RectificationItem {
    std::int64_t id = 0;
    std::string org_code;
    std::string org_name;
    int year = 0;
    std::string source;        // indicator / finding / rating / evaluation / inspection / manual
    std::string source_label;  // 指标未达标 / 合规检查 / 评议等次 / 评议意见 / 督查检查 / 手工登记
    std::string source_ref;
    std::string title;
    std::string detail;
    std::string owner;
    std::string deadline;      // ISO date
    std::string status;        // open / in_progress / done / verified
    std::string status_label;  // 待整改 / 整改中 / 已完成 / 已销号
    std::string evidence;      // what was done, accumulated notes
    std::vector<std::int64_t> attachments;
    bool overdue = false;
    std::string created_by;
    std::string created_at;
    std::string updated_at;
};

struct NewRectification {
    std::string org_code;
    int year = 0;
    std::string source = "manual";
    std::string source_ref;
    std::string title;
    std::string detail;
    std::string owner;
    Date deadline;
};

struct EvaluationVote {
    std::string evaluator;
    std::string evaluator_name;
    std::string rating;  // a label of the scheme's scale (好 / 较好 / 一般 / 差 by default)
    std::string comment;
    std::vector<std::string> issues;
    std::string at;
};

}  // namespace dj
