// LocalService: forms, submissions and their workflow, deadlines, completeness.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sodium.h>

#include "core/errors.hpp"
#include "forms/workflow.hpp"
#include "indicators/indicator_engine.hpp"
#include "plugins/plugin_host.hpp"
#include "service/audit_chain.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

namespace dj {

using nlohmann::json;

ValidationFailed::ValidationFailed(std::vector<FieldIssue> issues)
    : UserError([&] {
          std::string msg = "填报内容有 " + std::to_string(issues.size()) + " 处问题：";
          for (std::size_t i = 0; i < issues.size(); ++i) msg += (i ? "；" : "") + issues[i].message;
          return msg;
      }()),
      issues_(std::move(issues)) {}

namespace {

constexpr std::size_t kMaxValuesBytes = 1u << 20;

// What a form's values may refer to, checked against the database and the node filled for.
class DbFormContext : public forms::FormContext {
public:
    DbFormContext(const db::Connection& db, std::int64_t node_id, std::optional<Period> period, Date today)
        : db_(db), node_id_(node_id), period_(period), today_(today) {}

    std::optional<std::string> check_member(std::int64_t id, const json& filter) override {
        auto st = db_.prepare("SELECT branch_id, name, join_date FROM member WHERE id = ? AND left_on IS NULL");
        st.bind(1, id);
        if (!st.step()) return "：党员编号 " + std::to_string(id) + " 不存在或已转出";
        std::string name = st.text(1);
        if (!org_store::is_within(db_, st.int64(0), node_id_, today_))
            return "：党员「" + name + "」不在本组织";
        if (!filter.is_object()) return std::nullopt;
        auto has_flag = [&](const std::string& flag) {
            auto f = db_.prepare("SELECT 1 FROM member_flag WHERE member_id = ? AND flag = ?");
            f.bind_all(id, flag);
            return f.step();
        };
        if (filter.contains("flag") && filter["flag"].is_string() && !has_flag(filter["flag"].get<std::string>()))
            return "：党员「" + name + "」没有「" + filter["flag"].get<std::string>() + "」标记";
        // A rule stated by date, not by a flag someone must remember to set (老党员补贴: 新中国成立前入党).
        if (filter.contains("joined_before") && filter["joined_before"].is_string()) {
            const std::string before = filter["joined_before"].get<std::string>();
            if (st.is_null(2) || st.text(2) >= before)
                return "：党员「" + name + "」不是 " + before + " 以前入党的";
        }
        if (filter.contains("any_flag") && filter["any_flag"].is_array()) {
            std::string names;
            for (const auto& f : filter["any_flag"]) {
                if (!f.is_string()) continue;
                if (has_flag(f.get<std::string>())) return std::nullopt;
                names += (names.empty() ? "「" : "」或「") + f.get<std::string>();
            }
            if (!names.empty()) return "：党员「" + name + "」没有" + names + "」标记";
        }
        return std::nullopt;
    }
    std::optional<std::string> check_org(const std::string& code) override {
        auto node = org_store::current_by_code(db_, code);
        if (!node) return "：组织「" + code + "」不存在";
        return std::nullopt;
    }
    std::optional<std::string> check_attachment(const json& ref, const forms::Field& field) override {
        auto st = db_.prepare("SELECT name, size, org_id FROM attachment WHERE id = ?");
        st.bind(1, ref["attachment"].get<std::int64_t>());
        if (!st.step()) return "：附件 " + ref["attachment"].dump() + " 不存在，请重新上传";
        std::string name = st.text(0);
        auto size = static_cast<std::size_t>(st.int64(1));
        if (!org_store::is_within(db_, st.int64(2), node_id_, today_) && !org_store::is_within(db_, node_id_, st.int64(2), today_))
            return "：附件「" + name + "」不属于本组织";
        if (field.max_bytes && size > *field.max_bytes)
            return "：附件「" + name + "」大小 " + std::to_string(size / 1024) + " KB，超过上限 " +
                   std::to_string(*field.max_bytes / 1024) + " KB";
        if (!field.accept.empty()) {
            bool ok = false;
            for (const auto& ext : field.accept)
                ok = ok || (name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0);
            if (!ok) {
                std::string list;
                for (const auto& e : field.accept) list += (list.empty() ? "" : "、") + e;
                return "：附件「" + name + "」的类型不符合要求（应为 " + list + "）";
            }
        }
        return std::nullopt;
    }
    std::optional<Period> period() const override { return period_; }

private:
    const db::Connection& db_;
    std::int64_t node_id_;
    std::optional<Period> period_;
    Date today_;
};

std::vector<FieldIssue> issues_of(const forms::Validation& v) {
    std::vector<FieldIssue> out;
    for (const auto& p : v.problems) out.push_back({p.field, p.message});
    return out;
}


const char* scope_label(forms::FormScope scope) {
    switch (scope) {
        case forms::FormScope::Department: return "部门/单位";
        case forms::FormScope::Organisation: return "党组织（机关党委、党总支、党支部）";
        case forms::FormScope::Member: return "党支部（按党员填报）";
    }
    return "";
}

FormInfo form_info(const forms::FormDef& f) {
    return {f.id,
            f.title,
            f.plugin_id,
            std::string(forms::form_scope_id(f.scope)),
            std::string(period_type_id(f.period)),
            f.many,
            f.deadline_days,
            forms::form_to_json(f).dump()};
}

std::optional<Date> reopened_until(const db::Connection& db, const std::string& form_id, std::int64_t node_id,
                                   const std::string& period) {
    auto st = db.prepare("SELECT until FROM period_reopen WHERE form_id = ? AND org_id = ? AND period = ?");
    st.bind_all(form_id, node_id, period);
    if (!st.step()) return std::nullopt;
    return Date::parse(st.text(0));
}

}  // namespace

// --- Forms ------------------------------------------------------------------------------

std::shared_ptr<const plugins::FormBinding> LocalService::form_or_throw(std::string_view form_id) {
    auto f = plugin_host().form(form_id);
    if (!f) throw NotFound("表单「" + std::string(form_id) + "」不存在（或其插件未能加载）");
    return f;
}

bool LocalService::form_applies(const plugins::FormBinding& form, const OrgNode& node) {
    if (!forms::scope_fits(form.def.scope, node.type)) return false;
    if (form.owner_unit) {
        auto owner = org_store::current_by_code(db_, *form.owner_unit);
        return owner && org_store::is_within(db_, node.id, owner->id, today_);
    }
    return enabled_at(node.id).count(form.def.plugin_id) > 0;
}

std::vector<FormInfo> LocalService::list_forms(const Actor& claimed, std::string_view unit_code) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::ReadForms, node.id);
    std::set<std::string> enabled = enabled_at(node.id);
    std::vector<FormInfo> out;
    for (const auto& f : plugin_host().forms()) {
        if (!forms::scope_fits(f->def.scope, node.type)) continue;
        bool on = f->owner_unit ? form_applies(*f, node) : enabled.count(f->def.plugin_id) > 0;
        if (on) out.push_back(form_info(f->def));
    }
    return out;
}

