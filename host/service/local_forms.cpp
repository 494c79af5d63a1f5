// FormPart: the forms that apply at a node, and previews (validation, computed values and
// visibility) while a form is filled. Nothing here stores anything.
#include "service/local_forms.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "plugins/plugin_host.hpp"
#include "service/form_context.hpp"

namespace dj {

using nlohmann::json;

ValidationFailed::ValidationFailed(std::vector<FieldIssue> issues)
    : UserError([&] {
          std::string msg = "填报内容有 " + std::to_string(issues.size()) + " 处问题：";
          for (std::size_t i = 0; i < issues.size(); ++i) msg += (i ? "；" : "") + issues[i].message;
          return msg;
      }()),
      issues_(std::move(issues)) {}

namespace {

FormInfo form_info(const forms::FormDef& f) {
    return {f.id,
            f.title,
            f.plugin_id,
            std::string(forms::form_scope_id(f.scope)),
            std::string(period_type_id(f.period)),
            f.many,
            f.deadline_days,
            forms::form_to_json(f).dump()};
}

}  // namespace

// --- Forms ------------------------------------------------------------------------------

std::vector<FormInfo> FormPart::list_forms(const Actor& claimed, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    std::set<std::string> enabled = ctx_.enabled_at(node.id);
    std::vector<FormInfo> out;
    for (const auto& f : ctx_.plugin_host().forms()) {
        if (!forms::scope_fits(f->def.scope, node.type)) continue;
        bool on = f->owner_unit ? ctx_.form_applies(*f, node) : enabled.count(f->def.plugin_id) > 0;
        if (on) out.push_back(form_info(f->def));
    }
    return out;
}

FormInfo FormPart::form(const Actor& claimed, std::string_view form_id) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadForms, who.org_id);
    return form_info(ctx_.form_or_throw(form_id)->def);
}

std::vector<FieldIssue> FormPart::check_form(const Actor& claimed, const SubmitRequest& req) {
    Actor who = ctx_.verified(claimed);
    auto binding = ctx_.form_or_throw(req.form_id);
    auto node = ctx_.current_node_or_throw(req.unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    if (auto why = json_bounds_problem(req.values_json, "填报内容")) return {{"", *why}};
    auto values = json::parse(req.values_json, nullptr, false);
    if (values.is_discarded()) return {{"", "填报内容不是有效的 JSON"}};
    plugins::LuaFormHooks hooks(binding);
    StoreFormContext ctx(ctx_, node.id, Period::parse(req.period), who.org_id);
    return issues_of(forms::validate(binding->def, values, hooks, ctx));
}

FormPreview FormPart::preview_form(const Actor& claimed, const SubmitRequest& req) {
    return preview(claimed, req, false);
}

FormPreview FormPart::draft_form(const Actor& claimed, const SubmitRequest& req) {
    return preview(claimed, req, true);
}

FormPreview FormPart::preview(const Actor& claimed, const SubmitRequest& req, bool with_defaults) {
    Actor who = ctx_.verified(claimed);
    auto binding = ctx_.form_or_throw(req.form_id);
    auto node = ctx_.current_node_or_throw(req.unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    FormPreview out;
    if (auto why = json_bounds_problem(req.values_json, "填报内容")) {
        out.issues = {{"", *why}};
        return out;
    }
    auto values = json::parse(req.values_json, nullptr, false);
    if (values.is_discarded()) {
        out.issues = {{"", "填报内容不是有效的 JSON"}};
        return out;
    }
    plugins::LuaFormHooks hooks(binding);
    if (with_defaults && values.is_object()) {
        json start = forms::initial_values(binding->def, hooks);
        for (const auto& f : binding->def.fields)
            if (f.has(forms::Hook::Compute)) start.erase(f.id);  // computed again by validate
        start.update(values);  // what the user already typed wins
        values = std::move(start);
    }
    StoreFormContext ctx(ctx_, node.id, Period::parse(req.period), who.org_id);
    auto v = forms::validate(binding->def, values, hooks, ctx);
    out.values_json = v.values.dump();
    out.visible = std::move(v.visible);
    out.issues = issues_of(v);
    return out;
}

}  // namespace dj
