#include "chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include "automation.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui::chart {

namespace {

constexpr float kPi = 3.14159265358979f;

ImU32 text_color() { return ImGui::GetColorU32(ImGuiCol_Text); }
ImU32 muted_color() { return ImGui::GetColorU32(ImGuiCol_TextDisabled); }
ImU32 grid_color() { return ImGui::GetColorU32(ImGuiCol_Border, 0.6f); }
ImU32 faint_color() { return ImGui::GetColorU32(ImGuiCol_Border, 0.3f); }
ImU32 hover_color() { return ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f); }

// Draw-list text goes through the glyph check like every other string the GUI shows.
void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 col, std::string_view s) {
    glyph_atlas().check(s);
    dl->AddText(pos, col, s.data(), s.data() + s.size());
}

float text_width(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }

// Text clipped to [x0, x1]: a long unit name never runs into the bars.
void draw_text_clipped(ImDrawList* dl, ImVec2 pos, float x1, ImU32 col, std::string_view s) {
    dl->PushClipRect(ImVec2(pos.x, pos.y), ImVec2(x1, pos.y + ImGui::GetFontSize() * 1.5f), true);
    draw_text(dl, pos, col, s);
    dl->PopClipRect();
}

std::string number_text(double v, int decimals, const std::string& unit = {}) {
    return format("%.*f", decimals, v) + unit;
}

// A round step for about `ticks` grid lines up to `max` (1, 2, 2.5, 5 × 10ⁿ); counts
// (`whole`) step by whole numbers and never by 2.5, so no tick reads 2 where 2.5 is meant.
double nice_step(double max, int ticks, bool whole = false) {
    if (max <= 0) return 1;
    double raw = max / ticks;
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (whole && (m == 2.5 || m * mag < 1)) continue;
        if (raw <= m * mag) return m * mag;
    }
    return std::max(whole ? 1.0 : 0.0, 10 * mag);
}

double nice_max(double max, int ticks, bool whole = false) {
    double step = nice_step(max, ticks, whole);
    return std::max(step, std::ceil(max / step - 1e-9) * step);
}

// The figures a chart draws, logged once per change for tests (`chart ID …`).
void log_numbers(const char* id, const std::function<std::string()>& describe) {
    if (!automation().enabled()) return;
    static std::map<std::string, std::string> last;
    std::string now = describe();
    auto& seen = last[id];
    if (seen == now) return;
    seen = now;
    auto_log("chart", std::string(id) + " " + now);
}

void legend(ImDrawList* dl, ImVec2 pos, const std::vector<std::pair<std::string, ImU32>>& items) {
    const float em = ImGui::GetFontSize();
    for (const auto& [name, col] : items) {
        dl->AddRectFilled(ImVec2(pos.x, pos.y + em * 0.2f), ImVec2(pos.x + em * 0.8f, pos.y + em), col, 2.0f);
        draw_text(dl, ImVec2(pos.x + em * 1.1f, pos.y), text_color(), name);
        pos.x += em * 2.0f + text_width(name);
    }
}

ImU32 series_color(const Series& s, std::size_t i) { return s.color ? s.color : palette(i); }

}  // namespace

ImU32 palette(std::size_t i) {
    static const ImU32 colors[] = {IM_COL32(78, 121, 167, 255),  IM_COL32(242, 142, 43, 255),
                                   IM_COL32(89, 161, 79, 255),   IM_COL32(225, 87, 89, 255),
                                   IM_COL32(118, 183, 178, 255), IM_COL32(237, 201, 72, 255),
                                   IM_COL32(176, 122, 161, 255), IM_COL32(255, 157, 167, 255),
                                   IM_COL32(156, 117, 95, 255),  IM_COL32(186, 176, 172, 255)};
    return colors[i % (sizeof colors / sizeof colors[0])];
}

ImU32 rank_color(std::size_t rank) {
    static const ImU32 colors[] = {IM_COL32(89, 161, 79, 255), IM_COL32(78, 121, 167, 255),
                                   IM_COL32(242, 142, 43, 255), IM_COL32(225, 87, 89, 255)};
    return rank < 4 ? colors[rank] : palette(rank);
}

