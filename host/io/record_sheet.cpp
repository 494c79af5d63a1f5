#include "io/record_sheet.hpp"

#include <cmath>
#include <cstdlib>
#include <set>

#include "io/member_csv.hpp"
#include "model/date.hpp"
#include "io/xlsx_writer.hpp"

namespace dj {

using nlohmann::json;

namespace {

std::string trim(std::string s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.back())) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && space(s[i])) ++i;
    return s.substr(i);
}

bool importable(const json& f, std::string* why) {
    std::string type = f.value("type", "");
    if (type == "table") return why && (*why = "表格字段请在界面中逐条填写", false);
    if (type == "attachment") return why && (*why = "附件请在界面中上传", false);
    if (f.value("compute", false)) return why && (*why = "由系统计算，无需填写", false);
    if (f.value("readonly", false)) return why && (*why = "只读字段", false);
    return true;
}

std::string hint_for(const RecordColumn& c) {
    std::string options;
    for (const auto& [value, label] : c.options) options += (options.empty() ? "" : "、") + label;
    if (c.type == "period") return "如 2020-12（月）、2020Q4（季）、2020H2（半年）、2020（年）";
    if (c.type == "member" && c.field_id.empty()) return "党员姓名（本单位名册上的）";
    if (c.type == "date") return "日期，如 2020-12-18 或 2020年12月18日";
    if (c.type == "integer") return "整数";
    if (c.type == "number") return "数字";
    if (c.type == "bool") return "是 或 否";
    if (c.type == "select" || c.type == "rating") return "其中之一：" + options;
    if (c.type == "multiselect") return "可多选，用“、”分隔：" + options;
    if (c.type == "member") return "党员姓名";
    if (c.type == "members") return "党员姓名，多人用“、”分隔";
    if (c.type == "org") return "组织名称或编码";
    if (c.type == "textarea") return "文字（可多行）";
    return "文字";
}

std::vector<std::string> split_list(const std::string& text) { return split_member_flags(text); }

}  // namespace

std::vector<RecordColumn> record_columns(const json& schema) {
    std::vector<RecordColumn> out;
    out.push_back({"", kPeriodColumn, "period", true, {}, ""});
    if (schema.value("scope", "") == "member") out.push_back({"", kMemberColumn, "member", true, {}, ""});
    for (const auto& f : schema.value("fields", json::array())) {
        if (!importable(f, nullptr)) continue;
        RecordColumn c{f.value("id", ""), f.value("label", ""), f.value("type", ""), f.value("required", false), {}, ""};
        for (const auto& o : f.value("options", json::array())) c.options.emplace_back(o.value("value", ""), o.value("label", ""));
        out.push_back(std::move(c));
    }
    for (auto& c : out) c.hint = hint_for(c);
    return out;
}

std::vector<std::pair<std::string, std::string>> unimportable_fields(const json& schema) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : schema.value("fields", json::array())) {
        std::string why;
        if (!importable(f, &why)) out.emplace_back(f.value("label", ""), why);
    }
    return out;
}

std::string form_template_xlsx(const json& schema) {
    Sheet records{schema.value("title", "记录"), {}, {}, {}, ""};
    Sheet help{"填写说明", {"列名", "必填", "填写方法"}, {}, {14, 8, 60}, ""};
    for (const auto& c : record_columns(schema)) {
        records.header.push_back(c.label);
        help.rows.push_back({c.label, std::string(c.required ? "是" : "否"), c.hint});
    }
    for (const auto& [label, why] : unimportable_fields(schema))
        help.rows.push_back({label, std::string("（不导入）"), why});
    help.rows.push_back({std::string("说明"), std::string(""),
                         std::string("每行一条记录，从第 2 行起填写；全部行都正确才导入，任何一行有误则一条也不导入。")});
    return write_xlsx({records, help});
}

