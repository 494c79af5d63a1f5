// FormPart: submissions and their workflow (保存、报送、审核、退回), deadlines and reopening,
// and attachments.
#include "service/local_forms.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "plugins/plugin_host.hpp"
#include "service/form_context.hpp"
#include "service/form_rectifications.hpp"
#include "service/json_codec.hpp"
#include "store/audit_log.hpp"

namespace dj {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxValuesBytes = 1u << 20;

// The last actor who saved or submitted content (a return or an approval changes none).
std::string last_content_editor(const SubmissionInfo& s) {
    for (auto h = s.history.rbegin(); h != s.history.rend(); ++h)
        if (h->action == forms::action_id(forms::Action::Save) || h->action == forms::action_id(forms::Action::Submit))
            return h->actor;
    return s.author;
}

const char* scope_label(forms::FormScope scope) {
    switch (scope) {
        case forms::FormScope::Department: return "部门/单位";
        case forms::FormScope::Organisation: return "党组织（机关党委、党总支、党支部）";
        case forms::FormScope::Member: return "党支部（按党员填报）";
    }
    return "";
}

}  // namespace

// --- Submissions ------------------------------------------------------------------------

namespace {

// Who decides next, from the form's approval chain (unknown if its plugin is gone).
void label_next_step(const plugins::PluginHost* host, SubmissionInfo& s) {
    if (host && s.state == "submitted")
        if (auto f = host->form(s.form_id); f && static_cast<std::size_t>(s.step) < f->def.approval.size())
            s.next_step_label = f->def.approval[static_cast<std::size_t>(s.step)].label;
}

}  // namespace

SubmissionInfo FormPart::read_submission(std::int64_t id) {
    auto s = ctx_.submissions.find(id);
    if (!s) throw NotFound("报送记录编号 " + std::to_string(id) + " 不存在");
    label_next_step(ctx_.loaded_plugins(), *s);
    return *s;
}

std::vector<SubmissionInfo> FormPart::read_submissions(const std::vector<std::int64_t>& ids) {
    auto out = ctx_.submissions.find_many(ids);
    for (auto& s : out) label_next_step(ctx_.loaded_plugins(), s);
    return out;
}

bool FormPart::may_see(const Actor& who, const SubmissionInfo& s) const {
    if (s.state != "draft" || s.author == who.login) return true;
    if (!role_has(who.role, Capability::FillForms)) return false;
    auto node = ctx_.orgs.current_by_code(s.unit_code);
    return node && node->id == who.org_id;
}

