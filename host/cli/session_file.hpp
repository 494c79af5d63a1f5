#pragma once
// Where `dangjian login` keeps session tokens: $XDG_CONFIG_HOME/dangjian/session.json (or
// ~/.config/dangjian/session.json), one token per server URL, readable only by the user
// (the folder 0700, the file 0600). A token stands for the user's password until it ends.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dj::cli {

std::filesystem::path session_file_path();
std::optional<std::string> load_session_token(const std::string& server_url);
void save_session_token(const std::string& server_url, const std::string& token, const std::string& login);
void forget_session_token(const std::string& server_url);

// The servers with a saved session and the account each is for (the GUI's 登录 window
// offers them; the tokens are not part of it).
struct SavedSession {
    std::string server_url;
    std::string login;
};
std::vector<SavedSession> saved_sessions();

}  // namespace dj::cli
