#include "store/audit_scope.hpp"

#include <string>

namespace dj::store {

std::optional<std::int64_t> AuditScope::lookup(const char* sql, std::string_view key) const {
    auto st = db_.prepare(sql);
    st.bind(1, std::string(key));
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.int64(0);
}

std::optional<std::int64_t> AuditScope::node_of(std::string_view target) const {
    auto colon = target.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view kind = target.substr(0, colon), rest = target.substr(colon + 1);
    constexpr const char* kByCode = "SELECT id FROM org_node WHERE code = ?";
    // A code inside a longer reference: after '@' (plugin:care@D0001, form:x@D0001/2020-07)
    // or before '/' (script:D0001/name).
    auto code_after_at = [&]() -> std::optional<std::int64_t> {
        auto at = rest.find('@');
        if (at == std::string_view::npos) return std::nullopt;
        auto code = rest.substr(at + 1);
        return lookup(kByCode, code.substr(0, code.find('/')));
    };
    if (kind == "org") return lookup(kByCode, rest);
    if (kind == "member") return lookup("SELECT branch_id FROM member WHERE id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*'", rest);
    if (kind == "submission")
        return lookup("SELECT org_id FROM submission WHERE id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*'", rest);
    if (kind == "attachment")
        return lookup("SELECT org_id FROM attachment WHERE id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*'", rest);
    if (kind == "rectification")
        return lookup("SELECT org_id FROM rectification WHERE id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*'", rest);
    if (kind == "notice")  // the sender's unit: a notice is about what its sender sent
        return lookup("SELECT sender_org_id FROM notice WHERE id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*'", rest);
    if (kind == "user") return lookup("SELECT org_id FROM app_user WHERE login = ?", rest);
    if (kind == "script") return lookup(kByCode, rest.substr(0, rest.find('/')));
    if (kind == "plugin" || kind == "form") return code_after_at();
    return std::nullopt;
}

}  // namespace dj::store
