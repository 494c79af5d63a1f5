// LocalService's 通知公告 operations, handed to NoticePart (kept apart from local_facade.cpp
// so the areas' facades change independently).
#include "service/local_notices.hpp"
#include "service/local_service.hpp"

namespace dj {

NoticeInfo LocalService::send_notice(const Actor& who, const NewNotice& notice) {
    return notices_->send_notice(who, notice);
}
std::vector<NoticeInfo> LocalService::notices(const Actor& who, const NoticeFilter& filter) {
    return notices_->notices(who, filter);
}
NoticeInfo LocalService::notice(const Actor& who, std::int64_t notice_id) { return notices_->notice(who, notice_id); }
NoticeInfo LocalService::read_notice(const Actor& who, std::int64_t notice_id) {
    return notices_->read_notice(who, notice_id);
}
NoticeReceipts LocalService::notice_receipts(const Actor& who, std::int64_t notice_id) {
    return notices_->notice_receipts(who, notice_id);
}
RemindDraft LocalService::remind_draft(const Actor& who, std::string_view form_id, std::string_view period,
                                       std::string_view unit_code) {
    return notices_->remind_draft(who, form_id, period, unit_code);
}

}  // namespace dj
