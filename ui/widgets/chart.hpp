#pragma once
// Charts drawn with ImGui's draw lists (Debian ships no plotting library for ImGui): horizontal
// bars (one or two series per row, optionally against a row's maximum), lines over categories
// and a pie. Each chart titles its axes in Chinese, shows the exact value of what the pointer
// is over, and has a table of the same numbers (number_table) for those who prefer numbers.
// Charts draw only what is visible (long bar lists are clipped), so a frame costs the same with
// 5 bars or 1,500. With the automation hook on, each chart logs the numbers it draws
// (`chart ID label=value;…`) whenever they change, so tests check the picture's figures.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

namespace dj::ui::chart {

// Readable on the light and the dark theme, and apart for colour-blind readers (Tableau 10).
ImU32 palette(std::size_t i);
// A scale's colours, best first: green, blue, orange, red, then the palette.
ImU32 rank_color(std::size_t rank);

struct Series {
    std::string name;            // the legend's text
    std::vector<double> values;  // one per row / category
    ImU32 color = 0;             // 0: palette(i)
};

struct BarChart {
    std::string value_axis;             // e.g. 完成率（%）
    std::string category_axis;          // e.g. 部门
    std::vector<std::string> rows;      // one label per row
    std::vector<Series> series;         // one or two bars per row
    std::vector<double> row_max;        // optional: a faint full-length bar (满分) behind each row
    double max = 0;                     // 0: from the data (and row_max)
    int decimals = 1;
    std::string unit;                   // after values, e.g. %
    float height = 0;                   // 0: every row, up to 18 rows, then a scrolled list
};
// Horizontal bars: labels left, values across. Returns the row clicked, or -1.
int bar_chart(const char* id, const BarChart& c);

struct LineChart {
    std::string value_axis;               // e.g. 次数
    std::string category_axis;            // e.g. 月份
    std::vector<std::string> categories;  // x positions, e.g. 1月 … 12月
    std::vector<Series> series;
    int decimals = 0;
    float height = 0;                     // 0: 15 lines of text
};
void line_chart(const char* id, const LineChart& c);

struct PieChart {
    std::string title;                // above the pie
    std::vector<std::string> labels;  // slices, in order
    std::vector<double> values;
    std::vector<ImU32> colors;        // optional, per slice
    std::string unit;                 // after values in the legend, e.g. 份
    float radius = 0;                 // 0: 5 lines of text
};
void pie_chart(const char* id, const PieChart& c);

// One cell of number_table: the text shown and the number it sorts by (text when NaN).
struct Cell {
    std::string text;
    double number = 0;
    bool numeric = false;
};
Cell text_cell(std::string s);
Cell number_cell(double v, int decimals, const std::string& unit = {});

// The chart's numbers as a table: sortable by any column (click its header), clipped to the
// rows on screen; `max_rows` visible before it scrolls.
void number_table(const char* id, const std::vector<std::string>& headers, const std::vector<std::vector<Cell>>& rows,
                  float max_rows = 12);

}  // namespace dj::ui::chart
