#pragma once
// One fuzz harness source serves two builds:
//   scripts/fuzz (clang, -DDJ_LIBFUZZER): the harness is libFuzzer's LLVMFuzzerTestOneInput;
//   the normal build (g++): it registers itself with fuzz_replay, which feeds it every file
//   of its corpus, so scripts/test replays what the fuzzers found without clang.
// A harness returns 0; it lets an unexpected exception escape, which is the finding: user
// input (and plugin output) may only ever produce dj::UserError.
#include <cstddef>
#include <cstdint>

namespace dj::fuzz {

using Entry = int (*)(const std::uint8_t* data, std::size_t size);

// Defined by replay_main.cpp.
struct Registrar {
    Registrar(const char* name, Entry entry);
};

}  // namespace dj::fuzz

#ifdef DJ_LIBFUZZER
#define DJ_FUZZ_TARGET(name) \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#else
#define DJ_FUZZ_TARGET(name)                                                             \
    static int dj_fuzz_##name(const std::uint8_t* data, std::size_t size);              \
    static const ::dj::fuzz::Registrar dj_fuzz_registrar_##name(#name, dj_fuzz_##name); \
    static int dj_fuzz_##name(const std::uint8_t* data, std::size_t size)
#endif

#include <stdexcept>

// A broken property is a finding like a crash: thrown, it escapes the harness.
#define DJ_FUZZ_ASSERT(cond) \
    do {                     \
        if (!(cond)) throw std::logic_error("fuzz property failed: " #cond); \
    } while (0)
