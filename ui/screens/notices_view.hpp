#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "attachment_saver.hpp"
#include "file_dialog.hpp"
#include "view.hpp"

namespace dj::ui {

void collect_glyphs(CodepointSet& set, const NoticeInfo& n);
void collect_glyphs(CodepointSet& set, const NoticeReceipts& r);
void collect_glyphs(CodepointSet& set, const RemindDraft& d);

// 通知公告: the notices addressed to the actor's units (and those they sent), each opened
// beside the list with 标为已读; for whoever may send, the 阅读情况 (已读 N / 未读 M, unit by
// unit) and 发布通知 with a choice of whom it goes to. A 催报 from 报送情况 opens here with
// its text prefilled and its units fixed (the service addresses it to the unfiled units).
class NoticesView : public View {
public:
    explicit NoticesView(Session& s) : View(s, "notices", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::ReadNotices); }
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

    // Opens the notice (from the home screen).
    void open(std::int64_t id);
    // Opens 发布通知 prefilled with a 催报 (from 报送情况).
    void compose_remind(const RemindDraft& draft);

private:
    void draw_list(float height);
    void draw_detail(const NoticeInfo& n);
    void draw_receipts(const NoticeInfo& n);
    void draw_compose();
    void send();
    void mark_read(std::int64_t id);

    Loaded<std::vector<NoticeInfo>> list_;
    Loaded<NoticeReceipts> receipts_;
    bool sent_box_ = false;  // 我发布的 instead of 收到的
    std::int64_t selected_ = 0;
    std::string list_logged_, receipts_logged_;
    std::string filter_;

    // 发布通知
    bool composing_ = false;
    std::string title_, body_;
    std::vector<std::string> attach_paths_;
    FileDialog attach_dialog_;  // 添加附件…
    bool to_units_ = false;  // 指定单位 instead of the selected node's subtree
    std::set<std::string> units_;
    std::string unit_filter_;
    std::optional<RemindDraft> remind_;
    bool sending_ = false;
    std::string error_, message_;
    bool acting_ = false;
    std::string screenshot_variant_;
    // 另存为… of the opened notice's files (reset when another notice opens).
    AttachmentSaver saver_{session_};
    std::int64_t saver_notice_ = 0;
};

}  // namespace dj::ui
