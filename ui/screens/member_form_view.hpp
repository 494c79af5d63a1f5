#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include "view.hpp"

namespace dj::ui {

// 新增/编辑党员: a form whose messages come from the service's validation.
class MemberFormView : public View {
public:
    explicit MemberFormView(Session& s) : View(s, "member_form", Kind::Tool) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override { return saving_; }

    void open_new(const std::string& branch_code);
    void open_edit(const Member& m);

private:
    enum Field { kName, kGender, kBirth, kJoin, kFull, kStatus, kBranch, kPost, kLevel, kFlags, kGeneral, kFieldCount };
    void save();
    void set_error(Field f, const std::string& message);
    void route_errors(const std::string& message);
    void draw_branch_picker();

    std::int64_t id_ = 0;  // 0: new
    std::string name_, gender_ = std::string(kGenderMale), birth_, join_, full_, status_ = std::string(kStatusFull),
        branch_, post_, level_, extra_flags_;
    std::vector<std::string> flags_;
    std::string errors_[kFieldCount];
    std::string branch_search_;
    bool saving_ = false;
    bool focus_name_ = false;
};

}  // namespace dj::ui
