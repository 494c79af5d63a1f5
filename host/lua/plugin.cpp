#include "lua/plugin.hpp"

#include <charconv>

#include "lua/lua_json.hpp"
#include "lua/plugin_error.hpp"

namespace dj::lua {

const char* status_label(PluginStatus status) {
    switch (status) {
    case PluginStatus::loaded: return "已加载";
    case PluginStatus::faulted: return "加载出错";
    case PluginStatus::refused: return "已拒绝";
    }
    return "";
}

Plugin::Plugin(std::string origin, std::unique_ptr<Sandbox> sandbox)
    : origin_(std::move(origin)), sandbox_(std::move(sandbox)) {}

Plugin::~Plugin() = default;

LoadOutcome Plugin::open(SourceProvider source, std::string fallback_id, std::string origin,
                         const Limits& limits) {
    LoadOutcome out;
    out.id = fallback_id;
    out.origin = origin;
    std::unique_ptr<Plugin> plugin;
    std::optional<std::string> manifest_source;
    try {
        manifest_source = source ? source("plugin.lua") : std::nullopt;
    } catch (const dj::UserError& e) {
        out.status = PluginStatus::faulted;
        out.reason = std::string("plugin.lua: ") + e.what();
        return out;
    }
    if (!manifest_source) {
        out.status = PluginStatus::refused;
        out.reason = "缺少 plugin.lua";
        return out;
    }
    nlohmann::json value;
    try {
        plugin.reset(new Plugin(origin, std::make_unique<Sandbox>(fallback_id, source, limits)));
        Sandbox& sb = *plugin->sandbox_;
        sb.host([&plugin](lua_State* L) { plugin->registry_.install(L); });
        sb.load_string(*manifest_source, "plugin.lua");
        sb.call(0, 1);
        value = to_json(sb.lua(), -1);
        lua_pop(sb.lua(), 1);
    } catch (const PluginError& e) {
        out.status = PluginStatus::faulted;
        out.reason = e.what();
        out.problems.push_back({e.file(), e.line(), e.message(), false});
        return out;
    } catch (const JsonError& e) {
        lua_pop(plugin->sandbox_->lua(), 1);
        if (e.kind() != ErrorKind::error) {  // a manifest too big to convert: a fault
            out.status = PluginStatus::faulted;
            out.reason = format_plugin_error(fallback_id, "plugin.lua", 0, e.what());
            out.problems.push_back({"plugin.lua", 0, e.what(), false});
            return out;
        }
        out.status = PluginStatus::refused;
        const std::string message = std::string("清单只能包含数据：") + e.what();
        out.reason = "plugin.lua: " + message;
        out.problems.push_back({"plugin.lua", 0, message, false});
        return out;
    }
    ManifestCheck check = check_manifest(value, *manifest_source);
    out.problems = std::move(check.problems);
    if (!check.manifest.id.empty() && is_valid_id(check.manifest.id)) out.id = check.manifest.id;
    out.manifest = check.manifest;
    if (!check.ok()) {
        out.status = PluginStatus::refused;
        out.reason = "plugin.lua: " + check.refusal;
        return out;
    }
    plugin->manifest_ = std::move(check.manifest);
    plugin->sandbox_->set_plugin_id(plugin->manifest_.id);
    out.status = PluginStatus::loaded;
    out.plugin = std::move(plugin);
    return out;
}

void Plugin::load_files(bool lint) {
    // Close registration whatever happens: a half-loaded plugin must not register later.
    struct Close {
        Registry& r;
        Registry::Mode after;
        ~Close() { r.set_mode(after); }
    } close{registry_, Registry::Mode::closed};
    registry_.set_mode(lint ? Registry::Mode::lint : Registry::Mode::open);
    for (const auto& [list, files] : manifest_.files)
        for (const std::string& file : files) {
            if (!lint) {
                sandbox_->run_file(file);
                continue;
            }
            try {
                sandbox_->run_file(file);
            } catch (const PluginError& e) {
                if (e.kind() != ErrorKind::error) throw;
                file_problems_.push_back({e.file().empty() ? file : e.file(), e.line(), e.message(), false});
            }
        }
}

const Registration* Plugin::find(std::string_view kind, std::string_view id) const {
    return registry_.find(kind, id);
}

std::vector<const Registration*> Plugin::of_kind(std::string_view kind) const {
    std::vector<const Registration*> out;
    for (const Registration& r : registry_.items())
        if (r.kind == kind) out.push_back(&r);
    return out;
}

void Plugin::push(const Registration& reg) {
    if (!lua_checkstack(sandbox_->lua(), 1))
        throw PluginError(id(), ErrorKind::memory, reg.file, reg.line, "内存不足（调用栈）");
    sandbox_->push_ref(reg.ref);
}

nlohmann::json Plugin::describe(const Registration& reg) {
    push(reg);
    lua_State* L = sandbox_->lua();
    ToJsonOptions options;
    options.skip_functions = true;
    nlohmann::json out;
    try {
        out = to_json(L, -1, options);
    } catch (const JsonError& e) {
        lua_pop(L, 1);
        throw PluginError(id(), e.kind(), reg.file, reg.line, e.what());
    }
    lua_pop(L, 1);
    return out;
}

// Leaves the value at field_path (or nil) on the stack. Raw reads only: looking at a
// registered table must never run plugin code outside the budget.
void Plugin::push_field(const Registration& reg, std::string_view field_path) {
    push(reg);
    const std::string path(field_path);
    sandbox_->host(
        [&path](lua_State* L) {
            std::size_t start = 0;
            while (start <= path.size() && !lua_isnil(L, -1)) {
                std::size_t end = path.find('.', start);
                if (end == std::string::npos) end = path.size();
                const std::string_view seg(path.data() + start, end - start);
                if (lua_type(L, -1) != LUA_TTABLE) {
                    lua_pop(L, 1);
                    lua_pushnil(L);
                    break;
                }
                lua_Integer index = 0;
                const auto [ptr, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), index);
                if (ec == std::errc() && ptr == seg.data() + seg.size())
                    lua_rawgeti(L, -1, index);
                else {
                    lua_pushlstring(L, seg.data(), seg.size());
                    lua_rawget(L, -2);
                }
                lua_remove(L, -2);
                start = end + 1;
            }
        },
        1);
}

