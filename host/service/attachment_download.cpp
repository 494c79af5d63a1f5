#include "service/attachment_download.hpp"

#include <sodium.h>

#include <cstdio>
#include <memory>
#include <system_error>

#include "core/errors.hpp"

namespace dj {

AttachmentInfo save_attachment(Service& service, const Actor& who, std::int64_t id, const std::filesystem::path& to) {
    auto info = service.attachment(who, id);
    // Written beside the target and renamed at the end: a broken download leaves no
    // half-file under the name the user chose.
    auto partial = to;
    partial += ".part";
    struct Closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, Closer> out(std::fopen(partial.c_str(), "wb"));
    if (!out) throw UserError("无法写入文件「" + to.string() + "」");
    auto fail = [&](const std::string& why) {
        out.reset();
        std::error_code ec;
        std::filesystem::remove(partial, ec);
        throw UserError(why);
    };
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    std::size_t got = 0;
    while (got < info.size) {
        std::string piece = service.attachment_chunk(who, id, static_cast<std::int64_t>(got));
        if (piece.empty()) break;
        crypto_hash_sha256_update(&sha, reinterpret_cast<const unsigned char*>(piece.data()), piece.size());
        if (std::fwrite(piece.data(), 1, piece.size(), out.get()) != piece.size())
            fail("写入文件「" + to.string() + "」失败（磁盘已满？）");
        got += piece.size();
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&sha, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    if (got != info.size || (!info.sha256.empty() && info.sha256 != hex))
        fail("附件「" + info.name + "」下载不完整，请重试");
    if (std::fflush(out.get()) != 0) fail("写入文件「" + to.string() + "」失败（磁盘已满？）");
    out.reset();
    std::error_code ec;
    std::filesystem::rename(partial, to, ec);
    if (ec) fail("无法写入文件「" + to.string() + "」");
    return info;
}

}  // namespace dj
