#include "assessment/scheme.hpp"

#include <algorithm>
#include <set>

#include "core/errors.hpp"
#include "indicators/indicator_def.hpp"

namespace dj::assessment {

using nlohmann::json;

namespace {

struct Problems {
    std::vector<std::string> list;
    void add(std::string m) { list.push_back(std::move(m)); }
};

std::string str(const json& t, const char* key) {
    return t.contains(key) && t[key].is_string() ? t[key].get<std::string>() : std::string();
}

std::optional<double> num(const json& t, const char* key, Problems& p, const std::string& where) {
    if (!t.contains(key)) return std::nullopt;
    if (!t[key].is_number() || t[key].get<double>() < 0) {
        p.add(where + " 的 " + key + " 应为非负数");
        return std::nullopt;
    }
    return t[key].get<double>();
}

void unknown(const json& t, const std::set<std::string>& known, Problems& p, const std::string& where) {
    for (auto it = t.begin(); it != t.end(); ++it)
        if (!known.count(it.key())) p.add(where + " 的未知属性「" + it.key() + "」");
}

}  // namespace

Scheme parse_scheme(const std::string& plugin_id, const std::string& local_id, const json& t,
                    const std::vector<std::string>& settings) {
    Problems p;
    Scheme s;
    s.id = plugin_id + "." + local_id;
    s.plugin_id = plugin_id;
    if (!t.is_object()) throw UserError("考核方案 " + local_id + "：应为表");
    unknown(t, {"title", "year", "scope", "ratings", "veto_rating", "areas", "deductions", "vetoes", "kind_weights",
                "rating_points", "rectify_ratings"},
            p, "方案");
    s.title = str(t, "title");
    if (s.title.empty()) p.add("缺少 title");
    if (t.contains("year")) {
        if (t["year"].is_number_integer()) s.year = t["year"].get<int>();
        else p.add("year 应为年份");
    }
    if (t.contains("scope") && t["scope"] != "department") p.add("scope 目前只能为 department");

    if (!t.contains("ratings") || !t["ratings"].is_array() || t["ratings"].empty()) {
        p.add("ratings 应为等次列表，如 { { \"好\", 90 }, { \"较好\", 80 }, … }");
    } else {
        for (const auto& r : t["ratings"]) {
            if (!r.is_array() || r.size() != 2 || !r[0].is_string() || !r[1].is_number()) {
                p.add("ratings 的每一项应为 { 等次, 最低分 }");
                continue;
            }
            s.ratings.emplace_back(r[0].get<std::string>(), r[1].get<double>());
        }
        for (std::size_t i = 1; i < s.ratings.size(); ++i)
            if (s.ratings[i].second >= s.ratings[i - 1].second) p.add("ratings 应按最低分从高到低排列");
    }
    s.veto_rating = str(t, "veto_rating");
    if (s.veto_rating.empty() && !s.ratings.empty()) s.veto_rating = s.ratings.back().first;
    if (!s.veto_rating.empty() &&
        std::none_of(s.ratings.begin(), s.ratings.end(), [&](const auto& r) { return r.first == s.veto_rating; }))
        p.add("veto_rating「" + s.veto_rating + "」不在 ratings 中");

    const RatingScale scale = s.scale();
    if (t.contains("rating_points")) {
        if (!t["rating_points"].is_object()) p.add("rating_points 应为表，如 { [\"好\"] = 1 }");
        else
            for (auto it = t["rating_points"].begin(); it != t["rating_points"].end(); ++it) {
                if (!scale.contains(it.key())) p.add("rating_points 的等次「" + it.key() + "」不在 ratings 中");
                if (!it.value().is_number() || it.value().get<double>() < 0 || it.value().get<double>() > 1)
                    p.add("rating_points 的值应在 0–1 之间");
                else s.rating_points[it.key()] = it.value().get<double>();
            }
    }
    // A low rating calls for a rectification plan: the ones named, else the lower half of the scale.
    if (t.contains("rectify_ratings")) {
        if (!t["rectify_ratings"].is_array()) p.add("rectify_ratings 应为等次列表");
        else
            for (const auto& r : t["rectify_ratings"]) {
                if (!r.is_string() || !scale.contains(r.get<std::string>()))
                    p.add("rectify_ratings 的每一项应为 ratings 中的等次");
                else s.rectify_ratings.push_back(r.get<std::string>());
            }
    } else {
        for (std::size_t i = s.ratings.size() - s.ratings.size() / 2; i < s.ratings.size(); ++i)
            s.rectify_ratings.push_back(s.ratings[i].first);
    }

    std::set<std::string> area_ids;
    if (!t.contains("areas") || !t["areas"].is_array() || t["areas"].empty()) {
        p.add("areas 应为考核板块列表");
    } else {
        for (const auto& a : t["areas"]) {
            if (!a.is_object()) {
                p.add("areas 的每一项应为表");
                continue;
            }
            SchemeArea area;
            area.id = str(a, "id");
            area.label = str(a, "label");
            std::string where = "板块 " + (area.id.empty() ? std::string("（未命名）") : area.id);
            unknown(a, {"id", "label", "weight", "weight_setting", "items"}, p, where);
            if (area.id.empty() || !area_ids.insert(area.id).second) p.add(where + " 的 id 缺失或重复");
            if (area.label.empty()) p.add(where + " 缺少 label");
            area.weight_setting = str(a, "weight_setting");
            if (!area.weight_setting.empty() &&
                std::find(settings.begin(), settings.end(), area.weight_setting) == settings.end())
                p.add(where + " 的 weight_setting「" + area.weight_setting + "」未在 plugin.lua 的 settings 中声明");
            if (!a.contains("items") || !a["items"].is_array() || a["items"].empty()) {
                p.add(where + " 缺少 items");
            } else {
                double sum = 0;
                for (const auto& i : a["items"]) {
                    if (!i.is_object()) {
                        p.add(where + " 的考核项应为表");
                        continue;
                    }
                    unknown(i, {"indicator", "evaluation", "weight", "scoring", "label"}, p, where + " 的考核项");
                    SchemeItem item;
                    std::string ind = str(i, "indicator"), ev = str(i, "evaluation");
                    if (ind.empty() == ev.empty()) p.add(where + " 的考核项须有 indicator 或 evaluation 之一");
                    if (!ind.empty()) item.indicator = indicators::qualify(plugin_id, ind);
                    if (!ev.empty()) item.evaluation = indicators::qualify(plugin_id, ev);
                    item.weight = num(i, "weight", p, where + " 的考核项").value_or(1);
                    std::string scoring = str(i, "scoring");
                    if (scoring == "pass") item.pass_scoring = true;
                    else if (!scoring.empty() && scoring != "ratio") p.add(where + " 的 scoring 应为 ratio 或 pass");
                    item.label = str(i, "label");
                    sum += item.weight;
                    area.items.push_back(item);
                }
                area.weight = num(a, "weight", p, where).value_or(sum);
            }
            s.areas.push_back(std::move(area));
        }
    }
    // An evaluation item earns the fraction its 述职评议 result is worth: every rating needs one.
    bool rated = false;
    for (const auto& a : s.areas)
        for (const auto& i : a.items) rated = rated || !i.evaluation.empty();
    if (rated)
        for (const auto& label : scale.labels)
            if (!s.rating_points.count(label)) p.add("rating_points 缺少等次「" + label + "」的得分比例（述职评议项按它计分）");
    if (t.contains("deductions")) {
        if (!t["deductions"].is_array()) p.add("deductions 应为列表");
        else
            for (const auto& d : t["deductions"]) {
                SchemeDeduction x;
                x.indicator = d.is_object() ? str(d, "indicator") : "";
                if (x.indicator.empty()) {
                    p.add("扣分项须有 indicator");
                    continue;
                }
                unknown(d, {"indicator", "label", "points", "max"}, p, "扣分项");
                x.indicator = indicators::qualify(plugin_id, x.indicator);
                x.label = str(d, "label");
                x.points = num(d, "points", p, "扣分项").value_or(1);
                x.max = num(d, "max", p, "扣分项");
                s.deductions.push_back(x);
            }
    }
    if (t.contains("vetoes")) {
        if (!t["vetoes"].is_array()) p.add("vetoes 应为列表");
        else
            for (const auto& v : t["vetoes"]) {
                SchemeVeto x;
                x.indicator = v.is_object() ? str(v, "indicator") : "";
                if (x.indicator.empty()) {
                    p.add("否决项须有 indicator");
                    continue;
                }
                unknown(v, {"indicator", "label", "above"}, p, "否决项");
                x.indicator = indicators::qualify(plugin_id, x.indicator);
                x.label = str(v, "label");
                if (x.label.empty()) p.add("否决项 " + x.indicator + " 缺少 label");
                if (v.contains("above") && v["above"].is_number()) x.above = v["above"].get<double>();
                s.vetoes.push_back(x);
            }
    }
    if (t.contains("kind_weights")) {
        if (!t["kind_weights"].is_object()) p.add("kind_weights 应为表");
        else
            for (auto k = t["kind_weights"].begin(); k != t["kind_weights"].end(); ++k) {
                if (!k.value().is_object()) {
                    p.add("kind_weights[\"" + k.key() + "\"] 应为表");
                    continue;
                }
                for (auto a = k.value().begin(); a != k.value().end(); ++a) {
                    if (!area_ids.count(a.key())) p.add("kind_weights 引用了不存在的板块「" + a.key() + "」");
                    else if (!a.value().is_number() || a.value().get<double>() < 0) p.add("kind_weights 的权重应为非负数");
                    else s.kind_weights[k.key()][a.key()] = a.value().get<double>();
                }
            }
    }
    if (!p.list.empty()) {
        std::string text = "考核方案 " + local_id + "：";
        for (std::size_t i = 0; i < p.list.size(); ++i) text += (i ? "；" : "") + p.list[i];
        throw UserError(text);
    }
    return s;
}

}  // namespace dj::assessment
