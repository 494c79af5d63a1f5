#pragma once
// Shared by the accounts tests: the small county with a clock the test moves by hand, and
// accounts given a password of their own.
#include <cstdint>
#include <string>

#include "support.hpp"

namespace dj::test {

struct ClockedCounty : SmallCounty {
    std::int64_t now = 1'700'000'000;  // 2023-11-14, any fixed moment does
    ClockedCounty() {
        svc->set_clock([this] { return now; });
    }

    // Gives `login` the password `password` the way a person would: an administrator resets
    // it, the person replaces the one-time password with their own.
    void give_password(const std::string& login, const std::string& password) {
        auto reset = svc->reset_password(as("admin"), login);
        svc->change_password(as(login), reset.initial_password, password);
    }

    SessionInfo login(const std::string& login, const std::string& password, const std::string& source = "10.0.0.7") {
        return svc->login(LoginRequest{login, password, source});
    }

    std::size_t count(const std::string& sql) {
        auto st = svc->connection().prepare(sql);
        st.step();
        return static_cast<std::size_t>(st.int64(0));
    }
};

inline const std::string kPassword = "correct horse battery";

}  // namespace dj::test
