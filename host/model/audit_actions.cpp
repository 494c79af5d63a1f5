#include "model/audit_actions.hpp"

#include <utility>

namespace dj {

namespace {

// Ids as the service writes them (audit_append calls); a new action adds a row here.
constexpr std::pair<std::string_view, std::string_view> kActions[] = {
    {"database.create", "新建数据库"},     {"demo.generate", "生成演示数据"},
    {"org.create", "新增组织"},            {"org.change", "修改组织"},
    {"org.close", "撤销组织"},             {"member.add", "新增党员"},
    {"member.update", "修改党员信息"},     {"member.remove", "党员减少"},
    {"member.import", "导入党员名册"},     {"user.create", "新增用户"},
    {"database.backup", "备份数据库"},     {"user.lock", "账号锁定"},
    {"user.login", "登录"},                {"user.login_failed", "登录失败"},
    {"user.login_refused", "登录被拒绝"},  {"user.logout", "退出登录"},
    {"user.password_change", "修改密码"},  {"user.password_change_failed", "修改密码失败"},
    {"user.change", "修改用户"},           {"user.disable", "停用用户"},
    {"user.enable", "启用用户"},           {"user.unlock", "解除锁定"},
    {"user.reset_password", "重置密码"},   {"user.password", "修改密码"},
    {"session.login", "登录"},             {"session.logout", "退出登录"},
    {"session.login_failed", "登录失败"},  {"plugin.set", "插件设置"},
    {"plugin.reload", "重新加载插件"},     {"plugin.folders", "插件目录设置"},
    {"script.save", "保存单位脚本"},       {"submission.save", "保存草稿"},
    {"submission.submit", "报送"},         {"submission.approve", "审核通过"},
    {"submission.return", "退回"},         {"submission.withdraw", "撤回报送"},
    {"period.reopen", "重新开放报送"},     {"attachment.add", "上传附件"},
    {"evaluation.vote", "述职评议投票"},   {"rectification.add", "登记整改事项"},
    {"rectification.update", "更新整改事项"},
    {"notice.send", "发布通知"},           {"notice.remind", "催报"},
    {"notice.read", "通知标为已读"},
};

constexpr std::pair<std::string_view, std::string_view> kFields[] = {
    {"name", "名称"},           {"code", "编码"},           {"type", "类型"},
    {"parent", "上级组织"},     {"parent_code", "上级组织"}, {"state", "状态"},
    {"step", "审核步骤"},       {"comment", "意见"},        {"until", "补报截止"},
    {"reason", "原因"},         {"status", "状态"},         {"owner", "责任人"},
    {"deadline", "整改期限"},   {"evidence", "整改情况"},   {"title", "标题"},
    {"detail", "内容"},         {"rating", "评议等次"},     {"gender", "性别"},
    {"birth_date", "出生日期"}, {"join_date", "入党日期"},  {"full_date", "转正日期"},
    {"branch", "所在支部"},     {"branch_code", "所在支部"}, {"post", "职务"},
    {"flags", "标记"},          {"login", "登录名"},        {"display_name", "姓名"},
    {"role", "角色"},           {"org_code", "所属组织"},   {"org", "所属组织"},
    {"enabled", "启用"},        {"settings", "设置"},       {"size", "大小"},
    {"version", "版本"},        {"note", "说明"},           {"disabled", "停用"},
    {"effective", "生效日期"},  {"valid_from", "生效日期"}, {"cadre_level", "干部级别"},
    {"body", "正文"},           {"units", "收文单位"},      {"attachments", "附件"},
    {"form", "表单"},           {"period", "期间"},         {"source", "来源"},
    {"bytes", "大小（字节）"},  {"year", "年度"},
};

// Stored ids of states and statuses (forms/workflow, rectification) as their labels.
constexpr std::pair<std::string_view, std::string_view> kStates[] = {
    {"draft", "草稿"},      {"submitted", "已报送"}, {"returned", "已退回"}, {"approved", "已审核"},
    {"open", "待整改"},     {"in_progress", "整改中"}, {"done", "已完成"},  {"verified", "已销号"},
};

// Where a rectification item comes from (review_store's rectification_source_label too).
constexpr std::pair<std::string_view, std::string_view> kSources[] = {
    {"indicator", "指标未达标"}, {"finding", "合规检查"},   {"rating", "评议等次"},
    {"evaluation", "评议意见"},  {"inspection", "督查检查"}, {"manual", "手工登记"},
};

// The kinds of object an entry is about (the part of its target before ':').
constexpr std::pair<std::string_view, std::string_view> kTargets[] = {
    {"submission", "报送记录"}, {"member", "党员"},   {"rectification", "整改事项"}, {"notice", "通知"},
    {"user", "账号"},           {"org", "组织"},     {"plugin", "插件"},           {"script", "单位脚本"},
    {"attachment", "附件"},     {"setting", "设置"},
};

}  // namespace

std::string audit_target_label(std::string_view target) {
    auto colon = target.find(':');
    if (colon == std::string_view::npos) return std::string(target);
    for (const auto& [id, label] : kTargets)
        if (id == target.substr(0, colon)) return std::string(label) + " " + std::string(target.substr(colon + 1));
    return std::string(target);
}

std::string audit_value_label(std::string_view key, std::string_view value) {
    if (key == "state" || key == "status")
        for (const auto& [id, label] : kStates)
            if (id == value) return std::string(label);
    if (key == "source")
        for (const auto& [id, label] : kSources)
            if (id == value) return std::string(label);
    return std::string(value);
}

std::string audit_action_label(std::string_view action) {
    for (const auto& [id, label] : kActions)
        if (id == action) return std::string(label);
    return std::string(action);
}

std::string audit_field_label(std::string_view key) {
    for (const auto& [id, label] : kFields)
        if (id == key) return std::string(label);
    return std::string(key);
}

}  // namespace dj