FormInfo LocalService::form(const Actor& claimed, std::string_view form_id) {
    Actor who = verified(claimed);
    require(who, Capability::ReadForms, who.org_id);
    return form_info(form_or_throw(form_id)->def);
}

std::vector<FieldIssue> LocalService::check_form(const Actor& claimed, const SubmitRequest& req) {
    Actor who = verified(claimed);
    auto binding = form_or_throw(req.form_id);
    auto node = current_node_or_throw(req.unit_code);
    require(who, Capability::ReadForms, node.id);
    auto values = json::parse(req.values_json, nullptr, false);
    if (values.is_discarded()) return {{"", "填报内容不是有效的 JSON"}};
    plugins::LuaFormHooks hooks(binding);
    DbFormContext ctx(db_, node.id, Period::parse(req.period), today_);
    return issues_of(forms::validate(binding->def, values, hooks, ctx));
}

FormPreview LocalService::preview_form(const Actor& claimed, const SubmitRequest& req) {
    return preview(claimed, req, false);
}

FormPreview LocalService::draft_form(const Actor& claimed, const SubmitRequest& req) {
    return preview(claimed, req, true);
}

FormPreview LocalService::preview(const Actor& claimed, const SubmitRequest& req, bool with_defaults) {
    Actor who = verified(claimed);
    auto binding = form_or_throw(req.form_id);
    auto node = current_node_or_throw(req.unit_code);
    require(who, Capability::ReadForms, node.id);
    FormPreview out;
    auto values = json::parse(req.values_json, nullptr, false);
    if (values.is_discarded()) {
        out.issues = {{"", "填报内容不是有效的 JSON"}};
        return out;
    }
    plugins::LuaFormHooks hooks(binding);
    if (with_defaults && values.is_object()) {
        json start = forms::initial_values(binding->def, hooks);
        for (const auto& f : binding->def.fields)
            if (f.has(forms::Hook::Compute)) start.erase(f.id);  // computed again by validate
        start.update(values);  // what the user already typed wins
        values = std::move(start);
    }
    DbFormContext ctx(db_, node.id, Period::parse(req.period), today_);
    auto v = forms::validate(binding->def, values, hooks, ctx);
    out.values_json = v.values.dump();
    out.visible = std::move(v.visible);
    out.issues = issues_of(v);
    return out;
}

