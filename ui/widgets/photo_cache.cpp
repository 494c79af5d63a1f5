#include "photo_cache.hpp"

#include <GL/gl.h>

#include <algorithm>
#include <cstdint>

#include "automation.hpp"
#include "glyphs.hpp"
#include "strings.hpp"
#include "widgets.hpp"

#define STBI_NO_STDIO
#include <stb_image.h>

namespace dj::ui {

namespace {

// Photos taken for a meeting record are a few MB; a thumbnail is never worth more.
constexpr std::size_t kMaxPhotoBytes = 20u << 20;
// Drawn within this many frames or freed.
constexpr int kKeepFrames = 600;

DecodedImage fetch_and_decode(Service& s, const Actor& who, std::int64_t id) {
    DecodedImage out;
    auto info = s.attachment(who, id);
    if (info.size > kMaxPhotoBytes) {
        out.problem = ZH("文件过大，不显示预览");
        return out;
    }
    std::string bytes;
    bytes.reserve(info.size);
    while (bytes.size() < info.size) {
        std::string piece = s.attachment_chunk(who, id, static_cast<std::int64_t>(bytes.size()));
        if (piece.empty()) break;
        bytes += piece;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()),
                                              &w, &h, &n, 4);
    if (!px) {
        out.problem = ZH("不是图片");
        return out;
    }
    out.width = w;
    out.height = h;
    out.rgba.assign(px, px + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    stbi_image_free(px);
    return out;
}

unsigned upload_texture(const DecodedImage& d) {
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, d.width, d.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, d.rgba.data());
    return tex;
}

}  // namespace

PhotoCache::~PhotoCache() {
    for (auto& [id, p] : photos_)
        if (p->texture) {
            GLuint t = p->texture;
            glDeleteTextures(1, &t);
        }
}

const PhotoCache::Photo& PhotoCache::get(std::int64_t id) {
    auto& slot = photos_[id];
    if (!slot) {
        slot = std::make_shared<Photo>();
        std::weak_ptr<Photo> weak = slot;  // the cache may drop it before the answer comes
        Actor who = session_.actor();
        session_.call<DecodedImage>(
            ZH("加载照片"), [who, id](Service& s) { return fetch_and_decode(s, who, id); },
            [weak, id](DecodedImage& d) {
                auto p = weak.lock();
                if (!p) return;
                p->loading = false;
                p->problem = d.problem;
                if (!d.rgba.empty()) {
                    p->texture = upload_texture(d);
                    p->width = d.width;
                    p->height = d.height;
                }
                auto_log("photo_loaded", std::to_string(id) + " " + std::to_string(d.width) + "x" + std::to_string(d.height));
            },
            [weak](const Failure& f) {
                if (auto p = weak.lock()) {
                    p->loading = false;
                    p->problem = f.message;
                }
            });
    }
    slot->last_frame = ImGui::GetFrameCount();
    return *slot;
}

void PhotoCache::trim() {
    const int now = ImGui::GetFrameCount();
    for (auto it = photos_.begin(); it != photos_.end();) {
        if (now - it->second->last_frame > kKeepFrames && !it->second->loading) {
            if (it->second->texture) {
                GLuint t = it->second->texture;
                glDeleteTextures(1, &t);
            }
            it = photos_.erase(it);
        } else {
            ++it;
        }
    }
}

std::size_t PhotoCache::textures() const {
    std::size_t n = 0;
    for (const auto& [id, p] : photos_) n += p->texture != 0;
    return n;
}

bool photo_thumbnail(PhotoCache& cache, std::int64_t attachment, float side, const std::string& id) {
    const auto& p = cache.get(attachment);
    // A read-only record draws its fields disabled: the photo still opens, and is not faded.
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 1.0f);
    if (p.texture) {
        float w = side * static_cast<float>(p.width) / static_cast<float>(std::max(1, p.height));
        w = std::min(w, side * 2.0f);  // a panorama does not push the row off the screen
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(p.texture)), ImVec2(w, side),
                     ImVec2(0, 0), ImVec2(1, 1), ImVec4(1, 1, 1, 1), ImGui::GetStyleColorVec4(ImGuiCol_Border));
    } else {
        std::string word = p.loading ? ZH("加载中…") : p.problem;
        glyph_atlas().check(word);
        ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(side, side));
        auto* dl = ImGui::GetWindowDrawList();
        dl->AddRect(at, ImVec2(at.x + side, at.y + side), ImGui::GetColorU32(ImGuiCol_Border));
        ImVec2 ts = ImGui::CalcTextSize(word.c_str(), nullptr, false, side);
        dl->AddText(nullptr, 0.0f, ImVec2(at.x + std::max(0.0f, (side - ts.x) * 0.5f), at.y + (side - ts.y) * 0.5f),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled), word.c_str(), nullptr, side);
    }
    ImGui::PopStyleVar();
    const bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled);
    auto_item(id);
    if (hovered && p.texture) ImGui::SetTooltip("%s", ZH("点击查看大图"));
    return hovered && p.texture && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
}

void photo_viewer(PhotoCache& cache, std::int64_t& open, const std::string& title) {
    const char* popup = "##photo_viewer";
    if (open && !ImGui::IsPopupOpen(popup)) ImGui::OpenPopup(popup);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) return;
    const auto& p = cache.get(open);
    glyph_atlas().check(title);
    text(title);
    if (p.texture) {
        float scale = std::min(vp->WorkSize.x * 0.85f / static_cast<float>(p.width),
                               vp->WorkSize.y * 0.75f / static_cast<float>(p.height));
        scale = std::min(scale, 1.0f);  // never blown up past its own pixels
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(p.texture)),
                     ImVec2(static_cast<float>(p.width) * scale, static_cast<float>(p.height) * scale));
        if (ImGui::IsItemClicked()) open = 0;
        text_muted(format(ZH("%d × %d 像素 · 点击图片或按 Esc 关闭"), p.width, p.height));
    }
    if (button(ZH("关闭"))) open = 0;
    auto_item("photo.close");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) open = 0;
    if (!open) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace dj::ui
