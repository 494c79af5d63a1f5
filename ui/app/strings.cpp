#include "strings.hpp"

namespace dj::ui {

std::vector<const char*>& static_strings() {
    static std::vector<const char*> all;
    return all;
}

}  // namespace dj::ui