// --- Submissions ------------------------------------------------------------------------

SubmissionInfo LocalService::read_submission(std::int64_t id) const {
    auto st = db_.prepare(
        "SELECT s.id, s.form_id, s.form_version, n.code, coalesce(v.name, ''), s.member_id, s.period, s.state, s.step, "
        "s.data, s.author, s.created_at, s.updated_at, s.on_time FROM submission s JOIN org_node n ON n.id = s.org_id "
        "LEFT JOIN org_version v ON v.node_id = n.id AND v.valid_to IS NULL WHERE s.id = ?");
    st.bind(1, id);
    if (!st.step()) throw NotFound("报送记录编号 " + std::to_string(id) + " 不存在");
    SubmissionInfo s;
    s.id = st.int64(0);
    s.form_id = st.text(1);
    s.form_version = st.text(2);
    s.unit_code = st.text(3);
    s.unit_name = st.text(4);
    s.member_id = st.opt_int64(5);
    s.period = st.text(6);
    s.state = st.text(7);
    s.state_label = std::string(forms::state_label(forms::parse_state(s.state).value_or(forms::State::Draft)));
    s.step = st.int32(8);
    s.values_json = st.text(9);
    s.author = st.text(10);
    s.created_at = st.text(11);
    s.updated_at = st.text(12);
    if (!st.is_null(13)) s.on_time = st.int64(13) != 0;
    // Who decides next, from the form's approval chain (unknown if its plugin is gone).
    if (plugins_ && (s.state == "submitted"))
        if (auto f = plugins_->form(s.form_id); f && static_cast<std::size_t>(s.step) < f->def.approval.size())
            s.next_step_label = f->def.approval[static_cast<std::size_t>(s.step)].label;
    auto steps = db_.prepare(
        "SELECT at, actor, action, coalesce(from_state, ''), to_state, comment FROM submission_step WHERE submission_id = ? ORDER BY id");
    steps.bind(1, id);
    while (steps.step())
        s.history.push_back({steps.text(0), steps.text(1), steps.text(2), steps.text(3), steps.text(4), steps.text(5)});
    return s;
}

