#pragma once
// `dangjian gui`: registers the desktop front-end as a CLI command. ui/main.cpp passes
// this to cli::run, so the CLI itself never knows the GUI exists.
#include "cli/cli_context.hpp"

namespace dj::ui {

void register_gui(CLI::App& app, cli::Context& ctx);

}  // namespace dj::ui
