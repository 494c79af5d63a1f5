#include "lua/lua_state.hpp"

#include <cstdio>
#include <cstdlib>
#include <new>

namespace dj::lua {

namespace {

// Every host entry point is protected, so reaching this is a host bug: say so and stop
// rather than continue with a corrupt state.
int on_panic(lua_State* L) {
    const char* msg = lua_tostring(L, -1);
    std::fprintf(stderr, "dangjian: unprotected Lua error: %s\n", msg ? msg : "(no message)");
    std::abort();
}

}  // namespace

State::State(const Limits& limits) : rt_(std::make_unique<Runtime>()) {
    rt_->limits = limits;
    L_ = lua_newstate(runtime_alloc, rt_.get());
    if (L_ == nullptr) throw std::bad_alloc();
    rt_->main = L_;
    lua_atpanic(L_, on_panic);
    lua_sethook(L_, runtime_hook, LUA_MASKCOUNT, kHookCount);
}

State::~State() {
    if (L_ != nullptr) lua_close(L_);
}

}  // namespace dj::lua
