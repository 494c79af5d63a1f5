#include "io/file_read.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errors.hpp"

namespace dj::io {

std::string size_label(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KB";
    return std::to_string(bytes) + " 字节";
}

std::string read_regular_file(const std::filesystem::path& path, std::size_t max_bytes) {
    const std::string shown = "「" + path.string() + "」";
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the
    // descriptor we read, so the file cannot be swapped between the check and the read.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw UserError("无法读取文件" + shown + "：文件不存在或没有读取权限");
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw UserError("无法读取文件" + shown);
    if (S_ISDIR(st.st_mode)) throw UserError(shown + "是文件夹，不是文件");
    if (!S_ISREG(st.st_mode)) throw UserError(shown + "不是普通文件（设备、管道等不能读取）");
    if (static_cast<std::uintmax_t>(st.st_size) > max_bytes)
        throw UserError("文件" + shown + "过大（" + size_label(static_cast<std::size_t>(st.st_size)) + "），最多 " +
                        size_label(max_bytes));
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(st.st_size));
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw UserError("读取文件" + shown + "失败");
        }
        if (n == 0) break;
        bytes.append(buf, static_cast<std::size_t>(n));
        // A file still growing while we read stops at the limit, not at the disk's end.
        if (bytes.size() > max_bytes) throw UserError("文件" + shown + "过大，最多 " + size_label(max_bytes));
    }
    return bytes;
}

}  // namespace dj::io
