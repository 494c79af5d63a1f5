#include "lua/source_provider.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
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

namespace {

// The plugin folder, held open: files are opened relative to this handle.
struct DirHandle {
    int fd = -1;
    ~DirHandle() {
        if (fd >= 0) ::close(fd);
    }
};

// Opens `relpath` beneath `dirfd` in one step, following no symlink on any component
// (and never "..": is_safe_relpath refused it already). Checking a path and opening it
// later would let a swapped-in symlink lead out of the folder between the two.
int open_beneath(int dirfd, const std::string& relpath) {
#ifdef SYS_openat2
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const long fd = ::syscall(SYS_openat2, dirfd, relpath.c_str(), &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return static_cast<int>(fd);
#endif
    // Kernels before 5.6 (or a seccomp filter without openat2): walk the components,
    // each opened with O_NOFOLLOW relative to the previous one.
    int at = ::dup(dirfd);
    if (at < 0) return -1;
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = relpath.find('/', start);
        const bool last = slash == std::string::npos;
        const std::string part = relpath.substr(start, last ? std::string::npos : slash - start);
        const int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? 0 : O_DIRECTORY);
        const int next = ::openat(at, part.c_str(), flags);
        const int saved = errno;
        ::close(at);
        errno = saved;
        if (next < 0 || last) return next;
        at = next;
        start = slash + 1;
    }
}

}  // namespace

SourceProvider folder_source(fs::path root, std::size_t max_bytes) {
    auto dir = std::make_shared<DirHandle>();
    dir->fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return [dir, max_bytes](std::string_view relpath) -> std::optional<std::string> {
        if (dir->fd < 0 || !is_safe_relpath(relpath)) return std::nullopt;
        const std::string rel(relpath);
        const int fd = open_beneath(dir->fd, rel);
        if (fd < 0) {
            if (errno == ELOOP || errno == EXDEV)  // a symlink, or a way out of the folder
                throw dj::UserError("文件 " + rel + " 是符号链接或指向插件目录之外，拒绝读取");
            return std::nullopt;
        }
        DirHandle file;  // closes fd on every path
        file.fd = fd;
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
        if (static_cast<std::size_t>(st.st_size) > max_bytes)
            throw dj::UserError("文件 " + rel + " 过大（超过 " + std::to_string(max_bytes / 1024) + " KB）");
        std::string text(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < text.size()) {
            const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        if (got != text.size()) throw dj::UserError("无法读取文件 " + rel);
        return text;
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
