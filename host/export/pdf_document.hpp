#pragma once
// A small page-layout layer over cairo and pango for the documents offices print and file:
// A4 pages, a title block, wrapped paragraphs, ruled tables whose rows break across pages
// (header rows repeated on each page, a row taller than a page continued on the next),
// signature lines and "第 i 页 共 n 页" footers. Chinese text is shaped by pango with the
// font chosen by family name through fontconfig; cairo embeds it in the PDF.
//
// No cairo or pango type appears here: only pdf_document.cpp is compiled against them
// (its own small library, see CMakeLists.txt), so the rest of the host stays lean.
#include <memory>
#include <string>
#include <vector>

namespace dj::pdf {

enum class Orientation { Portrait, Landscape };
enum class Align { Left, Center, Right };

struct Cell {
    std::string text;  // may hold '\n'; wrapped to the cell's width
    int span = 1;      // columns this cell covers
    Align align = Align::Left;
    bool shaded = false;  // a label or header cell: a light grey ground
};

struct Row {
    std::vector<Cell> cells;
    double min_height = 0;  // points; a paper record book's room to write in
};

struct Table {
    std::vector<double> widths;  // relative column widths; they share the text width
    std::vector<Row> header;     // repeated at the top of every page the table runs onto
    std::vector<Row> rows;
    double font_size = 9;        // points
};

class Document {
public:
    // `title` goes into the PDF's metadata and the footer of every page. Throws UserError
    // when the Chinese font cannot be found.
    Document(Orientation orientation, std::string title);
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // The heading of the first page: the title large and centred, a line of particulars
    // (unit, period, date) under it.
    void title_block(const std::string& title, const std::string& subtitle);
    // A wrapped paragraph.
    void text(const std::string& text, double size = 10, Align align = Align::Left);
    void space(double points);
    void table(const Table& table);
    // A row of "主持人（签字）：________" lines sharing the text width.
    void signatures(const std::vector<std::string>& labels);
    void page_break();

    int pages() const;
    // The PDF's bytes. Call once, last.
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace dj::pdf
