#pragma once
// Member names for the field types' formatting (forms::ValueNames), read from the register as
// the values need them: exports and printed records show 张三, not a member number.
#include <cstdint>
#include <string>

#include "forms/field_types.hpp"
#include "store/member_store.hpp"

namespace dj {

class StoreNames : public forms::ValueNames {
public:
    explicit StoreNames(const store::MemberStore& members) : members_(members) {}
    std::string member_name(std::int64_t id) override { return members_.name_or_id(id); }

private:
    const store::MemberStore& members_;
};

}  // namespace dj
