#include "file_dialog.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "automation.hpp"
#include "drops.hpp"
#include "gui_settings.hpp"
#include "io/user_files.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace fs = std::filesystem;

namespace {

std::string size_label(std::uintmax_t bytes) {
    if (bytes < 1024) return format(ZH("%ju 字节"), bytes);
    if (bytes < 1024 * 1024) return format("%.1f KB", static_cast<double>(bytes) / 1024);
    return format("%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string time_label(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::time_t to_time_t(fs::file_time_type t) {
    auto s = std::chrono::time_point_cast<std::chrono::system_clock::duration>(t - fs::file_time_type::clock::now() +
                                                                                std::chrono::system_clock::now());
    return std::chrono::system_clock::to_time_t(s);
}

std::string lower_ext(const std::string& name) {
    std::string e = fs::path(name).extension().string();
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

// Why a folder cannot be listed, in words a user acts on.
std::string folder_error(const std::string& dir, const std::error_code& ec) {
    if (ec == std::errc::permission_denied) return "无法打开文件夹「" + dir + "」：没有访问权限";
    if (ec == std::errc::no_such_file_or_directory) return "文件夹「" + dir + "」不存在（可能已被移动或删除）";
    if (ec == std::errc::not_a_directory) return "「" + dir + "」不是文件夹";
    return "无法读取文件夹「" + dir + "」（" + ec.message() + "）";
}

}  // namespace

void FileDialog::open(Options options) {
    o_ = std::move(options);
    open_ = true;
    appearing_ = true;
    shown_logged_ = false;
    filter_.clear();
    problem_.clear();
    overwrite_.clear();
    name_ = o_.mode == Mode::Save ? o_.name : std::string();
    ext_ = 0;
    recent_ = recent_dirs();
    documents_ = documents_dir();
    desktop_ = desktop_dir();
    home_ = user_home();
    std::string start = o_.dir;
    if (start.empty()) start = recent_.empty() ? documents_ : recent_.front();
    go(start);
}

void FileDialog::go(const std::string& dir) {
    entries_.clear();
    error_.clear();
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::path(expand_home(dir)), ec);
    if (ec) p = fs::path(dir);
    dir_ = p.string();
    fs::directory_iterator it(p, fs::directory_options::none, ec);
    if (ec) {
        error_ = folder_error(dir_, ec);
        auto_log("filedlg_error", o_.id + " " + error_);
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            error_ = folder_error(dir_, ec);
            break;
        }
        Entry e;
        e.name = it->path().filename().string();
        if (e.name.empty() || e.name[0] == '.') continue;  // hidden files, as file managers do
        glyph_atlas().add(e.name);  // now, not when first drawn: a name's own glyphs are often new
        std::error_code ec2;
        e.dir = it->is_directory(ec2);
        if (!e.dir) e.size = it->file_size(ec2);
        auto t = it->last_write_time(ec2);
        if (!ec2) e.modified = to_time_t(t);
        entries_.push_back(std::move(e));
    }
    sort_entries(sort_column_, sort_ascending_);
    auto_log("filedlg_dir", o_.id + " " + dir_);
}

void FileDialog::sort_entries(int column, bool ascending) {
    sort_column_ = column;
    sort_ascending_ = ascending;
    std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
        if (a.dir != b.dir) return a.dir;  // folders first, whichever column
        bool less = false, greater = false;
        switch (column) {
            case 1: less = a.size < b.size, greater = b.size < a.size; break;
            case 2: less = a.modified < b.modified, greater = b.modified < a.modified; break;
            default: less = a.name < b.name, greater = b.name < a.name;
        }
        return ascending ? less : greater;
    });
}

bool FileDialog::accepts(const std::string& name) const {
    if (o_.extensions.empty() || ext_ >= static_cast<int>(o_.extensions.size())) return true;  // 所有文件
    if (ext_ < 0) return false;
    // 打开: any of the offered kinds; 保存: the chosen one.
    if (o_.mode == Mode::Open) {
        auto e = lower_ext(name);
        return std::find(o_.extensions.begin(), o_.extensions.end(), e) != o_.extensions.end();
    }
    return lower_ext(name) == o_.extensions[static_cast<std::size_t>(ext_)];
}

