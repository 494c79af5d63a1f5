#include "model/org.hpp"

#include <array>

namespace dj {

namespace {
struct TypeInfo {
    OrgType type;
    std::string_view id;
    std::string_view label;
};
constexpr std::array<TypeInfo, 7> kTypes = {{
    {OrgType::County, "county", "县委"},
    {OrgType::Committee, "committee", "机关工委"},
    {OrgType::Department, "department", "部门/单位"},
    {OrgType::OrganCommittee, "organ_committee", "机关党委"},
    {OrgType::GeneralBranch, "general_branch", "党总支"},
    {OrgType::Branch, "branch", "党支部"},
    {OrgType::Group, "group", "党小组"},
}};
}  // namespace

std::string_view org_type_id(OrgType t) { return kTypes[static_cast<std::size_t>(t)].id; }
std::string_view org_type_label(OrgType t) { return kTypes[static_cast<std::size_t>(t)].label; }

std::optional<OrgType> parse_org_type(std::string_view text) {
    for (const auto& info : kTypes)
        if (text == info.id || text == info.label) return info.type;
    if (text == "部门" || text == "单位") return OrgType::Department;
    if (text == "总支") return OrgType::GeneralBranch;
    if (text == "支部") return OrgType::Branch;
    return std::nullopt;
}

bool org_type_may_contain(OrgType parent, OrgType child) {
    using T = OrgType;
    switch (child) {
        case T::County: return false;
        case T::Committee: return parent == T::County;
        case T::Department: return parent == T::Committee;
        case T::OrganCommittee: return parent == T::Department;
        case T::GeneralBranch: return parent == T::Department || parent == T::OrganCommittee;
        case T::Branch:
            return parent == T::Department || parent == T::OrganCommittee || parent == T::GeneralBranch;
        case T::Group: return parent == T::Branch;
    }
    return false;
}

bool org_type_holds_members(OrgType t) {
    return t == OrgType::GeneralBranch || t == OrgType::Branch || t == OrgType::Group;
}

bool is_department_kind(std::string_view kind) {
    for (auto k : kDepartmentKinds)
        if (k == kind) return true;
    return false;
}

}  // namespace dj
