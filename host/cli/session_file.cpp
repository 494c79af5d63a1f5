#include "cli/session_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"

namespace dj::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// URLs differing only by a trailing slash are one server.
std::string key_of(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

json load_all() {
    const auto path = session_file_path();
    std::error_code ec;
    if (!fs::exists(path, ec)) return json::object();
    json j = json::parse(read_file(path.string()), nullptr, false);
    return j.is_object() ? j : json::object();
}

void store_all(const json& all) {
    const auto path = session_file_path();
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    ::chmod(path.parent_path().c_str(), 0700);
    const std::string tmp = path.string() + ".tmp";
    // Created 0600 from the first byte: the token is never readable by anyone else.
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw UserError("无法写入登录信息文件「" + path.string() + "」");
    ::fchmod(fd, 0600);
    const std::string text = all.dump(2) + "\n";
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw UserError("无法写入登录信息文件「" + path.string() + "」");
    }
}

}  // namespace

fs::path session_file_path() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return fs::path(x) / "dangjian" / "session.json";
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw UserError("找不到用户目录（未设置 HOME），无法保存登录信息");
    return fs::path(home) / ".config" / "dangjian" / "session.json";
}

std::optional<std::string> load_session_token(const std::string& server_url) {
    json all = load_all();
    auto it = all.find(key_of(server_url));
    if (it == all.end() || !it->is_object() || !it->contains("token") || !(*it)["token"].is_string())
        return std::nullopt;
    return (*it)["token"].get<std::string>();
}

void save_session_token(const std::string& server_url, const std::string& token, const std::string& login) {
    json all = load_all();
    all[key_of(server_url)] = {{"token", token}, {"login", login}};
    store_all(all);
}

void forget_session_token(const std::string& server_url) {
    json all = load_all();
    all.erase(key_of(server_url));
    store_all(all);
}

std::vector<SavedSession> saved_sessions() {
    std::vector<SavedSession> out;
    const json all = load_all();  // named: items() only refers to it
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (!it->is_object()) continue;
        auto login = it->find("login");
        out.push_back({it.key(), login != it->end() && login->is_string() ? login->get<std::string>() : std::string()});
    }
    return out;
}

}  // namespace dj::cli
