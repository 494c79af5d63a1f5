#pragma once
// The Party organisation tree: 县委 → 机关工委 → 部门/单位 → 机关党委 / 党总支 / 党支部 → 党小组.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"

namespace dj {

enum class OrgType { County, Committee, Department, OrganCommittee, GeneralBranch, Branch, Group };

std::string_view org_type_id(OrgType t);     // "county", "committee", "department", …
std::string_view org_type_label(OrgType t);  // 县委, 机关工委, 部门/单位, 机关党委, 党总支, 党支部, 党小组
// Accepts the id or the Chinese label (部门 and 单位 alone too).
std::optional<OrgType> parse_org_type(std::string_view text);
// Whether a node of type `child` may sit directly under a node of type `parent`.
bool org_type_may_contain(OrgType parent, OrgType child);
// Party organisations that hold members directly (总支, 支部, 党小组 hold members; a member's
// 支部 is where their record lives).
bool org_type_holds_members(OrgType t);

// Department kinds that an assessment scheme may weigh differently.
inline constexpr std::string_view kDepartmentKinds[] = {"行政机关", "事业单位", "国有企业", "群团组织", "其他"};
bool is_department_kind(std::string_view kind);

struct OrgAttributes {
    std::optional<std::string> kind;       // departments
    std::optional<int> staff_count;        // 在编人数
    std::optional<int> party_affairs_staff;  // 专职党务干部
    std::optional<Date> term_start;        // 本届任期开始
    std::optional<Date> term_end;          // 本届任期届满 (换届 due)
    std::optional<bool> has_discipline_committee;  // 机关纪委
    std::optional<bool> has_discipline_member;     // 纪检委员

    bool operator==(const OrgAttributes&) const = default;
};

struct OrgNode {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    OrgType type = OrgType::Branch;
    std::optional<std::int64_t> parent_id;
    std::string parent_code;  // empty for the root
    OrgAttributes attrs;
    Date valid_from;          // this version's start
    std::optional<Date> valid_to;  // exclusive; empty while current
    int depth = 0;            // 0 for the root of what was returned
};

}  // namespace dj
