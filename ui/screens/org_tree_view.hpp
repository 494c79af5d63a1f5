#pragma once
// The org-tree sidebar, registered once in app.cpp.
#include <string>
#include <unordered_set>
#include <vector>

#include "view.hpp"

namespace dj::ui {

// Sidebar: the org tree with search. The selection is every screen's context.
class OrgTreeView : public View {
public:
    explicit OrgTreeView(Session& s) : View(s, "tree", Kind::Sidebar) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

    // Where the shell puts it.
    ImVec2 pos{0, 0}, size{0, 0};

private:
    struct Row {
        std::size_t node;
        int depth;
    };
    void rebuild_rows(const OrgTree& tree);
    void expand_to(const OrgTree& tree, const std::string& code);

    std::string search_;
    std::string tree_key_;
    std::vector<char> expanded_;              // by node index in the current tree
    std::unordered_set<std::string> open_codes_;  // the same, by code (survives reloads)
    std::vector<Row> rows_;
    bool rows_dirty_ = true;
    std::string scroll_to_;  // code to bring into view once
    std::string last_selected_;
};

}  // namespace dj::ui
