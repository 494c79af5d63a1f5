#pragma once
// What every CLI command shares: where the data is (--db FILE, or --server URL with the
// session `dangjian login` saved), the acting user, --json, and opening the service.
// Commands use only the Service interface; the few local-file extras go through `local`.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "service/local_service.hpp"

namespace dj::cli {

struct Context {
    std::string db_path;
    std::string server_url;  // --server: a `dangjian serve`, instead of --db
    std::string ca_file;     // --ca: the county's own CA for the server's certificate
    std::string as_user;  // empty: the database's first administrator
    bool json = false;
    std::vector<std::string> plugin_dirs;  // --plugins-dir, searched after the bundled folder

    std::unique_ptr<Service> service;
    LocalService* local = nullptr;  // the same object when on a local file; null when remote
    Actor actor;

    // Opens the database (or connects to the server) and resolves the acting user.
    void open();
};

// Adds --db FILE / --server URL (one of them), --ca, --as and --plugins-dir to a command.
void add_db_options(CLI::App& cmd, Context& ctx);
void add_json_flag(CLI::App& cmd, Context& ctx);

void print_json(const nlohmann::json& j);

// Prints rows as one JSON array, each converted by `to` (the --json form of every list).
template <class Rows, class To>
void print_json_list(const Rows& rows, To&& to) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : rows) arr.push_back(to(r));
    print_json(arr);
}

// Command groups register themselves here.
void register_init_and_demo(CLI::App& app, Context& ctx);
void register_org(CLI::App& app, Context& ctx);
void register_members(CLI::App& app, Context& ctx);
void register_users(CLI::App& app, Context& ctx);
void register_audit(CLI::App& app, Context& ctx);
void register_plugins(CLI::App& app, Context& ctx);
void register_scripts(CLI::App& app, Context& ctx);
void register_forms(CLI::App& app, Context& ctx);
void register_assessment(CLI::App& app, Context& ctx);
void register_check(CLI::App& app, Context& ctx);
void register_backup(CLI::App& app, Context& ctx);
void register_serve(CLI::App& app, Context& ctx);
void register_login(CLI::App& app, Context& ctx);
void register_dashboard(CLI::App& app, Context& ctx);
void register_notices(CLI::App& app, Context& ctx);

// Reads a whole regular file of at most `max_bytes` (UserError naming it when unreadable,
// not a regular file or too large: checked before reading).
std::string read_file(const std::string& path, std::size_t max_bytes = 64u << 20);
void write_file(const std::string& path, const std::string& bytes);
// The extension of an --out path ("xlsx", "csv"), checked before anything is read or
// written: UserError naming the accepted ones otherwise.
std::string out_format(const std::string& path, const std::vector<std::string>& accepted);

// Parses an optional date option's text, naming the option in the error.
std::optional<Date> optional_date(const std::string& text, const char* what);

}  // namespace dj::cli
