#pragma once
// `dangjian gui`: registers the desktop front-end as a CLI command (host/cli/main.cpp calls
// this when the build has the GUI).
#include "cli/cli_context.hpp"

namespace dj::ui {

void register_gui(CLI::App& app, cli::Context& ctx);

}  // namespace dj::ui
