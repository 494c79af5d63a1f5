#pragma once
// The screens over plugins and forms: 报表填报, 报送情况, 插件管理, 单位脚本. Each is
// registered once in app.cpp and works on the node selected in the org tree.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "code_editor.hpp"
#include "form_editor.hpp"
#include "export_control.hpp"
#include "view.hpp"

namespace dj::ui {

// [SECTION] 报表填报: the forms that apply at the node, each period's state, the renderer.
struct FormsOverview {
    std::vector<FormInfo> forms;
    std::map<std::string, std::string> periods;  // by form id: the period shown
    std::map<std::string, std::vector<SubmissionInfo>> submissions;  // by form id, that period
};
void collect_glyphs(CodepointSet& set, const FormsOverview& o);

class FormsView : public View {
public:
    explicit FormsView(Session& s) : View(s, "forms", Kind::Screen), editor_(s) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_list(const FormsOverview& o);
    void draw_submissions(const FormInfo& f, const std::string& period, const std::vector<SubmissionInfo>& subs);
    // At `unit` (an existing submission's node), or at the selected node when empty.
    void open_form(const FormInfo& f, const std::string& period, std::optional<std::int64_t> submission,
                   const std::string& unit = {});

    Loaded<FormsOverview> overview_;
    std::map<std::string, std::string> period_;  // by form id, as picked
    std::string selected_form_;
    std::string open_on_load_;  // --form: open this one once the list is here
    bool show_all_on_open_ = false;
    FormEditor editor_;
    std::string editor_node_;
    std::map<std::string, std::vector<std::string>> chains_;  // approval step labels, by form id
};

// [SECTION] 报送情况: expected / submitted / on time / approved, rolled up, and the export.
struct FormCatalog {
    std::vector<FormInfo> forms;  // every form of the plugins in scope
};
void collect_glyphs(CodepointSet& set, const FormCatalog& c);


// A period reopened for one organisation's late reports.
struct ReopenDone {
    std::string unit_name;
    std::string until;
};
void collect_glyphs(CodepointSet& set, const ReopenDone& r);

class CompletenessView : public View {
public:
    explicit CompletenessView(Session& s) : View(s, "completeness", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    void draw_table(const FormInfo& form, const std::vector<CompletenessRow>& rows);
    void draw_export(const FormInfo& f);
    // 重新开放: after the deadline, an administrator lets one organisation report late.
    bool can_reopen(const FormInfo& f) const;
    void draw_reopen(const FormInfo& f);

    Loaded<FormCatalog> catalog_;
    Loaded<std::vector<CompletenessRow>> rows_;
    std::string form_id_, period_;
    std::string rows_logged_;  // the rows last reported to the automation log
    bool only_expected_ = true;
    ExportControl export_;
    std::string reopen_code_, reopen_name_;  // the row being reopened; empty: none
    std::string reopen_until_, reopen_reason_, reopen_error_, reopen_message_;
    bool reopening_ = false;
};

// [SECTION] 插件管理: enablement per department × plugin, settings, plugin status, reload.
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

// [SECTION] 单位脚本: a unit's own Lua scripts, every version, a test run and saving.
class ScriptsView : public View {
public:
    explicit ScriptsView(Session& s) : View(s, "scripts", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_list(const std::vector<UnitScriptInfo>& scripts);
    void draw_editor(const OrgNode& node);
    void draw_viewer();
    void draw_result();
    void new_script();
    void test_run();
    void save();

    Loaded<std::vector<UnitScriptInfo>> list_;
    Loaded<UnitScriptInfo> viewing_;
    std::string view_name_;
    int view_version_ = 0;
    bool viewing_open_ = false;
    std::string editor_node_;
    std::string name_, source_, note_;
    CodeEditorState code_, viewer_code_;
    std::optional<ScriptTestResult> test_;
    std::optional<Failure> failure_;
    std::string saved_message_;
    bool testing_ = false, saving_ = false;
    bool load_first_ = false;  // screenshots: open the first script and test it
};

}  // namespace dj::ui
