#pragma once
// 通知公告 and 催报: notices sent to units inside the sender's scope, read receipts per unit.
// One part of LocalService: each operation checks access once, on entry.
#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"
#include "store/notice_store.hpp"

namespace dj {

class FormPart;

class NoticePart {
public:
    NoticePart(ServiceContext& ctx, FormPart& forms) : ctx_(ctx), forms_(forms), store_(ctx.db, ctx.clock) {}

    NoticeInfo send_notice(const Actor& who, const NewNotice& notice);
    std::vector<NoticeInfo> notices(const Actor& who, const NoticeFilter& filter);
    NoticeInfo notice(const Actor& who, std::int64_t notice_id);
    NoticeInfo read_notice(const Actor& who, std::int64_t notice_id);
    NoticeReceipts notice_receipts(const Actor& who, std::int64_t notice_id);
    RemindDraft remind_draft(const Actor& who, std::string_view form_id, std::string_view period,
                             std::string_view unit_code);
    // Whether the stored file is attached to a notice the actor may read: its recipients
    // download it though it was uploaded by the sender's unit, outside their scope.
    bool shows_attachment(const Actor& who, std::int64_t attachment_id) const;

private:
    // The ids of the actor's subtree today: the units whose notices they may read.
    std::set<std::int64_t> scope_of(const Actor& who) const;
    // The notice if the actor may read it; NotFound otherwise (the same answer as for a
    // number that does not exist: whether it does is not theirs to learn).
    store::NoticeRow visible_or_throw(const Actor& who, std::int64_t id, const std::set<std::int64_t>& scope) const;
    NoticeInfo info(const Actor& who, const store::NoticeRow& row, const std::set<std::int64_t>& scope) const;
    // The addressed units of `notice`, checked against the actor's scope.
    std::vector<std::int64_t> addressees(const Actor& who, const NewNotice& notice, RemindDraft* remind);

    ServiceContext& ctx_;
    FormPart& forms_;
    store::NoticeStore store_;
};

}  // namespace dj
