#include "service/json_codec.hpp"

#include <nlohmann/json.hpp>

namespace dj {

using nlohmann::json;

namespace {
template <class T>
json opt(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}
json opt_date(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }
}  // namespace

json to_json(const OrgAttributes& a) {
    return {{"kind", opt(a.kind)},
            {"staff_count", opt(a.staff_count)},
            {"party_affairs_staff", opt(a.party_affairs_staff)},
            {"term_start", opt_date(a.term_start)},
            {"term_end", opt_date(a.term_end)},
            {"has_discipline_committee", opt(a.has_discipline_committee)},
            {"has_discipline_member", opt(a.has_discipline_member)}};
}

json to_json(const OrgNode& n) {
    return {{"code", n.code},
            {"name", n.name},
            {"type", org_type_id(n.type)},
            {"type_label", org_type_label(n.type)},
            {"parent", n.parent_code.empty() ? json(nullptr) : json(n.parent_code)},
            {"depth", n.depth},
            {"valid_from", n.valid_from.iso()},
            {"valid_to", opt_date(n.valid_to)},
            {"attributes", to_json(n.attrs)}};
}

json to_json(const Member& m) {
    return {{"id", m.id},
            {"name", m.name},
            {"gender", m.gender},
            {"birth_date", opt_date(m.birth_date)},
            {"join_date", m.join_date.iso()},
            {"full_date", opt_date(m.full_date)},
            {"status", m.status},
            {"branch", m.branch_code},
            {"branch_name", m.branch_name},
            {"post", m.post},
            {"cadre_level", m.cadre_level},
            {"flags", m.flags},
            {"party_age", opt(m.party_age)},
            {"political_birthday", m.political_birthday.iso()},
            {"age", opt(m.age)}};
}

json to_json(const MemberInput& m) {
    return {{"name", m.name},         {"gender", m.gender},
            {"birth_date", opt_date(m.birth_date)}, {"join_date", m.join_date.iso()},
            {"full_date", opt_date(m.full_date)},   {"status", m.status},
            {"branch", m.branch_code}, {"post", m.post},
            {"cadre_level", m.cadre_level},         {"flags", m.flags}};
}

json to_json(const UserInfo& u) {
    return {{"id", u.id},       {"login", u.login},       {"display_name", u.display_name},
            {"role", role_id(u.role)}, {"role_label", role_label(u.role)},
            {"org", u.org_code}, {"org_name", u.org_name},
            {"disabled", u.disabled}, {"locked", u.locked}, {"must_change_password", u.must_change_password}};
}

json to_json(const Overview& o) {
    return {{"departments", o.departments}, {"party_organisations", o.party_organisations},
            {"branches", o.branches},       {"members", o.members},
            {"users", o.users}};
}

json to_json(const ImportReport& r) {
    json problems = json::array();
    for (const auto& p : r.problems) problems.push_back({{"line", p.line}, {"message", p.message}});
    return {{"imported", r.imported}, {"rows", r.rows}, {"encoding", r.encoding}, {"problems", problems}};
}

json to_json(const AuditEntry& e) {
    auto parse_or_text = [](const std::string& s) -> json {
        if (s.empty()) return nullptr;
        auto j = json::parse(s, nullptr, false);
        return j.is_discarded() ? json(s) : j;
    };
    return {{"id", e.id},         {"at", e.at},
            {"actor", e.actor},   {"action", e.action},
            {"target", e.target}, {"before", parse_or_text(e.before)},
            {"after", parse_or_text(e.after)}, {"actor_name", e.actor_name},
            {"field_labels", e.field_labels}};
}

json to_json(const AuditVerdict& v) {
    return {{"intact", v.intact},           {"rows", v.rows},
            {"first_broken_id", opt(v.first_broken_id)}, {"reason", v.reason},
            {"proven", v.proven()},         {"keyed", v.keyed},
            {"key_id", v.key_id},           {"signed_rows", v.signed_rows},
            {"unproven_rows", v.unproven_rows}, {"anchored", v.anchored},
            {"notes", v.notes},             {"mismatches", v.mismatches}};
}

}  // namespace dj

