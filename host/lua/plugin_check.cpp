#include "lua/plugin_check.hpp"

#include <algorithm>
#include <system_error>

#include "lua/host_library.hpp"
#include "lua/plugin.hpp"
#include "lua/plugin_error.hpp"
#include "lua/sandbox.hpp"

namespace dj::lua {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lua_files(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".lua")
            out.push_back(fs::relative(it->path(), dir, ec).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool has_errors(const std::vector<Problem>& problems) {
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem& p) { return !p.warning; });
}

}  // namespace

std::vector<Problem> check_plugin_dir(const fs::path& dir, const Limits& limits) {
    std::vector<Problem> problems;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        problems.push_back({"", 0, "目录不存在：" + dir.string(), false});
        return problems;
    }
    const SourceProvider source = folder_source(dir);
    bool manifest_compiles = false;
    {
        // Compile every file without running it: all syntax errors at once.
        Sandbox scratch(dir.filename().string(), source, limits);
        for (const std::string& file : lua_files(dir)) {
            if (is_host_library_path(file)) {
                problems.push_back({file, 0,
                                    "dj/ 是宿主共享库的保留目录：require(\"dj.…\") 总是加载宿主的库，本插件的这个文件不会被使用",
                                    true});
                continue;
            }
            try {
                scratch.load_file(file);
                lua_pop(scratch.lua(), 1);
                if (file == "plugin.lua") manifest_compiles = true;
            } catch (const PluginError& e) {
                problems.push_back({e.file().empty() ? file : e.file(), e.line(), e.message(), false});
            }
        }
    }
    if (!fs::is_regular_file(dir / "plugin.lua", ec)) {
        problems.push_back({"plugin.lua", 0, "缺少 plugin.lua", false});
        return problems;
    }
    if (!manifest_compiles) return problems;

    LoadOutcome outcome = Plugin::open(source, dir.filename().string(), dir.string(), limits);
    problems.insert(problems.end(), outcome.problems.begin(), outcome.problems.end());
    {
        const std::string manifest_text = source("plugin.lua").value_or("");
        int missing = 0;  // bounded: each lookup scans plugin.lua
        for (const auto& [list, files] : outcome.manifest.files)
            for (const std::string& file : files)
                if (!source(file) && ++missing <= 100)
                    problems.push_back({"plugin.lua", line_of(manifest_text, file, true),
                                        list + " 列出的文件 " + file + " 不存在", false});
    }
    if (outcome.plugin && !has_errors(problems)) {
        try {
            outcome.plugin->load_files(/*lint=*/true);
        } catch (const PluginError& e) {
            problems.push_back({e.file(), e.line(), e.message(), false});
        }
        const auto& failed = outcome.plugin->file_problems();
        problems.insert(problems.end(), failed.begin(), failed.end());
        const auto& dup = outcome.plugin->registration_problems();
        problems.insert(problems.end(), dup.begin(), dup.end());
    }
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    return problems;
}

}  // namespace dj::lua
