#pragma once
// Views: each screen, sidebar or tool window is a class that owns its ImGui::Begin/End and
// its own state; the shell only places them. New modules add a view and register it in
// app.cpp (one line) — nothing else in the shell changes.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "session.hpp"

namespace dj::ui {

class View {
public:
    enum class Kind {
        Screen,   // fills the content area; one at a time, chosen in the navigation bar
        Sidebar,  // the org tree, always shown at the left
        Tool,     // a floating window opened on demand
    };

    View(Session& session, std::string id, Kind kind) : session_(session), id_(std::move(id)), kind_(kind) {}
    virtual ~View() = default;
    View(const View&) = delete;
    View& operator=(const View&) = delete;

    const std::string& id() const { return id_; }
    Kind kind() const { return kind_; }
    // The title in the navigation bar and window title (a ZH literal).
    virtual const char* title() const = 0;
    // Draws the view: Begin … End. Screens are called only when active, tools only when open.
    virtual void draw() = 0;
    // Whether the acting role can use this screen at all (from the role/capability table,
    // model/roles): the navigation lists only those.
    virtual bool available() const { return true; }
    // For --screen: put the view in a state worth a screenshot (e.g. a member selected).
    virtual void prepare_screenshot(std::string_view /*variant*/) {}
    // True while the view waits for data it needs to show (screenshots wait for it).
    virtual bool busy() const { return false; }

    bool open = false;  // tools

protected:
    // Begins the window of a screen, filling the content area. Always pair with ImGui::End().
    bool begin_screen(const std::string& title_text);
    // Begins a screen about the selected org node, titled with its name. Until the tree
    // and a node are there it shows the failure or loading state, ends the window and
    // returns nullptr; otherwise the caller draws and ends the window.
    const OrgNode* begin_node_screen();
    Session& session_;

private:
    std::string id_;
    Kind kind_;
};

class ViewRegistry {
public:
    template <class T, class... Args>
    T& add(Args&&... args) {
        auto v = std::make_unique<T>(std::forward<Args>(args)...);
        T& ref = *v;
        views_.push_back(std::move(v));
        return ref;
    }
    View* find(std::string_view id) const {
        for (const auto& v : views_)
            if (v->id() == id) return v.get();
        return nullptr;
    }
    template <class T>
    T* get() const {
        for (const auto& v : views_)
            if (auto* t = dynamic_cast<T*>(v.get())) return t;
        return nullptr;
    }
    const std::vector<std::unique_ptr<View>>& all() const { return views_; }

private:
    std::vector<std::unique_ptr<View>> views_;
};

// Shows a failure from the service in place: the access-denied message, or the error.
void show_failure(const Failure& f);
// Shows "加载中…" with a spinner.
void show_loading(const char* what = nullptr);

}  // namespace dj::ui
