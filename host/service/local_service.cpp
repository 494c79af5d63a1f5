// LocalService: opening and creating the database, the acting user, and composing the parts.
#include "service/local_service.hpp"

#include <sodium.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/migrations.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_assessment.hpp"
#include "service/local_dashboard.hpp"
#include "service/local_audit.hpp"
#include "service/local_forms.hpp"
#include "service/local_notices.hpp"
#include "service/local_indicators.hpp"
#include "service/local_members.hpp"
#include "service/local_org.hpp"
#include "service/local_plugins.hpp"
#include "service/local_review.hpp"
#include "service/local_users.hpp"
#include "service/service_context.hpp"
#include "store/audit_log.hpp"

namespace dj {

namespace {
void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

LocalService::LocalService(db::Connection db)
    : ctx_(std::make_unique<ServiceContext>(std::move(db))),
      users_(std::make_unique<UserPart>(*ctx_)),
      audit_(std::make_unique<AuditPart>(*ctx_)),
      org_(std::make_unique<OrgPart>(*ctx_)),
      members_(std::make_unique<MemberPart>(*ctx_)),
      plugins_(std::make_unique<PluginPart>(*ctx_)),
      forms_(std::make_unique<FormPart>(*ctx_)),
      indicators_(std::make_unique<IndicatorPart>(*ctx_)),
      review_(std::make_unique<ReviewPart>(*ctx_)),
      assessment_(std::make_unique<AssessmentPart>(*ctx_, *review_)),
      dashboard_(std::make_unique<DashboardPart>(*ctx_, *forms_, *review_, *assessment_)),
      notices_(std::make_unique<NoticePart>(*ctx_, *forms_)) {}

LocalService::~LocalService() = default;

std::unique_ptr<LocalService> LocalService::open(const std::string& path) {
    ensure_sodium();
    if (!std::filesystem::exists(path))
        throw UserError("数据库文件「" + path + "」不存在（可先运行 dangjian init --db " + path + " 或 dangjian demo）");
    auto conn = db::Connection::open(path, false);
    if (db::is_foreign(conn))
        throw UserError("文件「" + path + "」是 SQLite 数据库，但不是 dangjian 数据库");
    db::migrate(conn);
    std::unique_ptr<LocalService> svc(new LocalService(std::move(conn)));
    // A demo database is a snapshot of one year: its rules run on the date it was made for.
    if (auto as_of = svc->ctx_->settings.get("as_of"))
        if (auto d = Date::parse(*as_of)) svc->set_today(*d);
    return svc;
}

std::uint64_t LocalService::plugin_generation() const { return ctx_->plugin_generation; }

std::unique_ptr<LocalService> LocalService::create(const std::string& path, const std::string& county_name,
                                                   const std::string& admin_login) {
    ensure_sodium();
    if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 0)
        throw UserError("文件「" + path + "」已存在，不会覆盖；请换一个文件名或先删除它");
    auto conn = db::Connection::open(path, true);
    db::migrate(conn);
    std::unique_ptr<LocalService> svc(new LocalService(std::move(conn)));
    auto& ctx = *svc->ctx_;
    db::Transaction tx(ctx.db);
    Date founded = Date::from_ymd(2000, 1, 1);
    auto add_root = [&](const std::string& code, const std::string& name, OrgType type,
                        std::optional<std::int64_t> parent) {
        OrgNode n;
        n.code = code;
        n.name = name;
        n.type = type;
        n.parent_id = parent;
        n.valid_from = founded;
        ctx.orgs.create(n);
        return n.id;
    };
    auto county = add_root("XW", county_name, OrgType::County, std::nullopt);
    add_root("GW", county_name.substr(0, county_name.rfind("委")) + "直机关工委", OrgType::Committee, county);
    ctx.users.add(admin_login, "工委管理员", Role::Admin, county);
    audit_append(ctx.db, "system", "database.create", "db", "", nlohmann::json({{"county", county_name}, {"admin", admin_login}}).dump());
    tx.commit();
    return svc;
}

Actor LocalService::actor(std::string_view login) {
    auto who = login.empty() ? ctx_->users.first_admin() : ctx_->users.by_login(login);
    if (!who) {
        if (login.empty()) throw UserError("数据库中没有工委管理员账号");
        throw UserError("用户「" + std::string(login) + "」不存在");
    }
    return *who;
}

void LocalService::set_today(Date d) {
    // A pinned today dates what is written, too: records of a 2020 county are from 2020.
    ctx_->today = d;
    ctx_->clock.pin(d);
}
void LocalService::set_clock(std::function<std::int64_t()> clock) { ctx_->wall_clock = std::move(clock); }
Date LocalService::today() const { return ctx_->today; }
const db::Connection& LocalService::connection() const { return ctx_->db; }
void LocalService::set_plugin_limits(const lua::Limits& limits) { ctx_->set_plugin_limits(limits); }

void LocalService::set_extra_plugin_dirs(std::vector<std::filesystem::path> dirs) {
    ctx_->set_extra_plugin_dirs(std::move(dirs));
}
void LocalService::use_command_line_plugin_dirs(const Actor& claimed, std::vector<std::filesystem::path> dirs) {
    if (!dirs.empty()) {
        Actor who = ctx_->verified(claimed);
        const bool sole_account = ctx_->users.all().size() == 1;
        if (!role_has(who.role, Capability::ManagePlugins) && !sole_account)
            throw AccessDenied("无权限：--plugins-dir 只供工委管理员或只有本人一个账号的数据库使用；" +
                               std::string(role_label(who.role)) + "「" + who.login +
                               "」请使用数据库中设置的插件（工委管理员可用 dangjian plugins folders --set 增加插件目录）");
    }
    ctx_->set_extra_plugin_dirs(std::move(dirs));
}
plugins::PluginHost& LocalService::plugin_host() { return ctx_->plugin_host(); }
std::vector<EffectivePluginInfo> LocalService::effective_at(std::int64_t node_id) { return ctx_->effective_at(node_id); }
std::set<std::string> LocalService::enabled_at(std::int64_t node_id) { return ctx_->enabled_at(node_id); }

}  // namespace dj
