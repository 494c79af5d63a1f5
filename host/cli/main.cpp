// dangjian without a desktop front-end (DJ_BUILD_GUI=OFF): the command line alone. With the
// GUI, ui/main.cpp is the entry point instead.
#include "cli/cli_main.hpp"

int main(int argc, char** argv) { return dj::cli::run(argc, argv); }
