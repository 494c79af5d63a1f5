// The org tree sidebar: a flattened list of the visible rows drawn through ImGuiListClipper,
// so a city's 7,000 nodes cost only the rows on screen.
#include <algorithm>
#include <cctype>

#include "automation.hpp"
#include "org_tree_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// Case-insensitive for ASCII (codes), exact for Chinese (names).
bool contains(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

}  // namespace

const char* OrgTreeView::title() const { return ZH("组织架构"); }

bool OrgTreeView::busy() const { return session_.tree_if_ready() == nullptr; }

void OrgTreeView::expand_to(const OrgTree& tree, const std::string& code) {
    auto i = tree.index(code);
    if (!i) return;
    const OrgNode* n = tree.find(tree.nodes[*i].parent_code);
    while (n) {
        auto p = tree.index(n->code);
        if (!expanded_[*p]) {
            expanded_[*p] = 1;
            open_codes_.insert(n->code);
            rows_dirty_ = true;
        }
        n = n->parent_code.empty() ? nullptr : tree.find(n->parent_code);
    }
}

void OrgTreeView::rebuild_rows(const OrgTree& tree) {
    rows_.clear();
    if (search_.empty()) {
        // Depth-first over expanded nodes.
        std::vector<Row> stack;
        for (auto it = tree.roots.rbegin(); it != tree.roots.rend(); ++it) stack.push_back({*it, 0});
        while (!stack.empty()) {
            Row r = stack.back();
            stack.pop_back();
            rows_.push_back(r);
            if (expanded_[r.node])
                for (auto it = tree.children[r.node].rbegin(); it != tree.children[r.node].rend(); ++it)
                    stack.push_back({*it, r.depth + 1});
        }
    } else {
        // Matches and their ancestors, in tree order.
        std::vector<char> keep(tree.nodes.size(), 0);
        for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
            const OrgNode& n = tree.nodes[i];
            if (!contains(n.name, search_) && !contains(n.code, search_)) continue;
            keep[i] = 2;  // a match
            const OrgNode* p = tree.find(n.parent_code);
            while (p) {
                auto pi = *tree.index(p->code);
                if (keep[pi]) break;
                keep[pi] = 1;
                p = p->parent_code.empty() ? nullptr : tree.find(p->parent_code);
            }
        }
        std::vector<Row> stack;
        for (auto it = tree.roots.rbegin(); it != tree.roots.rend(); ++it)
            if (keep[*it]) stack.push_back({*it, 0});
        while (!stack.empty()) {
            Row r = stack.back();
            stack.pop_back();
            rows_.push_back(r);
            for (auto it = tree.children[r.node].rbegin(); it != tree.children[r.node].rend(); ++it)
                if (keep[*it]) stack.push_back({*it, r.depth + 1});
        }
    }
    rows_dirty_ = false;
}

void OrgTreeView::draw() {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    std::string name = std::string(title()) + "###sidebar";
    ImGui::Begin(label(name.c_str()), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);

    ImGui::SetNextItemWidth(-FLT_MIN);
    if (input(ZH("##tree_search"), search_, ZH("搜索名称或编码"), 0, "tree.search")) rows_dirty_ = true;

    const auto& loaded = session_.tree();
    if (loaded.failure) {
        show_failure(*loaded.failure);
        ImGui::End();
        return;
    }
    if (!loaded.value) {
        show_loading(ZH("正在加载组织架构…"));
        ImGui::End();
        return;
    }
    const OrgTree& tree = *loaded.value;
    if (tree_key_ != loaded.stamp()) {
        // A new tree (first load, another user, or a change): keep what was open, by code.
        std::vector<char> fresh(tree.nodes.size(), 0);
        if (open_codes_.empty()) {
            for (std::size_t r : tree.roots) {
                open_codes_.insert(tree.nodes[r].code);  // 县委 and 机关工委 open: departments in view
                for (std::size_t c : tree.children[r]) open_codes_.insert(tree.nodes[c].code);
            }
        }
        for (std::size_t i = 0; i < tree.nodes.size(); ++i) fresh[i] = open_codes_.count(tree.nodes[i].code) ? 1 : 0;
        expanded_ = std::move(fresh);
        tree_key_ = loaded.stamp();
        rows_dirty_ = true;
        last_selected_.clear();
    }
    if (session_.selected_code() != last_selected_) {
        last_selected_ = session_.selected_code();
        expand_to(tree, last_selected_);
        scroll_to_ = last_selected_;
    }
    if (rows_dirty_) rebuild_rows(tree);

    if (!search_.empty()) {
        std::size_t matches = 0;
        for (const Row& r : rows_)
            if (contains(tree.nodes[r.node].name, search_) || contains(tree.nodes[r.node].code, search_)) ++matches;
        text_muted(format(ZH("找到 %zu 个组织"), matches));
    }

    ImGui::BeginChild("##tree_rows", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const float indent = ImGui::GetTreeNodeToLabelSpacing();
    const std::string& selected = session_.selected_code();
    std::optional<std::size_t> toggled;
    // Bring the selection into view once (after a selection from elsewhere).
    if (!scroll_to_.empty()) {
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            if (tree.nodes[rows_[i].node].code != scroll_to_) continue;
            float y = static_cast<float>(i) * ImGui::GetTextLineHeightWithSpacing();
            if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() - indent * 2)
                ImGui::SetScrollY(y - ImGui::GetWindowHeight() * 0.3f);
            break;
        }
        scroll_to_.clear();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Row& r = rows_[static_cast<std::size_t>(row)];
            const OrgNode& n = tree.nodes[r.node];
            bool leaf = tree.children[r.node].empty();
            bool is_open = !search_.empty() || expanded_[r.node];
            ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanAvailWidth |
                                       ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_OpenOnDoubleClick;
            if (leaf) flags |= ImGuiTreeNodeFlags_Leaf;
            if (n.code == selected) flags |= ImGuiTreeNodeFlags_Selected;
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + static_cast<float>(r.depth) * indent);
            if (!leaf) ImGui::SetNextItemOpen(is_open);
            glyph_atlas().check(n.name);
            bool now_open = ImGui::TreeNodeEx(reinterpret_cast<void*>(static_cast<std::intptr_t>(r.node)), flags, "%s",
                                              n.name.c_str());
            if (automation().enabled()) auto_item("tree.row." + n.code);
            if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) session_.select(n.code);
            if (!leaf && search_.empty() && now_open != is_open) toggled = r.node;
            if (ImGui::IsItemHovered())
                tooltip(format(ZH("%s\n编码 %s · %s"), n.name.c_str(), n.code.c_str(),
                               std::string(org_type_label(n.type)).c_str()));
        }
    }
    ImGui::EndChild();
    if (toggled) {
        expanded_[*toggled] = !expanded_[*toggled];
        if (expanded_[*toggled])
            open_codes_.insert(tree.nodes[*toggled].code);
        else
            open_codes_.erase(tree.nodes[*toggled].code);
        rows_dirty_ = true;
    }
    ImGui::End();
}

}  // namespace dj::ui
