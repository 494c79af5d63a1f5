#include "indicators/indicator_def.hpp"

#include <algorithm>
#include <set>

#include "core/errors.hpp"

namespace dj::indicators {

using nlohmann::json;

namespace {

struct Problems {
    std::string what;  // 指标 visit_rate
    std::vector<std::string> list;
    void add(std::string message) { list.push_back(std::move(message)); }
    void throw_if_any() const {
        if (list.empty()) return;
        std::string text = what + "：";
        for (std::size_t i = 0; i < list.size(); ++i) text += (i ? "；" : "") + list[i];
        throw UserError(text);
    }
};

bool is_fn(const json& v) { return v.is_object() && v.contains("$fn"); }

std::string text(const json& t, const char* key, Problems& p, bool required = false) {
    if (!t.contains(key)) {
        if (required) p.add(std::string("缺少 ") + key);
        return "";
    }
    if (!t[key].is_string()) {
        p.add(std::string(key) + " 应为文字");
        return "";
    }
    return t[key].get<std::string>();
}

void unknown_keys(const json& t, const std::set<std::string>& known, Problems& p) {
    for (auto it = t.begin(); it != t.end(); ++it)
        if (!known.count(it.key())) p.add("未知属性「" + it.key() + "」");
}

Scope parse_scope(const std::string& s, Problems& p) {
    if (s == "department" || s.empty()) return Scope::Department;
    if (s == "branch") return Scope::Branch;
    if (s == "party_org") return Scope::PartyOrg;
    p.add("scope 应为 department、branch 或 party_org，而不是「" + s + "」");
    return Scope::Department;
}

}  // namespace

std::string_view scope_id(Scope s) {
    switch (s) {
        case Scope::Department: return "department";
        case Scope::Branch: return "branch";
        case Scope::PartyOrg: return "party_org";
    }
    return "";
}

bool scope_holds(Scope s, OrgType t) {
    switch (s) {
        case Scope::Department: return t == OrgType::Department;
        case Scope::Branch: return t == OrgType::Branch;
        case Scope::PartyOrg:
            return t == OrgType::OrganCommittee || t == OrgType::GeneralBranch || t == OrgType::Branch;
    }
    return false;
}

std::string_view rollup_id(Rollup r) {
    switch (r) {
        case Rollup::Sum: return "sum";
        case Rollup::Avg: return "avg";
        case Rollup::Min: return "min";
        case Rollup::Max: return "max";
        case Rollup::Share: return "share";
    }
    return "";
}

std::string qualify(const std::string& plugin_id, const std::string& ref) {
    return ref.find('.') == std::string::npos ? plugin_id + "." + ref : ref;
}

IndicatorDef parse_indicator(const std::string& plugin_id, const std::string& local_id, const json& t,
                             const std::vector<std::string>& settings) {
    Problems p{"指标 " + local_id, {}};
    IndicatorDef d;
    d.id = plugin_id + "." + local_id;
    d.local_id = local_id;
    d.plugin_id = plugin_id;
    if (!t.is_object()) {
        p.add("应为表 { name = …, compute = function(q) … end }");
        p.throw_if_any();
    }
    unknown_keys(t, {"name", "unit", "description", "period", "scope", "target", "direction", "rollup", "weight",
                     "compute", "check"},
                 p);
    d.name = text(t, "name", p, true);
    d.unit = text(t, "unit", p);
    d.description = text(t, "description", p);
    std::string period = text(t, "period", p);
    if (period.empty()) d.period = PeriodType::Year;
    else if (auto pt = parse_period_type(period)) d.period = *pt;
    else p.add("period 应为 year、half、quarter 或 month，而不是「" + period + "」");
    d.scope = parse_scope(text(t, "scope", p), p);

    bool has_compute = t.contains("compute"), has_check = t.contains("check");
    if (has_compute == has_check) p.add("须有 compute = function(q) … end（指标）或 check = function(q) … end（合规规则）之一");
    else if (!is_fn(t[has_compute ? "compute" : "check"])) p.add(std::string(has_compute ? "compute" : "check") + " 应为函数");
    d.rule = has_check;
    d.higher = !d.rule;
    d.rollup = d.rule ? Rollup::Sum : Rollup::Avg;
    if (d.rule) d.target = 0;

    std::string direction = text(t, "direction", p);
    if (direction == "higher") d.higher = true;
    else if (direction == "lower") d.higher = false;
    else if (!direction.empty()) p.add("direction 应为 higher 或 lower");
    std::string rollup = text(t, "rollup", p);
    if (!rollup.empty()) {
        bool ok = false;
        for (Rollup r : {Rollup::Sum, Rollup::Avg, Rollup::Min, Rollup::Max, Rollup::Share})
            if (rollup == rollup_id(r)) d.rollup = r, ok = true;
        if (!ok) p.add("rollup 应为 sum、avg、min、max 或 share");
    }
    if (t.contains("weight")) {
        if (!t["weight"].is_number() || t["weight"].get<double>() < 0) p.add("weight 应为非负数");
        else d.weight = t["weight"].get<double>();
    }
    if (t.contains("target")) {
        const json& target = t["target"];
        if (target.is_number()) d.target = target.get<double>();
        else if (is_fn(target)) d.target.reset(), d.target_fn = true;
        else if (target.is_string()) {
            d.target.reset();
            d.target_setting = target.get<std::string>();
            if (std::find(settings.begin(), settings.end(), d.target_setting) == settings.end())
                p.add("target 引用的设置「" + d.target_setting + "」未在 plugin.lua 的 settings 中声明");
        } else p.add("target 应为数字、已声明设置的名称或函数");
    }
    if (d.rollup == Rollup::Share && !d.target && d.target_setting.empty() && !d.target_fn)
        p.add("rollup = \"share\" 需要 target");
    p.throw_if_any();
    return d;
}

ChecklistDef parse_checklist(const std::string& plugin_id, const std::string& local_id, const json& t) {
    Problems p{"检查清单 " + local_id, {}};
    ChecklistDef d;
    d.id = plugin_id + "." + local_id;
    d.plugin_id = plugin_id;
    if (!t.is_object()) {
        p.add("应为表 { form = …, items = { … } }");
        p.throw_if_any();
    }
    unknown_keys(t, {"title", "form", "items", "pass"}, p);
    d.title = text(t, "title", p, true);
    std::string form = text(t, "form", p, true);
    if (!form.empty()) d.form_id = qualify(plugin_id, form);
    if (!t.contains("items") || !t["items"].is_array() || t["items"].empty()) p.add("items 应为字段 id 的列表");
    else
        for (const auto& i : t["items"]) {
            if (i.is_string()) d.items.push_back(i.get<std::string>());
            else p.add("items 的每一项应为字段 id");
        }
    if (t.contains("pass")) {
        if (!t["pass"].is_number_integer() || t["pass"].get<int>() < 0 ||
            t["pass"].get<std::size_t>() > d.items.size())
            p.add("pass 应为 0 到检查项数之间的整数");
        else d.pass = t["pass"].get<int>();
    } else d.pass = static_cast<int>(d.items.size());
    p.throw_if_any();
    return d;
}

ReminderDef parse_reminder(const std::string& plugin_id, const std::string& local_id, const json& t) {
    Problems p{"提醒 " + local_id, {}};
    ReminderDef d;
    d.id = plugin_id + "." + local_id;
    d.plugin_id = plugin_id;
    if (!t.is_object()) {
        p.add("应为表 { name = …, check = function(q) … end }");
        p.throw_if_any();
    }
    unknown_keys(t, {"name", "scope", "check"}, p);
    d.name = text(t, "name", p, true);
    d.scope = parse_scope(text(t, "scope", p), p);
    if (!t.contains("check") || !is_fn(t["check"])) p.add("须有 check = function(q) … end");
    p.throw_if_any();
    return d;
}

}  // namespace dj::indicators
