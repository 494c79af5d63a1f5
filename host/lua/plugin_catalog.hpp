#pragma once
// Every plugin the host knows, found in an ordered list of folders (bundled first, then
// extra folders). A later folder's plugin with the same id overrides the earlier one
// (warning recorded); if the override fails to load, the earlier one stays in service.
// One faulty plugin never stops the others; a plugin whose dependency is missing or
// broken is refused, and entries are ordered dependencies first. Not thread-safe.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lua/limits.hpp"
#include "lua/plugin.hpp"

namespace dj::lua {

struct CatalogEntry {
    std::string id;  // manifest id, or the folder name when the manifest is unusable
    std::filesystem::path dir;
    PluginStatus status = PluginStatus::refused;
    std::string reason;               // why faulted / refused (Chinese, with file:line)
    std::vector<Problem> problems;    // manifest problems, warnings included
    std::shared_ptr<Plugin> plugin;   // set when loaded; shared so callers may finish
                                      // using an old version across a reload
    std::string last_reload_error;    // a failed reload, while the old version runs on
};

struct ReloadReport {
    std::string id;
    bool ok = false;
    std::string reason;  // why the new version was not taken (old one kept if loaded)
};

class PluginCatalog {
public:
    explicit PluginCatalog(std::vector<std::filesystem::path> folders, Limits limits = {});

    // Discovers and loads everything from scratch.
    void load();
    const std::vector<CatalogEntry>& entries() const { return entries_; }
    const CatalogEntry* entry(std::string_view id) const;
    std::shared_ptr<Plugin> plugin(std::string_view id) const;  // loaded ones only
    const std::vector<std::string>& warnings() const { return warnings_; }

    // Loads the new version from the entry's folder into a fresh sandbox; takes it only
    // if it loads, otherwise the old one keeps running and the report says why.
    ReloadReport reload(std::string_view id);
    // Rediscovers all folders; reload semantics per plugin; new ones are added and
    // vanished ones removed (with a warning).
    std::vector<ReloadReport> reload_all();

private:
    struct Candidate {
        std::filesystem::path dir;
        LoadOutcome outcome;
    };
    std::vector<Candidate> discover();
    std::vector<CatalogEntry> resolve(std::vector<Candidate> candidates);
    CatalogEntry finish(std::vector<Candidate*>& same_id);
    // Refuses plugins whose `depends` are missing or not loaded and puts every plugin
    // after the plugins it depends on.
    void apply_dependencies();

    std::vector<std::filesystem::path> folders_;
    Limits limits_;
    std::vector<CatalogEntry> entries_;
    std::vector<std::string> warnings_;
};

}  // namespace dj::lua
