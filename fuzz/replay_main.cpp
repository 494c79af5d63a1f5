// fuzz_replay NAME DIR: runs every file of DIR (a harness's corpus) through harness NAME,
// as the normal (g++) build's regression test for what the fuzzers found. An escaping
// exception fails the run and names the file; a crash does so by itself.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"

namespace dj::fuzz {

namespace {
std::map<std::string, Entry>& registry() {
    static std::map<std::string, Entry> r;
    return r;
}
}  // namespace

Registrar::Registrar(const char* name, Entry entry) { registry()[name] = entry; }

}  // namespace dj::fuzz

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (argc != 3) {
        std::fprintf(stderr, "usage: fuzz_replay NAME CORPUS_DIR\n");
        return 2;
    }
    auto it = dj::fuzz::registry().find(argv[1]);
    if (it == dj::fuzz::registry().end()) {
        std::fprintf(stderr, "fuzz_replay: no harness named %s\n", argv[1]);
        return 2;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(argv[2]))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "fuzz_replay: %s has no corpus files\n", argv[2]);
        return 1;  // an empty corpus would pass having tested nothing
    }
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        try {
            it->second(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "fuzz_replay %s: %s: uncaught %s\n", argv[1], f.c_str(), e.what());
            return 1;
        }
    }
    std::printf("fuzz_replay %s: %zu files replayed\n", argv[1], files.size());
    return 0;
}
