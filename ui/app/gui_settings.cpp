#include "gui_settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/user_files.hpp"

namespace dj::ui {

namespace {

namespace fs = std::filesystem;
std::string g_login = "-";

std::string settings_path() {
    std::string config;
    if (const char* e = std::getenv("XDG_CONFIG_HOME"); e && *e) config = e;
    else config = user_home() + "/.config";
    return config + "/dangjian/gui.json";
}

nlohmann::json load() {
    std::ifstream in(settings_path());
    if (!in) return nlohmann::json::object();
    auto j = nlohmann::json::parse(in, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

void gui_settings_user(const std::string& login) { g_login = login.empty() ? "-" : login; }

std::vector<std::string> recent_dirs() {
    std::vector<std::string> out;
    auto j = load();
    const auto& users = j["users"];
    if (!users.is_object() || !users.contains(g_login)) return out;
    const auto& list = users[g_login]["recent_dirs"];
    if (!list.is_array()) return out;
    std::error_code ec;
    for (const auto& d : list)
        if (d.is_string() && fs::is_directory(d.get<std::string>(), ec)) out.push_back(d.get<std::string>());
    return out;
}

void remember_dir(const std::string& dir) {
    auto j = load();
    auto& list = j["users"][g_login]["recent_dirs"];
    std::vector<std::string> dirs{dir};
    if (list.is_array())
        for (const auto& d : list)
            if (d.is_string() && d.get<std::string>() != dir && dirs.size() < 8) dirs.push_back(d.get<std::string>());
    list = dirs;
    std::error_code ec;
    fs::create_directories(fs::path(settings_path()).parent_path(), ec);
    std::string tmp = settings_path() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return;
        out << j.dump(2) << "\n";
    }
    fs::rename(tmp, settings_path(), ec);
}

}  // namespace dj::ui