SubmissionInfo FormPart::submit(const Actor& claimed, const SubmitRequest& req) {
    Actor who = ctx_.verified(claimed);
    auto binding = ctx_.form_or_throw(req.form_id);
    const auto& form = binding->def;
    auto node = ctx_.current_node_or_throw(req.unit_code);
    ctx_.require(who, Capability::FillForms, node.id);
    if (!form.fill_roles.empty() &&
        std::find(form.fill_roles.begin(), form.fill_roles.end(), std::string(role_id(who.role))) == form.fill_roles.end())
        throw AccessDenied("无权限：表单「" + form.title + "」不由" + std::string(role_label(who.role)) + "填报");
    if (!forms::scope_fits(form.scope, node.type))
        throw UserError("表单「" + form.title + "」由" + scope_label(form.scope) + "填报，不适用于" +
                        std::string(org_type_label(node.type)) + "「" + node.name + "」");
    if (!ctx_.form_applies(*binding, node))
        throw UserError("表单「" + form.title + "」所属的插件未在「" + node.name + "」启用");
    Period period = Period::parse_or_throw(req.period);
    if (period.type() != form.period)
        throw UserError("表单「" + form.title + "」按" + std::string(period_type_label(form.period)) + "报送，期间「" +
                        req.period + "」不符（如 " + Period::containing(ctx_.today, form.period).str() + "）");
    if (period.start() > ctx_.today) throw UserError("期间 " + period.label_zh() + " 尚未开始，不能报送");
    json values = parse_json_bounded(req.values_json, "填报内容", {kMaxValuesBytes, 64});
    if (!values.is_object()) throw UserError("填报内容应为 JSON 对象 { \"字段\": 值, … }");
    for (const auto& a : req.attachments) {
        const auto* f = form.field(a.field);
        if (!f || f->type != forms::FieldType::Attachment)
            throw UserError("表单「" + form.title + "」没有附件字段「" + excerpt(a.field) + "」");
        check_attachment_file(a.name, a.bytes);
    }

    if (form.scope == forms::FormScope::Member) {
        if (!req.member_id) throw UserError("表单「" + form.title + "」按党员填报，请指定党员");
        StoreFormContext probe(ctx_, node.id, period, who.org_id);
        if (auto why = probe.check_member(*req.member_id, json())) throw UserError("党员" + *why);
    }
    // 过时关闭: after the deadline only a reopened period takes submissions.
    Date deadline = period.deadline(form.deadline_days);
    auto reopened = ctx_.submissions.reopened_until(form.id, node.id, period.str());
    bool late = ctx_.today > deadline;
    if (late && !(reopened && ctx_.today <= *reopened))
        throw UserError("「" + form.title + "」" + period.label_zh() + "的报送已于 " + deadline.iso() +
                        " 截止（过时关闭）；如需补报，请联系工委管理员重新开放");

    // The submission to write: the given one, the period's existing one for single
    // forms, or a new one.
    db::Transaction tx(ctx_.db);
    std::optional<SubmissionInfo> existing;
    if (req.submission_id) {
        existing = read_submission(*req.submission_id);
        if (existing->form_id != form.id || existing->unit_code != node.code || existing->period != period.str())
            throw UserError("报送记录编号 " + std::to_string(*req.submission_id) + " 不属于该表单、单位和期间");
    } else if (!form.many) {
        if (auto id = ctx_.submissions.single(form.id, node.id, period.str(), req.member_id)) existing = read_submission(*id);
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

    // Files sent with the submission are stored in this transaction: a refusal below rolls
    // them back with everything else, so nothing of a refused submission remains.
    for (const auto& a : req.attachments) values[a.field] = to_json(store_attachment(who, node, a.name, a.bytes));

    json stored;
    if (req.draft) {
        // A draft may be incomplete; it only has to name fields the form has.
        for (auto it = values.begin(); it != values.end(); ++it)
            if (!form.field(it.key()))
                throw ValidationFailed({{excerpt(it.key(), 40), "表单「" + form.title + "」没有字段「" + excerpt(it.key()) + "」"}});
        stored = values;
    } else {
        plugins::LuaFormHooks hooks(binding);
        StoreFormContext ctx(ctx_, node.id, period, who.org_id);
        auto v = forms::validate(form, values, hooks, ctx);
        if (!v.ok()) throw ValidationFailed(issues_of(v));
        stored = v.values;
    }
    attachment_facts_from_store(form, node.id, stored);
    // Which plugin (and from which folder) validated the values: a draft was not validated.
    std::string validated_by, validated_from;
    if (!req.draft) {
        validated_by = form.plugin_id;
        if (binding->owner_unit) validated_from = "单位脚本 " + *binding->owner_unit;
        else if (auto source = ctx_.plugin_host().source_of(form.plugin_id)) validated_from = std::move(*source);
    }
    store::SubmissionWrite w{form.id,        form.plugin_version, node.id, req.member_id, period.str(),
                             std::string(forms::state_id(next.to)), next.step, stored.dump(), req.draft, !late, ctx_.today,
                             validated_by, validated_from};
    const std::string action_name(forms::action_id(action));
    std::int64_t id;
    std::string before = existing ? existing->values_json : "";
    if (existing) {
        id = existing->id;
        ctx_.submissions.update(id, w, who.login, action_name, existing->state);
    } else {
        id = ctx_.submissions.insert(w, who.login, action_name);
    }
    audit_append(ctx_.db, who.login, req.draft ? "submission.save" : "submission.submit", "submission:" + std::to_string(id),
                 before, stored.dump());
    // What the record calls for as rectification items (the form's own rule, e.g. an
    // inspection's findings), filed with it or not at all.
    if (!req.draft) file_form_rectifications(ctx_, *binding, node, period, id, stored, who.login);
    tx.commit();
    return read_submission(id);
}

SubmissionInfo FormPart::transition(const Actor& claimed, std::int64_t id, forms::Action action, std::string_view comment) {
    Actor who = ctx_.verified(claimed);
    db::Transaction tx(ctx_.db);
    auto s = read_submission(id);
    auto node = ctx_.current_node_or_throw(s.unit_code);
    ctx_.require(who, Capability::ApproveForms, node.id);
    auto binding = ctx_.form_or_throw(s.form_id);
    const auto& chain = binding->def.approval;
    auto state = *forms::parse_state(s.state);
    if (action == forms::Action::Return && std::string(comment).empty()) throw UserError("退回时请填写退回意见，说明需要修改的地方");
    require_plain_text(comment, action == forms::Action::Return ? "退回意见" : "审核意见", 2000, true);
    auto next = forms::next_state(state, s.step, action, chain.size());
    // The step being decided: the current one, or the last for an approved submission.
    std::size_t step = std::min<std::size_t>(static_cast<std::size_t>(s.step), chain.empty() ? 0 : chain.size() - 1);
    if (!chain.empty()) {
        auto approver_node = approver_of(node, s, chain);
        if (!approver_node) throw UserError("找不到「" + chain[step].label + "」对应的上级组织");
        if (!ctx_.orgs.is_within(approver_node->id, who.org_id, ctx_.today))
            throw AccessDenied("无权限：本步骤「" + chain[step].label + "」应由「" + approver_node->name + "」审核");
    }
    // Whoever wrote the record, or last changed its content (a return, then a resubmission
    // with new values), cannot approve it: approving one's own rewrite is self-approval.
    if (action == forms::Action::Approve && (s.author == who.login || last_content_editor(s) == who.login))
        throw AccessDenied("无权限：不能审核本人报送或修改过的材料");
    ctx_.submissions.move(id, s, node.id, std::string(forms::state_id(next.to)), next.step, who.login,
                          std::string(forms::action_id(action)), comment);
    audit_append(ctx_.db, who.login, std::string("submission.") + std::string(forms::action_id(action)),
                 "submission:" + std::to_string(id), json({{"state", s.state}, {"step", s.step}}).dump(),
                 json({{"state", forms::state_id(next.to)}, {"step", next.step}, {"comment", comment}}).dump());
    tx.commit();
    return read_submission(id);
}

std::optional<OrgNode> FormPart::approver_of(const OrgNode& node, const SubmissionInfo& s,
                                             const std::vector<forms::ApprovalStep>& chain) const {
    if (chain.empty()) return std::nullopt;
    // The step being decided: the current one, or the last for an approved submission.
    return approver_at(node, std::min<std::size_t>(static_cast<std::size_t>(s.step), chain.size() - 1), chain);
}

std::optional<OrgNode> FormPart::approver_at(const OrgNode& node, std::size_t step,
                                             const std::vector<forms::ApprovalStep>& chain) const {
    for (auto n = std::optional<OrgNode>(node); n; n = n->parent_id ? ctx_.orgs.find_by_id(*n->parent_id, ctx_.today) : std::nullopt)
        if (n->type == chain[step].level) return n;
    return std::nullopt;
}

SubmissionInfo FormPart::withdraw(const Actor& claimed, std::int64_t id) {
    Actor who = ctx_.verified(claimed);
    db::Transaction tx(ctx_.db);
    auto s = read_submission(id);
    auto node = ctx_.current_node_or_throw(s.unit_code);
    ctx_.require(who, Capability::FillForms, node.id);
    // The submitter is whoever made the last move, the 报送 itself when no one acted since.
    const bool untouched = !s.history.empty() && s.history.back().action == forms::action_id(forms::Action::Submit);
    if (s.state == "submitted" && !untouched)
        throw UserError("审核人已经处理过这份材料，不能撤回；如需修改请由审核人退回");
    if (s.state == "submitted" && s.history.back().actor != who.login)
        throw AccessDenied("无权限：只有报送人本人可以撤回");
    auto binding = ctx_.form_or_throw(s.form_id);
    auto next = forms::next_state(*forms::parse_state(s.state), s.step, forms::Action::Withdraw, binding->def.approval.size());
    const std::string action(forms::action_id(forms::Action::Withdraw));
    ctx_.submissions.move(id, s, node.id, std::string(forms::state_id(next.to)), next.step, who.login, action, "");
    audit_append(ctx_.db, who.login, "submission." + action, "submission:" + std::to_string(id),
                 json({{"state", s.state}, {"step", s.step}}).dump(),
                 json({{"state", forms::state_id(next.to)}, {"step", next.step}}).dump());
    tx.commit();
    return read_submission(id);
}

TodoList FormPart::todo(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadForms, who.org_id);
    TodoList out;
    auto& host = ctx_.plugin_host();  // loads plugins on first use: before the read transaction
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    const bool approver = role_has(who.role, Capability::ApproveForms);
    const bool filler = role_has(who.role, Capability::FillForms);
    auto note_title = [&](const std::string& form_id) {
        if (auto f = host.form(form_id)) out.form_titles[form_id] = f->def.title;
    };
    // Whether the actor decides a step at a node: (node id, step) -> mine. Per call: many
    // records share a node and a step, and each answer costs a walk up the tree.
    std::map<std::pair<std::int64_t, std::size_t>, bool> mine_at;
    // Which records go on which list is decided from each record's key; the records themselves
    // are then read all at once (one statement per table, not two per record: a 工委管理员's
    // 待审核 at city scale holds 10⁴ records). The actor's own records (可撤回, 被退回) are found
    // by author across every form; only 待审核 looks form by form at everyone's submitted ones.
    std::vector<std::int64_t> approve_ids, withdraw_ids, returned_ids;
    std::map<std::string, std::size_t> form_order;  // the lists follow the plugins' form order, as before
    for (const auto& f : host.forms()) form_order.emplace(f->def.id, form_order.size());
    auto own = [&](const std::string& state) {
        auto keys = ctx_.submissions.own_in(who.org_id, who.login, state);
        std::erase_if(keys, [&](const store::SubmissionStore::Key& k) { return !form_order.count(k.form_id); });
        std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
            return form_order[a.form_id] < form_order[b.form_id];
        });
        return keys;
    };
    if (filler) {
        for (const auto& key : own("submitted"))
            if (key.step == 0) withdraw_ids.push_back(key.id);
        for (const auto& key : own("returned")) returned_ids.push_back(key.id);
    }
    if (approver)
        for (const auto& f : host.forms()) {
            mine_at.clear();  // the steps are the form's own
            const auto& chain = f->def.approval;
            if (chain.empty()) continue;
            // Decided on each record's node, step and author first: only what goes on the list
            // is read whole.
            for (const auto& key : ctx_.submissions.keys_in(who.org_id, f->def.id, "submitted")) {
                if (key.author == who.login) continue;  // one's own is never one's to approve
                // The step's own node waits for its people; a 工委管理员 may act on any step in
                // scope and sees them all. (Others above the step could act, but it is not theirs.)
                const auto step = std::min<std::size_t>(static_cast<std::size_t>(std::max(key.step, 0)), chain.size() - 1);
                auto [at, fresh] = mine_at.try_emplace({key.org_id, step}, false);
                if (fresh) {
                    auto node = ctx_.orgs.find_by_id(key.org_id, ctx_.today);
                    auto decider = node ? approver_at(*node, step, chain) : std::nullopt;
                    at->second = decider && (decider->id == who.org_id ||
                                             (who.role == Role::Admin && ctx_.orgs.is_within(decider->id, who.org_id, ctx_.today)));
                }
                if (at->second) approve_ids.push_back(key.id);
            }
        }
    for (auto& s : read_submissions(approve_ids)) {
        note_title(s.form_id);
        out.to_approve.push_back(std::move(s));
    }
    for (auto& s : read_submissions(withdraw_ids)) {
        // The actor's own, while their 报送 is still the last move.
        if (s.history.empty() || s.history.back().action != "submit" || s.history.back().actor != who.login) continue;
        note_title(s.form_id);
        out.withdrawable.push_back(std::move(s));
    }
    for (auto& s : read_submissions(returned_ids)) {
        if (s.author != who.login) continue;
        note_title(s.form_id);
        out.returned.push_back(std::move(s));
    }
    // 本期应报 at the actor's own node: the current and the previous period, while open.
    if (filler) {
        auto node = ctx_.orgs.find_by_id(who.org_id, ctx_.today);
        std::set<std::string> enabled = node ? ctx_.enabled_at(node->id) : std::set<std::string>{};
        for (const auto& f : host.forms()) {
            const auto& form = f->def;
            if (!node || !form.expected || form.scope == forms::FormScope::Member ||
                !forms::scope_fits(form.scope, node->type))
                continue;
            if (!(f->owner_unit ? ctx_.form_applies(*f, *node) : enabled.count(form.plugin_id) > 0)) continue;
            if (!form.fill_roles.empty() && std::find(form.fill_roles.begin(), form.fill_roles.end(),
                                                      std::string(role_id(who.role))) == form.fill_roles.end())
                continue;
            const Period current = Period::containing(ctx_.today, form.period);
            for (const Period& p : {current.prev(), current}) {
                Date until = p.deadline(form.deadline_days);
                if (auto r = ctx_.submissions.reopened_until(form.id, node->id, p.str())) until = std::max(until, *r);
                if (ctx_.today > until || p.start() > ctx_.today) continue;
                std::optional<std::int64_t> draft;
                bool filed = false;
                for (const auto& s : ctx_.submissions.find_many(ctx_.submissions.ids_in(node->id, form.id, p.str(), std::nullopt))) {
                    if (s.unit_code != node->code) continue;
                    if (s.state == "draft") draft = draft ? draft : std::optional<std::int64_t>(s.id);
                    else filed = true;
                }
                if (filed) continue;
                out.due.push_back({form.id, form.title, node->code, node->name, p.str(), until.iso(),
                                   until.days() - ctx_.today.days() <= 7, draft});
            }
        }
        std::stable_sort(out.due.begin(), out.due.end(),
                         [](const DueForm& a, const DueForm& b) { return a.deadline < b.deadline; });
    }
    // Newest first: what came in last is on top.
    // Records changed in the same second: the later one (higher id) first, whatever order the
    // statements found them in.
    auto newest = [](const SubmissionInfo& a, const SubmissionInfo& b) {
        return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.id > b.id;
    };
    std::stable_sort(out.to_approve.begin(), out.to_approve.end(), newest);
    std::stable_sort(out.returned.begin(), out.returned.end(), newest);
    std::stable_sort(out.withdrawable.begin(), out.withdrawable.end(), newest);
    return out;
}

