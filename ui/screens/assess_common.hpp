#pragma once
// What the indicator and assessment screens (and 首页) share, defined in assess_common.cpp: the
// glyphs of the service's results, numbers as text, and the value-against-target bar.
#include <optional>
#include <string>
#include <vector>

#include "session.hpp"

namespace dj::ui {

// Glyphs of the service's results.
void collect_glyphs(CodepointSet& set, const std::vector<IndicatorInfo>& v);
void collect_glyphs(CodepointSet& set, const std::vector<IndicatorValue>& v);
void collect_glyphs(CodepointSet& set, const std::vector<Reminder>& v);
void collect_glyphs(CodepointSet& set, const AssessmentResult& r);
void collect_glyphs(CodepointSet& set, const RectificationItem& r);

// "12", "12.5", "0.33": a value as people read it (no trailing zeros), or "—".
std::string number_text(const std::optional<double>& v, int decimals = 2);
// Points and scores: always two decimals, so a column reads 91.30 beside 91.55.
std::string score_text(const std::optional<double>& v);

// A value against its target as a horizontal bar drawn with the window's draw list: the
// bar for the value, a tick at the target, green when met, red when not, grey without a
// target. `lower`: lower is better (the target is a ceiling).
void target_bar(const std::optional<double>& value, const std::optional<double>& target,
                const std::optional<bool>& met, bool lower, float width);

}  // namespace dj::ui
