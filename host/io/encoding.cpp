#include "io/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdio>

#include "core/errors.hpp"

namespace dj {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Offset of the first byte that breaks strict UTF-8 (no overlongs, no surrogates, nothing
// above U+10FFFF), or npos when all of it is valid.
std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;  // overlong
            if (c == 0xED) hi = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;  // overlong
            if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned char b = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

std::string hex_bytes(std::string_view s, std::size_t at) {
    std::string out;
    for (std::size_t k = at; k < s.size() && k < at + 4; ++k) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%s%02X", out.empty() ? "" : " ", static_cast<unsigned char>(s[k]));
        out += buf;
    }
    return out;
}

[[noreturn]] void undecodable(std::string_view bytes, std::size_t at) {
    throw UserError("文件编码无法识别：第 " + std::to_string(at + 1) + " 字节起的「" + hex_bytes(bytes, at) +
                    "」既不是 UTF-8 也不是 GBK/GB18030。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后重试");
}

// GB18030 → UTF-8 through glibc iconv; throws naming the first byte iconv rejects.
std::string gb18030_to_utf8(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv 不支持 GB18030");
    std::string out(bytes.size() * 2 + 16, '\0');  // 2 GBK bytes become 3 UTF-8 bytes at most
    char* in = const_cast<char*>(bytes.data());  // iconv's signature is not const-correct
    std::size_t in_left = bytes.size();
    std::size_t used = 0;
    for (;;) {
        char* dst = out.data() + used;
        std::size_t out_left = out.size() - used;
        const std::size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
        used = out.size() - out_left;
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        // EILSEQ (not GB18030) or EINVAL (a sequence cut off at the end).
        const std::size_t at = bytes.size() - in_left;
        iconv_close(cd);
        undecodable(bytes, at);
    }
    iconv_close(cd);
    out.resize(used);
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) { return first_invalid_utf8(bytes) == std::string_view::npos; }

std::string decode_office_text(std::string_view bytes, std::string* detected) {
    // Excel's "Unicode 文本" is UTF-16; iconv would reject it with a confusing byte offset.
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
        throw UserError("文件编码无法识别：文件是 UTF-16（Excel「Unicode 文本」）。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后重试");
    if (bytes.starts_with(kBom)) {
        // The BOM is the file's own claim to be UTF-8; trying GBK on it would only make mojibake.
        const std::string_view rest = bytes.substr(kBom.size());
        const std::size_t bad = first_invalid_utf8(rest);
        if (bad != std::string_view::npos)
            throw UserError("文件编码无法识别：文件标明为 UTF-8，但第 " + std::to_string(bad + kBom.size() + 1) +
                            " 字节起的「" + hex_bytes(bytes, bad + kBom.size()) + "」不是有效的 UTF-8");
        if (detected) *detected = "UTF-8 BOM";
        return std::string(rest);
    }
    if (is_valid_utf8(bytes)) {
        if (detected) *detected = "UTF-8";
        return std::string(bytes);
    }
    std::string text = gb18030_to_utf8(bytes);
    if (detected) *detected = "GB18030";
    return text;
}

}  // namespace dj
