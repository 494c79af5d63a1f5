#pragma once
// Word lists the demo data is made from: real-looking county departments, Chinese names,
// posts. Data only; the generator decides how they are combined.
#include <span>
#include <string_view>

namespace dj::demo {

struct DepartmentTemplate {
    std::string_view name;  // without the county prefix, e.g. "财政局"
    std::string_view kind;  // 行政机关 / 事业单位 / 国有企业 / 群团组织
};

std::span<const DepartmentTemplate> department_templates();
std::span<const std::string_view> surnames();         // common surnames, most common first
std::span<const std::string_view> given_name_chars();
std::span<const std::string_view> place_syllables();  // for synthetic county names
std::span<const std::string_view> working_posts();
std::span<const std::string_view> cadre_levels();

}  // namespace dj::demo
