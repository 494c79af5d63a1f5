#pragma once
// What one plugin may spend. The budget is deterministic (same plugin, same data, same
// verdict on every machine); the processor time of the calling thread is only a safety
// net for the few Lua operations whose cost the count hook cannot see (e.g. comparing two
// long strings). Processor time, not wall time: on a busy machine a call gets fewer
// seconds of processor per second, and a limit on wall time would stop a plugin there
// that passes on an idle one (seen under load: memory bombs reported as timeouts).
#include <cstddef>
#include <cstdint>

namespace dj::lua {

struct Limits {
    // Lua VM instructions per host→Lua call, across all coroutines of the sandbox.
    // C work is charged too: pattern matching steps, table moves, allocated bytes / 32.
    std::int64_t instructions = 20'000'000;
    // Total heap of the sandbox (its globals, modules, registered tables and garbage).
    std::size_t memory_bytes = 64u * 1024u * 1024u;
    // Milliseconds of the calling thread's processor time per call, the host's work for
    // the call included (host functions, queries, conversions); 0 turns the net off.
    std::int64_t cpu_ms = 10'000;
    // Size of one source file (plugin file, module, unit script). Besides memory, this
    // bounds the parser, whose work the count hook cannot see.
    std::size_t source_bytes = 1u << 20;
    // `goto` statements and labels per source file: the parser matches them against
    // each other, so their number bounds its quadratic part.
    int gotos = 1000;

    // The query API (q:count, q:sum, q:members … in indicators and reminders) runs real
    // SQL on the plugin's behalf; its work is charged to `instructions` as it is done.
    // SQLite virtual-machine operations one q: call may run before it is stopped as too
    // large, whatever budget the call has left.
    std::int64_t query_ops = 400'000'000;
    // SQLite operations between two checks of a running statement (how often its work is
    // charged and the limits are looked at).
    int query_check_ops = 1000;
    // One budget unit is charged per this many SQLite operations.
    std::int64_t query_ops_per_unit = 8;
    // Budget units per SQL statement a q: call actually runs (preparing and stepping a
    // statement costs far more than its operations show), and per call answered from
    // the memo (the lookup and the conversions).
    std::int64_t query_statement_units = 20'000;
    std::int64_t query_call_units = 16;
    // Members one q:members answer lists per node (the count methods are not capped).
    std::size_t query_member_rows = 2000;

    // Where the clock is read (nanoseconds); null reads CLOCK_THREAD_CPUTIME_ID.
    // Only tests set it, so that the limit can be shown exactly.
    std::int64_t (*clock_ns)() = nullptr;
};

}  // namespace dj::lua
