#include "model/member.hpp"

#include "io/encoding.hpp"

namespace dj {

std::vector<std::string> validate_member(const MemberInput& m, Date today) {
    std::vector<std::string> problems;
    if (m.name.empty()) problems.push_back("姓名不能为空");
    else if (utf8_length(m.name) > 30) problems.push_back("姓名过长（最多 30 个字）");
    if (m.gender != kGenderMale && m.gender != kGenderFemale) problems.push_back("性别应为「男」或「女」，而不是「" + m.gender + "」");
    if (m.status != kStatusFull && m.status != kStatusProbationary)
        problems.push_back("党员状态应为「正式」或「预备」，而不是「" + m.status + "」");
    if (m.branch_code.empty()) problems.push_back("所在支部不能为空");
    if (m.join_date > today) problems.push_back("入党日期 " + m.join_date.iso() + " 晚于今天");
    if (m.birth_date) {
        if (*m.birth_date > today) problems.push_back("出生日期 " + m.birth_date->iso() + " 晚于今天");
        // 党章 第一条: 年满十八岁 may apply to join.
        else if (completed_years(*m.birth_date, m.join_date) < 18)
            problems.push_back("入党日期 " + m.join_date.iso() + " 时未满十八岁（出生日期 " + m.birth_date->iso() + "）");
    }
    if (m.status == kStatusFull && !m.full_date) problems.push_back("正式党员须填写转正日期");
    if (m.status == kStatusProbationary && m.full_date) problems.push_back("预备党员不应有转正日期");
    if (m.full_date) {
        if (*m.full_date < m.join_date) problems.push_back("转正日期 " + m.full_date->iso() + " 早于入党日期");
        if (*m.full_date > today) problems.push_back("转正日期 " + m.full_date->iso() + " 晚于今天");
    }
    for (const auto& f : m.flags)
        if (f.empty() || utf8_length(f) > 20) problems.push_back("标记「" + f + "」为空或过长（最多 20 个字）");
    return problems;
}

}  // namespace dj
