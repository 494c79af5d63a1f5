#pragma once
// Helpers for the bundled plugins' indicator, rule, reminder and assessment tests: filing on a
// past day, reading one indicator value at one node, and the reminders of one rule.
#include "plugin_support.hpp"

namespace dj::test {

struct RuleCounty : PluginCounty {
    using PluginCounty::PluginCounty;

    // Files as if on `day` (the period must be open then), and comes back to the county's today.
    SubmissionInfo submit_on(Date day, const std::string& login, const std::string& form, const std::string& unit,
                             const std::string& period, const nlohmann::json& values) {
        struct Back {
            LocalService& svc;
            Date keep;
            ~Back() { svc.set_today(keep); }
        } back{*svc, svc->today()};
        svc->set_today(day);
        return submit(login, form, unit, period, values);
    }

    // The value row of one indicator at one node (the node itself, not its subtree).
    IndicatorValue indicator(const std::string& id, const std::string& period, const std::string& unit) {
        IndicatorQuery q;
        q.period = period;
        q.unit_code = unit;
        q.indicator_id = id;
        q.subtree = false;
        for (const auto& v : svc->indicator_values(as("admin"), q))
            if (v.org_code == unit && v.indicator_id == id) {
                INFO(id << " at " << unit << " for " << period << ": " << v.error);
                CHECK(v.error.empty());
                return v;
            }
        FAIL("no value of " << id << " at " << unit << " for " << period);
        return {};
    }
    std::optional<double> value(const std::string& id, const std::string& period, const std::string& unit) {
        return indicator(id, period, unit).value;
    }
    std::vector<std::string> findings(const std::string& id, const std::string& period, const std::string& unit) {
        return indicator(id, period, unit).findings;
    }

    // The reminders of one rule (plugin.reminder) on a day, at a node and below.
    std::vector<Reminder> reminders(const std::string& rule, Date on, const std::string& unit = "GW") {
        std::vector<Reminder> out;
        for (const auto& r : svc->reminders(as("admin"), on, unit))
            if (r.rule_id == rule) out.push_back(r);
        return out;
    }

    // Adds n full members (转正 in 2000) to a branch; returns their ids.
    std::vector<std::int64_t> full_members(const std::string& branch, int n, const std::string& prefix = "党员") {
        std::vector<std::int64_t> ids;
        for (int i = 0; i < n; ++i)
            ids.push_back(member(prefix + std::to_string(i + 1) + branch, branch, Date::from_ymd(1999, 5, 1),
                                 Date::from_ymd(2000, 5, 1)));
        return ids;
    }

    void org(const std::string& code, const std::string& name, OrgType type, const std::string& parent,
             OrgAttributes attrs = {}) {
        svc->create_org(as("admin"), NewOrg{code, name, type, parent, attrs, Date::from_ymd(2010, 1, 1)});
    }
    void change(const std::string& code, OrgAttributes attrs) {
        OrgChange ch;
        ch.attrs = attrs;
        ch.effective = Date::from_ymd(2010, 1, 1);
        svc->change_org(as("admin"), code, ch);
    }
};

}  // namespace dj::test
