// A plugin folder as the loader sees it: plugin.lua (the manifest) and the files it lists,
// compiled and run in the sandbox under a small budget. Input: plugin.lua's text, then
// further files each introduced by a line "--@file <relative path>". A bad plugin must
// end as a refused or faulted outcome with a reason, never an exception or a crash.
#include <map>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "harness.hpp"
#include "lua/plugin.hpp"
#include "lua/plugin_manifest.hpp"

namespace {

std::map<std::string, std::string, std::less<>> split_files(std::string_view text) {
    static constexpr std::string_view kMarker = "\n--@file ";
    std::map<std::string, std::string, std::less<>> files;
    std::string name = "plugin.lua";
    for (;;) {
        std::size_t at = text.find(kMarker);
        files[name] = std::string(text.substr(0, at));
        if (at == std::string_view::npos) break;
        text.remove_prefix(at + kMarker.size());
        std::size_t eol = text.find('\n');
        name = std::string(text.substr(0, eol));
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    }
    return files;
}

}  // namespace

DJ_FUZZ_TARGET(plugin) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    dj::lua::Limits limits;
    limits.instructions = 2'000'000;  // a real plugin loads in far fewer; keeps runs fast
    limits.memory_bytes = 16u << 20;
    limits.source_bytes = 64u << 10;
    auto out = dj::lua::load_plugin(dj::lua::memory_source(split_files(text)), "fuzz", "(fuzz)", limits);
    if (out.status == dj::lua::PluginStatus::loaded) {
        DJ_FUZZ_ASSERT(out.plugin && out.reason.empty());
        for (const auto& reg : out.plugin->registrations()) {
            try {
                (void)out.plugin->describe(reg).dump();
            } catch (const dj::UserError&) {  // a registered table too large to convert
            }
        }
    } else {
        DJ_FUZZ_ASSERT(!out.plugin && !out.reason.empty());
    }
    for (const auto& p : out.problems) (void)p.text();
    return 0;
}
