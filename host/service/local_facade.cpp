// LocalService's operations, each handed to the part for its area. Nothing else happens
// here: access is checked by the part, writes go through its stores.
#include "service/local_assessment.hpp"
#include "service/local_audit.hpp"
#include "service/local_dashboard.hpp"
#include "service/local_forms.hpp"
#include "service/local_indicators.hpp"
#include "service/local_members.hpp"
#include "service/local_org.hpp"
#include "service/local_plugins.hpp"
#include "service/local_review.hpp"
#include "service/local_service.hpp"
#include "service/local_users.hpp"

namespace dj {

std::vector<UserInfo> LocalService::list_users(const Actor& who) {
    return users_->list_users(who);
}
UserInfo LocalService::create_user(const Actor& who, const NewUser& user) {
    return users_->create_user(who, user);
}
std::vector<OrgNode> LocalService::org_tree(const Actor& who, std::optional<Date> at) {
    return org_->org_tree(who, at);
}
OrgNode LocalService::org_node(const Actor& who, std::string_view code, std::optional<Date> at) {
    return org_->org_node(who, code, at);
}
std::vector<OrgNode> LocalService::org_history(const Actor& who, std::string_view code) {
    return org_->org_history(who, code);
}
OrgNode LocalService::create_org(const Actor& who, const NewOrg& org) {
    return org_->create_org(who, org);
}
OrgNode LocalService::change_org(const Actor& who, std::string_view code, const OrgChange& change) {
    return org_->change_org(who, code, change);
}
void LocalService::close_org(const Actor& who, std::string_view code, Date effective) {
    org_->close_org(who, code, effective);
}
Overview LocalService::overview(const Actor& who) {
    return org_->overview(who);
}
std::vector<Member> LocalService::list_members(const Actor& who, std::string_view unit_code, const MemberFilter& filter) {
    return members_->list_members(who, unit_code, filter);
}
Member LocalService::member(const Actor& who, std::int64_t id, Date on) {
    return members_->member(who, id, on);
}
Member LocalService::add_member(const Actor& who, const MemberInput& input) {
    return members_->add_member(who, input);
}
Member LocalService::update_member(const Actor& who, std::int64_t id, const MemberInput& input) {
    return members_->update_member(who, id, input);
}
void LocalService::remove_member(const Actor& who, std::int64_t id, Date on, std::string_view reason) {
    members_->remove_member(who, id, on, reason);
}
ImportReport LocalService::import_members(const Actor& who, std::string_view csv_bytes) {
    return members_->import_members(who, csv_bytes);
}
std::vector<AuditEntry> LocalService::audit_log(const Actor& who, const AuditFilter& filter) {
    return audit_->audit_log(who, filter);
}
AuditVerdict LocalService::audit_verify(const Actor& who, const AuditCheck& check) {
    return audit_->audit_verify(who, check);
}
AuditHead LocalService::audit_anchor(const Actor& who) {
    return audit_->audit_anchor(who);
}
std::vector<MemberFlagInfo> LocalService::member_flags(const Actor& who) { return plugins_->member_flags(who); }
std::vector<PluginInfo> LocalService::list_plugins(const Actor& who) {
    return plugins_->list_plugins(who);
}
std::vector<PluginReloadInfo> LocalService::reload_plugins(const Actor& who, const std::string& plugin_id) {
    return plugins_->reload_plugins(who, plugin_id);
}
std::vector<std::string> LocalService::plugin_folders(const Actor& who) {
    return plugins_->plugin_folders(who);
}
void LocalService::set_plugin_folders(const Actor& who, const std::vector<std::string>& folders) {
    plugins_->set_plugin_folders(who, folders);
}
void LocalService::set_plugin(const Actor& who, const PluginSetting& setting) {
    plugins_->set_plugin(who, setting);
}
std::vector<EffectivePluginInfo> LocalService::effective_plugins(const Actor& who, std::string_view unit_code) {
    return plugins_->effective_plugins(who, unit_code);
}
UnitScriptInfo LocalService::save_unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view source, std::string_view note) {
    return plugins_->save_unit_script(who, unit_code, name, source, note);
}
std::vector<UnitScriptInfo> LocalService::unit_scripts(const Actor& who, std::string_view unit_code, bool all_versions) {
    return plugins_->unit_scripts(who, unit_code, all_versions);
}
UnitScriptInfo LocalService::unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::optional<int> version) {
    return plugins_->unit_script(who, unit_code, name, version);
}
ScriptTestResult LocalService::test_unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view source) {
    return plugins_->test_unit_script(who, unit_code, name, source);
}
std::vector<FormInfo> LocalService::list_forms(const Actor& who, std::string_view unit_code) {
    return forms_->list_forms(who, unit_code);
}
FormInfo LocalService::form(const Actor& who, std::string_view form_id) {
    return forms_->form(who, form_id);
}
std::vector<FieldIssue> LocalService::check_form(const Actor& who, const SubmitRequest& request) {
    return forms_->check_form(who, request);
}
FormPreview LocalService::preview_form(const Actor& who, const SubmitRequest& request) {
    return forms_->preview_form(who, request);
}
FormPreview LocalService::draft_form(const Actor& who, const SubmitRequest& request) {
    return forms_->draft_form(who, request);
}
ImportReport LocalService::import_records(const Actor& who, std::string_view form_id, std::string_view unit_code,
                                          std::string_view xlsx_bytes) {
    return forms_->import_records(who, form_id, unit_code, xlsx_bytes);
}

