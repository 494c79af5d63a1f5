// AuditPart: reading and verifying the audit log.
#include "service/local_audit.hpp"

#include <limits>
#include <map>

#include "core/errors.hpp"
#include "store/audit_log.hpp"
#include "store/audit_scope.hpp"

namespace dj {

namespace {

void require_role(const Actor& who, Capability cap) {
    if (!role_has(who.role, cap))
        throw AccessDenied("无权限：" + std::string(role_label(who.role)) + "「" + who.login + "」不能" +
                           std::string(capability_label(cap)));
}

}  // namespace

// Each reader sees the rows about their own subtree; rows about the database as a whole
// (its creation, plugin folders, imports) only a reader whose scope is the whole tree.
std::vector<AuditEntry> AuditPart::audit_log(const Actor& claimed, const AuditFilter& filter) {
    Actor who = ctx_.verified(claimed);
    require_role(who, Capability::ReadAudit);
    auto scope_node = ctx_.orgs.find_by_id(who.org_id, ctx_.today);
    if (scope_node && !scope_node->parent_id) return audit_read(ctx_.db, filter);

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
    return out;
}

AuditVerdict AuditPart::audit_verify(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    require_role(who, Capability::VerifyAudit);
    return audit_verify_chain(ctx_.db);
}

}  // namespace dj
