#include "api/wire.hpp"

#include <sodium.h>

#include <cstring>

#include "api/wire_fields.hpp"
#include "core/errors.hpp"

namespace dj {

using nlohmann::json;

// Member by member, every member. Encoding writes them all; decoding reads what is there and
// leaves a missing field at the struct's own default (like nlohmann's ..._WITH_DEFAULT), so an
// older client that does not know a newer optional field still works. The fields a value
// cannot mean anything without are listed with DJ_WIRE_REQUIRED (before its DJ_WIRE): missing,
// they are a WireFieldError naming the field (HTTP 400). A field forgotten in a DJ_WIRE list
// does not compile: the list's length is checked against the struct's (wire_fields.hpp).
#define DJ_WIRE_NAME(field) #field,
#define DJ_WIRE_TO(field) nlohmann_json_j[#field] = nlohmann_json_t.field;
#define DJ_WIRE_FROM(field) wire::read_field(nlohmann_json_j, #field, nlohmann_json_t.field, required);
#define DJ_WIRE(Type, ...)                                                                          \
    static_assert(wire::field_count<Type>() ==                                                      \
                      std::size({NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(DJ_WIRE_NAME, __VA_ARGS__))}), \
                  "DJ_WIRE(" #Type ", ...) must list every member of " #Type);                      \
    void to_json(json& nlohmann_json_j, const Type& nlohmann_json_t) {                              \
        nlohmann_json_j = json::object();                                                           \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(DJ_WIRE_TO, __VA_ARGS__))                          \
    }                                                                                               \
    void from_json(const json& nlohmann_json_j, Type& nlohmann_json_t) {                            \
        if (!nlohmann_json_j.is_object()) throw wire::WireFieldError("", "应为对象");               \
        constexpr auto required = &wire::Required<Type>::has;                                        \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(DJ_WIRE_FROM, __VA_ARGS__))                        \
    }

// The fields of Type a request must carry (string literals naming members).
#define DJ_WIRE_REQUIRED(Type, ...)                                                     \
    template <>                                                                         \
    struct wire::Required<Type> {                                                       \
        static bool has(std::string_view field) {                                       \
            for (std::string_view name : {__VA_ARGS__})                                 \
                if (name == field) return true;                                         \
            return false;                                                               \
        }                                                                               \
    };

void to_json(json& j, const Date& v) { j = v.iso(); }
void from_json(const json& j, Date& v) { v = Date::parse_or_throw(j.get<std::string>(), "日期"); }

void to_json(json& j, const Role& v) { j = std::string(role_id(v)); }
void from_json(const json& j, Role& v) {
    auto r = parse_role(j.get<std::string>());
    if (!r) throw UserError("角色「" + j.get<std::string>() + "」不存在");
    v = *r;
}

void to_json(json& j, const OrgType& v) { j = std::string(org_type_id(v)); }
void from_json(const json& j, OrgType& v) {
    auto t = parse_org_type(j.get<std::string>());
    if (!t) throw UserError("组织类型「" + j.get<std::string>() + "」不存在");
    v = *t;
}

// DJ_WIRE_REQUIRED: what a request cannot mean anything without (its identity, its unit,
// its period); everything else may be left out and takes the struct's default.
DJ_WIRE(Actor, user_id, login, display_name, role, org_id, org_code, session_id, must_change_password)
DJ_WIRE(OrgAttributes, kind, staff_count, party_affairs_staff, term_start, term_end, has_discipline_committee,
        has_discipline_member)
DJ_WIRE(OrgNode, id, code, name, type, parent_id, parent_code, attrs, valid_from, valid_to, depth)
DJ_WIRE_REQUIRED(MemberInput, "name", "gender", "join_date", "status", "branch_code")
DJ_WIRE(MemberInput, name, gender, birth_date, join_date, full_date, status, branch_code, post, cadre_level, flags)
DJ_WIRE(Member, id, name, gender, birth_date, join_date, full_date, status, branch_id, branch_code, branch_name, post,
        cadre_level, flags, party_age, political_birthday, age)
DJ_WIRE(UserInfo, id, login, display_name, role, org_code, org_name, disabled, locked, must_change_password,
        initial_password)
DJ_WIRE(Overview, departments, party_organisations, branches, members, users)
DJ_WIRE(AuditEntry, id, at, actor, action, target, before, after, actor_name, field_labels)
DJ_WIRE(AuditFilter, target, actor, since, until, limit)
DJ_WIRE(AuditVerdict, intact, rows, first_broken_id, reason, keyed, key_id, signed_rows, unproven_rows, anchored, notes,
        mismatches)
