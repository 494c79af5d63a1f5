#pragma once
// What `dangjian gui` was asked to do.
#include <string>
#include <vector>

namespace dj::ui {

struct GuiOptions {
    std::string db_path;
    std::string server;           // --server URL: the county server, as the account `dangjian login` signed in
    std::string ca_file;          // --ca: the county's own CA for the server's certificate
    std::string as_user;          // empty: the database's first administrator
    std::string screenshot;       // PNG to write after `frames` frames, then exit
    std::string screen = "home";  // which screen to open first
    std::string node;             // org node selected at start (default: the user's own)
    std::string automation_log;   // test hook: events and widget rectangles, one per line
    std::vector<std::string> plugin_dirs;  // --plugins-dir: searched after the bundled folder
    std::string form;             // --form: the form a forms/completeness screen opens on
    std::string period;           // --period: its period (default: the one containing today)
    int frames = 3;
    int bench_frames = 0;         // --bench-frames: measure this many frames once ready, print, exit
    int width = 1280;
    int height = 800;
    float font_px = 0;            // 0: 16 px times the monitor's content scale
};

// Runs the window until it is closed (or, with a screenshot, until the PNG is written).
// Throws UserError for what the user can fix (no display, bad database), so the CLI exits 2.
void run_gui(const GuiOptions& options);

}  // namespace dj::ui
