#pragma once
// One screen over plugins and forms, registered once in app.cpp; it works on the node
// selected in the org tree.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "form_editor.hpp"
#include "view.hpp"

namespace dj::ui {

// 报表填报: the forms that apply at the node, each period's state, the renderer.
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

}  // namespace dj::ui