SubmissionInfo LocalService::submit(const Actor& claimed, const SubmitRequest& req) {
    Actor who = verified(claimed);
    auto binding = form_or_throw(req.form_id);
    const auto& form = binding->def;
    auto node = current_node_or_throw(req.unit_code);
    require(who, Capability::FillForms, node.id);
    if (!form.fill_roles.empty() &&
        std::find(form.fill_roles.begin(), form.fill_roles.end(), std::string(role_id(who.role))) == form.fill_roles.end())
        throw AccessDenied("无权限：表单「" + form.title + "」不由" + std::string(role_label(who.role)) + "填报");
    if (!forms::scope_fits(form.scope, node.type))
        throw UserError("表单「" + form.title + "」由" + scope_label(form.scope) + "填报，不适用于" +
                        std::string(org_type_label(node.type)) + "「" + node.name + "」");
    if (!form_applies(*binding, node))
        throw UserError("表单「" + form.title + "」所属的插件未在「" + node.name + "」启用");
    Period period = Period::parse_or_throw(req.period);
    if (period.type() != form.period)
        throw UserError("表单「" + form.title + "」按" + std::string(period_type_label(form.period)) + "报送，期间「" +
                        req.period + "」不符（如 " + Period::containing(today_, form.period).str() + "）");
    if (period.start() > today_) throw UserError("期间 " + period.label_zh() + " 尚未开始，不能报送");
    if (req.values_json.size() > kMaxValuesBytes) throw UserError("填报内容过大（超过 1 MB）");
    json values = json::parse(req.values_json, nullptr, false);
    if (values.is_discarded() || !values.is_object()) throw UserError("填报内容应为 JSON 对象 { \"字段\": 值, … }");

    if (form.scope == forms::FormScope::Member) {
        if (!req.member_id) throw UserError("表单「" + form.title + "」按党员填报，请指定党员");
        DbFormContext probe(db_, node.id, period, today_);
        if (auto why = probe.check_member(*req.member_id, json())) throw UserError("党员" + *why);
    }
    // 过时关闭: after the deadline only a reopened period takes submissions.
    Date deadline = period.deadline(form.deadline_days);
    auto reopened = reopened_until(db_, form.id, node.id, period.str());
    bool late = today_ > deadline;
    if (late && !(reopened && today_ <= *reopened))
        throw UserError("「" + form.title + "」" + period.label_zh() + "的报送已于 " + deadline.iso() +
                        " 截止（过时关闭）；如需补报，请联系工委管理员重新开放");

    // The submission to write: the given one, the period's existing one for single
    // forms, or a new one.
    db::Transaction tx(db_);
    std::optional<SubmissionInfo> existing;
    if (req.submission_id) {
        existing = read_submission(*req.submission_id);
        if (existing->form_id != form.id || existing->unit_code != node.code || existing->period != period.str())
            throw UserError("报送记录编号 " + std::to_string(*req.submission_id) + " 不属于该表单、单位和期间");
    } else if (!form.many) {
        auto st = db_.prepare(
            "SELECT id FROM submission WHERE form_id = ? AND org_id = ? AND period = ? AND member_id IS ? ORDER BY id LIMIT 1");
        st.bind_all(form.id, node.id, period.str(), req.member_id);
        if (st.step()) existing = read_submission(st.int64(0));
    }
    auto from = existing ? *forms::parse_state(existing->state) : forms::State::Draft;
    auto action = req.draft ? forms::Action::Save : forms::Action::Submit;
    forms::Transition next{forms::State::Draft, 0};
    try {
        next = forms::next_state(from, existing ? existing->step : 0, action, form.approval.size());
    } catch (const UserError& e) {
        if (existing && !form.many && !req.submission_id)
            throw UserError("本期已报送过（编号 " + std::to_string(existing->id) + "，" + existing->state_label +
                            "），如需修改请由审核人退回");
        throw;
    }

    json stored;
    if (req.draft) {
        // A draft may be incomplete; it only has to name fields the form has.
        for (auto it = values.begin(); it != values.end(); ++it)
            if (!form.field(it.key())) throw ValidationFailed({{it.key(), "表单「" + form.title + "」没有字段「" + it.key() + "」"}});
        stored = values;
    } else {
        plugins::LuaFormHooks hooks(binding);
        DbFormContext ctx(db_, node.id, period, today_);
        auto v = forms::validate(form, values, hooks, ctx);
        if (!v.ok()) throw ValidationFailed(issues_of(v));
        stored = v.values;
    }
    std::string now = utc_timestamp_now();
    std::int64_t id;
    std::string before = existing ? existing->values_json : "";
    if (existing) {
        id = existing->id;
        auto up = db_.prepare(
            "UPDATE submission SET state = ?, step = ?, data = ?, form_version = ?, updated_at = ?, "
            "submitted_on = CASE WHEN ?6 THEN ?7 ELSE submitted_on END, "
            "on_time = CASE WHEN ?6 AND on_time IS NULL THEN ?8 ELSE on_time END WHERE id = ?9");
        up.bind_all(std::string(forms::state_id(next.to)), next.step, stored.dump(), form.plugin_version, now,
                    static_cast<std::int64_t>(!req.draft), today_.iso(), static_cast<std::int64_t>(!late), id);
        up.run();
    } else {
        db_.prepare(
               "INSERT INTO submission(form_id, form_version, org_id, member_id, period, state, step, data, author, "
               "created_at, updated_at, submitted_on, on_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind_all(form.id, form.plugin_version, node.id, req.member_id, period.str(),
                      std::string(forms::state_id(next.to)), next.step, stored.dump(), who.login, now, now,
                      req.draft ? std::optional<std::string>() : std::optional<std::string>(today_.iso()),
                      req.draft ? std::optional<std::int64_t>() : std::optional<std::int64_t>(late ? 0 : 1))
            .run();
        id = db_.last_insert_rowid();
    }
    db_.prepare("INSERT INTO submission_step(submission_id, at, actor, action, from_state, to_state) VALUES (?,?,?,?,?,?)")
        .bind_all(id, now, who.login, std::string(forms::action_id(action)),
                  existing ? std::optional<std::string>(existing->state) : std::nullopt, std::string(forms::state_id(next.to)))
        .run();
    audit_append(db_, who.login, req.draft ? "submission.save" : "submission.submit", "submission:" + std::to_string(id),
                 before, stored.dump());
    // Indicators that read this form, at this node and above, are stale now.
    if (!req.draft || existing) indicators::IndicatorEngine::mark_form_change(db_, form.id, node.id, period);
    tx.commit();
    return read_submission(id);
}