// --- Bars -------------------------------------------------------------------------------

int bar_chart(const char* id, const BarChart& c) {
    log_numbers(id, [&] {
        std::string s;
        for (std::size_t r = 0; r < c.rows.size(); ++r) {
            s += c.rows[r] + "=";
            for (std::size_t k = 0; k < c.series.size(); ++k)
                s += (k ? "/" : "") + number_text(r < c.series[k].values.size() ? c.series[k].values[r] : 0, c.decimals);
            s += ";";
        }
        return s;
    });
    const float em = ImGui::GetFontSize();
    const std::size_t n = c.rows.size();
    const std::size_t bars = std::max<std::size_t>(1, c.series.size());
    const float row_h = em * (bars > 1 ? 2.1f : 1.6f);
    double max = c.max;
    if (max <= 0) {
        for (const auto& s : c.series)
            for (double v : s.values) max = std::max(max, v);
        for (double v : c.row_max) max = std::max(max, v);
        max = nice_max(max, 5);
    }
    // The label column: as wide as the longest label for a short list, a fixed width for a
    // long one (measuring 1,500 names every frame costs more than the bars).
    float label_w = em * 12;
    if (n <= 40) {
        label_w = em * 3;
        for (const auto& r : c.rows) label_w = std::max(label_w, text_width(r) + em);
        label_w = std::min(label_w, em * 16);
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const float value_w = em * 4.5f;  // room for the value after the longest bar
    const float x0 = label_w, x1 = std::max(x0 + em * 6, width - value_w - ImGui::GetStyle().ScrollbarSize);
    auto x_of = [&](double v) { return x0 + static_cast<float>((x1 - x0) * std::clamp(v / max, 0.0, 1.0)); };

    ImGui::PushID(id);
    // Header: axis titles, legend, tick values.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 top = ImGui::GetCursorScreenPos();
    draw_text(dl, top, muted_color(), c.category_axis);
    std::vector<std::pair<std::string, ImU32>> items;
    if (c.series.size() > 1 || !c.row_max.empty()) {
        for (std::size_t k = 0; k < c.series.size(); ++k) items.emplace_back(c.series[k].name, series_color(c.series[k], k));
        if (!c.row_max.empty()) items.emplace_back(ZH("满分"), faint_color());
    }
    legend(dl, ImVec2(top.x + x0, top.y), items);
    draw_text(dl, ImVec2(top.x + x1 - text_width(c.value_axis), top.y), muted_color(), c.value_axis);
    const double step = nice_step(max, 5);
    const float ticks_y = top.y + em * 1.4f;
    for (double t = 0; t <= max + 1e-9; t += step) {
        std::string s = number_text(t, step < 1 ? 1 : 0);
        float x = top.x + x_of(t);
        draw_text(dl, ImVec2(x - text_width(s) / 2, ticks_y), muted_color(), s);
    }
    ImGui::Dummy(ImVec2(width, em * 2.6f));

    float height = c.height > 0 ? c.height : row_h * static_cast<float>(std::min<std::size_t>(std::max<std::size_t>(n, 1), 18)) + 4;
    int clicked = -1;
    ImGui::BeginChild("##bars", ImVec2(0, height), false);
    dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    // Grid lines over the visible part only.
    const float vis_top = ImGui::GetWindowPos().y, vis_bottom = vis_top + ImGui::GetWindowHeight();
    for (double t = 0; t <= max + 1e-9; t += step) {
        float x = origin.x + x_of(t);
        dl->AddLine(ImVec2(x, vis_top), ImVec2(x, vis_bottom), grid_color());
    }
    // Rows touch (no item spacing): the clipper's row height is then exactly row_h.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(n), row_h);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const auto ri = static_cast<std::size_t>(r);
            ImVec2 p = ImGui::GetCursorScreenPos();
            ImGui::PushID(r);
            ImGui::InvisibleButton("##row", ImVec2(x1 + value_w - 1, row_h));
            ImGui::PopID();
            const bool hovered = ImGui::IsItemHovered();
            if (ImGui::IsItemClicked()) clicked = r;
            if (hovered) dl->AddRectFilled(p, ImVec2(p.x + x1 + value_w, p.y + row_h), hover_color());
            draw_text_clipped(dl, ImVec2(p.x, p.y + (row_h - em) / 2), p.x + x0 - em * 0.4f, text_color(), c.rows[ri]);
            const float bar_h = (row_h - em * 0.5f) / static_cast<float>(bars);
            if (ri < c.row_max.size())
                dl->AddRectFilled(ImVec2(p.x + x0, p.y + em * 0.25f), ImVec2(p.x + x_of(c.row_max[ri]), p.y + row_h - em * 0.25f),
                                  faint_color());
            for (std::size_t k = 0; k < c.series.size(); ++k) {
                double v = ri < c.series[k].values.size() ? c.series[k].values[ri] : 0;
                float y = p.y + em * 0.25f + bar_h * static_cast<float>(k);
                dl->AddRectFilled(ImVec2(p.x + x0, y + 1), ImVec2(p.x + x_of(v), y + bar_h - 1), series_color(c.series[k], k));
                std::string s = number_text(v, c.decimals, c.unit);
                draw_text(dl, ImVec2(p.x + x_of(v) + em * 0.3f, y + (bar_h - em) / 2), text_color(), s);
            }
            if (hovered) {
                ImGui::BeginTooltip();
                text(c.rows[ri]);
                for (std::size_t k = 0; k < c.series.size(); ++k)
                    text((c.series[k].name.empty() ? c.value_axis : c.series[k].name) + ZH("：") +
                         number_text(ri < c.series[k].values.size() ? c.series[k].values[ri] : 0, c.decimals, c.unit));
                if (ri < c.row_max.size()) text(std::string(ZH("满分：")) + number_text(c.row_max[ri], c.decimals, c.unit));
                ImGui::EndTooltip();
            }
        }
    }
    clipper.End();
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::PopID();
    return clicked;
}

