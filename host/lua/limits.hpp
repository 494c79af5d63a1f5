#pragma once
// What one plugin may spend. The budget is deterministic (same plugin, same data, same
// verdict on every machine); the wall clock is only a safety net for the few Lua
// operations whose cost the count hook cannot see (e.g. comparing two long strings).
#include <cstddef>
#include <cstdint>

namespace dj::lua {

struct Limits {
    // Lua VM instructions per host→Lua call, across all coroutines of the sandbox.
    // C work is charged too: pattern matching steps, table moves, allocated bytes / 32.
    std::int64_t instructions = 20'000'000;
    // Total heap of the sandbox (its globals, modules, registered tables and garbage).
    std::size_t memory_bytes = 64u * 1024u * 1024u;
    // Wall-clock milliseconds per call, the host's work for the call included (host
    // functions, queries, conversions); 0 turns the safety net off.
    std::int64_t wall_ms = 10'000;
    // Size of one source file (plugin file, module, unit script). Besides memory, this
    // bounds the parser, whose work the count hook cannot see.
    std::size_t source_bytes = 1u << 20;
    // `goto` statements and labels per source file: the parser matches them against
    // each other, so their number bounds its quadratic part.
    int gotos = 1000;
};

}  // namespace dj::lua