std::optional<std::string> FileDialog::confirm(const std::string& chosen) {
    problem_.clear();
    std::string path = expand_home(chosen);
    if (path.empty()) {
        problem_ = o_.mode == Mode::Open ? ZH("请先选择一个文件") : ZH("请填写文件名");
        return std::nullopt;
    }
    if (path[0] != '/') path = (fs::path(dir_) / path).string();
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        go(path);
        name_.clear();
        return std::nullopt;
    }
    std::string ext_list;
    for (const auto& e : o_.extensions) ext_list += (ext_list.empty() ? "" : ZH("、")) + e;
    if (o_.mode == Mode::Open) {
        if (!fs::exists(path, ec)) {
            problem_ = "文件「" + path + "」不存在";
            return std::nullopt;
        }
        if (!o_.extensions.empty() &&
            std::find(o_.extensions.begin(), o_.extensions.end(), lower_ext(path)) == o_.extensions.end()) {
            problem_ = "「" + fs::path(path).filename().string() + "」不是可用的文件类型，请选择 " + ext_list + " 文件";
            return std::nullopt;
        }
        if (access(path.c_str(), R_OK) != 0) {
            problem_ = "没有读取文件「" + path + "」的权限";
            return std::nullopt;
        }
    } else {
        if (!o_.extensions.empty() && lower_ext(path).empty() && ext_ < static_cast<int>(o_.extensions.size()))
            path += o_.extensions[static_cast<std::size_t>(ext_)];
        std::string parent = fs::path(path).parent_path().string();
        if (!fs::is_directory(parent, ec)) {
            problem_ = "文件夹「" + parent + "」不存在";
            return std::nullopt;
        }
        if (access(parent.c_str(), W_OK) != 0) {
            problem_ = "没有在文件夹「" + parent + "」中保存文件的权限，请换一个位置";
            return std::nullopt;
        }
        if (fs::exists(path, ec) && overwrite_ != path) {
            overwrite_ = path;  // asked below; 替换 confirms
            return std::nullopt;
        }
    }
    overwrite_.clear();
    remember_dir(fs::path(path).parent_path().string());
    open_ = false;
    auto_log("filedlg_chosen", o_.id + " " + path);
    return path;
}

void FileDialog::place_button(const std::string& text_label, const std::string& path, const std::string& auto_id) {
    glyph_atlas().add(text_label);
    std::string l = text_label + "##" + auto_id;
    if (selectable(l.c_str(), dir_ == path)) go(path);
    auto_item(o_.id + "." + auto_id);
    if (ImGui::IsItemHovered()) tooltip(path);
}