SubmissionInfo FormPart::approve(const Actor& who, std::int64_t id, std::string_view comment) {
    return transition(who, id, forms::Action::Approve, comment);
}

SubmissionInfo FormPart::return_submission(const Actor& who, std::int64_t id, std::string_view comment) {
    return transition(who, id, forms::Action::Return, comment);
}

SubmissionInfo FormPart::submission(const Actor& claimed, std::int64_t id) {
    Actor who = ctx_.verified(claimed);
    auto s = read_submission(id);
    ctx_.require(who, Capability::ReadForms, ctx_.current_node_or_throw(s.unit_code).id);
    if (!may_see(who, s)) throw AccessDenied("无权限：这是其他人尚未报送的草稿");
    return s;
}

std::vector<SubmissionInfo> FormPart::list_submissions(const Actor& claimed, const SubmissionFilter& f) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(f.unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    if (f.period) Period::parse_or_throw(*f.period);
    std::vector<SubmissionInfo> out;
    for (auto id : ctx_.submissions.ids_in(node.id, f.form_id, f.period, f.state)) {
        auto s = read_submission(id);
        if (may_see(who, s)) out.push_back(std::move(s));
    }
    return out;
}

void FormPart::reopen(const Actor& claimed, const ReopenRequest& r) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(r.unit_code);
    ctx_.require(who, Capability::ReopenPeriods, node.id);
    auto binding = ctx_.form_or_throw(r.form_id);
    Period period = Period::parse_or_throw(r.period);
    if (period.type() != binding->def.period) throw UserError("期间「" + r.period + "」与表单的报送周期不符");
    if (r.reason.empty()) throw UserError("重新开放须填写原因");
    require_plain_text(r.reason, "重新开放的原因", 500, true);
    if (r.until < ctx_.today) throw UserError("补报截止日期 " + r.until.iso() + " 早于今天");
    db::Transaction tx(ctx_.db);
    auto before = ctx_.submissions.reopened_until(binding->def.id, node.id, period.str());
    ctx_.submissions.reopen(binding->def.id, node.id, period.str(), r.until, r.reason, who.login);
    audit_append(ctx_.db, who.login, "period.reopen", "form:" + binding->def.id + "@" + node.code + "/" + period.str(),
                 before ? json({{"until", before->iso()}}).dump() : "",
                 json({{"until", r.until.iso()}, {"reason", r.reason}}).dump());
    tx.commit();
}

