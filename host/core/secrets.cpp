// Passwords and tokens over libsodium.
#include "core/secrets.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace dj::secrets {

namespace {

// libsodium's "interactive" level (2 passes over 64 MiB, ~70 ms here): what it recommends
// for online logins, where a county server answers hundreds of people at 8 o'clock without
// a queue; a "moderate" 256 MiB per login would let a few dozen simultaneous logins exhaust
// the server's memory. It also keeps the tests (which create accounts by the hundred) fast.
// needs_rehash() lets a later version raise it: hashes are upgraded at the next login.
constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void ensure_init() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string hash_password(std::string_view password) {
    ensure_init();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), kOps, kMem) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out.data();
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_init();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    std::string h(hash);  // NUL-terminated for libsodium
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void verify_against_nothing(std::string_view password) {
    static const std::string dummy = hash_password("dangjian: no such account");
    (void)verify_password(dummy, password);
}

bool needs_rehash(std::string_view hash) {
    ensure_init();
    std::string h(hash);
    return crypto_pwhash_str_needs_rehash(h.c_str(), kOps, kMem) != 0;
}

std::string one_time_password() {
    ensure_init();
    static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    constexpr std::uint32_t n = sizeof(kAlphabet) - 1;
    std::string out;
    for (int group = 0; group < 4; ++group) {
        if (group) out += '-';
        for (int i = 0; i < 4; ++i) out += kAlphabet[randombytes_uniform(n)];
    }
    return out;
}

std::string new_token() {
    ensure_init();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    sodium_memzero(bytes.data(), bytes.size());
    return hex.data();
}

std::string token_digest(std::string_view token) {
    ensure_init();
    if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string_view::npos) return {};
    std::array<unsigned char, 32> bytes{};
    std::size_t len = 0;
    if (sodium_hex2bin(bytes.data(), bytes.size(), token.data(), token.size(), nullptr, &len, nullptr) != 0 ||
        len != bytes.size())
        return {};
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), bytes.data(), bytes.size(), nullptr, 0);
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

}  // namespace dj::secrets
