#include "export/assessment_pdf.hpp"

#include <cmath>
#include <cstdio>

#include "export/pdf_document.hpp"

namespace dj::exports {

namespace {

// Every score with two decimals: a column of figures lines up and reads alike.
std::string score_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", std::round(v * 100) / 100);
    return buf;
}

}  // namespace

std::string assessment_pdf(const AssessmentPrint& a) {
    pdf::Document doc(pdf::Orientation::Landscape, a.title);
    doc.title_block(a.title, a.particulars);
    pdf::Table t;
    t.font_size = a.areas.size() > 6 ? 8 : 9;
    t.widths = {0.6, 3.3, 1.3};
    pdf::Row header;
    auto head = [&header](const std::string& text) { header.cells.push_back({text, 1, pdf::Align::Center, true}); };
    head("排名");
    head("单位");
    head("类别");
    for (const auto& area : a.areas) {
        t.widths.push_back(1.0);
        head(area);
    }
    t.widths.insert(t.widths.end(), {0.9, 0.7, 1.6});
    head("总分");
    head("等次");
    head("一票否决");
    t.header.push_back(std::move(header));
    for (const auto& r : a.rows) {
        pdf::Row row;
        row.cells.push_back({std::to_string(r.rank), 1, pdf::Align::Center});
        row.cells.push_back({r.unit});
        row.cells.push_back({r.kind, 1, pdf::Align::Center});
        for (std::size_t i = 0; i < a.areas.size(); ++i)
            row.cells.push_back({i < r.areas.size() ? score_text(r.areas[i]) : "", 1, pdf::Align::Right});
        row.cells.push_back({score_text(r.score), 1, pdf::Align::Right});
        row.cells.push_back({r.rating, 1, pdf::Align::Center});
        row.cells.push_back({r.veto});
        t.rows.push_back(std::move(row));
    }
    if (t.rows.empty())
        t.rows.push_back({{{"没有参加考核的单位", static_cast<int>(t.widths.size()), pdf::Align::Center}}, 0});
    doc.table(t);
    if (!a.note.empty()) {
        doc.space(6);
        doc.text(a.note, 9);
    }
    return doc.finish();
}

}  // namespace dj::exports
