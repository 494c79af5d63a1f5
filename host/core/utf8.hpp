#pragma once
// Counting characters in UTF-8 text: length limits are measured in 字, not bytes. Here, at
// the bottom, because the model's own checks need it and must not reach up into io/.
#include <cstddef>
#include <string_view>

namespace dj {

// Number of Unicode code points (continuation bytes are not counted).
inline std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace dj
