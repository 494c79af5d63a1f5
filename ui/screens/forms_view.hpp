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
    std::map<std::string, std::string> area_names;  // plugin id -> its name (the work area)
};
void collect_glyphs(CodepointSet& set, const FormsOverview& o);

class FormsView : public View {
public:
    explicit FormsView(Session& s) : View(s, "forms", Kind::Screen), editor_(s) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;
    // Opens a record (or a new one when `submission` is unset) of `form` at `unit`, selecting
    // that node and showing this screen: how 待办 and the reminders reach a record in one click.
    void open_record(const FormInfo& form, const std::string& unit, const std::string& period,
                     std::optional<std::int64_t> submission);

private:
    void draw_list(const FormsOverview& o);
    void draw_submissions(const FormInfo& f, const std::string& period, const std::vector<SubmissionInfo>& subs);
    // At `unit` (an existing submission's node), or at the selected node when empty.
    void open_form(const FormInfo& f, const std::string& period, std::optional<std::int64_t> submission,
                   const std::string& unit = {});

    Loaded<FormsOverview> overview_;
    std::map<std::string, std::string> period_;  // by form id, as picked
    std::string selected_form_;
    std::string filter_;  // type-to-filter over the forms
    std::string open_on_load_;  // --form: open this one once the list is here
    bool show_all_on_open_ = false;
    FormEditor editor_;
    std::string editor_node_;
    std::map<std::string, FormSpec> specs_;  // parsed schemas (approval chain, summary fields), by form id
    std::string subs_filter_;                // type-to-filter over a form's records
    int subs_sort_ = -1;                     // column the records are sorted by; -1: as listed
    bool subs_descending_ = false;
};

}  // namespace dj::ui
