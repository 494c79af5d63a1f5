#pragma once
// A rating scale (等次): the labels an assessment scheme declares in its `ratings`, best
// first. 述职评议 votes and results, rating fields of forms and the rectification generated
// from a low rating all read the scale of the scheme in force; the host knows no labels of
// its own beyond the fallback below.
#include <string>
#include <string_view>
#include <vector>

namespace dj {

struct RatingScale {
    std::vector<std::string> labels;  // best first

    bool contains(std::string_view label) const { return rank(label) != 0; }
    // 1 for the lowest, size() for the best; 0 when the label is not on the scale.
    int rank(std::string_view label) const {
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == label) return static_cast<int>(labels.size() - i);
        return 0;
    }
    // The label of a rank (clamped to the scale).
    const std::string& at_rank(int r) const {
        if (r < 1) r = 1;
        if (r > static_cast<int>(labels.size())) r = static_cast<int>(labels.size());
        return labels[labels.size() - static_cast<std::size_t>(r)];
    }
    // "好、较好、一般 或 差", for messages.
    std::string spoken() const {
        std::string out;
        for (std::size_t i = 0; i < labels.size(); ++i)
            out += (i == 0 ? "" : i + 1 == labels.size() ? " 或 " : "、") + labels[i];
        return out;
    }
};

// The four 等次 of the county's plan (000 §18: 好、较好、一般、差), used only where no scheme
// is in force and a form's rating field declares no `options` of its own.
inline const RatingScale& default_rating_scale() {
    static const RatingScale scale{{"好", "较好", "一般", "差"}};
    return scale;
}

}  // namespace dj
