#pragma once
// The shell: window, ImGui, the event loop, the layout (menu bar, sidebar, content area,
// status bar) and screenshots. Everything on screen is drawn by views (view.hpp; one header per screen in screens/).
#include "gui_options.hpp"

namespace dj::ui {

// Declared in gui_options.hpp; defined in app.cpp.
void run_gui(const GuiOptions& options);

}  // namespace dj::ui
