// OrgPart: the org tree, its history and the overview counts.
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "store/audit_log.hpp"
#include "service/json_codec.hpp"
#include "service/local_org.hpp"

namespace dj {

namespace {

void check_attributes(const OrgAttributes& a) {
    if (a.kind && !a.kind->empty() && !is_department_kind(*a.kind)) {
        std::string kinds;
        for (auto k : kDepartmentKinds) kinds += (kinds.empty() ? "" : "、") + std::string(k);
        throw UserError("单位性质「" + *a.kind + "」无效，应为：" + kinds);
    }
    if (a.staff_count && *a.staff_count < 0) throw UserError("在编人数不能为负数");
    if (a.party_affairs_staff && *a.party_affairs_staff < 0) throw UserError("专职党务干部人数不能为负数");
    if (a.term_start && a.term_end && *a.term_end <= *a.term_start)
        throw UserError("任期届满日期 " + a.term_end->iso() + " 应晚于任期开始日期 " + a.term_start->iso());
}

void check_code(const std::string& code) {
    if (code.empty() || code.size() > 32 ||
        code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") != std::string::npos)
        throw UserError("组织编码「" + code + "」无效：只能使用英文字母、数字和 _ - .，最长 32 个字符");
}

// Applies the set fields of `patch` onto `base`.
void merge_attributes(OrgAttributes& base, const OrgAttributes& patch) {
    if (patch.kind) base.kind = patch.kind->empty() ? std::nullopt : patch.kind;
    if (patch.staff_count) base.staff_count = patch.staff_count;
    if (patch.party_affairs_staff) base.party_affairs_staff = patch.party_affairs_staff;
    if (patch.term_start) base.term_start = patch.term_start;
    if (patch.term_end) base.term_end = patch.term_end;
    if (patch.has_discipline_committee) base.has_discipline_committee = patch.has_discipline_committee;
    if (patch.has_discipline_member) base.has_discipline_member = patch.has_discipline_member;
}

void check_nesting(OrgType parent, OrgType child, const std::string& parent_name) {
    if (!org_type_may_contain(parent, child))
        throw UserError(std::string(org_type_label(child)) + "不能设在" + std::string(org_type_label(parent)) + "「" +
                        parent_name + "」之下");
}

}  // namespace

std::vector<OrgNode> OrgPart::org_tree(const Actor& claimed, std::optional<Date> at) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadOrg, who.org_id);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    return ctx_.orgs.subtree(who.org_id, at.value_or(ctx_.today));
}

OrgNode OrgPart::org_node(const Actor& claimed, std::string_view code, std::optional<Date> at) {
    Actor who = ctx_.verified(claimed);
    Date when = at.value_or(ctx_.today);
    auto id = ctx_.orgs.id_of_code(code);
    if (!id) throw NotFound("组织编码「" + std::string(code) + "」不存在");
    auto node = ctx_.orgs.find_by_id(*id, when);
    if (!node) throw NotFound("组织「" + std::string(code) + "」在 " + when.iso() + " 时不存在（尚未成立或已撤销）");
    // Scope is judged on the tree as it was then: a department that moved keeps its past.
    if (!ctx_.orgs.is_within(*id, who.org_id, when)) ctx_.require(who, Capability::ReadOrg, *id);
    return *node;
}

std::vector<OrgNode> OrgPart::org_history(const Actor& claimed, std::string_view code) {
    Actor who = ctx_.verified(claimed);
    auto id = ctx_.orgs.id_of_code(code);
    if (!id) throw NotFound("组织编码「" + std::string(code) + "」不存在");
    auto versions = ctx_.orgs.history(*id);
    bool visible = false;
    for (const auto& v : versions)
        visible = visible || ctx_.orgs.is_within(*id, who.org_id, v.valid_from);
    if (!visible) ctx_.require(who, Capability::ReadOrg, *id);
    return versions;
}

