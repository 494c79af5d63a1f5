#include "io/user_files.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace dj {

namespace fs = std::filesystem;

namespace {

bool is_dir(const std::string& p) {
    std::error_code ec;
    return !p.empty() && fs::is_directory(p, ec);
}

}  // namespace

std::string user_home() {
    std::string h;
    if (const char* e = std::getenv("HOME"); e && *e) h = e;
    else if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) h = pw->pw_dir;
    else h = "/";
    while (h.size() > 1 && h.back() == '/') h.pop_back();
    return h;
}

std::optional<std::string> xdg_user_dir(const std::string& key) {
    std::string config;
    if (const char* e = std::getenv("XDG_CONFIG_HOME"); e && *e) config = e;
    else config = user_home() + "/.config";
    std::ifstream in(config + "/user-dirs.dirs");
    // Lines like XDG_DOCUMENTS_DIR="$HOME/文档" (xdg-user-dirs writes them so).
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(key + "=", 0) != 0) continue;
        std::string v = line.substr(key.size() + 1);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        if (v.rfind("$HOME", 0) == 0) v = user_home() + v.substr(5);
        else if (v.empty() || v[0] != '/') continue;  // only absolute paths or $HOME-relative ones are valid
        while (v.size() > 1 && v.back() == '/') v.pop_back();
        // A key set to the home folder itself means "no such folder" to xdg-user-dirs.
        if (v == user_home() || !is_dir(v)) return std::nullopt;
        return v;
    }
    return std::nullopt;
}

std::string documents_dir() {
    if (auto d = xdg_user_dir("XDG_DOCUMENTS_DIR")) return *d;
    for (const char* name : {"/文档", "/Documents"})
        if (is_dir(user_home() + name)) return user_home() + name;
    return user_home();
}

std::optional<std::string> desktop_dir() {
    if (auto d = xdg_user_dir("XDG_DESKTOP_DIR")) return d;
    for (const char* name : {"/桌面", "/Desktop"})
        if (is_dir(user_home() + name)) return user_home() + name;
    return std::nullopt;
}

std::string safe_file_name(const std::vector<std::string>& parts, const std::string& extension) {
    std::string name;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!name.empty()) name += "-";
        name += p;
    }
    std::string out;
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f || std::string_view("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos)
            out += '_';
        else
            out += static_cast<char>(c);
    }
    while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
    const std::size_t room = 200 > extension.size() ? 200 - extension.size() : 0;
    if (out.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        out.resize(cut);
    }
    if (out.empty()) out = "导出";
    return out + extension;
}

std::string unique_path(const std::string& dir, const std::string& name) {
    std::error_code ec;
    fs::path first = fs::path(dir) / name;
    if (!fs::exists(first, ec)) return first.string();
    fs::path n(name);
    std::string stem = n.stem().string(), ext = n.extension().string();
    for (int i = 2; i < 10000; ++i) {
        fs::path p = fs::path(dir) / (stem + "(" + std::to_string(i) + ")" + ext);
        if (!fs::exists(p, ec)) return p.string();
    }
    return first.string();
}

}  // namespace dj