std::optional<std::string> FileDialog::draw() {
    if (!open_) return std::nullopt;
    std::optional<std::string> chosen;
    // A file dropped on the window while the dialog is open is the one chosen.
    if (auto dropped = take_dropped()) {
        std::error_code ec;
        if (o_.mode == Mode::Open) return confirm(*dropped);
        if (fs::is_directory(*dropped, ec)) go(*dropped);
    }

    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(em * 58, vp->WorkSize.x - em), std::min(em * 34, vp->WorkSize.y - em)),
                             ImGuiCond_Appearing);
    if (appearing_) ImGui::SetNextWindowFocus();
    appearing_ = false;
    glyph_atlas().add(o_.title);
    std::string title = o_.title + "###" + o_.id;
    bool keep = true;
    if (!ImGui::Begin(label(title.c_str()), &keep, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        if (!keep) open_ = false;
        return std::nullopt;
    }
    if (!keep) open_ = false;

    // The folder's path, with a way up.
    if (button(ZH("上一级"))) go(fs::path(dir_).parent_path().string());
    auto_item(o_.id + ".up");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text(dir_);

    const float footer = ImGui::GetFrameHeightWithSpacing() * (overwrite_.empty() ? 2.2f : 3.4f) +
                         (problem_.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing());
    ImGui::BeginChild("##places", ImVec2(em * 11, -footer), true);
    const auto& recent = recent_;
    if (!recent.empty()) {
        text_muted(ZH("最近位置"));
        for (std::size_t i = 0; i < recent.size(); ++i) {
            std::string base = fs::path(recent[i]).filename().string();
            place_button(base.empty() ? recent[i] : base, recent[i], "recent." + std::to_string(i));
        }
        ImGui::Spacing();
    }
    text_muted(ZH("位置"));
    if (desktop_) place_button(ZH("桌面"), *desktop_, "place.desktop");
    place_button(ZH("文档"), documents_, "place.documents");
    place_button(ZH("主目录"), home_, "place.home");
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginGroup();
    ImGui::SetNextItemWidth(-FLT_MIN);
    input(ZH("##filedlg_filter"), filter_, ZH("输入文字筛选本文件夹中的文件"), 0, (o_.id + ".filter").c_str());
    if (!error_.empty()) {
        ImGui::BeginChild("##error", ImVec2(0, -footer), true);
        text_error(error_);
        ImGui::EndChild();
    } else if (ImGui::BeginTable("##files", 3,
                                 ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable,
                                 ImVec2(0, -footer))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("名称"), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort);
        ImGui::TableSetupColumn(ZH("大小"), ImGuiTableColumnFlags_WidthFixed, em * 6);
        ImGui::TableSetupColumn(ZH("修改时间"), ImGuiTableColumnFlags_WidthFixed, em * 8.5f);
        table_headers();
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty && specs->SpecsCount > 0) {
            sort_entries(specs->Specs[0].ColumnIndex, specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending);
            specs->SpecsDirty = false;
        }
        std::string go_to;
        std::size_t shown = 0;
        for (const auto& e : entries_) {
            if (!matches_filter(e.name, filter_)) continue;
            if (!e.dir && !accepts(e.name)) continue;
            ++shown;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            glyph_atlas().add(e.name);
            std::string shown_name = (e.dir ? std::string(ZH("[文件夹] ")) : std::string()) + e.name + "##" + e.name;
            bool selected = !e.dir && name_ == e.name;
            if (selectable(shown_name.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                if (e.dir) go_to = (fs::path(dir_) / e.name).string();  // one click opens a folder
                else {
                    name_ = e.name;
                    auto_log("filedlg_select", o_.id + " " + e.name);
                    problem_.clear();
                    overwrite_.clear();
                    if (ImGui::IsMouseDoubleClicked(0)) chosen = confirm(e.name);
                }
            }
            auto_item(o_.id + ".entry." + e.name);
            ImGui::TableNextColumn();
            text_muted(e.dir ? std::string(ZH("文件夹")) : size_label(e.size));
            ImGui::TableNextColumn();
            text_muted(e.modified ? time_label(e.modified) : std::string());
        }
        ImGui::EndTable();
        if (!go_to.empty()) {
            go(go_to);
            filter_.clear();
        }
        (void)shown;
    }
    ImGui::EndGroup();

    // The file name, the kind of file, and the buttons.
    ImGui::AlignTextToFramePadding();
    text(ZH("文件名"));
    ImGui::SameLine();
    const float ext_w = em * 12;
    const char* ok_text = o_.mode == Mode::Open ? ZH("打开") : ZH("保存");
    ImGui::SetNextItemWidth(std::max(em * 10, ImGui::GetContentRegionAvail().x - ext_w - em * 10.5f));
    // Not EnterReturnsTrue: every edit is reported (automation log); Enter confirms.
    input(ZH("##filedlg_name"), name_, o_.mode == Mode::Open ? ZH("选择或输入文件名") : ZH("输入文件名"), 0,
          (o_.id + ".name").c_str());
    bool enter = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter));
    ImGui::SameLine();
    {
        std::vector<std::string> kinds;
        std::string all;
        for (const auto& e : o_.extensions) {
            kinds.push_back(std::string(e == ".xlsx" ? ZH("Excel 工作簿") : e == ".csv" ? ZH("CSV 文件") : ZH("文件")) + " (*" + e + ")");
            all += (all.empty() ? "" : ", ") + ("*" + e);
        }
        if (o_.mode == Mode::Open && o_.extensions.size() > 1) kinds.insert(kinds.begin(), std::string(ZH("支持的文件")) + " (" + all + ")");
        kinds.push_back(ZH("所有文件 (*)"));
        // In open mode index 0 is every supported kind; accepts() reads ext_ accordingly.
        int shown_index = o_.mode == Mode::Open && o_.extensions.size() > 1 ? (ext_ >= static_cast<int>(o_.extensions.size()) ? static_cast<int>(kinds.size()) - 1 : 0) : ext_;
        ImGui::SetNextItemWidth(ext_w);
        for (const auto& k : kinds) glyph_atlas().add(k);
        if (ImGui::BeginCombo("##filedlg_ext", kinds[static_cast<std::size_t>(std::clamp(shown_index, 0, static_cast<int>(kinds.size()) - 1))].c_str())) {
            for (int i = 0; i < static_cast<int>(kinds.size()); ++i) {
                if (selectable(kinds[static_cast<std::size_t>(i)].c_str(), i == shown_index)) {
                    bool last = i == static_cast<int>(kinds.size()) - 1;
                    if (o_.mode == Mode::Open && o_.extensions.size() > 1) ext_ = last ? static_cast<int>(o_.extensions.size()) : 0;
                    else ext_ = i;
                    if (o_.mode == Mode::Save && !last && !name_.empty()) {
                        // The name follows the kind chosen: 名册.csv -> 名册.xlsx.
                        name_ = fs::path(name_).replace_extension(o_.extensions[static_cast<std::size_t>(i)]).string();
                    }
                }
            }
            ImGui::EndCombo();
        }
        auto_item(o_.id + ".ext");
    }
    ImGui::SameLine();
    bool ok = button(ok_text, ImVec2(em * 4, 0));
    auto_item(o_.id + ".ok");
    ImGui::SameLine();
    if (button(ZH("取消"), ImVec2(em * 4, 0))) {
        open_ = false;
        auto_log("filedlg_cancel", o_.id);
    }
    auto_item(o_.id + ".cancel");
    if ((ok || enter) && !chosen) chosen = confirm(name_);
    if (!problem_.empty()) text_error(problem_);
    if (!shown_logged_) {
        shown_logged_ = true;
        auto_log("filedlg_shown", o_.id);  // laid out: its widgets' places are logged
    }
    if (!overwrite_.empty()) {
        text_colored(colors::kWarn, "「" + fs::path(overwrite_).filename().string() + std::string(ZH("」已存在。要替换它吗？")));
        ImGui::SameLine();
        if (button(ZH("替换"))) chosen = confirm(overwrite_);
        auto_item(o_.id + ".overwrite");
        ImGui::SameLine();
        if (button(ZH("不替换"))) overwrite_.clear();
    }
    ImGui::End();
    return chosen;
}

}  // namespace dj::ui