SubmissionInfo LocalService::transition(const Actor& claimed, std::int64_t id, int action_int, std::string_view comment) {
    Actor who = verified(claimed);
    auto action = static_cast<forms::Action>(action_int);
    db::Transaction tx(db_);
    auto s = read_submission(id);
    auto node = current_node_or_throw(s.unit_code);
    require(who, Capability::ApproveForms, node.id);
    auto binding = form_or_throw(s.form_id);
    const auto& chain = binding->def.approval;
    auto state = *forms::parse_state(s.state);
    if (action == forms::Action::Return && std::string(comment).empty()) throw UserError("退回时请填写退回意见，说明需要修改的地方");
    auto next = forms::next_state(state, s.step, action, chain.size());
    // The step being decided: the current one, or the last for an approved submission.
    std::size_t step = std::min<std::size_t>(static_cast<std::size_t>(s.step), chain.empty() ? 0 : chain.size() - 1);
    if (!chain.empty()) {
        // Who decides: the nearest ancestor of the submitting node with the step's type.
        std::optional<OrgNode> approver_node;
        for (auto n = std::optional<OrgNode>(node); n; n = n->parent_id ? org_store::find_by_id(db_, *n->parent_id, today_) : std::nullopt)
            if (n->type == chain[step].level) {
                approver_node = n;
                break;
            }
        if (!approver_node) throw UserError("找不到「" + chain[step].label + "」对应的上级组织");
        if (!org_store::is_within(db_, approver_node->id, who.org_id, today_))
            throw AccessDenied("无权限：本步骤「" + chain[step].label + "」应由「" + approver_node->name + "」审核");
    }
    if (s.author == who.login && action == forms::Action::Approve) throw AccessDenied("无权限：不能审核本人报送的材料");
    std::string now = utc_timestamp_now();
    db_.prepare("UPDATE submission SET state = ?, step = ?, updated_at = ? WHERE id = ?")
        .bind_all(std::string(forms::state_id(next.to)), next.step, now, id)
        .run();
    db_.prepare(
           "INSERT INTO submission_step(submission_id, at, actor, action, from_state, to_state, comment) VALUES (?,?,?,?,?,?,?)")
        .bind_all(id, now, who.login, std::string(forms::action_id(action)), s.state, std::string(forms::state_id(next.to)), comment)
        .run();
    audit_append(db_, who.login, std::string("submission.") + std::string(forms::action_id(action)),
                 "submission:" + std::to_string(id), json({{"state", s.state}, {"step", s.step}}).dump(),
                 json({{"state", forms::state_id(next.to)}, {"step", next.step}, {"comment", comment}}).dump());
    indicators::IndicatorEngine::mark_form_change(db_, s.form_id, node.id, Period::parse_or_throw(s.period));
    tx.commit();
    return read_submission(id);
}

SubmissionInfo LocalService::approve(const Actor& who, std::int64_t id, std::string_view comment) {
    return transition(who, id, static_cast<int>(forms::Action::Approve), comment);
}

SubmissionInfo LocalService::return_submission(const Actor& who, std::int64_t id, std::string_view comment) {
    return transition(who, id, static_cast<int>(forms::Action::Return), comment);
}

