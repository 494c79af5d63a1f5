#pragma once
// A year's assessment scheme as a plugin declares it (docs/plugin-guide.md, "Assessment
// schemes"): areas of weighted items (indicators, 述职评议 results), deductions, vetoes
// (一票否决) and the thresholds that turn a score into a rating (等次) on the scheme's own scale.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/rating_scale.hpp"

namespace dj::assessment {

struct SchemeItem {
    std::string indicator;   // plugin.indicator, or
    std::string evaluation;  // plugin.form rated by evaluators
    double weight = 0;
    bool pass_scoring = false;  // all-or-nothing on "met"
    std::string label;          // optional override of the indicator's name
};

struct SchemeArea {
    std::string id;
    std::string label;
    double weight = 0;
    std::string weight_setting;  // a declared setting of the scheme's plugin
    std::vector<SchemeItem> items;
};

struct SchemeDeduction {
    std::string indicator;
    std::string label;
    double points = 1;
    std::optional<double> max;
};

struct SchemeVeto {
    std::string indicator;
    std::string label;
    double above = 0;
};

struct Scheme {
    std::string id;  // plugin.local
    std::string plugin_id;
    std::string title;
    std::optional<int> year;  // only for this year; any year when unset
    std::vector<std::pair<std::string, double>> ratings;  // best first: label, minimum score
    std::string veto_rating;
    std::vector<SchemeArea> areas;
    std::vector<SchemeDeduction> deductions;
    std::vector<SchemeVeto> vetoes;
    std::map<std::string, std::map<std::string, double>> kind_weights;  // kind -> area -> weight
    std::map<std::string, double> rating_points;  // 述职评议 result -> fraction of the item's weight
    std::vector<std::string> rectify_ratings;      // ratings that call for a rectification item

    // The scheme's labels, best first: the scale 述职评议 votes and rating fields use.
    RatingScale scale() const {
        RatingScale out;
        for (const auto& r : ratings) out.labels.push_back(r.first);
        return out;
    }
};

// Throws UserError listing every problem ("考核方案 annual：…"). `settings`: the plugin's
// declared setting ids.
Scheme parse_scheme(const std::string& plugin_id, const std::string& local_id, const nlohmann::json& image,
                    const std::vector<std::string>& settings);

}  // namespace dj::assessment