OrgNode OrgPart::create_org(const Actor& claimed, const NewOrg& org) {
    Actor who = ctx_.verified(claimed);
    check_code(org.code);
    if (org.name.empty()) throw UserError("组织名称不能为空");
    require_plain_text(org.name, "组织名称", 100, false);
    check_attributes(org.attrs);
    auto parent = ctx_.current_node_or_throw(org.parent_code);
    ctx_.require(who, Capability::WriteOrg, parent.id);
    check_nesting(parent.type, org.type, parent.name);
    db::Transaction tx(ctx_.db);
    if (ctx_.orgs.id_of_code(org.code)) throw UserError("组织编码「" + org.code + "」已被使用");
    OrgNode n;
    n.code = org.code;
    n.name = org.name;
    n.type = org.type;
    n.parent_id = parent.id;
    n.parent_code = parent.code;
    n.attrs = org.attrs;
    n.valid_from = org.effective;
    ctx_.orgs.create(n);
    audit_append(ctx_.db, who.login, "org.create", "org:" + n.code, "", to_json(n).dump());
    tx.commit();
    return n;
}

OrgNode OrgPart::change_org(const Actor& claimed, std::string_view code, const OrgChange& change) {
    Actor who = ctx_.verified(claimed);
    check_attributes(change.attrs);
    db::Transaction tx(ctx_.db);
    OrgNode before = ctx_.current_node_or_throw(code);
    // A unit administrator may edit the attributes of their own node but not move or retype it.
    bool structural = change.parent_code || change.type;
    if (structural && before.id == who.org_id)
        throw AccessDenied("无权限：不能调整本人所属组织「" + before.name + "」的上级或类型");
    ctx_.require(who, Capability::WriteOrg, before.id);
    if (change.effective < before.valid_from)
        throw UserError("生效日期 " + change.effective.iso() + " 早于该组织当前记录的起始日期 " +
                        before.valid_from.iso() + "，历史记录不能倒改");

    OrgNode after = before;
    if (change.name) {
        if (change.name->empty()) throw UserError("组织名称不能为空");
        require_plain_text(*change.name, "组织名称", 100, false);
        after.name = *change.name;
    }
    if (change.type) after.type = *change.type;
    merge_attributes(after.attrs, change.attrs);
    if (change.parent_code) {
        auto parent = ctx_.current_node_or_throw(*change.parent_code);
        ctx_.require(who, Capability::WriteOrg, parent.id);
        if (ctx_.orgs.is_within(parent.id, before.id, ctx_.today))
            throw UserError("不能把「" + before.name + "」调整到其自身或其下级组织「" + parent.name + "」之下");
        after.parent_id = parent.id;
        after.parent_code = parent.code;
    }
    if (after.parent_id) {
        auto parent = ctx_.orgs.find_by_id(*after.parent_id, change.effective);
        if (!parent) throw UserError("上级组织在 " + change.effective.iso() + " 时不存在");
        check_nesting(parent->type, after.type, parent->name);
    }
    if (after.name == before.name && after.type == before.type && after.parent_id == before.parent_id &&
        after.attrs == before.attrs)
        throw UserError("没有需要修改的内容");

    after.valid_from = change.effective;
    after.valid_to.reset();
    ctx_.orgs.revise(before, after);
    audit_append(ctx_.db, who.login, "org.change", "org:" + after.code, to_json(before).dump(), to_json(after).dump());
    tx.commit();
    return after;
}

void OrgPart::close_org(const Actor& claimed, std::string_view code, Date effective) {
    Actor who = ctx_.verified(claimed);
    db::Transaction tx(ctx_.db);
    OrgNode node = ctx_.current_node_or_throw(code);
    if (node.id == who.org_id) throw AccessDenied("无权限：不能撤销本人所属组织「" + node.name + "」");
    ctx_.require(who, Capability::WriteOrg, node.id);
    if (effective <= node.valid_from)
        throw UserError("撤销日期 " + effective.iso() + " 应晚于该组织当前记录的起始日期 " + node.valid_from.iso());
    if (auto open = ctx_.orgs.open_children(node.id))
        throw UserError("「" + node.name + "」下还有 " + std::to_string(open) +
                        " 个下级组织或党员，请先调整或撤销它们再撤销该组织");
    ctx_.orgs.close(node.id, effective);
    audit_append(ctx_.db, who.login, "org.close", "org:" + node.code, to_json(node).dump(),
                 nlohmann::json({{"closed_on", effective.iso()}}).dump());
    tx.commit();
}

Overview OrgPart::overview(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadOrg, who.org_id);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    return ctx_.orgs.overview(who.org_id);
}

}  // namespace dj
