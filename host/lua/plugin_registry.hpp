#pragma once
// The registration globals `form "id" { … }`, `indicator "id" { … }`, … and what they
// recorded. Registration is generic: later components validate each kind's schema.
// Open only while the manifest's files load; afterwards every call raises
// "只能在插件加载时注册" (a forbidden act).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <lua.hpp>

#include "lua/plugin_manifest.hpp"

namespace dj::lua {

struct Registration {
    std::string kind;  // "form", "indicator", …
    std::string id;
    std::string file;  // declaring file, plugin-relative
    int line = 0;      // line of the `form "id"` call
    int ref = LUA_NOREF;  // the table, in the sandbox's registry
};

class Registry {
public:
    enum class Mode { closed, open, lint };

    // Sets the five global functions. Runs in protected mode; `this` must outlive L.
    void install(lua_State* L);
    void set_mode(Mode mode) { mode_ = mode; }
    Mode mode() const { return mode_; }

    const std::vector<Registration>& items() const { return items_; }
    const Registration* find(std::string_view kind, std::string_view id) const;
    // Lint mode records duplicate ids here instead of failing the load (at most
    // kMaxProblems, then one line saying more were left out).
    static constexpr std::size_t kMaxProblems = 100;
    const std::vector<Problem>& problems() const { return problems_; }

private:
    static int entry(lua_State* L);
    static int body(lua_State* L);

    Mode mode_ = Mode::closed;
    std::vector<Registration> items_;
    // "kind\0id" → index in items_: a lookup per registration must not scan them all.
    std::map<std::string, std::size_t, std::less<>> index_;
    std::vector<Problem> problems_;
};

}  // namespace dj::lua