SubmissionInfo LocalService::submit(const Actor& who, const SubmitRequest& request) {
    return forms_->submit(who, request);
}
SubmissionInfo LocalService::approve(const Actor& who, std::int64_t submission_id, std::string_view comment) {
    return forms_->approve(who, submission_id, comment);
}
SubmissionInfo LocalService::return_submission(const Actor& who, std::int64_t submission_id, std::string_view comment) {
    return forms_->return_submission(who, submission_id, comment);
}
SubmissionInfo LocalService::submission(const Actor& who, std::int64_t submission_id) {
    return forms_->submission(who, submission_id);
}
std::vector<SubmissionInfo> LocalService::list_submissions(const Actor& who, const SubmissionFilter& filter) {
    return forms_->list_submissions(who, filter);
}
SubmissionInfo LocalService::withdraw(const Actor& who, std::int64_t submission_id) {
    return forms_->withdraw(who, submission_id);
}
TodoList LocalService::todo(const Actor& who) { return forms_->todo(who); }
void LocalService::reopen(const Actor& who, const ReopenRequest& request) {
    forms_->reopen(who, request);
}
std::vector<CompletenessRow> LocalService::completeness(const Actor& who, std::string_view form_id, std::string_view period, std::string_view unit_code) {
    return forms_->completeness(who, form_id, period, unit_code);
}
AttachmentInfo LocalService::add_attachment(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view bytes) {
    return forms_->add_attachment(who, unit_code, name, bytes);
}
std::string LocalService::export_submissions(const Actor& who, const SubmissionFilter& filter, std::string_view format) {
    return forms_->export_submissions(who, filter, format);
}
std::vector<IndicatorInfo> LocalService::list_indicators(const Actor& who, std::string_view unit_code) {
    return indicators_->list_indicators(who, unit_code);
}
std::vector<IndicatorValue> LocalService::indicator_values(const Actor& who, const IndicatorQuery& query) {
    return indicators_->indicator_values(who, query);
}
IndicatorRefresh LocalService::refresh_indicators(const Actor& who) {
    return indicators_->refresh_indicators(who);
}
std::vector<Reminder> LocalService::reminders(const Actor& who, Date date, std::string_view unit_code) {
    return indicators_->reminders(who, date, unit_code);
}
AssessmentResult LocalService::assess(const Actor& who, int year, std::string_view unit_code) {
    return assessment_->assess(who, year, unit_code);
}
std::string LocalService::export_assessment(const Actor& who, int year, std::string_view unit_code) {
    return assessment_->export_assessment(who, year, unit_code);
}
EvaluationInfo LocalService::evaluate(const Actor& who, std::int64_t submission_id, std::string_view rating, std::string_view comment, const std::vector<std::string>& issues) {
    return review_->evaluate(who, submission_id, rating, comment, issues);
}
EvaluationInfo LocalService::evaluation(const Actor& who, std::int64_t submission_id) {
    return review_->evaluation(who, submission_id);
}
std::vector<RectificationItem> LocalService::rectifications(const Actor& who, const RectificationFilter& filter) {
    return review_->rectifications(who, filter);
}
RectificationItem LocalService::add_rectification(const Actor& who, const NewRectification& item) {
    return review_->add_rectification(who, item);
}
RectificationItem LocalService::update_rectification(const Actor& who, std::int64_t id, const RectificationUpdate& update) {
    return review_->update_rectification(who, id, update);
}
std::vector<RectificationItem> LocalService::generate_rectifications(const Actor& who, int year, std::string_view unit_code) {
    return assessment_->generate_rectifications(who, year, unit_code);
}

Dashboard LocalService::dashboard(const Actor& who, int year, std::string_view unit_code) {
    return dashboard_->dashboard(who, year, unit_code);
}
AttachmentInfo LocalService::attachment(const Actor& who, std::int64_t id) {
    return forms_->attachment(who, id);
}
std::string LocalService::attachment_chunk(const Actor& who, std::int64_t id, std::int64_t offset) {
    return forms_->attachment_chunk(who, id, offset);
}

}  // namespace dj
