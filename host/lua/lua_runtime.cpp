#include "lua/lua_runtime.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>

namespace dj::lua {

namespace {

constexpr std::int64_t kSlowGapNs = 2'000'000;  // 1000 instructions never take 2 ms

void budget_message(const Runtime& rt, char* out, std::size_t cap) {
    std::snprintf(out, cap, "运行超时（超出指令预算 %lld 条）",
                  static_cast<long long>(rt.limits.instructions));
}

void cpu_message(const Runtime& rt, char* out, std::size_t cap) {
    const long long ms = static_cast<long long>(rt.limits.cpu_ms);
    if (ms % 1000 == 0)
        std::snprintf(out, cap, "运行超时（占用处理器超过 %lld 秒）", ms / 1000);
    else
        std::snprintf(out, cap, "运行超时（占用处理器超过 %lld 毫秒）", ms);
}

}  // namespace

void memory_message(const Runtime& rt, char* out, std::size_t cap) {
    const unsigned long long b = rt.limits.memory_bytes;
    if (b % (1024ull * 1024ull) == 0)
        std::snprintf(out, cap, "内存超限（上限 %llu MB）", b / (1024ull * 1024ull));
    else
        std::snprintf(out, cap, "内存超限（上限 %llu KB）", (b + 1023) / 1024);
}

namespace {

void doom_with(Runtime& rt, ErrorKind kind, void (*format)(const Runtime&, char*, std::size_t)) {
    if (rt.doom.active) return;
    char text[256];
    format(rt, text, sizeof text);
    set_doom(rt, kind, text);
}

// Growth allowed right now, given who is allocating and whether the call is doomed.
bool may_grow(Runtime& rt, std::size_t grow, std::size_t nsize) {
    const bool in_call = rt.depth > 0 && rt.lenient == 0;
    const std::size_t cap = rt.limits.memory_bytes;
    const std::size_t reserve_cap = cap + kHostReserve;
    if (rt.bytes + grow < rt.bytes) return false;  // overflow
    const std::size_t after = rt.bytes + grow;
    if (!in_call) return after <= (rt.lenient > 0 ? reserve_cap : cap);
    if (rt.doom.active)  // only what unwinding needs: error strings, small frames
        return nsize <= 1024 && after <= reserve_cap;
    if (after > cap) {
        doom_with(rt, ErrorKind::memory, memory_message);
        return false;
    }
    rt.used += static_cast<std::int64_t>(grow >> kBytesPerUnitShift);
    if (rt.used >= rt.limits.instructions) {
        doom_with(rt, ErrorKind::timeout, budget_message);
        return false;
    }
    return true;
}

}  // namespace

std::int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

namespace {

// The clock the deadline is measured on: the real one unless a test injected its own.
std::int64_t now_ns(const Runtime& rt) { return rt.limits.clock_ns ? rt.limits.clock_ns() : thread_cpu_ns(); }

}  // namespace

Runtime& runtime_of(lua_State* L) {
    void* ud = nullptr;
    lua_getallocf(L, &ud);  // every thread of a state shares the allocator's ud
    return *static_cast<Runtime*>(ud);
}

void copy_text(char* out, std::size_t cap, const char* text, std::size_t len) {
    if (cap == 0) return;
    if (len >= cap) {
        len = cap - 1;
        // Back up to a UTF-8 lead byte so a cut never leaves half a character.
        while (len > 0 && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) --len;
    }
    std::memcpy(out, text, len);
    out[len] = '\0';
}

void copy_source_name(const lua_Debug& ar, char* out, std::size_t cap) {
    const char* src = ar.source;
    if (src != nullptr && (src[0] == '@' || src[0] == '='))
        copy_text(out, cap, src + 1, std::strlen(src + 1));
    else
        copy_text(out, cap, ar.short_src, std::strlen(ar.short_src));
}

void* runtime_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
    Runtime& rt = *static_cast<Runtime*>(ud);
    const std::size_t old = ptr != nullptr ? osize : 0;  // osize is a type tag for new blocks
    if (nsize == 0) {
        std::free(ptr);
        rt.bytes -= old;
        return nullptr;
    }
    if (nsize > old && !may_grow(rt, nsize - old, nsize)) return nullptr;
    void* block = std::realloc(ptr, nsize);
    if (block == nullptr) return nullptr;
    rt.bytes = rt.bytes - old + nsize;
    if (rt.bytes > rt.peak_bytes) rt.peak_bytes = rt.bytes;
    return block;
}

void set_doom(Runtime& rt, ErrorKind kind, const char* message) {
    if (rt.doom.active) return;
    rt.doom.active = true;
    rt.doom.located = false;
    rt.doom.kind = kind;
    rt.doom.file[0] = '\0';
    rt.doom.line = 0;
    copy_text(rt.doom.message, sizeof rt.doom.message, message, std::strlen(message));
    // lua_sethook is async-safe by design (lua.c calls it from a signal handler), so
    // even the allocator may arm the main thread to stop at its next instruction.
    // Other threads stop at their own next hook call (within kHookCount instructions).
    if (rt.main != nullptr) lua_sethook(rt.main, runtime_hook, LUA_MASKCOUNT, 1);
}