SubmissionInfo LocalService::submission(const Actor& claimed, std::int64_t id) {
    Actor who = verified(claimed);
    auto s = read_submission(id);
    require(who, Capability::ReadForms, current_node_or_throw(s.unit_code).id);
    return s;
}

std::vector<SubmissionInfo> LocalService::list_submissions(const Actor& claimed, const SubmissionFilter& f) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(f.unit_code);
    require(who, Capability::ReadForms, node.id);
    if (f.period) Period::parse_or_throw(*f.period);
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "WHERE v.valid_to IS NULL) "
        "SELECT s.id FROM submission s WHERE s.org_id IN t AND s.form_id = ?2 AND (?3 IS NULL OR s.period = ?3) "
        "AND (?4 IS NULL OR s.state = ?4) ORDER BY s.period, s.org_id, s.id");
    st.bind(1, node.id).bind(2, f.form_id).bind(3, f.period).bind(4, f.state);
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.int64(0));
    std::vector<SubmissionInfo> out;
    for (auto id : ids) out.push_back(read_submission(id));
    return out;
}

void LocalService::reopen(const Actor& claimed, const ReopenRequest& r) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(r.unit_code);
    require(who, Capability::ReopenPeriods, node.id);
    auto binding = form_or_throw(r.form_id);
    Period period = Period::parse_or_throw(r.period);
    if (period.type() != binding->def.period) throw UserError("期间「" + r.period + "」与表单的报送周期不符");
    if (r.reason.empty()) throw UserError("重新开放须填写原因");
    if (r.until < today_) throw UserError("补报截止日期 " + r.until.iso() + " 早于今天");
    db::Transaction tx(db_);
    auto before = reopened_until(db_, binding->def.id, node.id, period.str());
    db_.prepare(
           "INSERT INTO period_reopen(form_id, org_id, period, until, reason, actor, at) VALUES (?,?,?,?,?,?,?) "
           "ON CONFLICT(form_id, org_id, period) DO UPDATE SET until = excluded.until, reason = excluded.reason, "
           "actor = excluded.actor, at = excluded.at")
        .bind_all(binding->def.id, node.id, period.str(), r.until.iso(), r.reason, who.login, utc_timestamp_now())
        .run();
    audit_append(db_, who.login, "period.reopen", "form:" + binding->def.id + "@" + node.code + "/" + period.str(),
                 before ? json({{"until", before->iso()}}).dump() : "",
                 json({{"until", r.until.iso()}, {"reason", r.reason}}).dump());
    tx.commit();
}

