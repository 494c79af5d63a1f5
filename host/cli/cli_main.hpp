#pragma once
// Running the command line. Exit 0 on success, 2 on bad input (the message names the
// problem), 1 on an internal failure.
#include <functional>
#include <vector>

#include "cli/cli_context.hpp"

namespace dj::cli {

// Adds a command group from outside the CLI: how an outer entry point (ui/main.cpp adds
// `gui`) extends the program without the CLI knowing what it adds.
using CommandHook = std::function<void(CLI::App&, Context&)>;

// Parses the arguments and runs the chosen command; `extra_commands` register after the
// CLI's own, in order.
int run(int argc, char** argv, const std::vector<CommandHook>& extra_commands = {});

}  // namespace dj::cli
