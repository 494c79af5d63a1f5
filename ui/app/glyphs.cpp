#include "glyphs.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "core/errors.hpp"

namespace dj::ui {

unsigned next_codepoint(const char*& p, const char* end) {
    auto c = static_cast<unsigned char>(*p++);
    if (c < 0x80) return c;
    int extra = (c >= 0xF0 && c < 0xF8) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : -1;
    if (extra < 0 || end - p < extra) return 0xFFFD;
    unsigned cp = c & (0x3F >> extra);
    for (int i = 0; i < extra; ++i) {
        auto b = static_cast<unsigned char>(*p);
        if ((b & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (b & 0x3F);
        ++p;
    }
    return cp;
}

void GlyphAtlas::load_font(const std::string& path) {
    set_font_bytes(read_font_file(path), path);
}

std::vector<unsigned char> GlyphAtlas::read_font_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    auto size = static_cast<std::size_t>(in.tellg());
    std::vector<unsigned char> bytes(size);
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (!in) return {};
    return bytes;
}

void GlyphAtlas::set_font_bytes(std::vector<unsigned char> bytes, const std::string& path) {
    if (bytes.size() < 1024)
        throw UserError("找不到或无法读取中文字体文件「" + path + "」（请安装 fonts-wqy-microhei）");
    font_bytes_ = std::move(bytes);
    dirty_ = true;
}

void GlyphAtlas::add_codepoint(unsigned cp) {
    if (cp < 0x20 || cp > 0xFFFF) return;  // ImWchar is 16-bit in Debian's build
    if (known_[cp]) return;
    known_[cp] = true;
    pending_.push_back(cp);
    all_.push_back(cp);
    ++registered_;
    dirty_ = true;
}

void GlyphAtlas::add(std::string_view utf8) {
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII is always in the atlas
            ++p;
            continue;
        }
        add_codepoint(next_codepoint(p, end));
    }
}

void GlyphAtlas::set_base_size(float px) {
    if (px == base_px_) return;
    base_px_ = px;
    dirty_ = true;
}

void GlyphAtlas::set_content_scale(float scale) {
    if (scale <= 0 || scale == scale_) return;
    scale_ = scale;
    dirty_ = true;
}

void GlyphAtlas::rebuild() {
    auto t0 = std::chrono::steady_clock::now();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();

    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
    builder.AddChar(0x2026);                                // … for clipped text
    builder.AddChar(0xFFFD);
    for (unsigned cp : all_) builder.AddChar(static_cast<ImWchar>(cp));
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // we keep the bytes for the next rebuild
    cfg.OversampleH = 1;               // CJK glyphs are dense; 1x keeps the atlas small
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    ImFont* font = nullptr;
    if (!font_bytes_.empty())
        font = io.Fonts->AddFontFromMemoryTTF(font_bytes_.data(), static_cast<int>(font_bytes_.size()), pixel_size(),
                                              &cfg, ranges_.Data);
    if (font == nullptr) io.Fonts->AddFontDefault();
    io.Fonts->Build();

    in_atlas_ = 0;
    if (font != nullptr) {
        for (unsigned cp : all_) {
            if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr) {
                ++in_atlas_;
            } else if (!reported_unsupported_[cp]) {
                reported_unsupported_[cp] = true;
                unsupported_.push_back(cp);
            }
        }
    }
    pending_.clear();
    dirty_ = false;
    ++builds_;
    last_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    total_build_ms_ += last_build_ms_;
}

void GlyphAtlas::check(std::string_view utf8) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.Fonts->Fonts.empty()) return;
    const ImFont* font = io.Fonts->Fonts[0];
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        unsigned cp = next_codepoint(p, end);
        if (cp > 0xFFFF || font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr) {
            ++missing_;
            // DJ_DEBUG_GLYPHS=1: which text drew a glyph the atlas lacked (to find the view
            // that does not register its strings before drawing them).
            static const bool debug = std::getenv("DJ_DEBUG_GLYPHS") != nullptr;
            if (debug) std::fprintf(stderr, "missing glyph U+%04X in \"%.*s\"\n", cp, static_cast<int>(utf8.size()), utf8.data());
            add_codepoint(cp);
        }
    }
}

}  // namespace dj::ui