std::vector<CompletenessRow> LocalService::completeness(const Actor& claimed, std::string_view form_id,
                                                        std::string_view period_text, std::string_view unit_code) {
    Actor who = verified(claimed);
    auto root = current_node_or_throw(unit_code);
    require(who, Capability::ReadForms, root.id);
    auto binding = form_or_throw(form_id);
    const auto& form = binding->def;
    Period asked = Period::parse_or_throw(period_text);
    auto periods = asked.subperiods(form.period);
    if (periods.empty())
        throw UserError("表单「" + form.title + "」按" + std::string(period_type_label(form.period)) + "报送，不能按「" +
                        std::string(period_text) + "」统计");
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    auto nodes = org_store::subtree(db_, root.id, today_);

    // Enablement for the whole subtree in one walk: the state at the root, then each
    // node's own entry on top of its parent's.
    std::map<std::int64_t, bool> enabled;
    bool root_on = enabled_at(root.id).count(form.plugin_id) > 0;
    std::map<std::int64_t, std::optional<bool>> own;
    auto st = db_.prepare("SELECT org_id, enabled FROM plugin_enablement WHERE plugin_id = ?");
    st.bind(1, form.plugin_id);
    while (st.step())
        if (!st.is_null(1)) own[st.int64(0)] = st.int64(1) != 0;
    std::optional<std::int64_t> owner_id;
    if (binding->owner_unit) owner_id = org_store::id_of_code(db_, *binding->owner_unit);
    for (const auto& n : nodes) {
        bool on = n.id == root.id ? root_on : enabled[n.parent_id.value_or(0)];
        if (n.id != root.id)
            if (auto it = own.find(n.id); it != own.end() && it->second) on = *it->second;
        if (owner_id) on = org_store::is_within(db_, n.id, *owner_id, today_);
        enabled[n.id] = on;
    }

    // Expected and received per node, then rolled up from the leaves.
    std::map<std::int64_t, CompletenessRow> rows;
    std::map<std::int64_t, std::size_t> members;
    if (form.scope == forms::FormScope::Member) {
        auto m = db_.prepare("SELECT branch_id, count(*) FROM member WHERE left_on IS NULL GROUP BY branch_id");
        while (m.step()) members[m.int64(0)] = static_cast<std::size_t>(m.int64(1));
    }
    for (const auto& n : nodes) {
        auto& r = rows[n.id];
        r.unit_code = n.code;
        r.unit_name = n.name;
        r.type = std::string(org_type_id(n.type));
        r.depth = n.depth;
        if (!enabled[n.id] || !forms::scope_fits(form.scope, n.type)) continue;
        std::size_t per_period = form.scope == forms::FormScope::Member ? members[n.id] : 1;
        r.expected = per_period * periods.size();
    }
    auto sub = db_.prepare(
        "SELECT org_id, count(DISTINCT period || '/' || coalesce(member_id, '')), "
        "count(DISTINCT CASE WHEN on_time = 1 THEN period || '/' || coalesce(member_id, '') END), "
        "count(DISTINCT CASE WHEN state = 'approved' THEN period || '/' || coalesce(member_id, '') END) "
        "FROM submission WHERE form_id = ? AND period >= ? AND period <= ? AND state <> 'draft' GROUP BY org_id");
    sub.bind_all(form.id, periods.front().str(), periods.back().str());
    while (sub.step()) {
        auto it = rows.find(sub.int64(0));
        if (it == rows.end() || it->second.expected == 0) continue;
        it->second.submitted = std::min<std::size_t>(static_cast<std::size_t>(sub.int64(1)), it->second.expected);
        it->second.on_time = std::min<std::size_t>(static_cast<std::size_t>(sub.int64(2)), it->second.expected);
        it->second.approved = std::min<std::size_t>(static_cast<std::size_t>(sub.int64(3)), it->second.expected);
    }
    for (auto& [id, r] : rows) {
        r.own_expected = r.expected;
        r.own_submitted = r.submitted;
    }
    // Children come after parents in `nodes`: add each row into its parent, bottom-up.
    for (auto n = nodes.rbegin(); n != nodes.rend(); ++n) {
        if (!n->parent_id || n->id == root.id) continue;
        auto& parent = rows[*n->parent_id];
        const auto& child = rows[n->id];
        parent.expected += child.expected;
        parent.submitted += child.submitted;
        parent.on_time += child.on_time;
        parent.approved += child.approved;
    }
    std::vector<CompletenessRow> out;
    for (const auto& n : nodes)
        if (rows[n.id].expected > 0) out.push_back(rows[n.id]);
    return out;
}

AttachmentInfo LocalService::add_attachment(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                            std::string_view bytes) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::FillForms, node.id);
    constexpr std::size_t kHardCap = 50u * 1024u * 1024u;
    if (name.empty() || name.size() > 200 || name.find('/') != std::string_view::npos)
        throw UserError("附件文件名「" + std::string(name) + "」无效");
    if (bytes.empty()) throw UserError("附件「" + std::string(name) + "」是空文件");
    if (bytes.size() > kHardCap) throw UserError("附件「" + std::string(name) + "」超过 50 MB，不能上传");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    db::Transaction tx(db_);
    db_.prepare("INSERT INTO attachment(sha256, name, size, data, org_id, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?)")
        .bind(1, hex)
        .bind(2, name)
        .bind(3, static_cast<std::int64_t>(bytes.size()))
        .bind_blob(4, bytes)
        .bind(5, node.id)
        .bind(6, who.login)
        .bind(7, utc_timestamp_now())
        .run();
    AttachmentInfo info{db_.last_insert_rowid(), std::string(name), bytes.size(), hex};
    audit_append(db_, who.login, "attachment.add", "attachment:" + std::to_string(info.id), "",
                 json({{"name", name}, {"size", bytes.size()}, {"sha256", hex}}).dump());
    tx.commit();
    return info;
}

}  // namespace dj
