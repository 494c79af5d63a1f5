#include "db/audit_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/errors.hpp"

namespace dj::db {

namespace fs = std::filesystem;

namespace {

std::mutex g_mutex;
std::optional<fs::path> g_override;
std::map<fs::path, std::unique_ptr<AuditKey>> g_cache;  // by path: a key never changes under a running program

std::string to_hex(const unsigned char* data, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, n);
    hex.pop_back();
    return hex;
}

std::string fingerprint(const std::string& bytes) {
    static const char kDomain[] = "dangjian audit key id";
    unsigned char out[8];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(kDomain), sizeof kDomain - 1,
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(out, sizeof out);
}

// nullopt: no file. Throws for a file that is not a key.
std::optional<AuditKey> read_key(const fs::path& path) {
    std::ifstream in(path);
    if (!in) {
        std::error_code ec;
        if (!fs::exists(path, ec)) return std::nullopt;
        throw UserError("无法读取审计密钥文件「" + path.string() + "」，请检查其权限");
    }
    std::string hex;
    in >> hex;
    unsigned char bin[crypto_auth_hmacsha256_KEYBYTES];
    std::size_t len = 0;
    if (hex.size() != 2 * sizeof bin ||
        sodium_hex2bin(bin, sizeof bin, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 || len != sizeof bin)
        throw UserError("审计密钥文件「" + path.string() + "」已损坏（应为 64 位十六进制数字）。请用保存的副本恢复它；"
                        "没有副本时不要删除它，另行指定新文件（DANGJIAN_AUDIT_KEY）并说明密钥更换");
    AuditKey key;
    key.bytes.assign(reinterpret_cast<const char*>(bin), sizeof bin);
    key.id = fingerprint(key.bytes);
    key.path = path;
    return key;
}

// Writes a new key to a private temporary file, then links it into place, so two
// programs creating the key at once both end up with the same one (the second link
// fails and that program reads the first one's key).
void create_key(const fs::path& path) {
    std::error_code ec;
    // Only a folder made here for the key is made private: a key named in an existing folder
    // (DANGJIAN_AUDIT_KEY=/tmp/x.key) must not take that folder's permissions from everyone else.
    if (fs::create_directories(path.parent_path(), ec)) ::chmod(path.parent_path().c_str(), 0700);
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    unsigned char bin[crypto_auth_hmacsha256_KEYBYTES];
    randombytes_buf(bin, sizeof bin);
    std::string text = to_hex(bin, sizeof bin) + "\n";
    std::string tmp = path.string() + ".new." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw UserError("无法创建审计密钥文件「" + path.string() + "」，请检查该文件夹的权限或指定 DANGJIAN_AUDIT_KEY");
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (ok && ::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST) ok = false;
    ::unlink(tmp.c_str());
    if (!ok) throw UserError("无法写入审计密钥文件「" + path.string() + "」，请检查磁盘空间和权限");
}

}  // namespace

void set_audit_key_path(std::optional<fs::path> path) {
    std::lock_guard lock(g_mutex);
    g_override = std::move(path);
}

fs::path audit_key_path() {
    {
        std::lock_guard lock(g_mutex);
        if (g_override) return *g_override;
    }
    if (const char* env = std::getenv("DANGJIAN_AUDIT_KEY"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "dangjian" / "audit.key";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "dangjian" / "audit.key";
    return fs::path("dangjian-audit.key");
}

const AuditKey& audit_key_for_writing() {
    fs::path path = audit_key_path();
    std::lock_guard lock(g_mutex);
    if (auto it = g_cache.find(path); it != g_cache.end()) return *it->second;
    auto key = read_key(path);
    if (!key) {
        create_key(path);
        key = read_key(path);
        if (!key) throw UserError("无法创建审计密钥文件「" + path.string() + "」");
    }
    return *(g_cache[path] = std::make_unique<AuditKey>(std::move(*key)));
}

std::optional<AuditKey> audit_key_for_reading(const std::optional<fs::path>& path) {
    return read_key(path ? *path : audit_key_path());
}

std::string audit_mac(const AuditKey& key, std::string_view data) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.bytes.data()), key.bytes.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    crypto_auth_hmacsha256_final(&st, mac);
    return to_hex(mac, sizeof mac);
}

}  // namespace dj::db
