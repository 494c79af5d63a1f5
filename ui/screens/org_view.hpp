#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "view.hpp"

namespace dj::ui {

// 组织: details, history and changes of the selected node.
class OrgView : public View {
public:
    explicit OrgView(Session& s) : View(s, "org", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_details(const OrgTree& tree, const OrgNode& n);
    void draw_history(const OrgNode& n);
    void draw_edit(const OrgTree& tree, const OrgNode& n);
    void draw_create(const OrgNode& n);
    void draw_close(const OrgNode& n);
    void reset_edit(const OrgNode& n);

    Loaded<std::vector<OrgNode>> history_;
    // Edit form (prefilled from the node; only changed fields are sent)
    std::string edit_for_;
    std::string e_name_, e_parent_, e_type_, e_kind_, e_staff_, e_affairs_, e_term_start_, e_term_end_, e_effective_;
    bool e_committee_ = false, e_member_ = false;
    std::string edit_error_;
    bool saving_ = false;
    // New child
    std::string c_code_, c_name_, c_type_, c_effective_, create_error_;
    // Close
    std::string close_date_, close_error_;
    int tab_ = 0;
};

}  // namespace dj::ui
