#pragma once
// RAII owner of one lua_State with a capped, counting allocator and the budget hook set
// before any code can run (coroutines created later inherit it). Libraries are not
// opened here: the sandbox opens its allow list itself (never luaL_openlibs).
#include <memory>

#include <lua.hpp>

#include "lua/limits.hpp"
#include "lua/lua_runtime.hpp"

namespace dj::lua {

class State {
public:
    explicit State(const Limits& limits);
    ~State();
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    lua_State* get() const { return L_; }
    Runtime& runtime() { return *rt_; }
    const Runtime& runtime() const { return *rt_; }

private:
    std::unique_ptr<Runtime> rt_;  // heap-pinned: the allocator holds its address
    lua_State* L_ = nullptr;
};

}  // namespace dj::lua
