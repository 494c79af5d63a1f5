#pragma once
// One plugin's Lua world: its own lua_State (never shared between plugins), the allow-
// listed standard library, require through the plugin's source provider, a bounded
// print log, and the one budgeted call wrapper. Not thread-safe: use a sandbox from
// one thread at a time.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <lua.hpp>
#include <nlohmann/json.hpp>

#include "lua/limits.hpp"
#include "lua/lua_state.hpp"
#include "lua/lua_stdlib.hpp"
#include "lua/plugin_error.hpp"
#include "lua/source_provider.hpp"

namespace dj::lua {

// Why a source text may not be compiled (too large, too many gotos), in Chinese; empty
// if it may.
std::string source_problem(std::string_view code, const Limits& limits);

class Sandbox final : private SandboxServices {
public:
    static constexpr std::size_t kLogLines = 500;
    static constexpr std::size_t kLogBytes = 64 * 1024;

    Sandbox(std::string plugin_id, SourceProvider source, Limits limits = {});
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    const std::string& plugin_id() const { return plugin_id_; }
    void set_plugin_id(std::string id) { plugin_id_ = std::move(id); }
    const Limits& limits() const { return state_.runtime().limits; }
    lua_State* lua() const { return state_.get(); }  // the main thread

    // --- The stack-level API (for host modules built on top) ---------------------
    // Host work in protected mode, outside the budget (see host_protected): the top
    // nargs values become fn's stack; what fn leaves stays on the stack.
    void host(const std::function<void(lua_State*)>& fn, int nargs = 0);
    // THE host→Lua wrapper: calls the function below nargs arguments; see protected_call.
    void call(int nargs, int nresults);
    // Compiles a plugin file (through the source provider) or a string; pushes the
    // function. Throws PluginError (syntax; error if the file is missing).
    void load_file(std::string_view relpath);
    void load_string(std::string_view code, std::string_view chunk_file);

    // Several calls and the host work between them as ONE budgeted call: one budget,
    // one deadline, one doom. Used where the host calls a plugin many times on its own
    // behalf (binding a form calls visible_if once per field with every field's value):
    // a stop in one of those calls stops the rest, whatever the host code catches, and
    // the host's own work in between (pushing arguments, converting results) is charged.
    class Scope {
    public:
        explicit Scope(Sandbox& sb);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        Runtime& rt_;
    };
    // Throws the stop as PluginError if the running call or scope is doomed or overdue:
    // for long host loops on the plugin's behalf.
    void check_budget(std::int64_t units = 0);

    // --- Convenience --------------------------------------------------------------
    void run_file(std::string_view relpath, int nresults = 0);
    void run_string(std::string_view code, std::string_view chunk_file = "(host)",
                    int nresults = 0);
    // Calls global function `name` / a registry reference with `args` (a JSON array,
    // one element per argument) and returns its first result as JSON (nil → null).
    nlohmann::json call_global(std::string_view name,
                               const nlohmann::json& args = nlohmann::json::array());
    nlohmann::json call_ref(int ref, const nlohmann::json& args = nlohmann::json::array());
    // Evaluates a chunk and returns its first result as JSON.
    nlohmann::json eval(std::string_view code, std::string_view chunk_file = "(host)");

    // Pops the top value into the registry; push_ref pushes it back (no allocation).
    int ref_top();
    void push_ref(int ref) const;
    void unref(int ref);

    // Registers a host module (luaL_Reg table with a context upvalue); see lua_module.hpp.
    void register_module(const char* name, const luaL_Reg* funcs, void* context);

    // What print() wrote, oldest first; bounded to kLogLines / kLogBytes.
    std::vector<std::string> log() const;
    void clear_log();

    // A digest of every source file read so far (FNV-1a over path and text): a plugin
    // whose files changed gets another one, which is how cached indicator values notice.
    std::uint64_t source_digest() const { return source_digest_; }

    std::size_t memory_used() const { return state_.runtime().bytes; }
    std::size_t memory_peak() const { return state_.runtime().peak_bytes; }

private:
    void log_line(std::string_view line) noexcept override;
    std::optional<std::string> read_source(std::string_view relpath) override;
    void push_args(const nlohmann::json& args);
    nlohmann::json take_result();

    std::string plugin_id_;
    SourceProvider source_;
    std::uint64_t source_digest_ = 1469598103934665603ull;
    State state_;
    std::deque<std::string> log_;
    std::size_t log_bytes_ = 0;
};

}  // namespace dj::lua
