#include "open_with.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "automation.hpp"
#include "strings.hpp"
#include "widgets.hpp"


namespace dj::ui {

namespace {

// xdg-open on the PATH (DJ_OPEN_COMMAND replaces it: tests record what would be opened).
std::string opener() {
    if (const char* e = std::getenv("DJ_OPEN_COMMAND"); e && *e) return e;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t at = 0;
    while (at <= dirs.size()) {
        std::size_t end = dirs.find(':', at);
        if (end == std::string::npos) end = dirs.size();
        std::string candidate = dirs.substr(at, end - at) + "/xdg-open";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        at = end + 1;
    }
    return "";
}

}  // namespace

std::string open_with_desktop(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return "「" + path + "」已不存在（可能已被移动或删除）";
    std::string program = opener();
    if (program.empty())
        return "本机没有安装 xdg-open，无法自动打开（可运行 apt-get install xdg-utils 安装）。文件位置：" + path;
    auto_log("open_with", program + " " + path);
    // Double fork: the opener outlives nothing of ours and leaves no zombie behind.
    pid_t child = fork();
    if (child < 0) return "无法启动 " + program;
    if (child == 0) {
        if (fork() == 0) {
            setsid();
            execl(program.c_str(), program.c_str(), path.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return "";
}

void draw_open_buttons(const std::string& path, const std::string& id, std::string& message, bool& failed) {
    if (small_button((std::string(ZH("打开文件")) + "##" + id + ".open_file").c_str()))
        if (auto why = open_with_desktop(path); !why.empty()) message = why, failed = true;
    auto_item(id + ".open_file");
    ImGui::SameLine();
    if (small_button((std::string(ZH("打开所在文件夹")) + "##" + id + ".open_folder").c_str()))
        if (auto why = open_with_desktop(std::filesystem::path(path).parent_path().string()); !why.empty())
            message = why, failed = true;
    auto_item(id + ".open_folder");
}

}  // namespace dj::ui
