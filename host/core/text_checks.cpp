#include "core/text_checks.hpp"

#include <cstdint>

#include "core/errors.hpp"
#include "core/utf8.hpp"

namespace dj {

namespace {

// Decodes one UTF-8 character at `i`; returns its length (0 when invalid).
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not text.
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

bool is_control(std::uint32_t cp, bool multiline) {
    if (cp == '\t') return false;
    if (multiline && (cp == '\n' || cp == '\r')) return false;
    if (cp < 0x20 || cp == 0x7F) return true;
    if (cp >= 0x80 && cp <= 0x9F) return true;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return true;
    return false;
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t i = 0, chars = 0;
    while (i < text.size()) {
        if (chars == max_chars) return out + "…";
        std::uint32_t cp = 0;
        std::size_t n = decode(text, i, cp);
        if (n == 0 || is_control(cp, false)) {
            out += '?';
            i += n == 0 ? 1 : n;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
        ++chars;
    }
    return out;
}

std::optional<std::string> text_characters_problem(std::string_view text, bool multiline) {
    std::size_t i = 0, chars = 0;
    while (i < text.size()) {
        std::uint32_t cp = 0;
        std::size_t n = decode(text, i, cp);
        ++chars;
        if (n == 0) return "含有无效字符（不是 UTF-8 文本，第 " + std::to_string(chars) + " 个字）";
        if (is_control(cp, multiline))
            return std::string(cp == '\n' || cp == '\r' ? "不能换行" : "含有控制字符") + "（第 " + std::to_string(chars) +
                   " 个字），请删去后再试";
        i += n;
    }
    return std::nullopt;
}

void require_plain_text(std::string_view text, std::string_view what, std::size_t max_chars, bool multiline) {
    if (utf8_length(text) > max_chars)
        throw UserError(std::string(what) + "过长（最多 " + std::to_string(max_chars) + " 个字）");
    if (auto why = text_characters_problem(text, multiline)) throw UserError(std::string(what) + *why);
}

}  // namespace dj
