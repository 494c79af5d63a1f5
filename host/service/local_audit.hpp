#pragma once
// The audit log: reading and verifying the hash chain (store/audit_log.hpp).
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class AuditPart {
public:
    explicit AuditPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<AuditEntry> audit_log(const Actor& who, const AuditFilter& filter);
    AuditVerdict audit_verify(const Actor& who, const AuditCheck& check);
    AuditHead audit_anchor(const Actor& who);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