// The one place the rule lives: a key file path names a file on the server, which only the
// server's own configuration chooses, so it never travels. Encoding one is refused (the
// client asked for something a server cannot do); decoding never reads one (a hand-made
// request naming a key is answered with the server's own key).
void to_json(json& j, const AuditCheck& v) {
    if (v.key_path) throw UserError("连接服务器时不能指定审计密钥文件（--key）：密钥由服务器保管");
    j = {{"deep", v.deep}, {"anchor", v.anchor}};
}
void from_json(const json& j, AuditCheck& v) {
    v = AuditCheck{};
    v.deep = j.value("deep", false);
    if (j.contains("anchor") && !j["anchor"].is_null()) v.anchor = j["anchor"].get<std::string>();
}
DJ_WIRE(AuditHead, rows, hash, digest)
DJ_WIRE(UnitScriptInfo, id, unit_code, name, version, note, author, created_at, source, fault)
DJ_WIRE(SubmissionStep, at, actor, action, from_state, to_state, comment)
DJ_WIRE(SubmissionInfo, id, form_id, form_version, unit_code, unit_name, member_id, period, state, state_label, step,
        next_step_label, values_json, author, created_at, updated_at, on_time, validated_by_plugin,
        validated_by_source, history)
DJ_WIRE(AttachmentInfo, id, name, size, sha256)
DJ_WIRE(RectificationItem, id, org_code, org_name, year, source, source_label, source_ref, title, detail, owner,
        deadline, status, status_label, evidence, attachments, overdue, created_by, created_at, updated_at)
DJ_WIRE_REQUIRED(NewRectification, "org_code", "year", "title")
DJ_WIRE(NewRectification, org_code, year, source, source_ref, title, detail, owner, deadline)
DJ_WIRE(EvaluationVote, evaluator, evaluator_name, rating, comment, issues, at)
DJ_WIRE(AssessmentLine, area_id, area_label, kind, ref, label, value, target, unit, weight, earned, lost, note, missed,
        has_findings)
