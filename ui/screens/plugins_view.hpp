#pragma once
// One screen over plugins and forms, registered once in app.cpp; it works on the node
// selected in the org tree.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "view.hpp"

namespace dj::ui {

// 插件管理: enablement per department × plugin, settings, plugin status, reload.
struct PluginMatrix {
    std::vector<PluginInfo> plugins;  // every plugin, unit scripts included
    std::vector<std::string> codes;   // rows: the node, then its children
    std::vector<std::vector<EffectivePluginInfo>> cells;  // by row, one per enablable plugin
};
void collect_glyphs(CodepointSet& set, const PluginMatrix& m);

class PluginsView : public View {
public:
    explicit PluginsView(Session& s) : View(s, "plugins", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::ManagePlugins); }
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_matrix(const PluginMatrix& m, const std::vector<const PluginInfo*>& columns);
    void draw_panel(const PluginMatrix& m, const std::vector<const PluginInfo*>& columns);
    void draw_status(const PluginMatrix& m);
    void set(const std::string& code, const std::string& plugin, std::optional<bool> enabled,
             const nlohmann::json& settings, bool clear);
    std::string node_name(const std::string& code) const;

    Loaded<PluginMatrix> matrix_;
    int tab_ = 0;
    bool select_tab_ = false;
    std::string sel_code_, sel_plugin_;
    std::string edits_for_;  // which cell and data the edits below started from
    nlohmann::json edits_ = nlohmann::json::object();
    std::set<std::string> dirty_;
    std::map<std::string, std::string> setting_errors_;  // by setting id ("" for the rest)
    bool saving_ = false;
    bool reloading_ = false;
    std::optional<std::vector<PluginReloadInfo>> reload_;
    std::optional<Failure> reload_failure_;
};

}  // namespace dj::ui
