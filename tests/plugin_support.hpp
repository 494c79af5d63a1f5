#pragma once
// Helpers for the bundled plugins' tests (tests/test_plugin_*.cpp): the small county with some
// of the bundled plugins enabled at the 机关工委, and one-line submissions whose problems come
// back keyed by field.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "plugins/plugin_host.hpp"
#include "support.hpp"

namespace dj::test {

// `dangjian plugins check` on a bundled plugin's folder: exit code and what it printed.
inline CliResult check_bundled_plugin(const std::string& id) {
    return run_cli("plugins check " + (plugins::bundled_plugins_dir() / id).string());
}

// Takes the base values and applies changes; a null change removes the field.
inline nlohmann::json with(nlohmann::json base, const nlohmann::json& changes) {
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().is_null()) base.erase(it.key());
        else base[it.key()] = it.value();
    }
    return base;
}

struct PluginCounty : SmallCounty {
    // Enables the given bundled plugins at the 工委 (so for every department below it).
    explicit PluginCounty(std::initializer_list<const char*> plugins) {
        for (const char* p : plugins) enable(p, "GW");
    }

    void enable(const std::string& plugin, const std::string& unit, const std::string& settings = "{}") {
        svc->set_plugin(as("admin"), PluginSetting{plugin, unit, true, settings, false});
    }
    void configure(const std::string& plugin, const std::string& unit, const std::string& settings) {
        svc->set_plugin(as("admin"), PluginSetting{plugin, unit, std::nullopt, settings, false});
    }

    static SubmitRequest request(const std::string& form, const std::string& unit, const std::string& period,
                                 const nlohmann::json& values) {
        SubmitRequest r;
        r.form_id = form;
        r.unit_code = unit;
        r.period = period;
        r.values_json = values.dump();
        return r;
    }

    // Submits and expects success.
    SubmissionInfo submit(const std::string& login, const std::string& form, const std::string& unit,
                          const std::string& period, const nlohmann::json& values) {
        try {
            return svc->submit(as(login), request(form, unit, period, values));
        } catch (const ValidationFailed& e) {
            std::string all;
            for (const auto& i : e.issues()) all += "\n  " + i.field + ": " + i.message;
            FAIL("submission of " << form << " refused:" << all);
        }
        return {};
    }

    // Submits and expects a refusal; returns every problem by field ("" for the form's check),
    // messages of one field joined by " | ".
    std::map<std::string, std::string> problems(const std::string& login, const std::string& form,
                                                const std::string& unit, const std::string& period,
                                                const nlohmann::json& values) {
        std::map<std::string, std::string> out;
        try {
            svc->submit(as(login), request(form, unit, period, values));
            FAIL("submission of " << form << " was accepted: " << values.dump());
        } catch (const ValidationFailed& e) {
            for (const auto& i : e.issues()) {
                auto& m = out[i.field];
                m += (m.empty() ? "" : " | ") + i.message;
            }
        }
        return out;
    }

    // Adds a member to a branch; flags as given.
    std::int64_t member(const std::string& name, const std::string& branch, Date join, std::optional<Date> full,
                        std::vector<std::string> flags = {}) {
        MemberInput m;
        m.name = name;
        m.gender = "男";
        m.birth_date = Date::from_ymd(1920, 1, 1);
        m.join_date = join;
        m.full_date = full;
        m.status = full ? "正式" : "预备";
        m.branch_code = branch;
        m.flags = std::move(flags);
        return svc->add_member(as("admin"), m).id;
    }

    // Gives an existing member these flags.
    void flag(std::int64_t id, std::vector<std::string> flags) {
        auto admin = as("admin");
        auto m = svc->member(admin, id, svc->today());
        MemberInput in{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_code,
                       m.post, m.cadre_level, std::move(flags)};
        svc->update_member(admin, id, in);
    }
};

}  // namespace dj::test
