#include "export/record_pdf.hpp"

#include "export/pdf_document.hpp"

namespace dj::exports {

namespace {

// The grid has four columns: label, value, label, value (label columns narrower).
const std::vector<double> kGrid = {1.45, 2.3, 1.45, 2.3};

pdf::Cell label(const std::string& text) {
    return {text, 1, pdf::Align::Center, true};
}

void add_record(pdf::Document& doc, const RecordPrint& r) {
    doc.title_block(r.title, r.particulars);
    pdf::Table grid;
    grid.widths = kGrid;
    grid.font_size = 10.5;
    const double short_row = 26, wide_row = 90;
    auto put = [&doc](pdf::Table& t) {
        if (!t.rows.empty()) doc.table(t);
        t.rows.clear();
    };
    std::vector<const RecordEntry*> pending;  // a short entry waiting for its row partner
    auto flush = [&] {
        if (pending.empty()) return;
        pdf::Row row;
        row.min_height = short_row;
        for (const auto* e : pending) {
            row.cells.push_back(label(e->label));
            row.cells.push_back({e->value, pending.size() == 1 ? 3 : 1});
        }
        grid.rows.push_back(std::move(row));
        pending.clear();
    };
    for (const auto& e : r.entries) {
        if (!e.wide && e.columns.empty()) {
            pending.push_back(&e);
            if (pending.size() == 2) flush();
            continue;
        }
        flush();
        if (e.columns.empty()) {
            grid.rows.push_back({{label(e.label), {e.value, 3}}, wide_row});
            continue;
        }
        // A repeating table: its label across the page, then its own header and rows,
        // columns sharing the grid's width.
        grid.rows.push_back({{{e.label, 4, pdf::Align::Left, true}}, 0});
        put(grid);
        pdf::Table t;
        t.widths.assign(e.columns.size(), 1.0);
        t.font_size = 9.5;
        pdf::Row header;
        for (const auto& c : e.columns) header.cells.push_back({c, 1, pdf::Align::Center, true});
        t.header.push_back(std::move(header));
        for (const auto& cells : e.rows) {
            pdf::Row row;
            for (const auto& c : cells) row.cells.push_back({c});
            t.rows.push_back(std::move(row));
        }
        if (t.rows.empty()) t.rows.push_back({{{"（无）", static_cast<int>(e.columns.size()), pdf::Align::Center}}, 0});
        doc.table(t);
    }
    flush();
    put(grid);
    doc.space(22);
    doc.signatures(r.signatures);
    if (!r.trail.empty()) {
        doc.space(10);
        for (const auto& line : r.trail) doc.text(line, 9);
    }
}

}  // namespace

std::string records_pdf(const std::vector<RecordPrint>& records, const std::string& title) {
    pdf::Document doc(pdf::Orientation::Portrait, title);
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0) doc.page_break();
        add_record(doc, records[i]);
    }
    return doc.finish();
}

}  // namespace dj::exports
