#include "store/settings_store.hpp"

namespace dj::store {

std::optional<std::string> SettingsStore::get(std::string_view key) const {
    auto st = db_.prepare("SELECT value FROM app_setting WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void SettingsStore::put(std::string_view key, std::string_view value) const {
    db_.prepare("INSERT INTO app_setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind_all(key, value)
        .run();
}

}  // namespace dj::store
