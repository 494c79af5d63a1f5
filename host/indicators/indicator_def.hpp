#pragma once
// What plugins declare for the indicator engine (docs/plugin-guide.md, "Indicators and the
// query API"): indicators and compliance rules, checklists and reminders, read from the
// JSON image of their registered tables. Functions stay in the plugin's sandbox; the
// image only says which exist.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/org.hpp"
#include "model/period.hpp"

namespace dj::indicators {

// The nodes an indicator or reminder is computed at.
enum class Scope { Department, Branch, PartyOrg };
std::string_view scope_id(Scope s);  // department / branch / party_org
bool scope_holds(Scope s, OrgType t);

enum class Rollup { Sum, Avg, Min, Max, Share };
std::string_view rollup_id(Rollup r);

struct IndicatorDef {
    std::string id;        // plugin.local
    std::string local_id;
    std::string plugin_id;
    std::string name;
    std::string unit;
    std::string description;
    PeriodType period = PeriodType::Year;
    Scope scope = Scope::Department;
    bool higher = true;    // direction: met when value >= target (else value <= target)
    Rollup rollup = Rollup::Avg;
    double weight = 0;
    bool rule = false;     // compliance rule: check(q) yields findings
    std::optional<double> target;  // fixed
    std::string target_setting;    // or a declared setting of the plugin
    bool target_fn = false;        // or function(q)
};

struct ChecklistDef {
    std::string id;  // plugin.local
    std::string plugin_id;
    std::string title;
    std::string form_id;  // plugin.form
    std::vector<std::string> items;
    int pass = 0;
};

struct ReminderDef {
    std::string id;
    std::string plugin_id;
    std::string name;
    Scope scope = Scope::Department;
};

// Each throws UserError listing every problem ("指标 visit_rate：…"). `settings` are the
// plugin's declared setting ids (a target may name one).
IndicatorDef parse_indicator(const std::string& plugin_id, const std::string& local_id, const nlohmann::json& image,
                             const std::vector<std::string>& settings);
ChecklistDef parse_checklist(const std::string& plugin_id, const std::string& local_id, const nlohmann::json& image);
ReminderDef parse_reminder(const std::string& plugin_id, const std::string& local_id, const nlohmann::json& image);

// "visit" inside plugin care → "care.visit"; "civility.report" stays as it is.
std::string qualify(const std::string& plugin_id, const std::string& ref);

}  // namespace dj::indicators
