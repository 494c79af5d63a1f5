#pragma once
// One screen over indicators and the year's assessment, registered once in app.cpp. It only
// shows what the service computed: no rule of the assessment is evaluated here.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "export_control.hpp"
#include "view.hpp"

namespace dj::ui {

// 整改: items with filters, a new item from an inspection, progress and sign-off.
class RectificationView : public View {
public:
    explicit RectificationView(Session& s) : View(s, "rectify", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_filters();
    void draw_list(const std::vector<RectificationItem>& items, float height);
    void draw_detail(const RectificationItem& item);
    void draw_add(const OrgNode& node);
    void save(const RectificationItem& item);
    void add(const OrgNode& node);

    Loaded<std::vector<RectificationItem>> list_;
    std::string year_;    // "" for every year
    std::string status_;  // "" for every status, else open / in_progress / done / verified
    bool overdue_only_ = false;
    std::int64_t selected_ = 0;
    bool select_first_ = false;
    std::string logged_;
    // Update of the selected item
    std::string edit_for_;  // the item (id and last update) the fields below started from
    std::string u_status_, u_owner_, u_deadline_, u_evidence_, u_comment_;
    std::string update_error_;
    bool updating_ = false;
    // New item (督查检查)
    bool adding_open_ = false;
    std::string a_title_, a_detail_, a_owner_, a_deadline_, a_year_;
    std::string add_error_;
    ExportControl export_;
    bool adding_ = false;
};

}  // namespace dj::ui
