#pragma once
// A Party member's record (党员) and what the rules derive from it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"

namespace dj {

// The two values of a member's status as stored and shown (党章 第五条: 预备党员, 正式党员).
// Code compares against these names, never against a spelled-out literal.
inline constexpr std::string_view kStatusFull = "正式";
inline constexpr std::string_view kStatusProbationary = "预备";
inline constexpr std::string_view kGenderMale = "男";
inline constexpr std::string_view kGenderFemale = "女";

struct MemberInput {
    std::string name;
    std::string gender;  // 男 / 女
    std::optional<Date> birth_date;
    Date join_date;                  // 入党日期
    std::optional<Date> full_date;   // 转正日期
    std::string status;              // 正式 / 预备
    std::string branch_code;
    std::string post;                // 职务
    std::string cadre_level;         // 职级
    std::vector<std::string> flags;
};

struct Member {
    std::int64_t id = 0;
    std::string name;
    std::string gender;
    std::optional<Date> birth_date;
    Date join_date;
    std::optional<Date> full_date;
    std::string status;
    std::int64_t branch_id = 0;
    std::string branch_code;
    std::string branch_name;
    std::string post;
    std::string cadre_level;
    std::vector<std::string> flags;
    // Derived on the reference date the service was asked about.
    std::optional<int> party_age;       // 党龄
    Date political_birthday;            // this year's 政治生日
    std::optional<int> age;
};

// Checks a member record on its own (not against the database). Returns every problem as a
// Chinese sentence naming the field; empty when the record is fine.
std::vector<std::string> validate_member(const MemberInput& m, Date today);

}  // namespace dj
