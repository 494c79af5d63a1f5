#pragma once
// Photos of attachments as GL textures: fetched through the Service (attachment_chunk, off
// the UI thread), decoded with stb_image (Debian's libstb) on the worker, uploaded to a
// texture on the UI thread, cached by attachment id, and freed when not drawn for a while or
// when the cache goes. A file that is not an image (a .pdf evidence file) is remembered as such.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "session.hpp"

namespace dj::ui {

struct DecodedImage {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;  // empty: not an image
    std::string problem;              // why, when empty
};
inline void collect_glyphs(CodepointSet& set, const DecodedImage& d) { set.add(d.problem); }

class PhotoCache {
public:
    struct Photo {
        unsigned texture = 0;  // 0 while loading, or when not an image
        int width = 0, height = 0;
        bool loading = true;
        std::string problem;  // 不是图片 / the service's refusal
        int last_frame = 0;
    };

    explicit PhotoCache(Session& s) : session_(s) {}
    ~PhotoCache();
    PhotoCache(const PhotoCache&) = delete;
    PhotoCache& operator=(const PhotoCache&) = delete;

    // The photo of attachment `id`, starting its load on first use.
    const Photo& get(std::int64_t id);
    // Frees the textures not asked for during the last few hundred frames (call once a frame).
    void trim();
    std::size_t textures() const;

private:
    Session& session_;
    std::map<std::int64_t, std::shared_ptr<Photo>> photos_;
};

// A thumbnail `side` pixels high (or a placeholder box with a word while it loads); true when
// clicked. `id` names the item for automation.
bool photo_thumbnail(PhotoCache& cache, std::int64_t attachment, float side, const std::string& id);
// The larger view: a modal over the window, the photo fit to 85% of it, closed by a click or Esc.
// Call every frame; `open` is the attachment to show (reset to 0 when closed).
void photo_viewer(PhotoCache& cache, std::int64_t& open, const std::string& title);

}  // namespace dj::ui
