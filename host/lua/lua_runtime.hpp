#pragma once
// Per-lua_State accounting shared by the allocator, the count hook, the message handler
// and the C functions that charge their own work. Plain data with fixed-size buffers:
// all of these run where Lua may longjmp, so nothing here may own heap memory.
#include <cstddef>
#include <cstdint>

#include <lua.hpp>

#include "lua/limits.hpp"
#include "lua/plugin_error.hpp"

namespace dj::lua {

inline constexpr int kHookCount = 1000;  // instructions between two hook calls
inline constexpr int kSlowHookCount = 10;  // while single instructions are expensive
// Bytes the host may use beyond the cap (error reports, pushing arguments), so that a
// plugin sitting at its cap cannot make the host itself fail.
inline constexpr std::size_t kHostReserve = 1u << 20;
// Allocation is charged to the budget: one instruction per this many bytes.
inline constexpr int kBytesPerUnitShift = 5;

// Once a call is doomed (budget, memory or a forbidden act) the hook raises again and
// again until the call has unwound: a plugin's own pcall cannot swallow the stop.
struct Doom {
    bool active;
    bool located;
    ErrorKind kind;
    char message[512];  // bare Chinese text
    char file[256];
    int line;
};

// What the message handler saw when an error escaped to the host's protected call.
struct HandlerReport {
    bool set;
    bool syntax;  // the error is the syntax error require just raised
    int line;
    char message[2048];
    char file[256];
    char traceback[4096];
};

struct Runtime {
    Limits limits;
    lua_State* main = nullptr;
    std::size_t bytes = 0;
    std::size_t peak_bytes = 0;
    int lenient = 0;            // > 0 while host code may use kHostReserve
    int depth = 0;              // nesting of budgeted calls
    std::int64_t used = 0;      // budget units used by the outermost call
    std::int64_t deadline_ns = 0;
    std::int64_t last_hook_ns = 0;
    Doom doom{};
    HandlerReport report{};
    char syntax_message[512]{};  // last syntax error raised by require, to classify it
    int close_depth = 0;         // nesting of coroutine.close (Lua 5.4.4 C-stack bug guard)
    std::int64_t next_clock_check = 0;  // `used` at which charge_host next reads the clock
};

Runtime& runtime_of(lua_State* L);
void* runtime_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
void runtime_hook(lua_State* L, lua_Debug* ar);
std::int64_t thread_cpu_ns();

// Budgeted call bracket (nesting-aware). end_call clears the doom when outermost.
void begin_call(Runtime& rt);
void end_call(Runtime& rt);

// Charges work done inside a C function; raises the timeout when the budget is gone or
// the processor-time deadline has passed (or the call is already doomed).
void charge(lua_State* L, std::int64_t units);
// The same for host loops that must not raise (converting values, computing positions):
// charges `units` to the running call (nothing outside a call) and returns true once the
// call is doomed, after which the loop must stop and report the doom.
bool charge_host(Runtime& rt, std::int64_t units);
// Checks the budget and the deadline now; dooms the call when either is passed.
bool overdue(Runtime& rt);
// Dooms the current call as forbidden (located at the Lua caller) and raises.
[[noreturn]] void forbid(lua_State* L, const char* message);
// Dooms the call unless already doomed; arms the main thread's hook to stop at once.
void set_doom(Runtime& rt, ErrorKind kind, const char* message);
// Fills the doom's location from stack level `level` of L if not yet known.
void locate_doom(lua_State* L, int level);
[[noreturn]] void raise_doom(lua_State* L);

// "内存超限（上限 64 MB）"
void memory_message(const Runtime& rt, char* out, std::size_t cap);

// Copies a chunk name as plugins see it: "@forms/visit.lua" → "forms/visit.lua".
void copy_source_name(const lua_Debug& ar, char* out, std::size_t cap);
// Bounded copy that never cuts a UTF-8 sequence in half.
void copy_text(char* out, std::size_t cap, const char* text, std::size_t len);

}  // namespace dj::lua
