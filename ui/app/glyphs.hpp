#pragma once
// The font atlas, built from the characters the interface actually shows.
//
// WenQuanYi Micro Hei has ~20,000 CJK glyphs; rasterising all of them costs seconds and a
// huge texture. Instead the atlas holds ASCII/Latin-1 plus every code point registered so
// far: all ZH("…") literals (before the first frame) and the data the service returns
// (registered as it arrives, between frames). When new code points appear the atlas is
// rebuilt between frames, before ImGui::NewFrame.
//
// Every string drawn through the text helpers (widgets.hpp) is checked against the current
// font: a code point the font lacks counts as a missing glyph (it would show as '?') and is
// registered, so the next frame has it. Tests read the counter: zero means no tofu, ever.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace dj::ui {

class GlyphAtlas {
public:
    static constexpr const char* kDefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    // Reads the font file once (kept in memory for rebuilds). Throws UserError if missing.
    void load_font(const std::string& path = kDefaultFontPath);
    // The same in two steps, so the file can be read on another thread while the window opens.
    static std::vector<unsigned char> read_font_file(const std::string& path = kDefaultFontPath);
    void set_font_bytes(std::vector<unsigned char> bytes, const std::string& path = kDefaultFontPath);

    // Registers text that will be shown. Cheap when nothing is new.
    void add(std::string_view utf8);
    void add_codepoint(unsigned cp);

    // Font size in pixels before the monitor's content scale.
    float base_size() const { return base_px_; }
    void set_base_size(float px);
    float content_scale() const { return scale_; }
    void set_content_scale(float scale);
    float pixel_size() const { return base_px_ * scale_; }

    // True when the atlas must be rebuilt before the next frame.
    bool dirty() const { return dirty_; }
    // Rebuilds ImGui's atlas (call between frames; then recreate the renderer's texture).
    void rebuild();

    // Called with every string about to be drawn: counts glyphs the current font lacks.
    void check(std::string_view utf8);

    std::size_t missing() const { return missing_; }          // draws of an absent glyph
    std::size_t registered() const { return registered_; }    // code points requested
    std::size_t in_atlas() const { return in_atlas_; }        // glyphs the font provided
    std::size_t builds() const { return builds_; }
    double last_build_ms() const { return last_build_ms_; }
    double total_build_ms() const { return total_build_ms_; }
    // Code points the font file itself lacks (shown as '?' whatever we do).
    const std::vector<unsigned>& unsupported() const { return unsupported_; }

private:
    std::vector<unsigned char> font_bytes_;
    std::vector<bool> known_ = std::vector<bool>(0x10000, false);
    std::vector<unsigned> pending_;  // registered since the last build
    std::vector<unsigned> all_;      // every registered code point
    ImVector<ImWchar> ranges_;       // must outlive the atlas that uses it
    std::vector<unsigned> unsupported_;
    std::vector<bool> reported_unsupported_ = std::vector<bool>(0x10000, false);
    float base_px_ = 16.0f;
    float scale_ = 1.0f;
    bool dirty_ = true;
    std::size_t missing_ = 0;
    std::size_t registered_ = 0;
    std::size_t in_atlas_ = 0;
    std::size_t builds_ = 0;
    double last_build_ms_ = 0;
    double total_build_ms_ = 0;
};

// Decodes one UTF-8 code point at `p` (advancing it); U+FFFD for a malformed byte.
unsigned next_codepoint(const char*& p, const char* end);

}  // namespace dj::ui
