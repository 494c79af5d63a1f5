#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export_control.hpp"
#include "view.hpp"

namespace dj::ui {

// 党员名册: the clipped, sortable, filterable register and a detail panel.
class MembersView : public View {
public:
    explicit MembersView(Session& s) : View(s, "members", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

    // Frame-cost counters for the status bar / benchmarks.
    double last_table_ms() const { return table_ms_; }
    double last_sort_ms() const { return sort_ms_; }

private:
    void refilter(const std::vector<Member>& all);
    void sort(const std::vector<Member>& all);
    void draw_table(const std::vector<Member>& all);
    void draw_detail(const Member& m);
    void draw_remove_popup(const Member& m);

    std::string name_filter_, flag_filter_, status_filter_, branch_filter_;
    bool direct_only_ = false;
    std::string filter_key_;           // what rows_ was made for
    std::vector<std::size_t> rows_;    // indices into the loaded list, filtered and sorted
    ExportControl export_;
    std::vector<std::pair<int, bool>> sort_specs_;  // column id, ascending
    bool sort_dirty_ = true;
    std::int64_t selected_id_ = 0;
    bool select_first_ = false;
    bool scroll_to_selected_ = false;
    double table_ms_ = 0;
    double sort_ms_ = 0;
    std::string remove_reason_, remove_date_, remove_error_;
};

}  // namespace dj::ui
