#include "lua/source_provider.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

#include "core/errors.hpp"

namespace dj::lua {

namespace fs = std::filesystem;

bool is_safe_relpath(std::string_view p) {
    if (p.empty() || p.size() > 512 || p.front() == '/') return false;
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t end = p.find('/', start);
        if (end == std::string_view::npos) end = p.size();
        const std::string_view seg = p.substr(start, end - start);
        if (seg.empty() || seg == "." || seg == "..") return false;
        for (char c : seg)
            if (c == '\\' || c == ':' || c == '\0') return false;
        start = end + 1;
    }
    return true;
}

SourceProvider folder_source(fs::path root, std::size_t max_bytes) {
    std::error_code ec;
    fs::path base = fs::weakly_canonical(root, ec);
    if (ec) base = root;
    return [base, max_bytes](std::string_view relpath) -> std::optional<std::string> {
        if (!is_safe_relpath(relpath)) return std::nullopt;
        std::error_code ec2;
        const fs::path full = fs::weakly_canonical(base / fs::path(std::string(relpath)), ec2);
        if (ec2) return std::nullopt;
        // A symlink inside the plugin folder must not lead out of it.
        const auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
        if (b != base.end()) return std::nullopt;
        if (!fs::is_regular_file(full, ec2)) return std::nullopt;
        const auto size = fs::file_size(full, ec2);
        if (ec2) return std::nullopt;
        if (size > max_bytes)
            throw dj::UserError("文件 " + std::string(relpath) + " 过大（超过 " +
                                std::to_string(max_bytes / 1024) + " KB）");
        std::ifstream in(full, std::ios::binary);
        if (!in) throw dj::UserError("无法读取文件 " + std::string(relpath));
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
}

SourceProvider memory_source(std::map<std::string, std::string, std::less<>> files) {
    auto shared = std::make_shared<const std::map<std::string, std::string, std::less<>>>(
        std::move(files));
    return [shared](std::string_view relpath) -> std::optional<std::string> {
        if (!is_safe_relpath(relpath)) return std::nullopt;
        const auto it = shared->find(relpath);
        if (it == shared->end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace dj::lua
