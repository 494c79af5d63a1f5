// AuditPart: reading and verifying the audit log.
#include "service/local_audit.hpp"

#include <cstdlib>
#include <limits>
#include <map>

#include "core/errors.hpp"
#include "plugins/plugin_host.hpp"
#include "store/audit_log.hpp"
#include "store/audit_replay.hpp"
#include "store/audit_scope.hpp"

namespace dj {

namespace {

void require_role(const Actor& who, Capability cap) {
    if (!role_has(who.role, cap))
        throw AccessDenied("无权限：" + std::string(role_label(who.role)) + "「" + who.login + "」不能" +
                           std::string(capability_label(cap)));
}

// A record's rows name its fields as its form does (会议主题, not topic): the labels of the
// form each submission row is about, looked up once per form. A form whose plugin is gone
// leaves the ids.
void label_record_fields(ServiceContext& ctx, std::vector<AuditEntry>& entries) {
    std::map<std::string, std::map<std::string, std::string>> by_form;
    for (auto& e : entries) {
        if (!e.target.starts_with("submission:")) continue;
        auto st = ctx.db.prepare("SELECT form_id FROM submission WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(std::atoll(e.target.c_str() + 11)));
        if (!st.step()) continue;
        const std::string form_id = st.text(0);
        auto [it, fresh] = by_form.try_emplace(form_id);
        if (fresh) {
            try {
                for (const auto& f : ctx.form_or_throw(form_id)->def.fields) it->second[f.id] = f.label;
            } catch (const UserError&) {
            }
        }
        e.field_labels = it->second;
    }
}

}  // namespace

// Each reader sees the rows about their own subtree; rows about the database as a whole
// (its creation, plugin folders, imports) only a reader whose scope is the whole tree.
std::vector<AuditEntry> AuditPart::audit_log(const Actor& claimed, const AuditFilter& filter) {
    Actor who = ctx_.verified(claimed);
    require_role(who, Capability::ReadAudit);
    auto scope_node = ctx_.orgs.find_by_id(who.org_id, ctx_.today);
    if (scope_node && !scope_node->parent_id) {
        auto all = audit_read(ctx_.db, filter);
        label_record_fields(ctx_, all);
        return all;
    }

    AuditFilter all = filter;
    all.limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    store::AuditScope scope(ctx_.db);
    std::map<std::string, bool> visible;  // target -> within the reader's subtree
    std::vector<AuditEntry> out;
    for (auto& e : audit_read(ctx_.db, all)) {
        auto [it, fresh] = visible.try_emplace(e.target, false);
        if (fresh) {
            auto node = scope.node_of(e.target);
            it->second = node && ctx_.orgs.is_within(*node, who.org_id, ctx_.today);
        }
        if (!it->second) continue;
        out.push_back(std::move(e));
        if (out.size() >= filter.limit) break;
    }
    label_record_fields(ctx_, out);
    return out;
}

AuditVerdict AuditPart::audit_verify(const Actor& claimed, const AuditCheck& check) {
    Actor who = ctx_.verified(claimed);
    require_role(who, Capability::VerifyAudit);
    // One read transaction: the chain and the tables it is compared with are one snapshot.
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    AuditVerdict v = audit_verify_chain(ctx_.db, check);
    if (check.deep && v.intact) {
        auto replay = audit_replay(ctx_.db);
        v.mismatches = std::move(replay.mismatches);
        v.notes.insert(v.notes.end(), replay.notes.begin(), replay.notes.end());
        if (!v.mismatches.empty()) {
            v.intact = false;
            v.reason = "业务数据与审计日志不符（" + std::to_string(v.mismatches.size()) + " 处），第一处：" + v.mismatches.front();
        }
    }
    return v;
}

AuditHead AuditPart::audit_anchor(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    require_role(who, Capability::VerifyAudit);  // the head is part of verifying
    return audit_head(ctx_.db);
}

}  // namespace dj
