#pragma once
// The lint behind `dangjian plugins check DIR`: every problem of one plugin folder,
// each with file:line, without stopping at the first.
#include <filesystem>
#include <vector>

#include "lua/limits.hpp"
#include "lua/plugin_manifest.hpp"

namespace dj::lua {

// Syntax of every .lua file in the folder, the manifest field by field, files the
// manifest lists but the folder lacks, and — when all that is clean — a real load that
// reports the first runtime error and every duplicate id. Empty when the plugin is
// clean; warnings have Problem::warning set. Sorted by file, then line.
std::vector<Problem> check_plugin_dir(const std::filesystem::path& dir, const Limits& limits = {});

}  // namespace dj::lua
