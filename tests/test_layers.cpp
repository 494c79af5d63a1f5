// Includes point downward only: a module may include its own headers and those of layers
// below it, never above. The layers, lowest first (plugins sits above indicators and
// assessment: the plugin host binds Lua registrations to their definitions).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::map<std::string, int>& ranks() {
    static const std::map<std::string, int> r = {
        {"core", 0},        {"model", 1},      {"db", 2},       {"io", 3},    {"export", 4},
        {"lua", 5},         {"forms", 6},      {"indicators", 7}, {"assessment", 8}, {"plugins", 9},
        {"store", 10},      {"service", 11},   {"api", 12},     {"server", 13}, {"remote", 13},
        {"cli", 14},        {"demo", 14},      {"ui", 15}};
    return r;
}

// The layer of a source file: its folder under host/, or ui.
std::string layer_of(const fs::path& relative) {
    auto first = relative.begin()->string();
    if (first == "ui") return "ui";
    return std::next(relative.begin())->string();
}

}  // namespace

TEST_CASE("no module includes a header of a layer above it", "[layers]") {
    const fs::path root(DJ_SOURCE_DIR);
    const std::regex include_re(R"re(^\s*#\s*include\s*"([^"]+)")re");
    std::vector<std::string> upward;
    std::size_t files = 0;
    for (const char* top : {"host", "ui"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
            const auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
            ++files;
            const auto rel = fs::relative(entry.path(), root);
            const auto layer = layer_of(rel);
            REQUIRE(ranks().count(layer));
            std::ifstream in(entry.path());
            std::string line;
            while (std::getline(in, line)) {
                std::smatch m;
                if (!std::regex_search(line, m, include_re)) continue;
                const std::string inc = m[1];
                if (inc.find("../") != std::string::npos) {
                    upward.push_back(rel.string() + " → " + inc);
                    continue;
                }
                const auto slash = inc.find('/');
                if (slash == std::string::npos) continue;  // a header beside it
                auto it = ranks().find(inc.substr(0, slash));
                if (it != ranks().end() && it->second > ranks().at(layer)) upward.push_back(rel.string() + " → " + inc);
            }
        }
    }
    CHECK(files > 100);
    INFO("upward includes: " << upward.size());
    for (const auto& u : upward) UNSCOPED_INFO(u);
    CHECK(upward.empty());
}
