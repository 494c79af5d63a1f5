#include "export/member_register.hpp"

#include "io/xlsx_writer.hpp"

namespace dj::exports {

namespace {

std::string flags_text(const std::vector<std::string>& flags) {
    std::string s;
    for (const auto& f : flags) s += (s.empty() ? "" : "、") + f;
    return s;
}

}  // namespace

std::string member_register_xlsx(const std::vector<Member>& rows, const std::string& title) {
    Sheet sheet;
    sheet.name = "党员名册";
    sheet.title = title;
    sheet.header = {"编号", "姓名", "性别", "出生日期", "年龄", "入党日期", "转正日期",
                    "状态", "党龄", "政治生日", "所在支部", "支部编码", "职务", "职级", "标记"};
    sheet.column_widths = {7, 8, 5, 11, 5, 11, 11, 6, 5, 11, 28, 12, 10, 10, 24};
    auto opt = [](const auto& v) { return v ? Cell(static_cast<double>(*v)) : Cell(); };
    auto date = [](const std::optional<Date>& d) { return d ? Cell(d->iso()) : Cell(); };
    for (const auto& m : rows)
        sheet.rows.push_back({static_cast<double>(m.id), m.name, m.gender, date(m.birth_date), opt(m.age), m.join_date.iso(),
                              date(m.full_date), m.status, opt(m.party_age), m.political_birthday.iso(), m.branch_name,
                              m.branch_code, m.post, m.cadre_level, flags_text(m.flags)});
    return write_xlsx({sheet});
}

}  // namespace dj::exports