bool Plugin::has_function(const Registration& reg, std::string_view field_path) {
    push_field(reg, field_path);
    const bool is_function = lua_type(sandbox_->lua(), -1) == LUA_TFUNCTION;
    lua_pop(sandbox_->lua(), 1);
    return is_function;
}

nlohmann::json Plugin::call(const Registration& reg, std::string_view field_path,
                            const nlohmann::json& args) {
    return call_with(reg, field_path, [&args](lua_State* S) {
        const int before = lua_gettop(S);
        if (args.is_array())
            for (const auto& a : args) push_json(S, a);
        else
            push_json(S, args);
        return lua_gettop(S) - before;
    });
}

nlohmann::json Plugin::call_with(const Registration& reg, std::string_view field_path,
                                 const std::function<int(lua_State*)>& push_args) {
    lua_State* L = sandbox_->lua();
    push_field(reg, field_path);
    if (lua_type(L, -1) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        const RegistrationKind* kind = find_kind(reg.kind);
        throw PluginError(id(), ErrorKind::error, reg.file, reg.line,
                          std::string(kind ? kind->label : reg.kind.c_str()) + " " + reg.id +
                              " 的 " + std::string(field_path) + " 不是函数");
    }
    if (stopped_) {
        lua_pop(L, 1);
        throw *stopped_;
    }
    const int before = lua_gettop(L);
    nlohmann::json out;
    try {
        sandbox_->host([&push_args](lua_State* S) { push_args(S); });
        sandbox_->call(lua_gettop(L) - before, 1);
        try {
            out = to_json(L, -1);
        } catch (const JsonError& e) {
            lua_pop(L, 1);
            throw PluginError(id(), e.kind(), reg.file, reg.line,
                              std::string(field_path) + " 的返回值" + e.what());
        }
    } catch (const PluginError& e) {
        lua_settop(L, before - 1);  // the function too, if the arguments never got pushed
        // Stopped during the host's work for it (pushing arguments, converting): the
        // registration whose function it was is the place to name.
        PluginError located = e.file().empty()
                                  ? PluginError(id(), e.kind(), reg.file, reg.line, e.message(), e.traceback())
                                  : e;
        if (e.kind() == ErrorKind::timeout || e.kind() == ErrorKind::memory) stopped_ = located;
        throw located;
    }
    lua_pop(L, 1);
    return out;
}

LoadOutcome load_plugin(SourceProvider source, std::string fallback_id, std::string origin,
                        const Limits& limits) {
    LoadOutcome out = Plugin::open(std::move(source), std::move(fallback_id), std::move(origin),
                                   limits);
    if (!out.plugin) return out;
    try {
        out.plugin->load_files();
    } catch (const PluginError& e) {
        out.status = PluginStatus::faulted;
        out.reason = e.what();
        out.problems.push_back({e.file(), e.line(), e.message(), false});
        out.stopped = e.kind() == ErrorKind::timeout || e.kind() == ErrorKind::memory;
        out.plugin.reset();
    }
    return out;
}

LoadOutcome load_plugin_dir(const std::filesystem::path& dir, const Limits& limits) {
    return load_plugin(folder_source(dir), dir.filename().string(), dir.string(), limits);
}

}  // namespace dj::lua
