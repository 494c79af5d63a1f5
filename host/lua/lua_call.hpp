#pragma once
// The single road from the host into Lua. Every host→Lua call goes through
// protected_call: message handler (file:line, safe traceback), instruction budget,
// memory cap, and a verdict that a plugin's own pcall cannot hide.
#include <functional>
#include <string_view>

#include <lua.hpp>

namespace dj::lua {

// Calls the function below `nargs` arguments on L's stack and
// leaves `nresults` results. On any failure the function and arguments are popped,
// garbage is collected, and PluginError is thrown (kind error/timeout/memory/forbidden,
// or syntax for a module that does not compile). L is the sandbox's main thread, or,
// inside a host function called from Lua, the thread that called it (a nested call:
// it shares the outer call's budget, and its PluginError must become a Lua error there,
// which the module dispatcher of lua_module.hpp does).
void protected_call(lua_State* L, std::string_view plugin_id, int nargs, int nresults);

// Runs `fn(L)` in Lua protected mode, outside the budget: host work that allocates,
// such as pushing arguments. The top `nargs` values are moved into fn's frame (its
// stack starts with them); whatever fn leaves on its frame stays on the stack. A C++ exception from
// fn is rethrown as is; a Lua error (out of memory) becomes PluginError.
// fn must not call Lua functions (use protected_call) and should keep no object with a
// destructor alive across a Lua API call that may raise (Lua unwinds with longjmp).
void host_protected(lua_State* L, std::string_view plugin_id,
                    const std::function<void(lua_State*)>& fn, int nargs = 0);

// Compiles `code` as text (binary chunks refused) under the chunk name "@file" and
// pushes the function. Throws PluginError(syntax) with file and line.
void load_chunk(lua_State* L, std::string_view plugin_id, std::string_view code,
                std::string_view file);

// A message handler for C functions that catch an error and raise it again (require):
// if the error message names a line a frame on the stack is executing right now, the
// message is remembered as truthful, so the host's handler can believe its location
// after that frame is gone.
int verify_error_location(lua_State* L);

// Splits "forms/visit.lua:12: text" into its parts (innermost location of a chain such
// as the one coroutine.wrap builds). Returns false when the text has no location.
struct SplitMessage {
    std::string_view file;
    int line = 0;
    std::string_view text;
};
bool split_location(std::string_view message, SplitMessage& out);

}  // namespace dj::lua
