#pragma once
// 党员名册 as an .xlsx workbook: the columns of the register screen, numbers as numbers so
// Excel can sum and sort them.
#include <string>
#include <vector>

#include "model/member.hpp"

namespace dj::exports {

// One sheet 党员名册 under `title`, a row per member in the order given.
std::string member_register_xlsx(const std::vector<Member>& rows, const std::string& title);

}  // namespace dj::exports