namespace dj {

nlohmann::json to_json(const IndicatorInfo& i) {
    return {{"id", i.id},       {"plugin", i.plugin},   {"name", i.name},           {"unit", i.unit},
            {"period", i.period}, {"scope", i.scope},   {"direction", i.direction}, {"rollup", i.rollup},
            {"rule", i.rule},   {"weight", i.weight}, {"description", i.description}, {"target", opt(i.target)}};
}

nlohmann::json to_json(const IndicatorValue& v) {
    return {{"indicator", v.indicator_id}, {"name", v.name},
            {"unit", v.unit},              {"org", v.org_code},
            {"org_name", v.org_name},      {"org_type", v.org_type},
            {"depth", v.depth},            {"period", v.period},
            {"value", opt(v.value)},       {"target", opt(v.target)},
            {"met", v.met ? nlohmann::json(*v.met) : nlohmann::json(nullptr)},
            {"rolled_up", v.rolled_up},    {"findings", v.findings},
            {"error", v.error}};
}

nlohmann::json to_json(const Reminder& r) {
    return {{"rule", r.rule_id}, {"org", r.org_code}, {"org_name", r.org_name}, {"level", r.level},
            {"text", r.text},    {"due", r.due},      {"member", r.member_id ? nlohmann::json(*r.member_id) : nlohmann::json(nullptr)},
            {"form", r.form_id}, {"period", r.period},
            {"rectification", r.rectification_id ? nlohmann::json(*r.rectification_id) : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const RectificationItem& r) {
    return {{"id", r.id},
            {"org", r.org_code},
            {"org_name", r.org_name},
            {"year", r.year},
            {"source", r.source},
            {"source_label", r.source_label},
            {"source_ref", r.source_ref},
            {"title", r.title},
            {"detail", r.detail},
            {"owner", r.owner},
            {"deadline", r.deadline},
            {"status", r.status},
            {"status_label", r.status_label},
            {"evidence", r.evidence},
            {"attachments", r.attachments},
            {"overdue", r.overdue},
            {"created_by", r.created_by},
            {"created_at", r.created_at},
            {"updated_at", r.updated_at}};
}

nlohmann::json to_json(const EvaluationInfo& e) {
    nlohmann::json votes = nlohmann::json::array();
    for (const auto& v : e.votes)
        votes.push_back({{"evaluator", v.evaluator}, {"evaluator_name", v.evaluator_name}, {"rating", v.rating},
                         {"comment", v.comment}, {"issues", v.issues}, {"at", v.at}});
    nlohmann::json previous = nlohmann::json::array();
    for (const auto& r : e.previous_rectifications) previous.push_back(to_json(r));
    return {{"submission", e.submission_id}, {"form", e.form_id}, {"org", e.org_code}, {"org_name", e.org_name},
            {"period", e.period},            {"rule", e.rule},    {"ratings", e.ratings}, {"votes", votes},     {"tally", e.tally},
            {"result", e.result ? nlohmann::json(*e.result) : nlohmann::json(nullptr)},
            {"previous_rectifications", previous}};
}

nlohmann::json to_json(const AssessmentRow& r) {
    nlohmann::json areas = nlohmann::json::array(), lines = nlohmann::json::array();
    for (const auto& a : r.areas) areas.push_back({{"id", a.id}, {"label", a.label}, {"weight", a.weight}, {"earned", a.earned}});
    for (const auto& l : r.lines)
        lines.push_back({{"area", l.area_id}, {"area_label", l.area_label}, {"kind", l.kind}, {"ref", l.ref},
                         {"label", l.label}, {"value", opt(l.value)}, {"target", opt(l.target)}, {"unit", l.unit},
                         {"weight", l.weight}, {"earned", l.earned}, {"lost", l.lost}, {"note", l.note}});
    return {{"rank", r.rank},   {"rank_in_kind", r.rank_in_kind}, {"org", r.org_code}, {"org_name", r.org_name},
            {"kind", r.kind},   {"score", r.score},               {"rating", r.rating}, {"veto", r.veto},
            {"areas", areas},   {"lines", lines}};
}

nlohmann::json to_json(const AssessmentResult& r) {
    nlohmann::json rows = nlohmann::json::array(), thresholds = nlohmann::json::array();
    for (const auto& row : r.rows) rows.push_back(to_json(row));
    for (const auto& [label, min] : r.thresholds) thresholds.push_back({{"rating", label}, {"min", min}});
    return {{"year", r.year}, {"scheme", r.scheme_id}, {"title", r.title}, {"thresholds", thresholds}, {"rows", rows}};
}

}  // namespace dj

namespace dj {

using nlohmann::json;

json to_json(const PluginInfo& p) {
    return {{"id", p.id},         {"name", p.name},         {"version", p.version},
            {"source", p.source}, {"status", p.status},     {"status_label", p.status_label},
            {"reason", p.reason}, {"forms", p.forms},       {"settings", json::parse(p.settings_json, nullptr, false)},
            {"owner_unit", p.owner_unit ? json(*p.owner_unit) : json(nullptr)}};
}

json to_json(const EffectivePluginInfo& e) {
    return {{"id", e.id},
            {"name", e.name},
            {"enabled", e.enabled},
            {"decided_at", e.decided_at.empty() ? json(nullptr) : json(e.decided_at)},
            {"inherited", e.inherited},
            {"settings", json::parse(e.settings_json, nullptr, false)},
            {"own_entry", e.own_entry_json.empty() ? json(nullptr) : json::parse(e.own_entry_json, nullptr, false)}};
}

json to_json(const PluginReloadInfo& r) { return {{"id", r.id}, {"ok", r.ok}, {"reason", r.reason}}; }

json to_json(const UnitScriptInfo& s) {
    json j = {{"id", s.id},         {"unit", s.unit_code},   {"name", s.name},
              {"version", s.version}, {"note", s.note},      {"author", s.author},
              {"created_at", s.created_at}};
    if (!s.source.empty()) j["source"] = s.source;
    if (!s.fault.empty()) j["fault"] = s.fault;
    return j;
}

json to_json(const DueForm& d) {
    return {{"form", d.form_id},     {"form_title", d.form_title}, {"unit", d.unit_code}, {"unit_name", d.unit_name},
            {"period", d.period},    {"deadline", d.deadline},     {"soon", d.soon},
            {"draft", d.draft_id ? json(*d.draft_id) : json(nullptr)}};
}

json to_json(const TodoList& t) {
    auto list = [](const std::vector<SubmissionInfo>& v) {
        json a = json::array();
        for (const auto& s : v) a.push_back(to_json(s));
        return a;
    };
    json due = json::array();
    for (const auto& d : t.due) due.push_back(to_json(d));
    return {{"to_approve", list(t.to_approve)}, {"returned", list(t.returned)}, {"withdrawable", list(t.withdrawable)},
            {"due", due}, {"form_titles", t.form_titles}};
}

json to_json(const SubmissionInfo& s) {
    json history = json::array();
    for (const auto& h : s.history)
        history.push_back({{"at", h.at}, {"actor", h.actor}, {"action", h.action}, {"from", h.from_state},
                           {"to", h.to_state}, {"comment", h.comment}});
    return {{"id", s.id},
            {"form", s.form_id},
            {"form_version", s.form_version},
            {"unit", s.unit_code},
            {"unit_name", s.unit_name},
            {"member", s.member_id ? json(*s.member_id) : json(nullptr)},
            {"period", s.period},
            {"state", s.state},
            {"state_label", s.state_label},
            {"step", s.step},
            {"values", json::parse(s.values_json, nullptr, false)},
            {"author", s.author},
            {"created_at", s.created_at},
            {"updated_at", s.updated_at},
            {"on_time", s.on_time ? json(*s.on_time) : json(nullptr)},
            {"validated_by", s.validated_by_plugin.empty()
                                 ? json(nullptr)
                                 : json({{"plugin", s.validated_by_plugin},
                                         {"version", s.form_version},
                                         {"source", s.validated_by_source}})},
            {"history", history}};
}

json to_json(const FieldIssue& i) { return {{"field", i.field}, {"message", i.message}}; }

json to_json(const CompletenessRow& r) {
    return {{"unit", r.unit_code}, {"name", r.unit_name}, {"type", r.type}, {"depth", r.depth},
            {"expected", r.expected}, {"submitted", r.submitted}, {"on_time", r.on_time},
            {"approved", r.approved}, {"own_expected", r.own_expected},
            {"own_submitted", r.own_submitted}};
}

json to_json(const AttachmentInfo& a) {
    return {{"attachment", a.id}, {"name", a.name}, {"size", a.size}, {"sha256", a.sha256}};
}

json to_json(const IndicatorRefresh& r) { return {{"recomputed", r.recomputed}, {"runs", r.runs}}; }

}  // namespace dj
