// AuditPart: reading and verifying the audit log.
#include "service/local_audit.hpp"

#include "core/errors.hpp"
#include "store/audit_log.hpp"
#include "store/audit_replay.hpp"

namespace dj {

std::vector<AuditEntry> AuditPart::audit_log(const Actor& claimed, const AuditFilter& filter) {
    Actor who = ctx_.verified(claimed);
    // The whole log spans every department: only the 工委 administrators and leaders read it.
    if (who.role != Role::Admin && who.role != Role::Leader)
        throw AccessDenied("无权限：只有工委管理员和领导可以查看审计日志");
    return audit_read(ctx_.db, filter);
}

AuditVerdict AuditPart::audit_verify(const Actor& claimed, const AuditCheck& check) {
    Actor who = ctx_.verified(claimed);
    if (who.role != Role::Admin) throw AccessDenied("无权限：只有工委管理员可以校验审计日志");
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
    if (who.role != Role::Admin) throw AccessDenied("无权限：只有工委管理员可以记录审计日志的链头");
    return audit_head(ctx_.db);
}

}  // namespace dj