// --- Lines ------------------------------------------------------------------------------

void line_chart(const char* id, const LineChart& c) {
    log_numbers(id, [&] {
        std::string s;
        for (const auto& se : c.series) {
            s += se.name + "=";
            for (std::size_t i = 0; i < se.values.size(); ++i) s += (i ? "," : "") + number_text(se.values[i], c.decimals);
            s += ";";
        }
        return s;
    });
    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = c.height > 0 ? c.height : em * 15;
    ImGui::PushID(id);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##plot", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    double max = 0;
    for (const auto& s : c.series)
        for (double v : s.values) max = std::max(max, v);
    const bool whole = c.decimals == 0;
    max = nice_max(std::max(max, 1.0), 5, whole);
    const double step = nice_step(max, 5, whole);
    const float left = p.x + em * 4, right = p.x + width - em * 1.5f;
    const float top = p.y + em * 3, bottom = p.y + height - em * 2.8f;
    auto y_of = [&](double v) { return bottom - static_cast<float>((bottom - top) * v / max); };
    const std::size_t n = c.categories.size();
    auto x_of = [&](std::size_t i) {
        return n <= 1 ? (left + right) / 2 : left + (right - left) * static_cast<float>(i) / static_cast<float>(n - 1);
    };

    // Axis titles and legend above the plot.
    draw_text(dl, ImVec2(p.x, p.y + em * 1.5f), muted_color(), c.value_axis);
    std::vector<std::pair<std::string, ImU32>> items;
    for (std::size_t k = 0; k < c.series.size(); ++k) items.emplace_back(c.series[k].name, series_color(c.series[k], k));
    legend(dl, ImVec2(left, p.y), items);
    for (double t = 0; t <= max + 1e-9; t += step) {
        float y = y_of(t);
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), grid_color());
        std::string s = number_text(t, step < 1 ? 1 : 0);
        draw_text(dl, ImVec2(left - em * 0.4f - text_width(s), y - em / 2), muted_color(), s);
    }
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), muted_color());
    for (std::size_t i = 0; i < n; ++i) {
        float x = x_of(i);
        dl->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + em * 0.3f), muted_color());
        draw_text(dl, ImVec2(x - text_width(c.categories[i]) / 2, bottom + em * 0.4f), text_color(), c.categories[i]);
    }
    draw_text(dl, ImVec2(right - text_width(c.category_axis), bottom + em * 1.5f), muted_color(), c.category_axis);

    // The category under the pointer: a guide line and every series' value there.
    std::optional<std::size_t> at;
    if (hovered && n > 0) {
        float mx = ImGui::GetIO().MousePos.x;
        float t = n <= 1 ? 0 : (mx - left) / (right - left) * static_cast<float>(n - 1);
        at = static_cast<std::size_t>(std::clamp(std::lround(t), 0L, static_cast<long>(n - 1)));
        dl->AddLine(ImVec2(x_of(*at), top), ImVec2(x_of(*at), bottom), muted_color());
    }
    for (std::size_t k = 0; k < c.series.size(); ++k) {
        const auto& s = c.series[k];
        const ImU32 col = series_color(s, k);
        std::vector<ImVec2> pts;
        for (std::size_t i = 0; i < std::min(n, s.values.size()); ++i) pts.emplace_back(x_of(i), y_of(s.values[i]));
        if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, 2.5f);
        for (std::size_t i = 0; i < pts.size(); ++i) dl->AddCircleFilled(pts[i], at && *at == i ? 5.0f : 3.5f, col);
    }
    if (at) {
        ImGui::BeginTooltip();
        text(c.categories[*at]);
        for (const auto& s : c.series)
            text(s.name + ZH("：") + number_text(*at < s.values.size() ? s.values[*at] : 0, c.decimals));
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

// --- Pie --------------------------------------------------------------------------------

void pie_chart(const char* id, const PieChart& c) {
    log_numbers(id, [&] {
        std::string s;
        for (std::size_t i = 0; i < c.labels.size(); ++i)
            s += c.labels[i] + "=" + number_text(i < c.values.size() ? c.values[i] : 0, 0) + ";";
        return s;
    });
    const float em = ImGui::GetFontSize();
    const float r = c.radius > 0 ? c.radius : em * 5;
    double total = 0;
    for (double v : c.values) total += std::max(0.0, v);
    float legend_w = 0;
    for (std::size_t i = 0; i < c.labels.size(); ++i) legend_w = std::max(legend_w, text_width(c.labels[i]));
    legend_w += em * 9;

    ImGui::PushID(id);
    ImGui::BeginGroup();
    if (!c.title.empty()) text(c.title);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##pie", ImVec2(r * 2 + em + legend_w, std::max(r * 2, em * 1.5f * static_cast<float>(c.labels.size()))));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 center(p.x + r, p.y + r);
    auto color = [&](std::size_t i) { return i < c.colors.size() ? c.colors[i] : palette(i); };

    std::optional<std::size_t> at;
    if (hovered && total > 0) {
        ImVec2 m = ImGui::GetIO().MousePos;
        float dx = m.x - center.x, dy = m.y - center.y;
        if (dx * dx + dy * dy <= r * r) {
            float a = std::atan2(dy, dx) + kPi / 2;  // 0 at twelve o'clock, clockwise
            if (a < 0) a += 2 * kPi;
            double acc = 0;
            for (std::size_t i = 0; i < c.values.size(); ++i) {
                acc += std::max(0.0, c.values[i]);
                if (a <= static_cast<float>(acc / total) * 2 * kPi) {
                    at = i;
                    break;
                }
            }
        }
    }
    if (total <= 0) {
        dl->AddCircle(center, r, grid_color(), 48, 2.0f);
        std::string none = ZH("暂无数据");
        draw_text(dl, ImVec2(center.x - text_width(none) / 2, center.y - em / 2), muted_color(), none);
    } else {
        float a0 = -kPi / 2;
        for (std::size_t i = 0; i < c.values.size(); ++i) {
            float sweep = static_cast<float>(std::max(0.0, c.values[i]) / total) * 2 * kPi;
            const float grow = at && *at == i ? em * 0.3f : 0;
            // In pieces of at most a quarter turn: PathFillConvex needs a convex outline.
            for (float done = 0; done < sweep - 1e-4f;) {
                float part = std::min(sweep - done, kPi / 2);
                dl->PathLineTo(center);
                dl->PathArcTo(center, r + grow, a0 + done, a0 + done + part, std::max(2, static_cast<int>(part * 24)));
                dl->PathFillConvex(color(i));
                done += part;
            }
            if (sweep > 0.01f && sweep < 2 * kPi - 0.01f)
                dl->AddLine(center, ImVec2(center.x + std::cos(a0) * r, center.y + std::sin(a0) * r),
                            ImGui::GetColorU32(ImGuiCol_WindowBg), 1.5f);
            a0 += sweep;
        }
    }
    // Legend: each slice's count and share.
    float ly = p.y + std::max(0.0f, r - em * 0.75f * static_cast<float>(c.labels.size()));
    const float lx = p.x + r * 2 + em;
    for (std::size_t i = 0; i < c.labels.size(); ++i) {
        double v = i < c.values.size() ? c.values[i] : 0;
        dl->AddRectFilled(ImVec2(lx, ly + em * 0.2f), ImVec2(lx + em * 0.8f, ly + em), color(i), 2.0f);
        std::string s = c.labels[i] + "  " + number_text(v, 0, c.unit) +
                        (total > 0 ? format(ZH("（%.1f%%）"), 100.0 * v / total) : std::string());
        draw_text(dl, ImVec2(lx + em * 1.1f, ly), text_color(), s);
        ly += em * 1.5f;
    }
    if (at) {
        double v = c.values[*at];
        ImGui::BeginTooltip();
        text(c.labels[*at] + ZH("：") + number_text(v, 0, c.unit) + format(ZH("（%.1f%%）"), 100.0 * v / total));
        ImGui::EndTooltip();
    }
    ImGui::EndGroup();
    ImGui::PopID();
}

// --- Tables -----------------------------------------------------------------------------

Cell text_cell(std::string s) { return Cell{std::move(s), 0, false}; }
Cell number_cell(double v, int decimals, const std::string& unit) { return Cell{number_text(v, decimals, unit), v, true}; }

void number_table(const char* id, const std::vector<std::string>& headers, const std::vector<std::vector<Cell>>& rows,
                  float max_rows) {
    if (headers.empty()) return;
    const int cols = static_cast<int>(headers.size());
    const float row_h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    const float h = row_h * (std::min(static_cast<float>(rows.size()), max_rows) + 1.3f);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, cols, flags, ImVec2(0, h))) return;
    for (int k = 0; k < cols; ++k) {
        const auto ki = static_cast<std::size_t>(k);
        ImGui::TableSetupColumn(label(headers[ki].c_str()), k == 0 ? ImGuiTableColumnFlags_WidthStretch : 0, k == 0 ? 2.5f : 1.0f);
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    table_headers();
    // The order is kept between frames: sorted again only when the data or the header click
    // changed (sorting 1,500 rows every frame would be most of the frame).
    struct Order {
        const void* data = nullptr;
        std::size_t size = 0;
        int column = -1;
        bool ascending = true;
        std::vector<std::size_t> rows;
    };
    static std::map<ImGuiID, Order> orders;
    Order& o = orders[ImGui::GetID(id)];
    int column = -1;
    bool ascending = true;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
        column = specs->Specs[0].ColumnIndex;
        ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
    }
    if (o.data != rows.data() || o.size != rows.size() || o.column != column || o.ascending != ascending) {
        o.data = rows.data();
        o.size = rows.size();
        o.column = column;
        o.ascending = ascending;
        o.rows.resize(rows.size());
        std::iota(o.rows.begin(), o.rows.end(), 0);
        if (column >= 0)
            std::stable_sort(o.rows.begin(), o.rows.end(), [&](std::size_t a, std::size_t b) {
                const auto ci = static_cast<std::size_t>(column);
                const Cell& x = rows[a][ci];
                const Cell& y = rows[b][ci];
                bool less = x.numeric && y.numeric ? x.number < y.number : x.text < y.text;
                bool more = x.numeric && y.numeric ? y.number < x.number : y.text < x.text;
                return ascending ? less : more;
            });
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = rows[o.rows[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            for (int k = 0; k < cols; ++k) {
                ImGui::TableNextColumn();
                if (static_cast<std::size_t>(k) < row.size()) text(row[static_cast<std::size_t>(k)].text);
            }
        }
    ImGui::EndTable();
}

}  // namespace dj::ui::chart