void locate_doom(lua_State* L, int level) {
    Runtime& rt = runtime_of(L);
    if (!rt.doom.active || rt.doom.located) return;
    lua_Debug ar;
    for (int lv = level; lua_getstack(L, lv, &ar) != 0; ++lv) {
        if (lua_getinfo(L, "Sl", &ar) != 0 && ar.currentline > 0) {
            copy_source_name(ar, rt.doom.file, sizeof rt.doom.file);
            rt.doom.line = ar.currentline;
            rt.doom.located = true;
            return;
        }
    }
}

void raise_doom(lua_State* L) {
    Runtime& rt = runtime_of(L);
    char text[1024];
    if (rt.doom.located)
        std::snprintf(text, sizeof text, "%s:%d: %s", rt.doom.file, rt.doom.line, rt.doom.message);
    else
        std::snprintf(text, sizeof text, "%s", rt.doom.message);
    lua_pushstring(L, text);
    lua_error(L);
    std::abort();  // lua_error never returns
}

void runtime_hook(lua_State* L, lua_Debug* ar) {
    Runtime& rt = runtime_of(L);
    if (rt.depth == 0) return;  // no Lua runs outside the wrapper; nothing to count
    const int count = lua_gethookcount(L);
    rt.used += count;
    const std::int64_t now = now_ns(rt);
    if (!rt.doom.active) {
        if (rt.used >= rt.limits.instructions)
            doom_with(rt, ErrorKind::timeout, budget_message);
        else if (now > rt.deadline_ns)
            doom_with(rt, ErrorKind::timeout, cpu_message);
    }
    if (rt.doom.active) {
        if (!rt.doom.located && lua_getinfo(L, "Sl", ar) != 0 && ar->currentline > 0) {
            copy_source_name(*ar, rt.doom.file, sizeof rt.doom.file);
            rt.doom.line = ar->currentline;
            rt.doom.located = true;
        }
        // Re-arm at every instruction of this thread: whatever pcall catches this, the
        // next instruction outside it raises again.
        if (count != 1) lua_sethook(L, runtime_hook, LUA_MASKCOUNT, 1);
        raise_doom(L);
    }
    // Expensive instructions (long-string compares, big varargs) are invisible to the
    // count: check the clock more often while they run.
    const bool slow = now - rt.last_hook_ns > kSlowGapNs;
    rt.last_hook_ns = now;
    const int want = slow ? kSlowHookCount : kHookCount;
    if (count != want) lua_sethook(L, runtime_hook, LUA_MASKCOUNT, want);
}

void begin_call(Runtime& rt) {
    if (rt.depth++ > 0) return;
    rt.used = 0;
    rt.next_clock_check = 0;
    rt.close_depth = 0;
    rt.doom = Doom{};
    rt.lenient = 0;
    const std::int64_t now = now_ns(rt);
    rt.last_hook_ns = now;
    rt.deadline_ns = rt.limits.cpu_ms > 0 ? now + rt.limits.cpu_ms * 1'000'000
                                           : std::numeric_limits<std::int64_t>::max();
    lua_sethook(rt.main, runtime_hook, LUA_MASKCOUNT, kHookCount);
}

void end_call(Runtime& rt) {
    if (--rt.depth > 0) return;
    rt.doom = Doom{};
    rt.lenient = 0;
    lua_sethook(rt.main, runtime_hook, LUA_MASKCOUNT, kHookCount);
}

bool overdue(Runtime& rt) {
    if (rt.depth == 0) return false;
    if (!rt.doom.active) {
        if (rt.used >= rt.limits.instructions)
            doom_with(rt, ErrorKind::timeout, budget_message);
        else if (now_ns(rt) > rt.deadline_ns)
            doom_with(rt, ErrorKind::timeout, cpu_message);
    }
    return rt.doom.active;
}

bool charge_host(Runtime& rt, std::int64_t units) {
    if (rt.depth == 0) return false;
    if (units > 0) {
        const std::int64_t room = std::numeric_limits<std::int64_t>::max() - rt.used;
        rt.used += units < room ? units : room;
    }
    if (rt.doom.active) return true;
    if (rt.used >= rt.limits.instructions) return overdue(rt);
    // The clock is read once per kHookCount units, as often as the hook reads it.
    if (rt.used < rt.next_clock_check) return false;
    rt.next_clock_check = rt.used + kHookCount;
    return overdue(rt);
}

void charge(lua_State* L, std::int64_t units) {
    Runtime& rt = runtime_of(L);
    if (rt.depth == 0) return;
    if (units > 0) {
        const std::int64_t room = std::numeric_limits<std::int64_t>::max() - rt.used;
        rt.used += units < room ? units : room;
    }
    // Every charge reads the clock: C work the hook cannot see (a long pattern step, a
    // host callback's SQL) is stopped by the deadline as well as by the budget.
    overdue(rt);
    if (rt.doom.active) {
        locate_doom(L, 1);
        raise_doom(L);
    }
}

void forbid(lua_State* L, const char* message) {
    Runtime& rt = runtime_of(L);
    set_doom(rt, ErrorKind::forbidden, message);
    locate_doom(L, 1);
    raise_doom(L);
}

}  // namespace dj::lua
