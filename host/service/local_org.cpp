// LocalService: the org tree and its history.
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "service/audit_chain.hpp"
#include "service/json_codec.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

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

std::vector<OrgNode> LocalService::org_tree(const Actor& claimed, std::optional<Date> at) {
    Actor who = verified(claimed);
    require(who, Capability::ReadOrg, who.org_id);
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    return org_store::subtree(db_, who.org_id, at.value_or(today_));
}

OrgNode LocalService::org_node(const Actor& claimed, std::string_view code, std::optional<Date> at) {
    Actor who = verified(claimed);
    Date when = at.value_or(today_);
    auto id = org_store::id_of_code(db_, code);
    if (!id) throw NotFound("组织编码「" + std::string(code) + "」不存在");
    auto node = org_store::find_by_id(db_, *id, when);
    if (!node) throw NotFound("组织「" + std::string(code) + "」在 " + when.iso() + " 时不存在（尚未成立或已撤销）");
    // Scope is judged on the tree as it was then: a department that moved keeps its past.
    if (!org_store::is_within(db_, *id, who.org_id, when)) require(who, Capability::ReadOrg, *id);
    return *node;
}

std::vector<OrgNode> LocalService::org_history(const Actor& claimed, std::string_view code) {
    Actor who = verified(claimed);
    auto id = org_store::id_of_code(db_, code);
    if (!id) throw NotFound("组织编码「" + std::string(code) + "」不存在");
    auto versions = org_store::history(db_, *id);
    bool visible = false;
    for (const auto& v : versions)
        visible = visible || org_store::is_within(db_, *id, who.org_id, v.valid_from);
    if (!visible) require(who, Capability::ReadOrg, *id);
    return versions;
}

OrgNode LocalService::create_org(const Actor& claimed, const NewOrg& org) {
    Actor who = verified(claimed);
    check_code(org.code);
    if (org.name.empty()) throw UserError("组织名称不能为空");
    check_attributes(org.attrs);
    auto parent = current_node_or_throw(org.parent_code);
    require(who, Capability::WriteOrg, parent.id);
    check_nesting(parent.type, org.type, parent.name);
    db::Transaction tx(db_);
    if (org_store::id_of_code(db_, org.code)) throw UserError("组织编码「" + org.code + "」已被使用");
    db_.prepare("INSERT INTO org_node(code) VALUES (?)").bind(1, org.code).run();
    OrgNode n;
    n.id = db_.last_insert_rowid();
    n.code = org.code;
    n.name = org.name;
    n.type = org.type;
    n.parent_id = parent.id;
    n.parent_code = parent.code;
    n.attrs = org.attrs;
    n.valid_from = org.effective;
    org_store::insert_version(db_, n);
    audit_append(db_, who.login, "org.create", "org:" + n.code, "", to_json(n).dump());
    org_changed(org.effective);  // the tree changed from this date on
    tx.commit();
    return n;
}

OrgNode LocalService::change_org(const Actor& claimed, std::string_view code, const OrgChange& change) {
    Actor who = verified(claimed);
    check_attributes(change.attrs);
    db::Transaction tx(db_);
    OrgNode before = current_node_or_throw(code);
    // A unit administrator may edit the attributes of their own node but not move or retype it.
    bool structural = change.parent_code || change.type;
    if (structural && before.id == who.org_id)
        throw AccessDenied("无权限：不能调整本人所属组织「" + before.name + "」的上级或类型");
    require(who, Capability::WriteOrg, before.id);
    if (change.effective < before.valid_from)
        throw UserError("生效日期 " + change.effective.iso() + " 早于该组织当前记录的起始日期 " +
                        before.valid_from.iso() + "，历史记录不能倒改");

    OrgNode after = before;
    if (change.name) {
        if (change.name->empty()) throw UserError("组织名称不能为空");
        after.name = *change.name;
    }
    if (change.type) after.type = *change.type;
    merge_attributes(after.attrs, change.attrs);
    if (change.parent_code) {
        auto parent = current_node_or_throw(*change.parent_code);
        require(who, Capability::WriteOrg, parent.id);
        if (org_store::is_within(db_, parent.id, before.id, today_))
            throw UserError("不能把「" + before.name + "」调整到其自身或其下级组织「" + parent.name + "」之下");
        after.parent_id = parent.id;
        after.parent_code = parent.code;
    }
    if (after.parent_id) {
        auto parent = org_store::find_by_id(db_, *after.parent_id, change.effective);
        if (!parent) throw UserError("上级组织在 " + change.effective.iso() + " 时不存在");
        check_nesting(parent->type, after.type, parent->name);
    }
    if (after.name == before.name && after.type == before.type && after.parent_id == before.parent_id &&
        after.attrs == before.attrs)
        throw UserError("没有需要修改的内容");

    if (change.effective == before.valid_from) {
        // Same day as the current version: amend it rather than keep a zero-length version.
        db_.prepare("DELETE FROM org_version WHERE node_id = ? AND valid_from = ?")
            .bind_all(before.id, before.valid_from.iso())
            .run();
    } else {
        db_.prepare("UPDATE org_version SET valid_to = ? WHERE node_id = ? AND valid_to IS NULL")
            .bind_all(change.effective.iso(), before.id)
            .run();
    }
    after.valid_from = change.effective;
    after.valid_to.reset();
    org_store::insert_version(db_, after);
    audit_append(db_, who.login, "org.change", "org:" + after.code, to_json(before).dump(), to_json(after).dump());
    org_changed(change.effective);
    tx.commit();
    return after;
}

void LocalService::close_org(const Actor& claimed, std::string_view code, Date effective) {
    Actor who = verified(claimed);
    db::Transaction tx(db_);
    OrgNode node = current_node_or_throw(code);
    if (node.id == who.org_id) throw AccessDenied("无权限：不能撤销本人所属组织「" + node.name + "」");
    require(who, Capability::WriteOrg, node.id);
    if (effective <= node.valid_from)
        throw UserError("撤销日期 " + effective.iso() + " 应晚于该组织当前记录的起始日期 " + node.valid_from.iso());
    if (auto open = org_store::open_children(db_, node.id))
        throw UserError("「" + node.name + "」下还有 " + std::to_string(open) +
                        " 个下级组织或党员，请先调整或撤销它们再撤销该组织");
    db_.prepare("UPDATE org_version SET valid_to = ? WHERE node_id = ? AND valid_to IS NULL")
        .bind_all(effective.iso(), node.id)
        .run();
    audit_append(db_, who.login, "org.close", "org:" + node.code, to_json(node).dump(),
                 nlohmann::json({{"closed_on", effective.iso()}}).dump());
    org_changed(effective);
    tx.commit();
}

}  // namespace dj
