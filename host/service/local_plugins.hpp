#pragma once
// Plugins: their status and reloads, enablement and settings per org node, the database's
// plugin folders and units' own scripts (PluginStore).
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class PluginPart {
public:
    explicit PluginPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<PluginInfo> list_plugins(const Actor& who);
    std::vector<MemberFlagInfo> member_flags(const Actor& who);
    std::vector<PluginReloadInfo> reload_plugins(const Actor& who, const std::string& plugin_id);
    std::vector<std::string> plugin_folders(const Actor& who);
    void set_plugin_folders(const Actor& who, const std::vector<std::string>& folders);
    void set_plugin(const Actor& who, const PluginSetting& setting);
    std::vector<EffectivePluginInfo> effective_plugins(const Actor& who, std::string_view unit_code);
    UnitScriptInfo save_unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view source, std::string_view note);
    std::vector<UnitScriptInfo> unit_scripts(const Actor& who, std::string_view unit_code, bool all_versions);
    UnitScriptInfo unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::optional<int> version);
    ScriptTestResult test_unit_script(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view source);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