std::string member_template_xlsx() {
    Sheet roster{"党员名册", roster_header(), {}, {}, ""};
    Sheet help{"填写说明", {"列名", "必填", "填写方法"}, {}, {12, 8, 60}, ""};
    const std::vector<std::vector<std::string>> rows = {
        {"姓名", "是", "党员姓名"},
        {"性别", "是", "男 或 女"},
        {"出生日期", "否", "日期，如 1980-05-01"},
        {"入党日期", "是", "日期，如 2005-07-01"},
        {"转正日期", "否", "正式党员填写"},
        {"党员状态", "是", "正式 或 预备"},
        {"所在支部", "是", "支部编码或名称（名称须唯一）"},
        {"职务", "否", "如 支部书记"},
        {"职级", "否", "如 科级"},
        {"标记", "否", "多个用“、”分隔，如 生活困难、老党员"},
        {"说明", "", "每行一名党员，从第 2 行起填写；全部行都正确才导入，任何一行有误则一人也不导入。"}};
    for (const auto& r : rows) help.rows.push_back({r[0], r[1], r[2]});
    return write_xlsx({roster, help});
}

std::optional<json> record_cell_value(const RecordColumn& c, const std::string& raw, const CellLookup& lookup,
                                      std::string& problem) {
    std::string text = trim(raw);
    if (text.empty()) return std::nullopt;
    const std::string name = "「" + c.label + "」";
    auto option = [&](const std::string& t) -> std::optional<std::string> {
        for (const auto& [value, label] : c.options)
            if (t == label || t == value) return value;
        std::string all;
        for (const auto& [value, label] : c.options) all += (all.empty() ? "" : "、") + label;
        problem = name + "的「" + t + "」不是可选项（可选：" + all + "）";
        return std::nullopt;
    };
    if (c.type == "integer" || c.type == "number") {
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) {
            problem = name + "应为数字，现在是「" + text + "」";
            return std::nullopt;
        }
        if (c.type == "integer") {
            if (std::floor(v) != v || std::fabs(v) > 9e15) {
                problem = name + "应为整数，现在是「" + text + "」";
                return std::nullopt;
            }
            return json(static_cast<std::int64_t>(v));
        }
        return json(v);
    }
    if (c.type == "bool") {
        static const std::set<std::string> yes = {"是", "有", "√", "✓", "1", "TRUE", "true", "Y", "y"};
        static const std::set<std::string> no = {"否", "无", "×", "0", "FALSE", "false", "N", "n"};
        if (yes.count(text)) return json(true);
        if (no.count(text)) return json(false);
        problem = name + "应为“是”或“否”，现在是「" + text + "」";
        return std::nullopt;
    }
    if (c.type == "select" || c.type == "rating") {
        if (c.options.empty()) return json(text);  // options from a function: the validator decides
        if (auto v = option(text)) return json(*v);
        return std::nullopt;
    }
    if (c.type == "multiselect") {
        json list = json::array();
        for (const auto& part : split_list(text)) {
            if (c.options.empty()) {
                list.push_back(part);
                continue;
            }
            auto v = option(part);
            if (!v) return std::nullopt;
            list.push_back(*v);
        }
        return list;
    }
    if (c.type == "member") {
        std::string why;
        if (auto id = lookup.member(text, why)) return json(*id);
        problem = name + why;
        return std::nullopt;
    }
    if (c.type == "members") {
        json list = json::array();
        for (const auto& part : split_list(text)) {
            std::string why;
            auto id = lookup.member(part, why);
            if (!id) {
                problem = name + why;
                return std::nullopt;
            }
            list.push_back(*id);
        }
        return list;
    }
    if (c.type == "org") {
        std::string why;
        if (auto code = lookup.org(text, why)) return json(*code);
        problem = name + why;
        return std::nullopt;
    }
    // Dates as ISO, whichever way they were typed (2020年12月18日, 2020/12/18 …); a text the
    // validator cannot read stays as typed, for its own message.
    if (c.type == "date")
        if (auto d = Date::parse(text)) return json(d->iso());
    return json(text);
}

}  // namespace dj
