#pragma once
// One submitted record printed as a page of a paper record book (会议记录): a title, the
// unit and period, every printed field as a ruled label/value grid (short values two to a
// row, long text and tables across the page, wrapped), 签字 lines and the filing trail.
// The service maps a form's fields to these entries; nothing here knows a form.
#include <string>
#include <vector>

namespace dj::exports {

struct RecordEntry {
    std::string label;
    std::string value;
    bool wide = false;  // multi-line text, lists: a row of its own, with room to write
    // A repeating table field: its column labels and rows (value is then unused).
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct RecordPrint {
    std::string title;          // 会议记录
    std::string particulars;    // 单位 · 期间 · 编号, under the title
    std::vector<RecordEntry> entries;
    std::vector<std::string> signatures;  // 主持人, 记录人: a 签字 line each
    std::vector<std::string> trail;       // 报送 and 审核 steps, who and when
};

// PDF bytes; each record starts on a new page. `title` names the file in the footer.
std::string records_pdf(const std::vector<RecordPrint>& records, const std::string& title);

}  // namespace dj::exports
