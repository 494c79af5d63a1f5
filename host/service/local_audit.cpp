// AuditPart: reading and verifying the audit log.
#include "service/local_audit.hpp"

#include "core/errors.hpp"
#include "model/audit_actions.hpp"
#include "store/audit_log.hpp"

namespace dj {

std::vector<AuditEntry> AuditPart::audit_log(const Actor& claimed, const AuditFilter& filter) {
    Actor who = ctx_.verified(claimed);
    // The whole log spans every department: only the 工委 administrators and leaders read it.
    if (!audit_readable_by(who.role))
        throw AccessDenied("无权限：只有工委管理员和领导可以查看审计日志");
    return audit_read(ctx_.db, filter);
}

AuditVerdict AuditPart::audit_verify(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    if (!audit_verifiable_by(who.role)) throw AccessDenied("无权限：只有工委管理员可以校验审计日志");
    return audit_verify_chain(ctx_.db);
}

}  // namespace dj