void FormPart::check_attachment_file(std::string_view name, std::string_view bytes) {
    if (name.empty() || name.size() > 200 || name.find('/') != std::string_view::npos || text_characters_problem(name, false))
        throw UserError("附件文件名「" + excerpt(name) + "」无效");
    if (bytes.empty()) throw UserError("附件「" + excerpt(name) + "」是空文件");
    if (bytes.size() > kMaxAttachmentBytes) throw UserError("附件「" + excerpt(name) + "」超过 50 MB，不能上传");
}

// Inside the caller's transaction, after check_attachment_file.
AttachmentInfo FormPart::store_attachment(const Actor& who, const OrgNode& node, std::string_view name, std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    AttachmentInfo info{ctx_.submissions.add_attachment(name, bytes, hex, node.id, who.login), std::string(name),
                        bytes.size(), hex};
    audit_append(ctx_.db, who.login, "attachment.add", "attachment:" + std::to_string(info.id), "",
                 json({{"name", name}, {"size", bytes.size()}, {"sha256", hex}}).dump());
    return info;
}

AttachmentInfo FormPart::add_attachment(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                            std::string_view bytes) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::FillForms, node.id);
    check_attachment_file(name, bytes);
    db::Transaction tx(ctx_.db);
    auto info = store_attachment(who, node, name, bytes);
    tx.commit();
    return info;
}

}  // namespace dj
