// Every attack script in tests/hostile/ must be stopped with the PluginError kind its
// first line announces ("-- expect: timeout"), naming the plugin; afterwards the same
// sandbox runs a normal call and a second, independent sandbox works.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hostile_support.hpp"
#include "lua/lua_json.hpp"
#include "lua/sandbox.hpp"

namespace fs = std::filesystem;
using dj::lua::Limits;
using dj::lua::PluginError;
using dj::lua::Sandbox;

namespace {

const fs::path kHostileDir = fs::path(DJ_TESTS_DIR) / "hostile";

using dj::test::hostile_limits;

// Text a user reads: valid UTF-8, no control character that a terminal would act on.
bool printable(const std::string& s) {
    return dj::lua::is_valid_utf8(s) &&
           std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool has_chinese(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0xE4 && u <= 0xE9;  // lead bytes of the CJK unified ideographs
    });
}

std::vector<std::string> scripts() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(kHostileDir))
        if (e.path().extension() == ".lua") out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string expected_kind(const std::string& name) {
    std::ifstream in(kHostileDir / name);
    std::string first;
    std::getline(in, first);
    const std::string tag = "-- expect: ";
    return first.rfind(tag, 0) == 0 ? first.substr(tag.size()) : "";
}

}  // namespace

TEST_CASE("hostile scripts are contained", "[lua][hostile]") {
    const std::vector<std::string> names = scripts();
    REQUIRE(names.size() >= 40);
    for (const std::string& name : names) {
        DYNAMIC_SECTION(name) {
            const std::string expected = expected_kind(name);
            REQUIRE((expected == "error" || expected == "timeout" || expected == "memory" ||
                     expected == "forbidden"));
            dj::test::reset_peak_rss();
            const long before_kb = dj::test::current_rss_kb();
            Sandbox sb("hostile", dj::lua::folder_source(kHostileDir), hostile_limits());
            bool stopped = false;
            try {
                sb.run_file(name);
            } catch (const PluginError& e) {
                stopped = true;
                INFO(e.what());
                CHECK(dj::lua::kind_name(e.kind()) == expected);
                CHECK(e.plugin_id() == "hostile");
                CHECK(e.file() == name);
                CHECK(std::string(e.what()).rfind("插件 hostile：" + name, 0) == 0);
                CHECK(printable(e.what()));
                if (expected != "error") CHECK(has_chinese(e.message()));
            }
            CHECK(stopped);
            for (const std::string& line : sb.log()) CHECK(printable(line));
            // Resident memory: the plugin's cap plus 32 MB for the host, whatever it tried.
            CHECK(dj::test::peak_rss_since_reset() <
                  before_kb + static_cast<long>(hostile_limits().memory_bytes / 1024) + 32 * 1024);
            // The same sandbox carries on, its garbage collected.
            CHECK(sb.eval("local t = {} for i = 1, 100 do t[i] = i end return #t") == 100);
            CHECK(sb.memory_used() < hostile_limits().memory_bytes / 2);
            // And another plugin's sandbox was never affected.
            Sandbox other("other", dj::lua::memory_source({}), hostile_limits());
            CHECK(other.eval("return ('ok'):upper()") == "OK");
        }
    }
}

TEST_CASE("refused os calls had no effect on the machine", "[lua][hostile]") {
    const fs::path target = fs::temp_directory_path() / "dj_hostile_target";
    const fs::path pwned = fs::temp_directory_path() / "dj_hostile_pwned";
    fs::remove(pwned);
    { std::ofstream(target) << "keep me"; }
    Sandbox sb("hostile", dj::lua::folder_source(kHostileDir), hostile_limits());
    CHECK_THROWS_AS(sb.run_file("os_remove.lua"), PluginError);
    CHECK_THROWS_AS(sb.run_file("os_execute.lua"), PluginError);
    CHECK(fs::exists(target));
    CHECK_FALSE(fs::exists(pwned));
    fs::remove(target);
}