DJ_WIRE(AssessmentArea, id, label, weight, earned)
DJ_WIRE(AssessmentRow, rank, rank_in_kind, org_code, org_name, kind, score, rating, veto, areas, lines)
DJ_WIRE(AssessmentResult, year, scheme_id, title, rectify_ratings, thresholds, rows)
DJ_WIRE_REQUIRED(NewUser, "login", "display_name", "role", "org_code")
DJ_WIRE(NewUser, login, display_name, role, org_code)
DJ_WIRE(UserChange, display_name, role, org_code)
DJ_WIRE_REQUIRED(LoginRequest, "login", "password")
DJ_WIRE(LoginRequest, login, password, source)
DJ_WIRE(SessionInfo, token, actor, expires_at, idle_timeout_seconds)
DJ_WIRE_REQUIRED(NewOrg, "code", "name", "type", "effective")
DJ_WIRE(NewOrg, code, name, type, parent_code, attrs, effective)
DJ_WIRE_REQUIRED(OrgChange, "effective")
DJ_WIRE(OrgChange, name, parent_code, type, attrs, effective)
DJ_WIRE(MemberFilter, include_subtree, flag, name_part, on)
DJ_WIRE(ImportProblem, line, message)
DJ_WIRE(ImportReport, imported, rows, encoding, problems)
DJ_WIRE(MemberFlagInfo, name, help, plugins)
DJ_WIRE(PluginInfo, id, name, version, source, status, status_label, reason, forms, settings_json, owner_unit)
DJ_WIRE(EffectivePluginInfo, id, name, enabled, decided_at, inherited, settings_json, own_entry_json)
DJ_WIRE_REQUIRED(PluginSetting, "plugin_id", "unit_code")
DJ_WIRE(PluginSetting, plugin_id, unit_code, enabled, settings_json, clear)
DJ_WIRE(PluginReloadInfo, id, ok, reason)
DJ_WIRE(ScriptTestResult, ok, error, line, registered, log)
DJ_WIRE(FormInfo, id, title, plugin, scope, period, many, deadline_days, schema_json, filled_below)
// A file's bytes are not text: base64 in JSON.
void to_json(json& j, const NewAttachment& v) {
    std::string b64(sodium_base64_ENCODED_LEN(v.bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(v.bytes.data()), v.bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    j = {{"field", v.field}, {"name", v.name}, {"bytes_base64", b64}};
}
void from_json(const json& j, NewAttachment& v) {
    v.field = j.at("field").get<std::string>();
    v.name = j.at("name").get<std::string>();
    const std::string b64 = j.at("bytes_base64").get<std::string>();
    std::string bytes(b64.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), b64.data(), b64.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw UserError("附件「" + v.name + "」的内容编码不正确");
    bytes.resize(len);
    v.bytes = std::move(bytes);
}
DJ_WIRE_REQUIRED(SubmitRequest, "form_id", "unit_code", "period")
DJ_WIRE(SubmitRequest, form_id, unit_code, period, member_id, submission_id, values_json, draft, attachments)
DJ_WIRE(FieldIssue, field, message)
DJ_WIRE(FormPreview, values_json, visible, issues)
DJ_WIRE_REQUIRED(SubmissionFilter, "form_id", "unit_code")
DJ_WIRE(SubmissionFilter, form_id, period, unit_code, state)
DJ_WIRE_REQUIRED(ReopenRequest, "form_id", "unit_code", "period", "reason", "until")
DJ_WIRE(ReopenRequest, form_id, unit_code, period, reason, until)
DJ_WIRE(CompletenessRow, unit_code, unit_name, type, depth, expected, submitted, on_time, approved, own_expected,
        own_submitted)
DJ_WIRE(IndicatorInfo, id, plugin, name, unit, period, scope, direction, rollup, rule, weight, description, target)
DJ_WIRE_REQUIRED(IndicatorQuery, "period", "unit_code")
DJ_WIRE(IndicatorQuery, period, unit_code, indicator_id, subtree)
DJ_WIRE(IndicatorValue, indicator_id, name, unit, org_code, org_name, org_type, depth, period, value, target, met,
        rolled_up, findings, error)
DJ_WIRE(IndicatorRefresh, recomputed, runs)
DJ_WIRE(Reminder, rule_id, org_code, org_name, level, text, due, member_id, form_id, period, rectification_id)
DJ_WIRE(DueForm, form_id, form_title, unit_code, unit_name, period, deadline, soon, draft_id)
DJ_WIRE(TodoList, to_approve, returned, withdrawable, due, form_titles)
DJ_WIRE(RectificationUpdate, status, owner, deadline, evidence, attachment_id, comment)
DJ_WIRE_REQUIRED(RectificationFilter, "unit_code")
DJ_WIRE(RectificationFilter, unit_code, year, status, overdue_only)
DJ_WIRE(EvaluationInfo, submission_id, form_id, org_code, org_name, period, rule, ratings, votes, tally, result,
        previous_rectifications)
DJ_WIRE_REQUIRED(MemberExport, "unit_code")
DJ_WIRE(MemberExport, unit_code, filter, only)
DJ_WIRE_REQUIRED(IndicatorExport, "query")
DJ_WIRE(IndicatorExport, query, problems_only)
DJ_WIRE(DashboardCompletion, unit_code, unit_name, unit_type, expected, submitted, on_time, rate)
DJ_WIRE(DashboardTrend, form_id, form_title, label, counts)
DJ_WIRE(DashboardRatings, form_id, form_title, labels, counts, unrated)
DJ_WIRE(DashboardArea, id, label, weight, average)
DJ_WIRE(DashboardDepartmentScore, org_code, org_name, score, rating, earned)
DJ_WIRE(Dashboard, year, unit_code, unit_name, level, bars_of, total, completion, months, trends, ratings, scheme_title,
        areas, county_departments, county_average_score, departments, assessment_note)
DJ_WIRE(NewNotice, title, body, scope_code, unit_codes, attachments, remind_form, remind_period)
DJ_WIRE(NoticeReceipt, unit_code, unit_name, read, read_by, read_by_name, read_at)
DJ_WIRE(NoticeInfo, id, kind, kind_label, title, body, form_id, period, deadline, sender, sender_name, sender_unit_code,
        sender_unit_name, sent_at, attachments, recipients, read_count, to_my_unit, read, read_by_name, read_at,
        sent_by_me)
DJ_WIRE(NoticeFilter, unread_only, sent_only, limit)
DJ_WIRE(NoticeReceipts, notice_id, title, read_count, unread_count, units)
DJ_WIRE(RemindDraft, notice, form_title, period_label, deadline, units)

}  // namespace dj
