#include "io/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>

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

// Where byte `at` is, as a person finds it in an editor: "第 L 行第 C 个字符". Columns count
// characters of the UTF-8 text before it on its line (bytes when that text is not UTF-8).
std::string where(std::string_view bytes, std::size_t at) {
    const std::string_view before = bytes.substr(0, at);
    const std::size_t line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    const std::size_t nl = before.rfind('\n');
    const std::string_view on_line = before.substr(nl == std::string_view::npos ? 0 : nl + 1);
    const std::size_t column = (first_invalid_utf8(on_line) == std::string_view::npos ? utf8_length(on_line)
                                                                                       : on_line.size()) + 1;
    return "第 " + std::to_string(line) + " 行第 " + std::to_string(column) + " 个字符处（第 " + std::to_string(at + 1) +
           " 字节）";
}

[[noreturn]] void not_utf8(std::string_view bytes, std::size_t at, const char* claim) {
    throw UserError(std::string("文件编码无法识别：文件") + claim + " UTF-8，但" + where(bytes, at) + "的「" +
                    hex_bytes(bytes, at) + "」不是有效的 UTF-8。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后重试");
}

// GB18030 → UTF-8 through glibc iconv; on failure returns nullopt and sets `bad` to the
// first byte iconv rejects.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes, std::size_t& bad) {
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
        bad = bytes.size() - in_left;
        iconv_close(cd);
        return std::nullopt;
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
        if (bad != std::string_view::npos) not_utf8(bytes, bad + kBom.size(), "标明为");
        if (detected) *detected = "UTF-8 BOM";
        return std::string(rest);
    }
    if (is_valid_utf8(bytes)) {
        if (detected) *detected = "UTF-8";
        return std::string(bytes);
    }
    const std::size_t utf8_bad = first_invalid_utf8(bytes);
    std::size_t gb_bad = 0;
    auto text = gb18030_to_utf8(bytes, gb_bad);
    if (text) {
        if (detected) *detected = "GB18030";
        return *text;
    }
    // Neither decodes. The encoding that reads further is what the file was meant to be:
    // a UTF-8 file with one bad byte on line 900 fails GB18030 at its first 汉字, and that
    // offset would send the user looking in the header.
    if (utf8_bad >= gb_bad) not_utf8(bytes, utf8_bad, "看起来是");
    throw UserError("文件编码无法识别：文件看起来是 GBK/GB18030，但" + where(bytes, gb_bad) + "的「" +
                    hex_bytes(bytes, gb_bad) + "」既不是 UTF-8 也不是 GBK/GB18030。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后重试");
}

}  // namespace dj
