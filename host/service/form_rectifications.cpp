#include "service/form_rectifications.hpp"

#include "core/errors.hpp"
#include "store/audit_log.hpp"

namespace dj {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxItems = 200;  // per record: a form's table has at most this many rows
constexpr int kDefaultDays = 30;        // deadline after the period's end when an item names none

std::string text_of(const json& item, const char* key) {
    auto it = item.find(key);
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

int file_form_rectifications(ServiceContext& ctx, const plugins::FormBinding& form, const OrgNode& node,
                             const Period& period, std::int64_t submission_id, const json& values,
                             const std::string& actor) {
    if (!form.def.has_rectifications) return 0;
    const std::string where = "表单「" + form.def.title + "」的 rectifications 函数";
    const json items = form.plugin->call(*form.reg, "rectifications", json::array({values}));
    if (items.is_null() || (items.is_object() && items.empty())) return 0;  // nil or {}: nothing to file
    if (!items.is_array()) throw UserError(where + "应返回整改事项列表 { { title = …, deadline = … }, … }");
    if (items.size() > kMaxItems) throw UserError(where + "返回的整改事项过多（超过 " + std::to_string(kMaxItems) + " 项）");
    const int year = period.start().year();
    int filed = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json& item = items[i];
        const std::string n = "第 " + std::to_string(i + 1) + " 项";
        if (!item.is_object()) throw UserError(where + "返回的" + n + "应为表 { title = …, deadline = … }");
        NewRectification r;
        r.org_code = node.code;
        r.year = year;
        r.source = text_of(item, "source").empty() ? "finding" : text_of(item, "source");
        if (r.source != "finding" && r.source != "inspection")
            throw UserError(where + "返回的" + n + "来源应为 finding 或 inspection，而不是「" + r.source + "」");
        r.source_ref = form.def.id + ":" + std::to_string(submission_id) + ":" + std::to_string(i + 1);
        r.title = text_of(item, "title");
        if (r.title.empty() || r.title.size() > 600) throw UserError(where + "返回的" + n + "须写明问题 title（不超过 200 字）");
        r.detail = text_of(item, "detail");
        r.owner = text_of(item, "owner");
        const std::string deadline = text_of(item, "deadline");
        if (deadline.empty()) {
            r.deadline = period.end().add_days(kDefaultDays);
        } else if (auto d = Date::parse(deadline)) {
            r.deadline = *d;
        } else {
            throw UserError(where + "返回的" + n + "整改期限「" + deadline + "」不是日期");
        }
        // A record submitted again (after being returned) files only what is new.
        if (ctx.reviews.existing(node.id, r.year, r.source, r.source_ref)) continue;
        const std::int64_t id = ctx.reviews.add(node.id, r, actor);
        audit_append(ctx.db, actor, "rectification.add", "rectification:" + std::to_string(id), "",
                     json({{"org", r.org_code}, {"title", r.title}, {"source", r.source}, {"deadline", r.deadline.iso()},
                           {"from", "submission:" + std::to_string(submission_id)}})
                         .dump());
        ++filed;
    }
    return filed;
}

}  // namespace dj
