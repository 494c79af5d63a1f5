#include "model/member.hpp"

#include "core/text_checks.hpp"
#include "core/utf8.hpp"

namespace dj {

std::vector<std::string> validate_member(const MemberInput& m, Date today) {
    std::vector<std::string> problems;
    // Free text: a length limit and no control characters or terminal escapes (a name is
    // printed in every list, roster and export).
    auto text = [&](const std::string& value, const char* what, std::size_t max_chars) {
        if (utf8_length(value) > max_chars)
            problems.push_back(std::string(what) + "过长（最多 " + std::to_string(max_chars) + " 个字）");
        else if (auto why = text_characters_problem(value, false))
            problems.push_back(std::string(what) + *why);
    };
    if (m.name.empty()) problems.push_back("姓名不能为空");
    else text(m.name, "姓名", 30);
    text(m.post, "职务", 50);
    text(m.cadre_level, "职级", 30);
    if (m.gender != kGenderMale && m.gender != kGenderFemale)
        problems.push_back("性别应为「男」或「女」，而不是「" + excerpt(m.gender) + "」");
    if (m.status != kStatusFull && m.status != kStatusProbationary)
        problems.push_back("党员状态应为「正式」或「预备」，而不是「" + excerpt(m.status) + "」");
    if (m.branch_code.empty()) problems.push_back("所在支部不能为空");
    // Dates no register could hold (0001-01-01) are typos.
    const Date earliest_birth = Date::from_ymd(1900, 1, 1), earliest_join = Date::from_ymd(1921, 1, 1);
    if (m.join_date > today) problems.push_back("入党日期 " + m.join_date.iso() + " 晚于今天");
    else if (m.join_date < earliest_join) problems.push_back("入党日期 " + m.join_date.iso() + " 早于 1921 年，请核对");
    if (m.birth_date) {
        if (*m.birth_date > today) problems.push_back("出生日期 " + m.birth_date->iso() + " 晚于今天");
        else if (*m.birth_date < earliest_birth) problems.push_back("出生日期 " + m.birth_date->iso() + " 早于 1900 年，请核对");
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
        if (f.empty() || utf8_length(f) > 20 || text_characters_problem(f, false))
            problems.push_back("标记「" + excerpt(f) + "」为空、过长（最多 20 个字）或含有控制字符");
    return problems;
}

}  // namespace dj
