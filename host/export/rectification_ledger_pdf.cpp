#include "export/rectification_ledger_pdf.hpp"

#include "export/pdf_document.hpp"

namespace dj::exports {

std::string rectification_ledger_pdf(const std::vector<RectificationRow>& rows, const std::string& scope, Date today) {
    const std::string title = "整改事项台账";
    pdf::Document doc(pdf::Orientation::Landscape, title + "（" + scope + "）");
    std::size_t overdue = 0;
    for (const auto& r : rows) overdue += r.overdue;
    doc.title_block(title, scope + "    截至 " + today.iso() + "    共 " + std::to_string(rows.size()) + " 项，逾期 " +
                               std::to_string(overdue) + " 项");
    pdf::Table t;
    t.font_size = 8.5;
    t.widths = {0.65, 1.8, 0.6, 2.2, 2.5, 1.0, 0.8, 1.1, 1.3, 2.7};
    pdf::Row header;
    for (const char* h : {"序号", "责任单位", "年度", "问题", "具体情况", "来源", "责任人", "整改期限", "状态", "整改情况"})
        header.cells.push_back({h, 1, pdf::Align::Center, true});
    t.header.push_back(std::move(header));
    int n = 0;
    for (const auto& r : rows) {
        pdf::Row row;
        row.cells = {{std::to_string(++n), 1, pdf::Align::Center},
                     {r.org_name},
                     {std::to_string(r.year), 1, pdf::Align::Center},
                     {r.title},
                     {r.detail},
                     {r.source_label, 1, pdf::Align::Center},
                     {r.owner, 1, pdf::Align::Center},
                     {r.deadline, 1, pdf::Align::Center},
                     {r.status_label + (r.overdue ? "\n（逾期）" : ""), 1, pdf::Align::Center},
                     {r.evidence}};
        t.rows.push_back(std::move(row));
    }
    if (t.rows.empty()) t.rows.push_back({{{"没有符合条件的整改事项", 10, pdf::Align::Center}}, 0});
    doc.table(t);
    return doc.finish();
}

}  // namespace dj::exports
