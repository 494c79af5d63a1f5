#pragma once
// One screen over plugins and forms, registered once in app.cpp; it works on the node
// selected in the org tree.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "code_editor.hpp"
#include "view.hpp"

namespace dj::ui {

// 单位脚本: a unit's own Lua scripts, every version, a test run and saving.
class ScriptsView : public View {
public:
    explicit ScriptsView(Session& s) : View(s, "scripts", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::WriteScripts); }
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
