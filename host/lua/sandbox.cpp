#include "lua/sandbox.hpp"

#include <utility>

#include "lua/host_library.hpp"
#include "lua/lua_call.hpp"
#include "lua/lua_json.hpp"
#include "lua/lua_module.hpp"

namespace dj::lua {

std::string source_problem(std::string_view code, const Limits& limits) {
    if (code.size() > limits.source_bytes)
        return "源代码过大（" + std::to_string((code.size() + 1023) / 1024) + " KB，上限 " +
               std::to_string(limits.source_bytes / 1024) + " KB）";
    // Counted on the raw text (comments and strings included): generous for real code,
    // and linear, unlike the parser's matching of gotos with labels.
    int gotos = 0;
    for (std::size_t at = code.find("goto"); at != std::string_view::npos;
         at = code.find("goto", at + 4))
        ++gotos;
    int labels = 0;
    for (std::size_t at = code.find("::"); at != std::string_view::npos; at = code.find("::", at + 2))
        ++labels;
    if (gotos > limits.gotos || labels / 2 > limits.gotos)
        return "代码中的 goto 或标签过多（上限 " + std::to_string(limits.gotos) + " 个）";
    return {};
}

Sandbox::Sandbox(std::string plugin_id, SourceProvider source, Limits limits)
    : plugin_id_(std::move(plugin_id)), source_(std::move(source)), state_(limits) {
    host([this](lua_State* L) { open_sandbox_libraries(L, this); });
}

Sandbox::~Sandbox() = default;

void Sandbox::host(const std::function<void(lua_State*)>& fn, int nargs) {
    host_protected(lua(), plugin_id_, fn, nargs);
}

void Sandbox::call(int nargs, int nresults) { protected_call(lua(), plugin_id_, nargs, nresults); }

Sandbox::Scope::Scope(Sandbox& sb) : rt_(sb.state_.runtime()) { begin_call(rt_); }

Sandbox::Scope::~Scope() { end_call(rt_); }

void Sandbox::check_budget(std::int64_t units) {
    Runtime& rt = state_.runtime();
    if (!charge_host(rt, units) && !overdue(rt)) return;
    throw PluginError(plugin_id_, rt.doom.kind, rt.doom.located ? rt.doom.file : "",
                      rt.doom.located ? rt.doom.line : 0, rt.doom.message);
}

void Sandbox::load_file(std::string_view relpath) {
    std::optional<std::string> code;
    try {
        code = read_source(relpath);
    } catch (const dj::UserError& e) {
        throw PluginError(plugin_id_, ErrorKind::error, std::string(relpath), 0, e.what());
    }
    if (!code)
        throw PluginError(plugin_id_, ErrorKind::error, std::string(relpath), 0, "文件不存在");
    load_chunk(lua(), plugin_id_, *code, relpath);
}

void Sandbox::load_string(std::string_view code, std::string_view chunk_file) {
    if (std::string problem = source_problem(code, limits()); !problem.empty())
        throw PluginError(plugin_id_, ErrorKind::error, std::string(chunk_file), 0, problem);
    load_chunk(lua(), plugin_id_, code, chunk_file);
}

void Sandbox::run_file(std::string_view relpath, int nresults) {
    load_file(relpath);
    call(0, nresults);
}

void Sandbox::run_string(std::string_view code, std::string_view chunk_file, int nresults) {
    load_string(code, chunk_file);
    call(0, nresults);
}

void Sandbox::push_args(const nlohmann::json& args) {
    host([&args](lua_State* L) {
        if (args.is_array())
            for (const auto& a : args) push_json(L, a);
        else
            push_json(L, args);
    });
}

nlohmann::json Sandbox::take_result() {
    lua_State* L = lua();
    nlohmann::json out;
    try {
        out = to_json(L, -1);
    } catch (const JsonError& e) {
        lua_pop(L, 1);
        throw PluginError(plugin_id_, e.kind(), "", 0, e.what());
    }
    lua_pop(L, 1);
    return out;
}

nlohmann::json Sandbox::call_global(std::string_view name, const nlohmann::json& args) {
    lua_State* L = lua();
    const std::string key(name);
    host([&key](lua_State* S) {
        lua_pushglobaltable(S);
        lua_pushlstring(S, key.data(), key.size());
        lua_rawget(S, -2);  // raw: reading a global must not run plugin code
        lua_remove(S, -2);
    });
    if (lua_type(L, -1) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        throw PluginError(plugin_id_, ErrorKind::error, "", 0, "找不到函数 " + key);
    }
    const int before = lua_gettop(L);
    push_args(args);
    call(lua_gettop(L) - before, 1);
    return take_result();
}

nlohmann::json Sandbox::call_ref(int ref, const nlohmann::json& args) {
    lua_State* L = lua();
    if (!lua_checkstack(L, 1))
        throw PluginError(plugin_id_, ErrorKind::memory, "", 0, "内存不足（调用栈）");
    push_ref(ref);
    const int before = lua_gettop(L);
    push_args(args);
    call(lua_gettop(L) - before, 1);
    return take_result();
}

nlohmann::json Sandbox::eval(std::string_view code, std::string_view chunk_file) {
    run_string(code, chunk_file, 1);
    return take_result();
}

int Sandbox::ref_top() {
    int ref = LUA_NOREF;
    host([&ref](lua_State* L) { ref = luaL_ref(L, LUA_REGISTRYINDEX); }, 1);
    return ref;
}

void Sandbox::push_ref(int ref) const { lua_rawgeti(lua(), LUA_REGISTRYINDEX, ref); }

void Sandbox::unref(int ref) { luaL_unref(lua(), LUA_REGISTRYINDEX, ref); }

void Sandbox::register_module(const char* name, const luaL_Reg* funcs, void* context) {
    host([&](lua_State* L) { dj::lua::register_module(L, name, funcs, context); });
}

std::vector<std::string> Sandbox::log() const { return {log_.begin(), log_.end()}; }

void Sandbox::clear_log() {
    log_.clear();
    log_bytes_ = 0;
}

void Sandbox::log_line(std::string_view line) noexcept {
    try {
        log_.push_back(printable_text(line));  // never raw to a terminal or JSON
        log_bytes_ += log_.back().size();
        while (!log_.empty() && (log_.size() > kLogLines || log_bytes_ > kLogBytes)) {
            log_bytes_ -= log_.front().size();
            log_.pop_front();
        }
    } catch (...) {
        // Losing a print line is better than failing the plugin's call.
    }
}

std::optional<std::string> Sandbox::read_source(std::string_view relpath) {
    if (!is_safe_relpath(relpath)) return std::nullopt;
    // dj/… is the host's library, never the plugin's own file of that name.
    auto text = is_host_library_path(relpath) ? host_library_source()(relpath)
                : source_                     ? source_(relpath)
                                              : std::nullopt;
    auto mix = [this](std::string_view bytes) {
        for (unsigned char c : bytes) source_digest_ = (source_digest_ ^ c) * 1099511628211ull;
    };
    mix(relpath);
    if (text) mix(*text);
    // Every file the parser will see passes here (run_file and require alike).
    if (text)
        if (std::string problem = source_problem(*text, limits()); !problem.empty())
            throw dj::UserError(problem);
    return text;
}

}  // namespace dj::lua
