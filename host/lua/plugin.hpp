#pragma once
// One plugin: its sandbox, its manifest and what its files registered. Loading has two
// phases so the catalog can resolve overrides from manifests alone:
//   Plugin::open     – fresh sandbox, runs plugin.lua, checks the manifest
//   load_files()     – runs the listed files with registration open, then freezes it
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lua/limits.hpp"
#include "lua/plugin_manifest.hpp"
#include "lua/plugin_registry.hpp"
#include "lua/sandbox.hpp"
#include "lua/source_provider.hpp"

namespace dj::lua {

enum class PluginStatus {
    loaded,   // manifest accepted and every file loaded
    faulted,  // an error while loading (reason names file:line)
    refused,  // api not honoured or a bad manifest (reason says which)
};
const char* status_label(PluginStatus status);  // 已加载 / 加载出错 / 已拒绝

class Plugin;

struct LoadOutcome {
    PluginStatus status = PluginStatus::refused;
    std::string id;      // the manifest id, or the fallback (folder name) if unknown
    std::string origin;  // where it came from (a folder path), for messages
    std::string reason;  // Chinese; empty when loaded
    std::vector<Problem> problems;  // manifest problems, warnings included
    Manifest manifest;               // as far as it could be read (also when refused)
    std::unique_ptr<Plugin> plugin;  // set when status == loaded
    bool stopped = false;            // faulted by a stop for time or memory
};

class Plugin {
public:
    // Phase 1. On success status is `loaded` meaning "manifest accepted"; the caller
    // then runs load_files(). fallback_id names the plugin in errors until its manifest
    // id is known.
    static LoadOutcome open(SourceProvider source, std::string fallback_id,
                            std::string origin, const Limits& limits = {});
    // Phase 2. Throws PluginError (the plugin is then unusable). With lint = true a
    // duplicate id is recorded in registration_problems() instead of failing.
    void load_files(bool lint = false);
    const std::vector<Problem>& registration_problems() const { return registry_.problems(); }
    // Lint mode also goes on past a file whose loading fails with an ordinary error (a
    // stop for time or memory still ends it): each such error is here, every file read.
    const std::vector<Problem>& file_problems() const { return file_problems_; }

    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;
    ~Plugin();

    const std::string& id() const { return manifest_.id; }
    const Manifest& manifest() const { return manifest_; }
    const std::string& origin() const { return origin_; }
    Sandbox& sandbox() { return *sandbox_; }

    const std::vector<Registration>& registrations() const { return registry_.items(); }
    const Registration* find(std::string_view kind, std::string_view id) const;
    std::vector<const Registration*> of_kind(std::string_view kind) const;

    // The registered table as JSON, function fields left out (null inside arrays).
    nlohmann::json describe(const Registration& reg);
    // Pushes the registered table onto the sandbox's stack (for host modules).
    void push(const Registration& reg);
    // True if `field_path` ("check", "fields.5.visible_if") names a function.
    bool has_function(const Registration& reg, std::string_view field_path);
    // Calls that function under the budget with `args` (JSON array, one per argument)
    // and returns its first result as JSON. Throws PluginError.
    nlohmann::json call(const Registration& reg, std::string_view field_path,
                        const nlohmann::json& args = nlohmann::json::array());
    // The same, with the arguments pushed by `push_args` (run in protected mode, outside
    // the budget; it returns how many it pushed): for host objects such as the query `q`.
    nlohmann::json call_with(const Registration& reg, std::string_view field_path,
                             const std::function<int(lua_State*)>& push_args);

    // Set once a call of this plugin was stopped for time or memory: later calls fail at
    // once with the same error instead of spending the limit again on every use (until
    // the plugin is reloaded). Status lists show it.
    const std::optional<PluginError>& stopped() const { return stopped_; }

private:
    Plugin(std::string origin, std::unique_ptr<Sandbox> sandbox);
    void push_field(const Registration& reg, std::string_view field_path);

    std::string origin_;
    Manifest manifest_;
    Registry registry_;  // before sandbox_: the sandbox's closures point at it
    std::unique_ptr<Sandbox> sandbox_;
    std::optional<PluginError> stopped_;
    std::vector<Problem> file_problems_;
};

// Both phases; faults become a `faulted` outcome, never an exception.
LoadOutcome load_plugin(SourceProvider source, std::string fallback_id, std::string origin,
                        const Limits& limits = {});
LoadOutcome load_plugin_dir(const std::filesystem::path& dir, const Limits& limits = {});

}  // namespace dj::lua
