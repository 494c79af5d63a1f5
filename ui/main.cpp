// dangjian with the desktop front-end: the one place that composes the command line and the
// GUI, so neither the host nor the CLI knows the UI exists. `dangjian gui …` comes from here.
// (Outside app/, widgets/ and screens/: it is the program's entry point, not part of the
// dangjian_ui library.)
#include "cli/cli_main.hpp"
#include "gui_command.hpp"

int main(int argc, char** argv) { return dj::cli::run(argc, argv, {dj::ui::register_gui}); }
