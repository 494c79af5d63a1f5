#include "export/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <numeric>

#include "core/errors.hpp"

namespace dj::pdf {

namespace {

// Chosen by family name; fontconfig finds the file (fonts-wqy-microhei, a dependency).
constexpr const char* kFontFamily = "WenQuanYi Micro Hei";
constexpr double kA4Short = 595.276, kA4Long = 841.89;  // points
constexpr double kMargin = 50, kFooter = 28;            // footer baseline from the bottom edge
constexpr double kPad = 4;                              // inside a table cell

template <class T>
struct GUnref {
    void operator()(T* p) const { g_object_unref(p); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

std::string with_page(const std::string& title, int page, int total) {
    return title + "    第 " + std::to_string(page) + " 页 共 " + std::to_string(total) + " 页";
}

PangoAlignment pango_align(Align a) {
    return a == Align::Center ? PANGO_ALIGN_CENTER : a == Align::Right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

}  // namespace

struct Document::Impl {
    using Op = std::function<void(cairo_t*)>;

    double page_w = 0, page_h = 0;
    std::string title;
    PangoFontMap* font_map = nullptr;
    PangoContext* context = nullptr;
    std::vector<std::vector<Op>> pages;
    double y = kMargin;  // where the next block starts on the last page

    double left() const { return kMargin; }
    double width() const { return page_w - 2 * kMargin; }
    double bottom() const { return page_h - kMargin; }

    Impl(Orientation o, std::string t) : title(std::move(t)) {
        page_w = o == Orientation::Portrait ? kA4Short : kA4Long;
        page_h = o == Orientation::Portrait ? kA4Long : kA4Short;
        // Our own font map and context: a document can be made on any thread (the GUI's
        // worker, the server's pool) without sharing pango's per-thread default.
        font_map = pango_cairo_font_map_new();
        context = pango_font_map_create_context(font_map);
        // Points are user units on a PDF surface: 72 dpi makes a 10 pt font 10 units high.
        pango_cairo_context_set_resolution(context, 72);
        // Unhinted metrics: what is measured is what is drawn, on any surface.
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context, options);
        cairo_font_options_destroy(options);
        check_font();
        pages.emplace_back();
    }

    ~Impl() {
        pages.clear();  // the ops hold layouts, which hold the context
        if (context) g_object_unref(context);
        if (font_map) g_object_unref(font_map);
    }

    // Without the font pango would substitute one without Chinese glyphs and print boxes:
    // refuse instead, saying what to install.
    void check_font() {
        PangoFontDescription* desc = pango_font_description_from_string(kFontFamily);
        PangoFont* font = pango_font_map_load_font(font_map, context, desc);
        std::string family;
        if (font) {
            PangoFontDescription* got = pango_font_describe(font);
            if (const char* f = pango_font_description_get_family(got)) family = f;
            pango_font_description_free(got);
            g_object_unref(font);
        }
        pango_font_description_free(desc);
        if (family.find("WenQuanYi") == std::string::npos)
            throw UserError("未找到中文字体「文泉驿微米黑」（WenQuanYi Micro Hei），无法生成 PDF：请安装 fonts-wqy-microhei");
    }

    LayoutPtr layout(const std::string& text, double size, double w, Align align) {
        LayoutPtr l(pango_layout_new(context), GUnref<PangoLayout>{});
        PangoFontDescription* desc = pango_font_description_from_string(kFontFamily);
        pango_font_description_set_size(desc, static_cast<int>(size * PANGO_SCALE));
        pango_layout_set_font_description(l.get(), desc);
        pango_font_description_free(desc);
        pango_layout_set_width(l.get(), static_cast<int>(std::max(1.0, w) * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l.get(), pango_align(align));
        pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
        return l;
    }

    static double height(const LayoutPtr& l) {
        int w = 0, h = 0;
        pango_layout_get_size(l.get(), &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    // Where the layout's lines end, from its top: the places a row may be cut.
    static std::vector<double> line_bottoms(const LayoutPtr& l) {
        std::vector<double> out;
        PangoLayoutIter* it = pango_layout_get_iter(l.get());
        do {
            int y0 = 0, y1 = 0;
            pango_layout_iter_get_line_yrange(it, &y0, &y1);
            out.push_back(static_cast<double>(y1) / PANGO_SCALE);
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        return out;
    }

    void draw(Op op) { pages.back().push_back(std::move(op)); }

    void new_page() {
        pages.emplace_back();
        y = kMargin;
    }

    // A block of height h at y: on this page if it fits, else on the next.
    void reserve(double h) {
        if (y + h > bottom() && y > kMargin) new_page();
    }

    void show(const LayoutPtr& l, double x, double at) {
        draw([l, x, at](cairo_t* cr) {
            cairo_move_to(cr, x, at);
            pango_cairo_show_layout(cr, l.get());
        });
    }

    // --- tables ---

    struct Placed {
        LayoutPtr layout;
        double x = 0, w = 0;  // the cell's box
        bool shaded = false;
        std::vector<double> lines;
    };

    std::vector<Placed> place(const Table& t, const Row& row) {
        double total = std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
        std::vector<double> xs{left()};
        for (double w : t.widths) xs.push_back(xs.back() + width() * w / total);
        std::vector<Placed> out;
        std::size_t col = 0;
        for (const auto& c : row.cells) {
            if (col >= t.widths.size()) break;
            std::size_t end = std::min(t.widths.size(), col + static_cast<std::size_t>(std::max(1, c.span)));
            Placed p;
            p.x = xs[col];
            p.w = xs[end] - xs[col];
            p.shaded = c.shaded;
            p.layout = layout(c.text, t.font_size, p.w - 2 * kPad, c.align);
            p.lines = line_bottoms(p.layout);
            out.push_back(std::move(p));
            col = end;
        }
        return out;
    }

    static double row_height(const std::vector<Placed>& cells, const Row& row) {
        double h = row.min_height;
        for (const auto& c : cells) h = std::max(h, height(c.layout) + 2 * kPad);
        return h;
    }

    // One slice of a row: the cells' boxes from `at` for `h` points, their text shifted up
    // by `skip` (what earlier slices showed) and clipped to the box.
    void draw_slice(const std::vector<Placed>& cells, double at, double h, double skip) {
        for (const auto& c : cells) {
            Placed cell = c;
            draw([cell, at, h, skip](cairo_t* cr) {
                if (cell.shaded) {
                    cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
                    cairo_rectangle(cr, cell.x, at, cell.w, h);
                    cairo_fill(cr);
                    cairo_set_source_rgb(cr, 0, 0, 0);
                }
                cairo_save(cr);
                cairo_rectangle(cr, cell.x, at, cell.w, h);
                cairo_clip(cr);
                cairo_move_to(cr, cell.x + kPad, at + kPad - skip);
                pango_cairo_show_layout(cr, cell.layout.get());
                cairo_restore(cr);
                cairo_set_line_width(cr, 0.6);
                cairo_rectangle(cr, cell.x, at, cell.w, h);
                cairo_stroke(cr);
            });
        }
    }

    void draw_header(const Table& t) {
        for (const auto& row : t.header) {
            auto cells = place(t, row);
            double h = row_height(cells, row);
            draw_slice(cells, y, h, 0);
            y += h;
        }
    }

    // The deepest line end of every cell at or above `limit` (of the text): a cut there
    // splits no line of text.
    static double cut_at(const std::vector<Placed>& cells, double limit) {
        double cut = limit;
        for (const auto& c : cells) {
            if (c.lines.empty() || c.lines.back() <= limit) continue;  // this cell ends above
            double best = 0;
            for (double b : c.lines)
                if (b <= limit) best = b;
            cut = std::min(cut, best);
        }
        return cut;
    }

    void table(const Table& t) {
        if (t.widths.empty()) return;
        double header_h = 0;
        for (const auto& row : t.header) header_h += row_height(place(t, row), row);
        // The header with at least a line of the first row, or a new page.
        reserve(header_h + t.font_size * 2 + 2 * kPad);
        draw_header(t);
        const double page_room = bottom() - kMargin - header_h;
        for (const auto& row : t.rows) {
            auto cells = place(t, row);
            double h = row_height(cells, row);
            if (y + h <= bottom()) {
                draw_slice(cells, y, h, 0);
                y += h;
                continue;
            }
            if (h <= page_room) {  // fits on a page of its own: start one
                new_page();
                draw_header(t);
                draw_slice(cells, y, h, 0);
                y += h;
                continue;
            }
            // Taller than a page (a long 主要内容): continued across pages, cut between lines.
            double shown = 0;
            while (shown < h) {
                double room = bottom() - y;
                if (room < t.font_size * 3 + 2 * kPad) {
                    new_page();
                    draw_header(t);
                    continue;
                }
                double slice = h - shown;
                if (slice > room) {
                    double cut = cut_at(cells, shown + room - 2 * kPad);
                    slice = cut > shown ? cut - shown + kPad : room;
                }
                draw_slice(cells, y, slice, shown);
                shown += slice;
                y += slice;
                if (shown < h) {
                    new_page();
                    draw_header(t);
                }
            }
        }
    }

    void signatures(const std::vector<std::string>& labels) {
        if (labels.empty()) return;
        const double size = 10.5, gap = 16;
        double each = width() / static_cast<double>(labels.size());
        double line_h = size * 2;
        reserve(line_h + 4);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            double x = left() + each * static_cast<double>(i);
            auto l = layout(labels[i] + "（签字）：", size, each, Align::Left);
            int lw = 0, lh = 0;
            pango_layout_get_pixel_size(l.get(), &lw, &lh);
            double base = y + line_h;
            show(l, x, base - lh);
            double from = x + lw, to = x + each - gap;
            draw([from, to, base](cairo_t* cr) {
                cairo_set_line_width(cr, 0.6);
                cairo_move_to(cr, from, base);
                cairo_line_to(cr, to, base);
                cairo_stroke(cr);
            });
        }
        y += line_h + 6;
    }

    std::string finish() {
        std::string out;
        cairo_write_func_t write = [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        };
        cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write, &out, page_w, page_h);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "dangjian");
        cairo_t* cr = cairo_create(surface);
        const int total = static_cast<int>(pages.size());
        for (int i = 0; i < total; ++i) {
            cairo_set_source_rgb(cr, 0, 0, 0);
            for (const auto& op : pages[static_cast<std::size_t>(i)]) op(cr);
            auto footer = layout(with_page(title, i + 1, total), 8.5, width(), Align::Center);
            cairo_move_to(cr, left(), page_h - kFooter - height(footer));
            pango_cairo_show_layout(cr, footer.get());
            cairo_show_page(cr);
        }
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        cairo_status_t status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            throw UserError(std::string("生成 PDF 失败：") + cairo_status_to_string(status));
        return out;
    }
};

Document::Document(Orientation orientation, std::string title)
    : impl_(std::make_unique<Impl>(orientation, std::move(title))) {}

Document::~Document() = default;

void Document::title_block(const std::string& title, const std::string& subtitle) {
    auto& d = *impl_;
    auto t = d.layout(title, 18, d.width(), Align::Center);
    double th = Impl::height(t);
    LayoutPtr s = subtitle.empty() ? nullptr : d.layout(subtitle, 10, d.width(), Align::Center);
    double sh = s ? Impl::height(s) + 6 : 0;
    d.reserve(th + sh + 12);
    d.show(t, d.left(), d.y);
    d.y += th + 6;
    if (s) {
        d.show(s, d.left(), d.y);
        d.y += sh;
    }
    d.y += 6;
}

void Document::text(const std::string& text, double size, Align align) {
    auto& d = *impl_;
    auto l = d.layout(text, size, d.width(), align);
    double h = Impl::height(l);
    d.reserve(h);
    d.show(l, d.left(), d.y);
    d.y += h;
}

void Document::space(double points) {
    impl_->y += points;
}

void Document::table(const Table& table) {
    impl_->table(table);
}

void Document::signatures(const std::vector<std::string>& labels) {
    impl_->signatures(labels);
}

void Document::page_break() {
    impl_->new_page();
}

int Document::pages() const {
    return static_cast<int>(impl_->pages.size());
}

std::string Document::finish() {
    return impl_->finish();
}

}  // namespace dj::pdf
